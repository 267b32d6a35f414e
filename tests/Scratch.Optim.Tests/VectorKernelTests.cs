namespace Scratch.Optim.Tests;

/// <summary>
/// The solver's vector kernels against plain loops, bit for bit, at lengths around every vector width (4, 8, 16)
/// and a chunk (512): the vector paths this machine takes (Vector512, or Vector256 without AVX-512) and the tails.
/// </summary>
public class VectorKernelTests
{
    private static readonly int[] Lengths = [0, 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 64, 100, 513, 784];

    private static double[] Random(int n, Random r, double scale = 1) =>
        Enumerable.Range(0, n).Select(_ => scale * (2 * r.NextDouble() - 1)).ToArray();

    [Fact]
    public void AddDots_EachSumBitwiseItsOwnDot()
    {
        var r = new Random(1);
        foreach (var n in Lengths)
        {
            var a = Random(n, r);
            var b = Enumerable.Range(0, 4).Select(_ => Random(n, r)).ToArray();
            for (var count = 1; count <= 4; count++)
            {
                var start = Random(4, r);
                var sums = start.ToArray();
                VectorOps.AddDots(a, b[0], count > 1 ? b[1] : default, count > 2 ? b[2] : default, count > 3 ? b[3] : default, count, sums);
                for (var j = 0; j < 4; j++)
                {
                    var expected = j < count ? start[j] + VectorOps.Dot(a, b[j]) : start[j];
                    Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(sums[j]));
                }
            }
        }
    }

    [Fact]
    public void AxpyFour_BitwiseFourAxpysInOrder()
    {
        var r = new Random(8);
        foreach (var n in Lengths)
        {
            var x = Enumerable.Range(0, 4).Select(_ => Random(n, r)).ToArray();
            var alpha = new[] { 0.3, -1e5, 7e-3, 2.5 };
            var y = Random(n, r);
            var expected = y.ToArray();
            for (var j = 0; j < 4; j++)
            {
                VectorOps.Axpy(alpha[j], x[j], expected);
            }
            VectorOps.AxpyFour(alpha[0], x[0], alpha[1], x[1], alpha[2], x[2], alpha[3], x[3], y);
            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), y.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Fact]
    public void Dot_OperandOrderDoesNotChangeTheBits()
    {
        // Wᵀv is taken as Dot(v, w) four columns at a time, and was Dot(w, v): each term is one fused multiply-add.
        var r = new Random(2);
        foreach (var n in Lengths)
        {
            double[] a = Random(n, r, 1e3), b = Random(n, r, 1e-3);
            Assert.Equal(BitConverter.DoubleToInt64Bits(VectorOps.Dot(a, b)), BitConverter.DoubleToInt64Bits(VectorOps.Dot(b, a)));
        }
    }

    [Fact]
    public void InfinityNorm_IsTheLargestMagnitude()
    {
        var r = new Random(3);
        foreach (var n in Lengths)
        {
            var x = Random(n, r);
            Assert.Equal(x.Select(Math.Abs).DefaultIfEmpty(0).Max(), VectorOps.InfinityNorm(x));
            if (n > 0)
            {
                // The largest entry in every position, vector lanes and tail alike.
                for (var i = 0; i < n; i++)
                {
                    var y = x.ToArray();
                    y[i] = -5;
                    Assert.Equal(5, VectorOps.InfinityNorm(y));
                }
            }
        }
    }

    [Fact]
    public void ProjectedGradientNorm_EqualsTheScalarFormula()
    {
        var r = new Random(4);
        foreach (var n in Lengths)
        {
            double[] lower = Random(n, r), upper = lower.Select(l => l + r.NextDouble()).ToArray();
            // x at the lower bound, at the upper bound or inside; g of either sign, zeros included.
            var x = Enumerable.Range(0, n).Select(i => (i % 3) switch { 0 => lower[i], 1 => upper[i], _ => 0.5 * (lower[i] + upper[i]) }).ToArray();
            var g = Enumerable.Range(0, n).Select(i => i % 5 == 0 ? 0 : 3 * (2 * r.NextDouble() - 1)).ToArray();
            double expected = 0;
            for (var i = 0; i < n; i++)
            {
                var cut = g[i] < 0 ? Math.Max(x[i] - upper[i], g[i]) : Math.Min(x[i] - lower[i], g[i]);
                expected = Math.Max(expected, Math.Abs(cut));
            }
            Assert.Equal(expected, BoxBounds.ProjectedGradientNorm(x, g, lower, upper));
        }
    }

    [Fact]
    public void ElementwiseOps_RoundAsTheirScalarFormulas()
    {
        var r = new Random(5);
        foreach (var n in Lengths)
        {
            double[] x = Random(n, r), u = Random(n, r), v = Random(n, r, 1e-7);
            double a = 0.1 + r.NextDouble(), b = -3 * r.NextDouble();
            var z = new double[n];
            ElementwiseOps.AddCombination(x, a, u, b, v, z);
            Assert.Equal(x.Select((xi, i) => xi + (a * u[i] + b * v[i])), z);
            var y = new double[n];
            ElementwiseOps.Scale(a, u, y);
            Assert.Equal(u.Select(ui => a * ui), y);
            ElementwiseOps.Difference(x, v, y);
            Assert.Equal(x.Select((xi, i) => xi - v[i]), y);
            var s = new double[n];
            ElementwiseOps.ScaleAndDifference(b, u, x, v, s, y);
            Assert.Equal(u.Select(ui => b * ui), s);
            Assert.Equal(x.Select((xi, i) => xi - v[i]), y);
        }
    }

    [Fact]
    public void FreeSetKernels_EqualTheScalarFormulasOnFreeVariablesAndTheConstantsElsewhere()
    {
        var r = new Random(10);
        sbyte[] statuses = [VariableStatus.Free, VariableStatus.Unbounded, VariableStatus.AtLower, VariableStatus.AtUpper, VariableStatus.Fixed, VariableStatus.ZeroGradient];
        foreach (var n in Lengths)
        {
            var status = Enumerable.Range(0, n).Select(_ => statuses[r.Next(statuses.Length)]).ToArray();
            double[] g = Random(n, r), xcp = Random(n, r), x = Random(n, r), wu = Random(n, r);
            double[] lower = xcp.Select(c => c - 0.3 * r.NextDouble()).ToArray(), upper = xcp.Select(c => c + 0.3 * r.NextDouble()).ToArray();
            const double theta = 1.7;
            var residual = new double[n];
            FreeSetKernels.ReducedResidual(status, g, xcp, x, wu, theta, residual);
            var expectedResidual = Enumerable.Range(0, n).Select(i => status[i] <= 0 ? -g[i] - theta * (xcp[i] - x[i]) + wu[i] : 0.0);
            Assert.Equal(expectedResidual.Select(BitConverter.DoubleToInt64Bits), residual.Select(BitConverter.DoubleToInt64Bits));

            double invTheta = 1 / theta, invTheta2 = invTheta * invTheta;
            double[] d = new double[n], z = new double[n];
            var hit = FreeSetKernels.StepAndProject(status, residual, wu, xcp, lower, upper, invTheta, invTheta2, d, z);
            var expectedHit = false;
            for (var i = 0; i < n; i++)
            {
                double di = status[i] <= 0 ? invTheta * residual[i] + invTheta2 * wu[i] : 0.0;
                double zi = status[i] <= 0 ? Math.Min(Math.Max(xcp[i] + di, lower[i]), upper[i]) : xcp[i];
                expectedHit |= status[i] <= 0 && (zi == lower[i] || zi == upper[i]);
                Assert.Equal(BitConverter.DoubleToInt64Bits(di), BitConverter.DoubleToInt64Bits(d[i]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(zi), BitConverter.DoubleToInt64Bits(z[i]));
            }
            Assert.Equal(expectedHit, hit);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(782)]
    public void StepAndProject_OneFreeVariableOnABound_IsReportedWherever(int position)
    {
        // Every variable free and well inside its box except one, whose step lands beyond its upper bound.
        var n = 784;
        var status = new sbyte[n];
        double[] r = new double[n], wu = new double[n], xcp = new double[n], lower = new double[n], upper = new double[n];
        Array.Fill(lower, -1);
        Array.Fill(upper, 1);
        r[position] = 10;
        double[] d = new double[n], z = new double[n];
        Assert.True(FreeSetKernels.StepAndProject(status, r, wu, xcp, lower, upper, 1, 1, d, z));
        Assert.Equal(1, z[position]);
        r[position] = 0.5;
        Assert.False(FreeSetKernels.StepAndProject(status, r, wu, xcp, lower, upper, 1, 1, d, z));
    }

    [Fact]
    public void MaxFeasibleStep_EqualsTheSequentialDefinition()
    {
        var r = new Random(11);
        foreach (var n in Lengths)
        {
            for (var trial = 0; trial < 20; trial++)
            {
                // Bounds finite or infinite, x inside or on them, d of either sign or zero, an occasional NaN.
                double[] lower = new double[n], upper = new double[n], x = new double[n], d = new double[n];
                for (var i = 0; i < n; i++)
                {
                    lower[i] = r.Next(6) == 0 ? double.NegativeInfinity : -r.NextDouble();
                    upper[i] = r.Next(6) == 0 ? double.PositiveInfinity : r.NextDouble();
                    x[i] = r.Next(8) switch { 0 => lower[i], 1 => upper[i], _ => 0.9 * (2 * r.NextDouble() - 1) };
                    x[i] = double.IsInfinity(x[i]) ? 0 : x[i];
                    d[i] = r.Next(10) switch { 0 => 0, 1 => double.NaN, _ => 4 * (2 * r.NextDouble() - 1) };
                }
                var limit = trial % 3 == 0 ? double.PositiveInfinity : 10 * r.NextDouble();
                var expected = limit;
                for (var i = 0; i < n; i++)
                {
                    if (d[i] < 0 && !double.IsNegativeInfinity(lower[i]))
                    {
                        var room = lower[i] - x[i];
                        expected = room >= 0 ? 0 : d[i] * expected < room ? room / d[i] : expected;
                    }
                    else if (d[i] > 0 && !double.IsPositiveInfinity(upper[i]))
                    {
                        var room = upper[i] - x[i];
                        expected = room <= 0 ? 0 : d[i] * expected > room ? room / d[i] : expected;
                    }
                }
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(BoxBounds.MaxFeasibleStep(x, d, lower, upper, limit)));
            }
        }
    }

    [Fact]
    public void PathDirection_IsMinusGWhereAtPathStartMovesTheVariable()
    {
        var r = new Random(12);
        sbyte[] statuses = [VariableStatus.Free, VariableStatus.Unbounded, VariableStatus.AtLower, VariableStatus.AtUpper, VariableStatus.Fixed, VariableStatus.ZeroGradient];
        double[] gradients = [0.0, -0.0, 1.5, -2.5, double.NaN];
        foreach (var n in Lengths)
        {
            var status = Enumerable.Range(0, n).Select(_ => statuses[r.Next(statuses.Length)]).ToArray();
            double[] lower = new double[n], upper = new double[n], x = new double[n];
            for (var i = 0; i < n; i++)
            {
                lower[i] = r.Next(5) == 0 ? double.NegativeInfinity : -1;
                upper[i] = r.Next(5) == 0 ? double.PositiveInfinity : 1;
                x[i] = r.Next(3) switch { 0 => -1, 1 => 1, _ => 0.25 };
            }
            var g = Enumerable.Range(0, n).Select(_ => gradients[r.Next(gradients.Length)]).ToArray();
            var d = new double[n];
            PairUpdate.PathDirection(status, x, g, lower, upper, d);
            for (var i = 0; i < n; i++)
            {
                var moves = VariableStatus.MovesAlongPath(VariableStatus.AtPathStart(status[i], x[i], -g[i], lower[i], upper[i]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(moves ? -g[i] : 0), BitConverter.DoubleToInt64Bits(d[i]));
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void WProducts_BitwiseTheirDotsAndAxpysInColumnOrder(int pairs)
    {
        // Columns [y_0 … y_{c−1}, s_0 … s_{c−1}]: 2c = 2, 4, 6, 10 columns, in groups of four and a remainder.
        int n = 1100, m = 5;
        var (s, y) = DenseReference.Pairs(n, pairs, seed: pairs);
        var bfgs = new CompactBfgsMatrix(n, m);
        for (var k = 0; k < pairs; k++)
        {
            Assert.True(bfgs.Add(s[k], y[k], DenseReference.Dot(s[k], y[k]), DenseReference.Dot(y[k], y[k])));
        }
        var v = Random(n, new Random(6));
        var wtv = new double[2 * pairs];
        bfgs.MultiplyWTranspose(v, wtv);
        for (var j = 0; j < pairs; j++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(ChunkedDot(y[j], v)), BitConverter.DoubleToInt64Bits(wtv[j]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(bfgs.Theta * ChunkedDot(s[j], v)), BitConverter.DoubleToInt64Bits(wtv[pairs + j]));
        }
        // W u = Y u₁ + θ S u₂: each element one chain of fused multiply-adds over the columns in order.
        var u = Random(2 * pairs, new Random(9));
        var wu = new double[n];
        bfgs.MultiplyW(u, wu);
        var expected = new double[n];
        for (var j = 0; j < pairs; j++)
        {
            VectorOps.Axpy(u[j], y[j], expected);
        }
        for (var j = 0; j < pairs; j++)
        {
            VectorOps.Axpy(bfgs.Theta * u[pairs + j], s[j], expected);
        }
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), wu.Select(BitConverter.DoubleToInt64Bits));
    }

    // Σ over chunks of VectorOps.ChunkLength of each chunk's Dot, in chunk order (the blocked kernels' sum).
    private static double ChunkedDot(double[] a, double[] b)
    {
        double sum = 0;
        for (var start = 0; start < a.Length; start += VectorOps.ChunkLength)
        {
            var len = Math.Min(VectorOps.ChunkLength, a.Length - start);
            sum += VectorOps.Dot(a.AsSpan(start, len), b.AsSpan(start, len));
        }
        return sum;
    }

    [Fact]
    public void SyncFreeSet_BlocksOfSixtyFourUnchangedOrNot_GramEqualsDirectSums()
    {
        // n = 200: three whole blocks of 64 (the vector comparison that skips an unchanged block) and a tail of 8.
        int n = 200, m = 3;
        var (s, y) = DenseReference.Pairs(n, 3, seed: 7);
        var bfgs = new CompactBfgsMatrix(n, m);
        var status = new sbyte[n];
        for (var k = 0; k < 3; k++)
        {
            bfgs.SyncFreeSet(status);
            bfgs.Add(s[k], y[k], DenseReference.Dot(s[k], y[k]), DenseReference.Dot(y[k], y[k]));
        }
        // Block 0 unchanged; block 1 changes in one variable at its last position; block 2 in its first; the tail in one.
        foreach (var i in new[] { 127, 128, 195 })
        {
            status[i] = VariableStatus.AtLower;
        }
        bfgs.SyncFreeSet(status);
        for (var a = 0; a < 3; a++)
        {
            for (var b = 0; b < 3; b++)
            {
                double yzy = 0, szs = 0, szy = 0;
                for (var i = 0; i < n; i++)
                {
                    if (status[i] <= 0)
                    {
                        yzy += y[a][i] * y[b][i];
                        szs += s[a][i] * s[b][i];
                        szy += s[a][i] * y[b][i];
                    }
                }
                AssertClose(yzy, bfgs.YZY(a, b));
                AssertClose(szs, bfgs.SZS(a, b));
                AssertClose(szy, bfgs.SZY(a, b));
            }
        }
    }

    // Equal to 12 significant digits: the Gram entries are sums of products taken in another order.
    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"{expected} vs {actual}");
}
