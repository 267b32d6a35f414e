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

    [Fact]
    public void OfRows_EqualsOfTheWidenedDifference_ForEveryRowCountAndLength()
    {
        var random = new Random(11);
        float[] specials = [0f, -0f, 1f, float.Epsilon, float.MaxValue, float.PositiveInfinity, float.NaN];
        // 0–9 rows cover the four-row groups and the rows left over; lengths 0–37 every 8-, 4- and 1-element tail.
        for (var rows = 0; rows <= 9; rows++)
        {
            foreach (var length in new[] { 0, 1, 3, 4, 7, 8, 11, 12, 16, 37 })
            {
                var clean = new float[rows * length];
                var perturbed = new float[rows * length];
                for (var i = 0; i < clean.Length; i++)
                {
                    clean[i] = (float)random.NextDouble();
                    // A third unchanged, a few special values, the rest moved by up to ±0.3.
                    perturbed[i] = random.Next(3) == 0 ? clean[i]
                        : random.Next(40) == 0 ? specials[random.Next(specials.Length)]
                        : clean[i] + (float)((random.NextDouble() - 0.5) * 0.6);
                }
                var sizes = new PerturbationSize[rows];
                PerturbationSize.OfRows(perturbed, clean, length, sizes);
                for (var row = 0; row < rows; row++)
                {
                    var r = Enumerable.Range(row * length, length).Select(i => (double)perturbed[i] - clean[i]).ToArray();
                    Assert.Equal(Reference(r), sizes[row]);
                }
            }
        }
    }

    [Fact]
    public void OfRows_LargeBatchSplitAcrossCores_EachRowAsAlone()
    {
        // 301 rows of 784 are split by rows across the cores (four-row groups and single rows at any boundary):
        // every row must still be exactly Of of its own widened difference.
        const int rows = 301, length = 784;
        var random = new Random(5);
        var clean = new float[rows * length];
        var perturbed = new float[rows * length];
        for (var i = 0; i < clean.Length; i++)
        {
            clean[i] = (float)random.NextDouble();
            perturbed[i] = random.Next(4) == 0 ? clean[i] : Math.Clamp(clean[i] + (random.Next(2) == 0 ? 0.1f : -0.1f), 0f, 1f);
        }
        var sizes = new PerturbationSize[rows];
        PerturbationSize.OfRows(perturbed, clean, length, sizes);
        for (var row = 0; row < rows; row++)
        {
            var r = Enumerable.Range(row * length, length).Select(i => (double)perturbed[i] - clean[i]).ToArray();
            Assert.Equal(Reference(r), sizes[row]);
        }
    }

    [Fact]
    public void OfRows_NaNInAnyLane_MakesThatRowsL2AndLinfNaN()
    {
        // Rows of 12: the NaN sits in each of the four lanes of the vector steps in turn and in the scalar tail.
        for (var at = 0; at < 12; at++)
        {
            var clean = new float[5 * 12];
            var perturbed = Enumerable.Repeat(0.5f, clean.Length).ToArray();
            perturbed[3 * 12 + at] = float.NaN;
            var sizes = new PerturbationSize[5];
            PerturbationSize.OfRows(perturbed, clean, 12, sizes);
            Assert.True(double.IsNaN(sizes[3].Linf) && double.IsNaN(sizes[3].L2), $"NaN at {at}");
            Assert.Equal(0.5, sizes[2].Linf);
        }
    }

    [Fact]
    public void OfRows_SpansThatDoNotHoldTheRows_Throw()
    {
        var e = Assert.Throws<ArgumentException>(() => PerturbationSize.OfRows(new float[10], new float[10], 4, new PerturbationSize[3]));
        Assert.Contains("3 rows of 4", e.Message);
    }
}
