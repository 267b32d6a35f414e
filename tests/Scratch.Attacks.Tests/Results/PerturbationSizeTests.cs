namespace Scratch.Attacks.Tests;

public class PerturbationSizeTests
{
    // The reference: element i's square goes to sum i mod 4 (the last n mod 4 elements to sum 0), the four sums are
    // added as (s0 + s1) + (s2 + s3).
    private static PerturbationSize Reference(double[] r)
    {
        var sums = new double[4];
        double linf = 0;
        var changed = 0;
        for (var i = 0; i < r.Length; i++)
        {
            sums[i < r.Length - r.Length % 4 ? i % 4 : 0] += r[i] * r[i];
            linf = Math.Max(linf, Math.Abs(r[i]));
            changed += r[i] != 0 ? 1 : 0;
        }
        var squares = (sums[0] + sums[1]) + (sums[2] + sums[3]);
        return new PerturbationSize(changed, Math.Sqrt(squares), linf, r.Length == 0 ? 0 : Math.Sqrt(squares / r.Length));
    }

    [Fact]
    public void Of_EqualsTheFourChainSumBitForBit_AtEveryLengthAndTail()
    {
        var random = new Random(5);
        for (var n = 0; n <= 37; n++)
        {
            // About a third of the entries are zero (negative zero among them), the rest spread over ±1e-3…±1.
            var r = Enumerable.Range(0, n).Select(_ => random.Next(3) == 0 ? (random.Next(2) == 0 ? 0.0 : -0.0)
                : (random.NextDouble() - 0.5) * Math.Pow(10, -3 * random.NextDouble())).ToArray();
            Assert.Equal(Reference(r), PerturbationSize.Of(r));
        }
    }

    [Fact]
    public void Of_KnownVector_GivesItsNorms()
    {
        var size = PerturbationSize.Of([3, 0, -4, 0, 0]);
        Assert.Equal(new PerturbationSize(2, 5, 4, Math.Sqrt(25.0 / 5)), size);
    }

    [Fact]
    public void Of_NaN_MakesL2AndLinfNaN()
    {
        var size = PerturbationSize.Of([0.5, double.NaN, 0, 0.25, 1]);
        Assert.True(double.IsNaN(size.L2));
        Assert.True(double.IsNaN(size.Linf));
        Assert.Equal(4, size.L0);
    }
}
