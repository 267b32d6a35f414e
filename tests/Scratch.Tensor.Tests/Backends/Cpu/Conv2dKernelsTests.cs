using System.Numerics;
using System.Runtime.InteropServices;
using Scratch.Backends.Cpu;
using Scratch.Backends.Reference;

namespace Scratch.Tests.Backends.Cpu;

// Tolerances are normwise: |fast − reference| ≤ tol·(1 + max|reference|), tol = 1e-5 for float (the reference
// accumulates in double; sums here have at most a few thousand terms) and 1e-12 for double.
public class Conv2dKernelsTests
{
    public static TheoryData<Conv2dGeometry> Geometries => new()
    {
        new Conv2dGeometry(1, 1, 5, 5, 2, 3, 3, 1, 1, 0, 0),
        new Conv2dGeometry(5, 3, 7, 6, 4, 3, 2, 2, 1, 1, 0),
        new Conv2dGeometry(2, 3, 8, 9, 3, 3, 3, 2, 2, 2, 1),
        new Conv2dGeometry(5, 1, 12, 12, 8, 5, 5, 1, 1, 0, 0),
        new Conv2dGeometry(5, 1, 9, 7, 3, 4, 4, 1, 2, 2, 2),
        new Conv2dGeometry(2, 3, 6, 6, 2, 1, 1, 1, 1, 0, 0),
        new Conv2dGeometry(1, 3, 4, 11, 13, 4, 3, 1, 3, 1, 1),

        // The input gradient's GEMM (C·KH·KW × G·OH·OW × O, tiles added onto dx by col2im) in several k slices
        // (O = 600 > kc) and several mc blocks of rows (C·KH·KW = 4140 > mc).
        new Conv2dGeometry(2, 2, 5, 5, 600, 3, 3, 1, 1, 1, 1),
        new Conv2dGeometry(2, 460, 3, 3, 2, 3, 3, 1, 1, 1, 1),
    };

    // Shapes for the grouped lowering (Conv2dGrouping: about 512 GEMM columns per group). Each comment gives
    // OH·OW, the images per group G and the group sizes.
    public static TheoryData<Conv2dGeometry> GroupedGeometries => new()
    {
        new Conv2dGeometry(19, 3, 12, 12, 4, 5, 5, 1, 1, 0, 0),   // 64, G = 8: groups 8, 8, 3 (a partial last group)
        new Conv2dGeometry(70, 2, 8, 8, 3, 3, 3, 1, 1, 1, 1),     // 64, G = 8: nine groups, four uneven reduction lanes
        new Conv2dGeometry(13, 2, 10, 9, 3, 3, 2, 2, 1, 1, 1),    // 50, G = 11: groups 11, 2; stride 2, padding, 3×2 kernel
        new Conv2dGeometry(37, 4, 6, 7, 6, 3, 3, 1, 2, 0, 0),     // 12, G = 37 (the whole batch); strided columns
        new Conv2dGeometry(1, 2, 30, 30, 3, 3, 3, 1, 1, 1, 1),    // 900, G = 1, batch 1: the GEMM writes NCHW in place
        new Conv2dGeometry(3, 2, 26, 25, 5, 2, 3, 1, 1, 0, 0),    // 575, G = 1, three groups; 2×3 kernel
    };

    [Theory]
    [MemberData(nameof(Geometries))]
    public void AllKernels_Float_MatchReference(Conv2dGeometry g) => CheckAgainstReference<float>(g, 1e-5);

    [Theory]
    [MemberData(nameof(Geometries))]
    public void AllKernels_Double_MatchReferenceAndAdjointIdentities(Conv2dGeometry g)
    {
        CheckAgainstReference<double>(g, 1e-12);

        // conv is bilinear: ⟨conv(x, W), y⟩ = ⟨x, ∂/∂x⟩ = ⟨W, ∂/∂W⟩ with the backward kernels as the adjoints.
        var random = new Random(5);
        var x = TestData.Uniform<double>(random, (int)g.InputLength);
        var w = TestData.Uniform<double>(random, (int)g.WeightLength);
        var y = TestData.Uniform<double>(random, (int)g.OutputLength);
        var conv = new double[g.OutputLength];
        var dx = new double[g.InputLength];
        var dw = new double[g.WeightLength];
        Conv2dKernels.Forward(g, x, w, [], conv);
        Conv2dKernels.BackwardInput(g, y, w, dx);
        Conv2dKernels.BackwardWeight(g, x, y, dw, []);
        double lhs = TestData.Dot<double>(conv, y);
        Assert.Equal(lhs, TestData.Dot<double>(x, dx), 1e-10 * (1 + Math.Abs(lhs)));
        Assert.Equal(lhs, TestData.Dot<double>(w, dw), 1e-10 * (1 + Math.Abs(lhs)));
    }

    [Theory]
    [MemberData(nameof(GroupedGeometries))]
    public void Grouped_Float_MatchReference(Conv2dGeometry g) => CheckAgainstReference<float>(g, 1e-5);

    [Theory]
    [MemberData(nameof(GroupedGeometries))]
    public void Grouped_Double_MatchReference(Conv2dGeometry g) => CheckAgainstReference<double>(g, 1e-12);

    [Theory]
    [MemberData(nameof(GroupedGeometries))]
    public void AllKernels_AreBitIdenticalForAnyThreadCount(Conv2dGeometry g)
    {
        var random = new Random(11);
        var x = TestData.Uniform<float>(random, (int)g.InputLength);
        var w = TestData.Uniform<float>(random, (int)g.WeightLength);
        var bias = TestData.Uniform<float>(random, g.OutChannels);
        var dy = TestData.Uniform<float>(random, (int)g.OutputLength);
        float[][] Run(int threads)
        {
            var options = new GemmOptions { MaxThreads = threads };
            var (y, dx, dw, db) = (new float[g.OutputLength], new float[g.InputLength], new float[g.WeightLength], new float[g.OutChannels]);
            Conv2dKernels.Forward(g, x, w, bias, y, options);
            Conv2dKernels.BackwardInput(g, dy, w, dx, options);
            Conv2dKernels.BackwardWeight(g, x, dy, dw, db, options);
            return [y, dx, dw, db];
        }

        var single = Run(1);
        foreach (int threads in new[] { 2, 3, 0 })
        {
            var multi = Run(threads);
            for (int i = 0; i < single.Length; i++)
            {
                Assert.Equal(single[i], multi[i]);
            }
        }
    }

    [Fact]
    public void Forward_EmptyBatch_DoesNothing()
    {
        var g = new Conv2dGeometry(0, 1, 3, 3, 1, 2, 2, 1, 1, 0, 0);
        Conv2dKernels.Forward(g, [], new float[4], [], []);
        var dw = new float[] { 9, 9, 9, 9 };
        var db = new float[] { 9 };
        Conv2dKernels.BackwardWeight(g, [], [], dw, db);
        Assert.Equal(new float[4], dw);
        Assert.Equal(new float[1], db);
    }

    [Theory]
    [InlineData("StrideH")]
    [InlineData("KernelHeight")]
    [InlineData("PadW")]
    [InlineData("OutChannels")]
    public void Validate_BadField_ThrowsNamingIt(string field)
    {
        var g = new Conv2dGeometry(1, 1, 4, 4, 1, 3, 3, 1, 1, 0, 0);
        g = field switch
        {
            "StrideH" => g with { StrideH = 0 },
            "KernelHeight" => g with { KernelHeight = 7 },
            "PadW" => g with { PadW = -1 },
            _ => g with { OutChannels = 0 },
        };
        var e = Assert.Throws<ArgumentException>(g.Validate);
        Assert.Equal(field, e.ParamName);
        Assert.Contains(field, e.Message);
    }

    [Fact]
    public void Forward_WrongSpanLength_ThrowsNamingSpan()
    {
        var g = new Conv2dGeometry(1, 1, 4, 4, 2, 3, 3, 1, 1, 0, 0);
        var e = Assert.Throws<ArgumentException>(() => Conv2dKernels.Forward(g, new float[16], new float[17], [], new float[8]));
        Assert.Equal("weight", e.ParamName);
        Assert.Contains("18", e.Message);
        e = Assert.Throws<ArgumentException>(() => Conv2dKernels.Forward(g, new float[16], new float[18], new float[3], new float[8]));
        Assert.Equal("bias", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => Conv2dKernels.BackwardInput(g, new double[8], new double[18], new double[15]));
        Assert.Equal("gradInput", e.ParamName);
    }

    private static void CheckAgainstReference<T>(Conv2dGeometry g, double tol) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(g.GetHashCode());
        var x = TestData.Uniform<T>(random, (int)g.InputLength);
        var w = TestData.Uniform<T>(random, (int)g.WeightLength);
        var bias = TestData.Uniform<T>(random, g.OutChannels);
        var dy = TestData.Uniform<T>(random, (int)g.OutputLength);

        var y = new T[g.OutputLength];
        var dx = new T[g.InputLength];
        var dw = new T[g.WeightLength];
        var db = new T[g.OutChannels];
        ReferenceConv2d.Forward<T>(g, x, w, bias, y);
        ReferenceConv2d.BackwardInput<T>(g, dy, w, dx);
        ReferenceConv2d.BackwardWeight<T>(g, x, dy, dw, db);

        foreach (int threads in new[] { 1, 0 })
        {
            var options = new GemmOptions { MaxThreads = threads };
            var fy = Enumerable.Repeat(T.NaN, y.Length).ToArray();
            var fdx = Enumerable.Repeat(T.NaN, dx.Length).ToArray();
            var fdw = Enumerable.Repeat(T.NaN, dw.Length).ToArray();
            var fdb = Enumerable.Repeat(T.NaN, db.Length).ToArray();
            Fast(g, x, w, bias, dy, fy, fdx, fdw, fdb, options);
            AssertClose(y, fy, tol, $"forward {g} threads={threads}");
            AssertClose(dx, fdx, tol, $"backward-input {g} threads={threads}");
            AssertClose(dw, fdw, tol, $"backward-weight {g} threads={threads}");
            AssertClose(db, fdb, tol, $"backward-bias {g} threads={threads}");
        }
    }

    private static void Fast<T>(Conv2dGeometry g, T[] x, T[] w, T[] bias, T[] dy, T[] y, T[] dx, T[] dw, T[] db, GemmOptions options)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            Conv2dKernels.Forward(g, F(x), F(w), F(bias), F(y), options);
            Conv2dKernels.BackwardInput(g, F(dy), F(w), F(dx), options);
            Conv2dKernels.BackwardWeight(g, F(x), F(dy), F(dw), F(db), options);
        }
        else
        {
            Conv2dKernels.Forward(g, D(x), D(w), D(bias), D(y), options);
            Conv2dKernels.BackwardInput(g, D(dy), D(w), D(dx), options);
            Conv2dKernels.BackwardWeight(g, D(x), D(dy), D(dw), D(db), options);
        }

        static Span<float> F(T[] a) => MemoryMarshal.Cast<T, float>(a.AsSpan());
        static Span<double> D(T[] a) => MemoryMarshal.Cast<T, double>(a.AsSpan());
    }

    private static void AssertClose<T>(T[] expected, T[] actual, double tol, string what) where T : IFloatingPointIeee754<T>
    {
        double scale = 1 + expected.Max(v => Math.Abs(double.CreateChecked(v)));
        for (int i = 0; i < expected.Length; i++)
        {
            double e = double.CreateChecked(expected[i]), a = double.CreateChecked(actual[i]);
            Assert.True(Math.Abs(e - a) <= tol * scale, $"{what}: [{i}] {a} vs {e}");
        }
    }
}
