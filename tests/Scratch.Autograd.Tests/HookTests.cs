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
    public void Hook_ThatBackpropagatesAnotherGraph_LeavesTheOuterPassIntact()
    {
        // The sort's collections are kept per thread between passes; a pass started from inside a hook must not
        // share them with the pass that called the hook. Outer: L = Σ x²·3 at x = (1, 2) ⇒ ∂L/∂x = 6x = (6, 12).
        // Inner (in the hook on h = x²): M = Σ exp(y) at y = 0 ⇒ ∂M/∂y = 1, through a graph of three nodes.
        var x = new Variable(Tensor.FromArray([1.0, 2.0]), requiresGrad: true);
        var h = x.Square();
        Tensor? inner = null;
        using var handle = h.RegisterHook(_ =>
        {
            var y = new Variable(Tensor.FromArray([0.0]), requiresGrad: true);
            inner = Autodiff.Grad(y.Exp().Sum(), y);
        });
        var outer = Autodiff.Grad((h * 3).Sum(), x);
        Close.Values([6, 12], outer);
        Close.Values([1], inner!);
        // The next pass on this thread sorts a fresh graph with the kept collections.
        Close.Values([2, 4], Autodiff.Grad(x.Square().Sum(), x));
    }

    [Fact]
    public void Hook_OnConstant_Throws()
    {
        var c = new Variable(Tensor.FromArray([1.0]));
        var e = Assert.Throws<InvalidOperationException>(() => c.RegisterHook(_ => { }));
        Assert.Contains("does not require a gradient", e.Message);
    }
}
