using Scratch.Autograd.Tests.Support;

namespace Scratch.Autograd.Tests;

public class ViewGradTests
{
    private static readonly Dictionary<string, Func<Variable, Variable>> Views = new()
    {
        ["reshape"] = x => x.Reshape(4, -1),
        ["flatten"] = x => x.Flatten(1),
        ["transpose"] = x => x.Transpose(0, 2),
        ["mt"] = x => x.MT,
        ["permute"] = x => x.Permute(1, 2, 0),
        ["expand"] = x => x.Narrow(1, 0, 1).Expand(2, 5, 4),
        ["expand leading"] = x => x.Expand(3, 2, 3, 4),
        ["unsqueeze"] = x => x.Unsqueeze(1),
        ["squeeze axis"] = x => x.Narrow(1, 1, 1).Squeeze(1),
        ["squeeze all"] = x => x.Narrow(0, 1, 1).Squeeze(),
        ["narrow"] = x => x.Narrow(2, 1, 2),
        ["slice step"] = x => x.Slice(2, 0, 4, 2),
        ["slice negative"] = x => x.Slice(1, -2, 3),
        ["select"] = x => x.Select(1, 2),
        ["select negative"] = x => x.Select(-1, -1),
        ["select twice"] = x => x.Select(0, 1).Select(0, 0) + x.Select(0, 1).Select(0, 0),
    };

    public static TheoryData<string> Names => new(Views.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void View_MatchesFiniteDifferences(string view) =>
        GradCheck.Assert(x => Views[view](x).Tanh(), Seeded.Normal(50, [2, 3, 4]));

    [Theory]
    [MemberData(nameof(Names))]
    public void View_OfNonContiguousInput_MatchesFiniteDifferences(string view) =>
        GradCheck.Assert(x => Views[view](x.Permute(2, 0, 1)).Tanh(), Seeded.Normal(51, [3, 4, 2]));

    [Fact]
    public void Expand_GradientIsSummedOverCopies()
    {
        // y = expand(x) from [3, 1] to [3, 4]: each xᵢ appears 4 times, so ∂Σy/∂xᵢ = 4.
        var x = new Variable(Seeded.Normal(52, [3, 1]), requiresGrad: true);
        Close.Values([4, 4, 4], Autodiff.Grad(x.Expand(3, 4).Sum(), x));
    }

    [Fact]
    public void Slice_GradientIsZeroOutsideTheSlice()
    {
        // y = x[1:5:2], so ∂Σy/∂x = 1 at positions 1 and 3, 0 elsewhere.
        var x = new Variable(Seeded.Normal(53, [6]), requiresGrad: true);
        Close.Values([0, 1, 0, 1, 0, 0], Autodiff.Grad(x.Slice(0, 1, 5, 2).Sum(), x));
    }
}
