using Scratch.Autograd.Tests.Support;

namespace Scratch.Autograd.Tests;

public class IndexingGradTests
{
    [Fact]
    public void Gather_WithRepeatedIndices_MatchesFiniteDifferences()
    {
        var index = Tensor.FromArray([0, 2, 2, 1, 1, 1], 2, 3);
        GradCheck.Assert(x => x.Gather(1, index), Seeded.Normal(60, [2, 4]));
        GradCheck.Assert(x => x.MT.Gather(1, index), Seeded.Normal(61, [4, 2]));
    }

    [Fact]
    public void Gather_HandDerived()
    {
        // y = (x[0, 1], x[0, 1], x[1, 0]): ∂Σy/∂x[0,1] = 2 (read twice), ∂Σy/∂x[1,0] = 1, else 0.
        var x = new Variable(Seeded.Normal(62, [2, 2]), requiresGrad: true);
        var y = x.Gather(1, Tensor.FromArray([1, 1, 0, 0], 2, 2)).Narrow(1, 0, 2);
        Close.Values([0, 2, 2, 0], Autodiff.Grad(y.Sum(), x));
    }

    [Fact]
    public void CrossEntropy_Composite_MatchesFiniteDifferences()
    {
        // −mean gather(log_softmax(z), y), built from primitives only.
        var labels = Seeded.Labels(63, 5, 4);
        GradCheck.Assert(z => Losses.CrossEntropy(z, labels), Seeded.Normal(64, [5, 4]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    public void ConcatAndStack_MatchFiniteDifferences(int axis)
    {
        GradCheck.Assert(v => Variable.Concat([v[0], v[1].MT, v[0]], axis).Sin(),
            [Seeded.Normal(65, [2, 3, 3]), Seeded.Normal(66, [2, 3, 3])]);
        GradCheck.Assert(v => Variable.Stack([v[0], v[1], v[0]], axis).Sin(),
            [Seeded.Normal(67, [3, 2]), Seeded.Normal(68, [3, 2])]);
    }

    [Fact]
    public void Concat_WithAConstantPart_GivesGradientToTheOthers()
    {
        var x = new Variable(Seeded.Normal(69, [2]), requiresGrad: true);
        var c = new Variable(Seeded.Normal(70, [3]));
        // y = concat(c, x, x) summed with weights 1..7, so ∂/∂x = (4 + 6, 5 + 7).
        var w = Tensor.Arange(1, 8, dtype: DType.Float64);
        var y = Variable.Concat([c, x, x]) * new Variable(w);
        Close.Values([10, 12], Autodiff.Grad(y.Sum(), x));
    }
}
