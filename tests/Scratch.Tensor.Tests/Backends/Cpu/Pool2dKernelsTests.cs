using System.Numerics;
using Scratch.Backends.Cpu;
using Scratch.Backends.Reference;

namespace Scratch.Tests.Backends.Cpu;

// Max pooling must match the reference exactly (it only selects); average pooling within 1e-6 (float, the
// reference sums in double) or 1e-14 (double), absolute, for inputs in [-1, 1].
public class Pool2dKernelsTests
{
    public static TheoryData<Pool2dGeometry> Geometries => new()
    {
        new Pool2dGeometry(1, 1, 4, 4, 2, 2, 2, 2, 0, 0),
        new Pool2dGeometry(5, 3, 7, 6, 3, 2, 2, 1, 1, 1),
        new Pool2dGeometry(2, 2, 9, 8, 3, 3, 2, 3, 1, 1),
        new Pool2dGeometry(1, 3, 5, 5, 2, 2, 1, 1, 1, 1),
        new Pool2dGeometry(64, 8, 24, 24, 2, 2, 2, 2, 0, 0),
        new Pool2dGeometry(3, 2, 9, 35, 2, 2, 2, 2, 0, 0),   // 2×2 fast path: odd H and W, OW = 17 (two vectors and an overlap)
        new Pool2dGeometry(2, 3, 7, 13, 2, 2, 2, 2, 0, 0),   // 2×2 fast path, OW = 6: scalar windows only
        new Pool2dGeometry(2, 2, 8, 8, 2, 2, 2, 2, 1, 1),    // 2×2 stride 2 with padding: the general path
    };

    [Theory]
    [MemberData(nameof(Geometries))]
    public void AllKernels_Float_MatchReference(Pool2dGeometry g) => Check<float>(g, 1e-6);

    [Theory]
    [MemberData(nameof(Geometries))]
    public void AllKernels_Double_MatchReference(Pool2dGeometry g) => Check<double>(g, 1e-14);

    [Fact]
    public void MaxForward_TiesAndNaN_FollowPyTorch()
    {
        var g = new Pool2dGeometry(1, 1, 2, 4, 2, 2, 2, 2, 0, 0);
        // Window 0 holds four equal values (first wins); window 1 holds NaN at (1, 2).
        var x = new[] { 3f, 3f, 1f, 5f, 3f, 3f, float.NaN, 2f };
        var y = new float[2];
        var idx = new int[2];
        Pool2dKernels.MaxForward(g, x, y, idx);
        Assert.Equal(3f, y[0]);
        Assert.Equal(0, idx[0]);
        Assert.True(float.IsNaN(y[1]));
        Assert.Equal(6, idx[1]);
    }

    [Fact]
    public void MaxForward_2x2FastPath_TiesNaNAndInfinities_MatchReferenceExactly()
    {
        // Four rows of 38 columns (OW = 19: two vectors, one overlapping) built from a few special values, so that
        // windows hold ties, one or several NaNs, only −∞, and mixes of them in every position.
        var g = new Pool2dGeometry(1, 2, 4, 38, 2, 2, 2, 2, 0, 0);
        float[] values = [1f, 1f, float.NaN, float.NegativeInfinity, 2f, -0f, 0f, float.PositiveInfinity, float.NaN, 2f, 1f];
        var random = new Random(7);
        var x = Enumerable.Range(0, (int)g.InputLength).Select(_ => values[random.Next(values.Length)]).ToArray();
        x.AsSpan(0, 4).Fill(float.NegativeInfinity);
        x.AsSpan(38, 4).Fill(float.NegativeInfinity);
        var (y, fy) = (new float[g.OutputLength], new float[g.OutputLength]);
        var (idx, fidx) = (new int[g.OutputLength], new int[g.OutputLength]);
        ReferencePool2d.MaxForward<float>(g, x, y, idx);
        Pool2dKernels.MaxForward(g, x, fy, fidx);
        Assert.Equal(idx, fidx);
        Assert.Equal(y.Select(BitConverter.SingleToInt32Bits), fy.Select(BitConverter.SingleToInt32Bits));

        var xd = x.Select(v => (double)v).ToArray();
        var (yd, fyd) = (new double[g.OutputLength], new double[g.OutputLength]);
        ReferencePool2d.MaxForward<double>(g, xd, yd, idx);
        Pool2dKernels.MaxForward(g, xd, fyd, fidx);
        Assert.Equal(idx, fidx);
        Assert.Equal(yd.Select(BitConverter.DoubleToInt64Bits), fyd.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void AvgForward_CountsPaddingInDivisor()
    {
        // count_include_pad = true: a corner window of a padded 2×2 ones image sees one input and divides by 4.
        var g = new Pool2dGeometry(1, 1, 2, 2, 2, 2, 1, 1, 1, 1);
        var y = new double[9];
        Pool2dKernels.AvgForward(g, [1.0, 1, 1, 1], y);
        Assert.Equal(new[] { 0.25, 0.5, 0.25, 0.5, 1, 0.5, 0.25, 0.5, 0.25 }, y);
    }

    [Fact]
    public void AvgBackward_IsAdjointOfForward()
    {
        var g = new Pool2dGeometry(2, 3, 7, 6, 3, 2, 2, 1, 1, 1);
        var random = new Random(3);
        var x = TestData.Uniform<double>(random, (int)g.InputLength);
        var y = TestData.Uniform<double>(random, (int)g.OutputLength);
        var ax = new double[g.OutputLength];
        var aty = new double[g.InputLength];
        Pool2dKernels.AvgForward(g, x, ax);
        Pool2dKernels.AvgBackward(g, y, aty);
        Assert.Equal(TestData.Dot<double>(ax, y), TestData.Dot<double>(x, aty), 1e-12);
    }

    [Fact]
    public void MaxBackward_BadArgmax_ThrowsNamingIt()
    {
        var g = new Pool2dGeometry(1, 1, 2, 2, 2, 2, 2, 2, 0, 0);
        var e = Assert.Throws<ArgumentException>(() => Pool2dKernels.MaxBackward(g, [1f], [4], new float[4]));
        Assert.Equal("argmax", e.ParamName);
    }

    [Theory]
    [InlineData("PadH")]
    [InlineData("StrideW")]
    [InlineData("KernelW")]
    public void Validate_BadField_ThrowsNamingIt(string field)
    {
        var g = new Pool2dGeometry(1, 1, 4, 4, 2, 2, 2, 2, 0, 0);
        g = field switch
        {
            "PadH" => g with { PadH = 2 },
            "StrideW" => g with { StrideW = 0 },
            _ => g with { KernelW = 5 },
        };
        var e = Assert.Throws<ArgumentException>(g.Validate);
        Assert.Equal(field, e.ParamName);
    }

    [Fact]
    public void AvgForward_WrongOutputLength_ThrowsNamingSpan()
    {
        var g = new Pool2dGeometry(1, 1, 4, 4, 2, 2, 2, 2, 0, 0);
        var e = Assert.Throws<ArgumentException>(() => Pool2dKernels.AvgForward(g, new float[16], new float[5]));
        Assert.Equal("output", e.ParamName);
    }

    // The backend's backward passes hand the engine an uninitialised pooled array and let it clear each plane just before
    // filling it: over a NaN-filled array that must give the bits of accumulating into zeros, inputs no window covers
    // (the odd last row and column, the padded 3×3 case) included, on one thread and over planes split among the cores.
    [Theory]
    [InlineData(2, 3, 7, 9, 2, 2, 2, 2, 0, 0)]
    [InlineData(2, 3, 7, 7, 3, 3, 2, 2, 1, 1)]
    [InlineData(64, 32, 24, 24, 2, 2, 2, 2, 0, 0)]
    public void Backward_ClearFirst_OverDirtyMemory_EqualsAccumulatingIntoZeros(int batch, int channels, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw)
    {
        var g = new Pool2dGeometry(batch, channels, h, w, kh, kw, sh, sw, ph, pw);
        var random = new Random(7);
        var x = TestData.Uniform<float>(random, (int)g.InputLength);
        var dy = TestData.Uniform<float>(random, (int)g.OutputLength);
        var idx = new int[g.OutputLength];
        Pool2dEngine.MaxForward<float>(g, x, new float[g.OutputLength], idx);

        var (zeroed, dirty) = (new float[g.InputLength], new float[g.InputLength]);
        Pool2dEngine.MaxBackward<float>(g, dy, idx, zeroed);
        Array.Fill(dirty, float.NaN);
        Pool2dEngine.MaxBackward<float>(g, dy, idx, dirty, clearFirst: true);
        Assert.Equal(zeroed, dirty);

        (zeroed, dirty) = (new float[g.InputLength], new float[g.InputLength]);
        Pool2dEngine.AvgBackward<float>(g, dy, zeroed);
        Array.Fill(dirty, float.NaN);
        Pool2dEngine.AvgBackward<float>(g, dy, dirty, clearFirst: true);
        Assert.Equal(zeroed, dirty);
    }

    private static void Check<T>(Pool2dGeometry g, double tol) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(g.GetHashCode());
        var x = TestData.Uniform<T>(random, (int)g.InputLength);
        var dy = TestData.Uniform<T>(random, (int)g.OutputLength);
        var dx0 = TestData.Uniform<T>(random, (int)g.InputLength);

        var (y, fy) = (new T[g.OutputLength], new T[g.OutputLength]);
        var (idx, fidx) = (new int[g.OutputLength], new int[g.OutputLength]);
        ReferencePool2d.MaxForward<T>(g, x, y, idx);
        Run(g, x, fy, fidx, dy, max: true, forward: true);
        Assert.Equal(y, fy);
        Assert.Equal(idx, fidx);

        // Backward kernels accumulate: start both from the same non-zero gradient.
        var (dx, fdx) = ((T[])dx0.Clone(), (T[])dx0.Clone());
        ReferencePool2d.MaxBackward<T>(g, dy, idx, dx);
        Run(g, fdx, fy, fidx, dy, max: true, forward: false);
        AssertClose(dx, fdx, tol);

        ReferencePool2d.AvgForward<T>(g, x, y);
        Run(g, x, fy, fidx, dy, max: false, forward: true);
        AssertClose(y, fy, tol);

        (dx, fdx) = ((T[])dx0.Clone(), (T[])dx0.Clone());
        ReferencePool2d.AvgBackward<T>(g, dy, dx);
        Run(g, fdx, fy, fidx, dy, max: false, forward: false);
        AssertClose(dx, fdx, tol);
    }

    private static void Run<T>(Pool2dGeometry g, T[] x, T[] y, int[] idx, T[] dy, bool max, bool forward)
    {
        switch (x, y, dy)
        {
            case (float[] xf, float[] yf, float[] dyf):
                if (max && forward) { Pool2dKernels.MaxForward(g, xf, yf, idx); }
                else if (max) { Pool2dKernels.MaxBackward(g, dyf, idx, xf); }
                else if (forward) { Pool2dKernels.AvgForward(g, xf, yf); }
                else { Pool2dKernels.AvgBackward(g, dyf, xf); }
                break;
            case (double[] xd, double[] yd, double[] dyd):
                if (max && forward) { Pool2dKernels.MaxForward(g, xd, yd, idx); }
                else if (max) { Pool2dKernels.MaxBackward(g, dyd, idx, xd); }
                else if (forward) { Pool2dKernels.AvgForward(g, xd, yd); }
                else { Pool2dKernels.AvgBackward(g, dyd, xd); }
                break;
        }
    }

    private static void AssertClose<T>(T[] expected, T[] actual, double tol) where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < expected.Length; i++)
        {
            double e = double.CreateChecked(expected[i]), a = double.CreateChecked(actual[i]);
            Assert.True(Math.Abs(e - a) <= tol, $"[{i}] {a} vs {e}");
        }
    }
}
