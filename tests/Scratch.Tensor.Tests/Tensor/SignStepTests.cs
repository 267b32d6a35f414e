using Scratch.Tests.Gpu;

namespace Scratch.Tests;

public class SignStepTests
{
    private static readonly double[] Special = [0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e-40, -3.5, 0.75, -1e-3, 2];

    private static double[] Values(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(i => i % 3 == 0 ? Special[(i / 3) % Special.Length] : random.NextDouble() * 2 - 1).ToArray();
    }

    // The sign pass, the scaling pass and the add it replaces, computed with the separate ops.
    private static Tensor Unfused(Tensor x, Tensor d, double step) => x + d.Sign() * step;

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void AddSignStep_EqualsSignScaledAndAdded_BitForBit(DType dtype)
    {
        // Every length through three Vector512 widths and a tail, one past the size that splits over the cores
        // (CpuParallel.ElementGrain); zeros of both signs, NaN and infinities in the direction and in x; a step that
        // float32 rounds, a negative one, 0.
        foreach (var n in Enumerable.Range(0, 70).Append((1 << 15) + 9))
        {
            var x = Tensor.FromArray(Values(n, 1)).To(dtype);
            var d = Tensor.FromArray(Values(n, 2)).To(dtype);
            foreach (var step in new[] { 0.1, -0.25, 0.0 })
            {
                AssertSameBits(Unfused(x, d, step), x.AddSignStep(d, step));
            }
        }
    }

    [Fact]
    public void AddSignStep_StridedOperands_EqualTheContiguousResult()
    {
        var x = Tensor.FromArray(Values(7 * 33, 3).Select(v => (float)v).ToArray(), 7, 33);
        var d = Tensor.FromArray(Values(33 * 7, 4).Select(v => (float)v).ToArray(), 33, 7).MT;
        AssertSameBits(Unfused(x, d, 0.3), x.AddSignStep(d, 0.3));
        AssertSameBits(Unfused(x.Narrow(0, 2, 4), d.Narrow(0, 1, 4), -0.3), x.Narrow(0, 2, 4).AddSignStep(d.Narrow(0, 1, 4), -0.3));
    }

    public static TheoryData<string> OtherDevices => new(GpuTestDevices.Names.Prepend(Device.Reference.ToString()));

    [Theory]
    [MemberData(nameof(OtherDevices))]
    public void AddSignStep_OnEveryBackend_EqualsTheCpuResult(string device)
    {
        var on = Device.Parse(device);
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var x = Tensor.FromArray(Values(257, 5)).To(dtype);
            var d = Tensor.FromArray(Values(257, 6)).To(dtype);
            AssertSameBits(x.AddSignStep(d, 0.1), x.To(on).AddSignStep(d.To(on), 0.1).To(Device.Cpu));
        }
    }

    [Fact]
    public void AddSignStep_BadArguments_ErrorNamesThem()
    {
        var x = Tensor.Zeros([2, 3]);
        Assert.Contains("direction has shape [3, 2]", Assert.Throws<ArgumentException>(() => x.AddSignStep(Tensor.Zeros([3, 2]), 1)).Message);
        Assert.Contains("float64", Assert.Throws<ArgumentException>(() => x.AddSignStep(Tensor.Zeros([2, 3], DType.Float64), 1)).Message);
        var step = Assert.Throws<ArgumentOutOfRangeException>(() => x.AddSignStep(x, double.NaN));
        Assert.Equal("step", step.ParamName);
        Assert.Contains("int32", Assert.ThrowsAny<Exception>(() => Tensor.Zeros([2], DType.Int32).AddSignStep(Tensor.Zeros([2], DType.Int32), 1)).Message);
    }

    // Bounds that hold x's values and its steps at either side, one that float32 rounds (0.1), a single point, none.
    private static readonly (double Min, double Max)[] Boxes = [(0, 1), (-0.5, 0.1), (0.25, 0.25), (double.NegativeInfinity, 0), (-1, double.PositiveInfinity)];

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void AddSignStep_Bounded_EqualsTheStepThenClamp_BitForBit(DType dtype)
    {
        foreach (var n in Enumerable.Range(0, 70).Append((1 << 15) + 9))
        {
            var x = Tensor.FromArray(Values(n, 7)).To(dtype);
            var d = Tensor.FromArray(Values(n, 8)).To(dtype);
            foreach (var (min, max) in Boxes)
            {
                AssertSameBits(x.AddSignStep(d, 0.3).Clamp(min, max), x.AddSignStep(d, 0.3, min, max));
            }
        }
    }

    [Theory]
    [MemberData(nameof(OtherDevices))]
    public void AddSignStep_Bounded_OnEveryBackend_EqualsThatBackendsStepThenClamp(string device)
    {
        // Each backend clamps as its own Clamp does (the CPU's is IEEE min/max, which orders −0 below +0).
        var on = Device.Parse(device);
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var x = Tensor.FromArray(Values(257, 9)).To(dtype).To(on);
            var d = Tensor.FromArray(Values(257, 10)).To(dtype).To(on);
            foreach (var (min, max) in Boxes)
            {
                AssertSameBits(x.AddSignStep(d, -0.2).Clamp(min, max).To(Device.Cpu), x.AddSignStep(d, -0.2, min, max).To(Device.Cpu));
            }
        }
    }

    [Fact]
    public void AddSignStep_BoundsOutOfOrderOrNaN_ErrorNamesThem()
    {
        var x = Tensor.Zeros([2, 3]);
        var e = Assert.Throws<ArgumentException>(() => x.AddSignStep(x, 0.1, 1, 0));
        Assert.Equal("min", e.ParamName);
        Assert.Contains("min 1 is greater than max 0", e.Message);
        Assert.Throws<ArgumentException>(() => x.AddSignStep(x, 0.1, double.NaN, 1));
        Assert.Throws<ArgumentException>(() => x.AddSignStep(x, 0.1, 0, double.NaN));
    }

    private static void AssertSameBits(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var e = expected.To(DType.Float64).ToArray<double>();
        var a = actual.To(DType.Float64).ToArray<double>();
        for (var i = 0; i < e.Length; i++)
        {
            Assert.True(BitConverter.DoubleToInt64Bits(e[i]) == BitConverter.DoubleToInt64Bits(a[i]), $"element {i}: expected {e[i]}, got {a[i]}");
        }
    }
}
