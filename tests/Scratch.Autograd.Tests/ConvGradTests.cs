using Scratch.Autograd.Tests.Support;
using Scratch.Tests.Support;

namespace Scratch.Autograd.Tests;

public class ConvGradTests
{
    public static TheoryData<int, int, int, int> Geometries => new()
    {
        // stride H, stride W, padding H, padding W
        { 1, 1, 0, 0 },
        { 2, 1, 1, 0 },
        { 2, 2, 1, 1 },
    };

    [Theory]
    [MemberData(nameof(Geometries))]
    public void Conv2d_InputWeightBias_MatchFiniteDifferences(int sh, int sw, int ph, int pw) =>
        GradCheck.Assert(v => Variable.Conv2d(v[0], v[1], v[2], (sh, sw), (ph, pw)),
            [Seeded.Normal(130, [2, 2, 5, 4]), Seeded.Normal(131, [3, 2, 3, 2]), Seeded.Normal(132, [3])]);

    [Fact]
    public void Conv2d_OfNonContiguousInput_WithoutBias_MatchesFiniteDifferences() =>
        GradCheck.Assert(v => Variable.Conv2d(v[0].Permute(0, 1, 3, 2), v[1].Narrow(0, 1, 2), padding: (1, 0)),
            [Seeded.Normal(133, [1, 2, 4, 5]), Seeded.Normal(134, [3, 2, 2, 3])]);

    [Fact]
    public void Conv2d_HandDerived()
    {
        // One 2×2 input, one 2×2 kernel, no padding: y = Σ x∘w, so ∂y/∂x = w, ∂y/∂w = x, ∂y/∂b = 1.
        var x = new Variable(Tensor.FromArray([1.0, 2, 3, 4], 1, 1, 2, 2), requiresGrad: true);
        var w = new Variable(Tensor.FromArray([5.0, 6, 7, 8], 1, 1, 2, 2), requiresGrad: true);
        var b = new Variable(Tensor.FromArray([0.5]), requiresGrad: true);
        var y = Variable.Conv2d(x, w, b);
        Assert.Equal(1 * 5 + 2 * 6 + 3 * 7 + 4 * 8 + 0.5, y.Item());
        y.Sum().Backward();
        Close.Values([5, 6, 7, 8], x.Grad!);
        Close.Values([1, 2, 3, 4], w.Grad!);
        Close.Values([1], b.Grad!);
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    public void Pooling_MatchesFiniteDifferences(int sh, int sw, int ph, int pw)
    {
        var x = Seeded.Normal(135, [2, 2, 5, 6]);
        GradCheck.Assert(v => Variable.MaxPool2d(v, (2, 3), (sh, sw), (ph, pw)), x);
        GradCheck.Assert(v => Variable.AvgPool2d(v, (3, 2), (sh, sw), (ph, pw)), x);
        GradCheck.Assert(v => Variable.MaxPool2d(v.MT, (2, 2), (sh, sw)), x);
    }

    [Fact]
    public void MaxPool2d_WithTies_RoutesTheGradientToTheFirstMaximum()
    {
        // One 2×2 window of equal values: the whole gradient goes to the first (row-major) position.
        var x = new Variable(Tensor.Ones([1, 1, 2, 2], DType.Float64), requiresGrad: true);
        Close.Values([1, 0, 0, 0], Autodiff.Grad(Variable.MaxPool2d(x, (2, 2)).Sum(), x));
    }

    [Fact]
    public void AvgPool2d_HandDerived()
    {
        // A 2×2 window averages 4 values: ∂y/∂xⱼ = ¼ each.
        var x = new Variable(Seeded.Normal(136, [1, 1, 2, 4]), requiresGrad: true);
        Close.Values(Enumerable.Repeat(0.25, 8).ToArray(), Autodiff.Grad(Variable.AvgPool2d(x, (2, 2)).Sum(), x));
    }

    [Fact]
    public void SmallConvNet_InputGradient_AgreesOnCpuAndReference()
    {
        Tensor InputGrad(Device device)
        {
            var x = new Variable(Seeded.Normal(137, [2, 1, 6, 6], device: device), requiresGrad: true);
            var w = new Variable(Seeded.Normal(138, [3, 1, 3, 3], device: device), requiresGrad: true);
            var h = Variable.MaxPool2d(Variable.Conv2d(x, w, padding: (1, 1)).Relu(), (2, 2));
            var logits = Variable.AvgPool2d(h, (3, 3)).Flatten(1);
            return Autodiff.Grad(Losses.CrossEntropy(logits, Seeded.Labels(139, 2, 3, device)), x);
        }
        TensorAssert.Close(InputGrad(Device.Reference), InputGrad(Device.Cpu), rtol: 1e-10, atol: 1e-12);
    }
}
