using Scratch.Autograd.Tests.Support;

namespace Scratch.Autograd.Tests;

public class HookTests
{
    [Fact]
    public void Hook_SeesTheGradientOfEachLayer_FromOutputToInput()
    {
        // L = Σ 3·tanh(x): ∂L/∂h = 3 at h = tanh(x), then ∂L/∂x = 3(1 − tanh²x) at the input.
        var x = new Variable(Tensor.FromArray([0.0, 1.0]), requiresGrad: true, name: "x");
        var h = x.Tanh();
        var seen = new List<(string, Tensor)>();
        using var hx = x.RegisterHook(g => seen.Add(("x", g)));
        using var hh = h.RegisterHook(g => seen.Add(("h", g)));
        (h * 3).Sum().Backward();
        Assert.Equal(["h", "x"], seen.Select(s => s.Item1));
        Close.Values([3, 3], seen[0].Item2);
        Close.Values([3, 3 * (1 - Math.Pow(Math.Tanh(1), 2))], seen[1].Item2, atol: 1e-12);
    }

    [Fact]
    public void Hook_SeesTheTotalOfAllPaths_Once()
    {
        // x reaches L twice (L = Σ x + Σ 2x): the hook fires once with the sum 3.
        var x = new Variable(Tensor.FromArray([1.0, 2.0]), requiresGrad: true);
        var calls = new List<Tensor>();
        using var handle = x.RegisterHook(calls.Add);
        (x.Sum() + (x * 2).Sum()).Backward();
        Assert.Single(calls);
        Close.Values([3, 3], calls[0]);
    }

    [Fact]
    public void Hook_RunsDuringFunctionalGrad_AndCanBeRemoved()
    {
        var x = new Variable(Tensor.FromArray([1.0]), requiresGrad: true);
        var calls = 0;
        var handle = x.RegisterHook(_ => calls++);
        Autodiff.Grad(x.Exp().Sum(), x);
        Assert.Equal(1, calls);
        handle.Dispose();
        Autodiff.Grad(x.Exp().Sum(), x);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void Hook_OnConstant_Throws()
    {
        var c = new Variable(Tensor.FromArray([1.0]));
        var e = Assert.Throws<InvalidOperationException>(() => c.RegisterHook(_ => { }));
        Assert.Contains("does not require a gradient", e.Message);
    }
}
