namespace Scratch.Tests.Diagnostics;

/// <summary>The comparer itself: it must fail on a wrong result, name the element, and tell bit-exact from tolerant.</summary>
public sealed class KernelComparisonTests
{
    // The same values on both devices, except that on the reference device element 2 is nudged by `delta`.
    private static Func<Device, Tensor> Nudged(double delta, DType dtype = DType.Float32) => d =>
        Tensor.FromArray([1.0, -2.0, 3.0, 0.5], 2, 2).To(dtype).To(d) + Tensor.FromArray([0, 0, d == Device.Reference ? delta : 0, 0], 2, 2).To(dtype).To(d);

    [Fact]
    public void Run_EqualResults_PassesWithZeroRatio()
    {
        var r = new KernelComparison(KernelFamily.Unary, "same", Nudged(0)).Run(Device.Reference, Device.Cpu);
        Assert.True(r.Passed, r.ToString());
        Assert.Equal(0, r.WorstRatio);
        Assert.Equal("", r.Detail);
    }

    [Fact]
    public void Run_DifferenceBeyondTolerance_FailsNamingTheElementAndBothValues()
    {
        var r = new KernelComparison(KernelFamily.Unary, "off", Nudged(1e-3), Rtol: 1e-5, Atol: 1e-6).Run(Device.Reference, Device.Cpu);
        Assert.False(r.Passed);
        Assert.Contains("element 2 of shape [2, 2]", r.Detail);
        Assert.Contains("expected 3,", r.Detail);
        Assert.Contains("got 3.0009", r.Detail);
        Assert.Contains("FAILED", r.ToString());
    }

    [Fact]
    public void Run_DifferenceWithinTolerance_PassesWithItsRatio()
    {
        // |Δ| = 1e-6 against atol + rtol·3 = 1e-6 + 3e-6: a quarter of the tolerance (float64, so Δ is exact enough).
        var r = new KernelComparison(KernelFamily.Unary, "close", Nudged(1e-6, DType.Float64), Rtol: 1e-6, Atol: 1e-6).Run(Device.Reference, Device.Cpu);
        Assert.True(r.Passed, r.ToString());
        Assert.InRange(r.WorstRatio, 0.24, 0.26);
    }

    [Fact]
    public void Run_BitExactOnCpu_FailsOnOneUlpAgainstCpuButUsesToleranceAgainstReference()
    {
        var ulp = (double)MathF.BitIncrement(3f) - 3;
        var comparison = new KernelComparison(KernelFamily.Unary, "one ulp", Nudged(ulp), BitExactOnCpu: true);
        var onCpu = comparison.Run(Device.Reference, Device.Cpu);
        Assert.False(onCpu.Passed);
        Assert.Contains("bit for bit", onCpu.Detail);
        Assert.True(comparison.Run(Device.Cpu, Device.Reference).Passed);
    }

    [Fact]
    public void Run_NaNOnOneSideOnly_Fails()
    {
        var r = new KernelComparison(KernelFamily.SpecialValues, "nan", Nudged(double.NaN)).Run(Device.Reference, Device.Cpu);
        Assert.False(r.Passed);
        Assert.Contains("NaN", r.Detail);
        Assert.True(new KernelComparison(KernelFamily.SpecialValues, "both nan", _ => Tensor.FromArray([float.NaN])).Run(Device.Cpu, Device.Cpu).Passed);
    }

    [Fact]
    public void Run_ShapeOrDTypeDiffers_Fails()
    {
        var shape = new KernelComparison(KernelFamily.Unary, "shape", d => Tensor.Zeros(d == Device.Cpu ? new Shape(2, 2) : new Shape(4), device: d)).Run(Device.Reference, Device.Cpu);
        Assert.False(shape.Passed);
        Assert.Contains("[4]", shape.Detail);
        var dtype = new KernelComparison(KernelFamily.Unary, "dtype", d => Tensor.Zeros([2], d == Device.Cpu ? DType.Float32 : DType.Float64, d)).Run(Device.Reference, Device.Cpu);
        Assert.False(dtype.Passed);
        Assert.Contains("Float64", dtype.Detail);
    }

    [Fact]
    public void Run_ComputationThrows_FailsWithTheMessageInsteadOfThrowing()
    {
        var r = new KernelComparison(KernelFamily.MatMul, "bad shapes", d => Tensor.MatMul(Tensor.Zeros([2, 3], device: d), Tensor.Zeros([2, 3], device: d))).Run(Device.Reference, Device.Cpu);
        Assert.False(r.Passed);
        Assert.Equal(double.PositiveInfinity, r.WorstRatio);
        Assert.Contains("ArgumentException", r.Detail);
        Assert.Contains("[2, 3]", r.Detail);
    }

    [Fact]
    public void Run_ResultOnAnotherDevice_Fails()
    {
        var r = new KernelComparison(KernelFamily.Unary, "stays on cpu", _ => Tensor.Zeros([2])).Run(Device.Reference, Device.Cpu);
        Assert.False(r.Passed);
        Assert.Contains("the result is on cpu, expected reference", r.Detail);
    }
}
