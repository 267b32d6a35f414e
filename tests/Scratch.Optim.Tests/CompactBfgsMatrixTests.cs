namespace Scratch.Optim.Tests;

public class CompactBfgsMatrixTests
{
    private static CompactBfgsMatrix Build(double[][] s, double[][] y, int n, int m)
    {
        var bfgs = new CompactBfgsMatrix(n, m);
        for (int k = 0; k < s.Length; k++)
        {
            Assert.True(bfgs.Add(s[k], y[k], DenseReference.Dot(s[k], y[k]), DenseReference.Dot(y[k], y[k])));
        }
        return bfgs;
    }

    // B v = θv − W M Wᵀv, computed through the compact pieces.
    private static double[] CompactTimes(CompactBfgsMatrix bfgs, double[] v)
    {
        int c = bfgs.Count, n = v.Length;
        var wtv = new double[2 * c];
        bfgs.MultiplyWTranspose(v, wtv);
        var mw = new double[2 * c];
        bfgs.ApplyM(wtv, mw);
        var wmw = new double[n];
        bfgs.MultiplyW(mw, wmw);
        var r = new double[n];
        for (int i = 0; i < n; i++)
        {
            r[i] = bfgs.Theta * v[i] - wmw[i];
        }
        return r;
    }

    [Theory]
    [InlineData(7, 3, 2)]
    [InlineData(7, 3, 3)]
    [InlineData(9, 4, 7)]   // more pairs than slots: the oldest are dropped
    [InlineData(600, 5, 8)] // longer than one chunk of the blocked kernels
    public void Product_MatchesDenseBfgsRecursion(int n, int m, int pairs)
    {
        var (s, y) = DenseReference.Pairs(n, pairs, seed: n + pairs);
        var bfgs = Build(s, y, n, m);
        int keep = Math.Min(m, pairs);
        var dense = DenseReference.Bfgs(s[^keep..], y[^keep..], n);
        var rng = new Random(1);
        var v = Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var expected = DenseReference.MatVec(dense, v, n);
        var actual = CompactTimes(bfgs, v);
        double scale = expected.Max(Math.Abs);
        for (int i = 0; i < n; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-10 * scale, $"component {i}: {expected[i]} vs {actual[i]}");
        }
    }

    [Fact]
    public void SyncFreeSet_GramBlocksEqualDirectSumsOverFreeVariables()
    {
        int n = 11, m = 3;
        var (s, y) = DenseReference.Pairs(n, 5, seed: 3);
        var bfgs = new CompactBfgsMatrix(n, m);
        var status = new sbyte[n];
        for (int k = 0; k < 5; k++)
        {
            // change the free set between pairs, so rows are computed over several sets
            for (int i = 0; i < n; i++)
            {
                status[i] = (i + k) % 3 == 0 ? VariableStatus.AtLower : VariableStatus.Free;
            }
            bfgs.SyncFreeSet(status);
            bfgs.Add(s[k], y[k], DenseReference.Dot(s[k], y[k]), DenseReference.Dot(y[k], y[k]));
        }
        for (int i = 0; i < n; i++)
        {
            status[i] = i % 2 == 0 ? VariableStatus.AtUpper : VariableStatus.Unbounded;
        }
        bfgs.SyncFreeSet(status);
        for (int a = 0; a < 3; a++)
        {
            for (int b = 0; b < 3; b++)
            {
                double[] sa = s[2 + a], ya = y[2 + a], sb = s[2 + b], yb = y[2 + b];
                double yzy = 0, szs = 0, szy = 0;
                for (int i = 1; i < n; i += 2)
                {
                    yzy += ya[i] * yb[i];
                    szs += sa[i] * sb[i];
                    szy += sa[i] * yb[i];
                }
                Assert.Equal(yzy, bfgs.YZY(a, b), 12);
                Assert.Equal(szs, bfgs.SZS(a, b), 12);
                Assert.Equal(szy, bfgs.SZY(a, b), 12);
                Assert.Equal(DenseReference.Dot(sa, yb), bfgs.SY(a, b), 12);
            }
        }
    }

    [Fact]
    public void Reset_ForgetsPairsAndThetaIsOne()
    {
        var (s, y) = DenseReference.Pairs(4, 2, seed: 5);
        var bfgs = Build(s, y, 4, 3);
        Assert.NotEqual(1.0, bfgs.Theta);
        bfgs.Reset();
        Assert.Equal(0, bfgs.Count);
        Assert.Equal(1.0, bfgs.Theta);
    }

    [Fact]
    public void Add_DependentPairs_ReportsNotPositiveDefinite()
    {
        var bfgs = new CompactBfgsMatrix(3, 3);
        double[] s = [1, 0, 0], y = [2, 0, 0];
        Assert.True(bfgs.Add(s, y, 2, 4));
        // The same s twice makes SᵀS singular, so T = θSᵀS + L D⁻¹Lᵀ is singular only if L = 0;
        // with s₂ = s₁ and y₂ ⟂ s₁ the pair has sᵀy = 0 → D singular: the factorisation must fail.
        Assert.False(bfgs.Add(s, [0, 1, 0], 0, 1));
    }
}
