namespace Scratch.Attacks.Tests.Lipschitz;

public class ConvolutionOperatorTests
{
    [Fact]
    public void Norm_OneByOneKernel_IsTheChannelMatrixNorm()
    {
        // Zero padding changes nothing for a 1×1 kernel: the layer is I ⊗ M, whose norm is ‖M‖₂.
        var m = LipschitzTestData.Householder(3, 41).Select(x => 1.75 * x).ToArray();
        var result = ConvolutionOperator.Norm(Tensor.FromArray(m, 3, 3, 1, 1), 4, 5);
        Assert.True(result.Converged);
        Assert.Equal(1.75, result.Norm, 1e-10);
    }

    [Fact]
    public void Norm_CentredDeltaWithSamePadding_IsTheIdentity()
    {
        var k = new double[9];
        k[4] = -1;
        Assert.Equal(1, ConvolutionOperator.Norm(Tensor.FromArray(k, 1, 1, 3, 3), 5, 5, padding: 1).Norm, 1e-12);
    }

    [Fact]
    public void Norm_KernelLargerThanTheInput_Throws()
    {
        Assert.ThrowsAny<ArgumentException>(() => ConvolutionOperator.Norm(Tensor.Ones([1, 1, 5, 5], DType.Float64), 3, 3));
    }
}
