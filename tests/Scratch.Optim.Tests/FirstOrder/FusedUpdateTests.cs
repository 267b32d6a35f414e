namespace Scratch.Optim.Tests;

/// <summary>
/// The fused CPU kernels of SGD and Adam against their tensor expressions: the same bits, step after step, for
/// every option, both float dtypes, and lengths that leave a partial vector at the end.
/// </summary>
public class FusedUpdateTests
{
    public static TheoryData<DType, int> DTypesAndLengths()
    {
        var data = new TheoryData<DType, int>();
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            foreach (var n in new[] { 1, 7, 33, 257 })
            {
                data.Add(dtype, n);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(DTypesAndLengths))]
    public void SgdFused_EveryOption_EqualsTheExpressionBitForBit(DType dtype, int n)
    {
        foreach (var c in new[]
        {
            new SgdCoefficients(0.1, 0, 0, false),
            new SgdCoefficients(0.05, 0.9, 0, false),
            new SgdCoefficients(0.05, 0.9, 1e-3, false),
            new SgdCoefficients(0.3, 0.7, 0.01, true),
        })
        {
            var gen = new Generator(11);
            var theta = Tensor.Randn([n], gen, dtype);
            var (fusedTheta, expressionTheta) = (theta, theta);
            Tensor? fusedVelocity = null, expressionVelocity = null;
            for (var step = 0; step < 4; step++)
            {
                var g = Tensor.Randn([n], gen, dtype);
                var fused = dtype == DType.Float32
                    ? SgdUpdate.TryFused<float>(fusedTheta, g, ref fusedVelocity, c, out var f)
                    : SgdUpdate.TryFused<double>(fusedTheta, g, ref fusedVelocity, c, out f);
                Assert.True(fused);
                fusedTheta = f;
                expressionTheta = SgdUpdate.Expression(expressionTheta, g, ref expressionVelocity, c);
                AssertBitwiseEqual(expressionTheta, fusedTheta, $"θ after step {step + 1} with {c}");
                if (c.Momentum != 0)
                {
                    AssertBitwiseEqual(expressionVelocity!, fusedVelocity!, $"v after step {step + 1} with {c}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(DTypesAndLengths))]
    public void AdamFused_WithAndWithoutDecay_EqualsTheExpressionBitForBit(DType dtype, int n)
    {
        foreach (var decay in new[] { 0.0, 0.01 })
        {
            var gen = new Generator(12);
            var theta = Tensor.Randn([n], gen, dtype);
            var (fusedTheta, expressionTheta) = (theta, theta);
            Tensor? fm = null, fv = null, em = null, ev = null;
            for (var step = 1; step <= 4; step++)
            {
                var c = new AdamCoefficients(1e-3, 0.9, 0.999, 1e-8, decay, step);
                var g = Tensor.Randn([n], gen, dtype);
                var fused = dtype == DType.Float32
                    ? AdamUpdate.TryFused<float>(fusedTheta, g, ref fm, ref fv, c, out var f)
                    : AdamUpdate.TryFused<double>(fusedTheta, g, ref fm, ref fv, c, out f);
                Assert.True(fused);
                fusedTheta = f;
                expressionTheta = AdamUpdate.Expression(expressionTheta, g, ref em, ref ev, c);
                AssertBitwiseEqual(expressionTheta, fusedTheta, $"θ after step {step} (λ = {decay})");
                AssertBitwiseEqual(em!, fm!, $"m after step {step}");
                AssertBitwiseEqual(ev!, fv!, $"v after step {step}");
            }
        }
    }

    [Fact]
    public void TryFused_StridedViewOrOtherDevice_DeclinesAndLeavesTheStateAlone()
    {
        var c = new SgdCoefficients(0.1, 0.9, 0, false);
        var matrix = Tensor.Randn([3, 4], new Generator(1));
        Tensor? velocity = null;
        Assert.False(SgdUpdate.TryFused<float>(matrix.MT, matrix.MT, ref velocity, c, out _));
        Assert.Null(velocity);
        var onReference = matrix.To(Device.Reference);
        Assert.False(SgdUpdate.TryFused<float>(onReference, onReference, ref velocity, c, out _));
        Assert.Null(velocity);
    }

    [Fact]
    public void Step_StridedGradient_FallsBackToTheExpression()
    {
        // The gradient is a transposed view: the fused kernel declines, the expression handles the layout.
        var c = new SgdCoefficients(0.5, 0, 0, false);
        var theta = Tensor.FromArray(new float[] { 1, 2, 3, 4 }, 2, 2);
        var g = Tensor.FromArray(new float[] { 1, 2, 3, 4 }, 2, 2).MT;
        Tensor? velocity = null;
        var result = SgdUpdate.Step(theta, g, ref velocity, c);
        // θ − 0.5·gᵀ = [[1 − 0.5, 2 − 1.5], [3 − 1, 4 − 2]]
        Assert.Equal([0.5f, 0.5f, 2f, 2f], result.ToArray<float>());
    }

    private static void AssertBitwiseEqual(Tensor expected, Tensor actual, string what)
    {
        var e = expected.To(DType.Float64).ToArray<double>();
        var a = actual.To(DType.Float64).ToArray<double>();
        Assert.Equal(e.Length, a.Length);
        for (var i = 0; i < e.Length; i++)
        {
            Assert.True(BitConverter.DoubleToInt64Bits(e[i]) == BitConverter.DoubleToInt64Bits(a[i]),
                $"{what}: element {i} is {a[i]:R}, the expression gives {e[i]:R}");
        }
    }
}
