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
            foreach (var n in new[] { 1, 7, 33, 64, 257 })
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
                fusedTheta = dtype == DType.Float32
                    ? SgdUpdate.Fused<float>(fusedTheta, g, ref fusedVelocity, c)
                    : SgdUpdate.Fused<double>(fusedTheta, g, ref fusedVelocity, c);
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
                fusedTheta = dtype == DType.Float32
                    ? AdamUpdate.Fused<float>(fusedTheta, g, ref fm, ref fv, c)
                    : AdamUpdate.Fused<double>(fusedTheta, g, ref fm, ref fv, c);
                expressionTheta = AdamUpdate.Expression(expressionTheta, g, ref em, ref ev, c);
                AssertBitwiseEqual(expressionTheta, fusedTheta, $"θ after step {step} (λ = {decay})");
                AssertBitwiseEqual(em!, fm!, $"m after step {step}");
                AssertBitwiseEqual(ev!, fv!, $"v after step {step}");
            }
        }
    }

    [Fact]
    public void Fused_StridedViews_EqualTheExpressionBitForBit()
    {
        // θ and g are transposed views: the fused kernel reads contiguous copies, the expression walks the strides.
        var c = new SgdCoefficients(0.5, 0.9, 0.01, false);
        var gen = new Generator(3);
        var theta = Tensor.Randn([4, 3], gen).MT;
        Tensor? fusedVelocity = null, expressionVelocity = null;
        for (var step = 0; step < 3; step++)
        {
            var g = Tensor.Randn([4, 3], gen).MT;
            var fused = SgdUpdate.Fused<float>(theta, g, ref fusedVelocity, c);
            var expression = SgdUpdate.Expression(theta, g, ref expressionVelocity, c);
            AssertBitwiseEqual(expression, fused, $"θ after step {step + 1}");
            theta = fused;
        }
    }

    [Fact]
    public void Step_OnTheCpu_LeavesTheOldValueAndTheGradientAsTheyWere()
    {
        // The fused kernels write only the optimizer's own state: θ and g, which the caller may still hold, are values.
        var theta = Tensor.FromArray(new float[] { 1, 2, 3 });
        var g = Tensor.FromArray(new float[] { 0.5f, -1, 2 });
        Tensor? velocity = null, m = null, v = null;
        var sgd = new SgdCoefficients(0.1, 0.9, 0, false);
        var afterSgd = SgdUpdate.Step(SgdUpdate.Step(theta, g, ref velocity, sgd), g, ref velocity, sgd);
        var afterAdam = AdamUpdate.Step(theta, g, ref m, ref v, new AdamCoefficients(0.1, 0.9, 0.999, 1e-8, 0, 1));
        Assert.Equal([1f, 2f, 3f], theta.ToArray<float>());
        Assert.Equal([0.5f, -1f, 2f], g.ToArray<float>());
        // v₂ = 0.9·g + g = 1.9g, while g itself is untouched
        Assert.Equal([0.95f, -1.9f, 3.8f], velocity!.ToArray<float>());
        Assert.NotEqual(theta.ToArray<float>(), afterSgd.ToArray<float>());
        Assert.NotEqual(theta.ToArray<float>(), afterAdam.ToArray<float>());
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
