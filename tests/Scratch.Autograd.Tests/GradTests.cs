using Scratch.Autograd.Tests.Support;

namespace Scratch.Autograd.Tests;

public class GradTests
{
    [Fact]
    public void Grad_ReturnsGradientsWithoutTouchingLeaves()
    {
        // L = Σ w·x, ∂L/∂x = w; neither x.Grad nor w.Grad is written.
        var x = new Variable(Tensor.FromArray([1.0, 2]), requiresGrad: true);
        var w = new Variable(Tensor.FromArray([3.0, 4]), requiresGrad: true);
        var gx = Autodiff.Grad((w * x).Sum(), x);
        Close.Values([3, 4], gx);
        Assert.Null(x.Grad);
        Assert.Null(w.Grad);
    }

    [Fact]
    public void Record_FromListsOfAnotherLibrary_RecordsTheOp()
    {
        // The public Record takes any IReadOnlyList (an op defined outside this library): lists that are not arrays
        // record the same node as arrays, and mismatched counts name the op.
        var x = new Variable(Tensor.FromArray([1.0, 2]), requiresGrad: true);
        var w = new Variable(Tensor.FromArray([3.0, 5]), requiresGrad: true);
        var product = Variable.Record("mul_by_list", x.Data * w.Data, new List<Variable> { x, w },
            new List<Func<Tensor, Tensor>> { g => g * w.Data, g => g * x.Data });
        Assert.Equal("mul_by_list", product.Op);
        var grads = Autodiff.Grad(product.Sum(), [x, w]);
        Close.Values([3, 5], grads[0]);
        Close.Values([1, 2], grads[1]);
        var e = Assert.Throws<ArgumentException>(() => Variable.Record("one_short", x.Data, new List<Variable> { x, w },
            new List<Func<Tensor, Tensor>> { g => g }));
        Assert.Contains("one_short", e.Message);
        // Arrays bind without ambiguity between the list and span overloads, and record the same op.
        var fromArrays = Variable.Record("mul_by_array", x.Data * w.Data, new[] { x, w },
            new Func<Tensor, Tensor>[] { g => g * w.Data, g => g * x.Data });
        Close.Values([3, 5], Autodiff.Grad(fromArrays.Sum(), x));
    }

    [Fact]
    public void Grad_NodesMadeOnSeveralThreads_ShareHashCodesButStayDistinct()
    {
        // Node.HashCode counts per thread, so two fresh threads number their nodes alike: the backward pass's maps must
        // still tell the nodes apart (L = Σ (a·2 + b·3)², with a's and b's nodes made on different threads).
        Variable Branch(Variable v, double factor)
        {
            Variable? made = null;
            var thread = new Thread(() => made = v * factor);
            thread.Start();
            thread.Join();
            return made!;
        }

        var a = new Variable(Tensor.FromArray([1.0, -2]), requiresGrad: true);
        var b = new Variable(Tensor.FromArray([0.5, 4]), requiresGrad: true);
        var fromA = Branch(a, 2);
        var fromB = Branch(b, 3);
        Assert.Equal(fromA.Node!.HashCode, fromB.Node!.HashCode);
        var loss = (fromA + fromB).Square().Sum();
        var grads = Autodiff.Grad(loss, [a, b]);
        // ∂L/∂a = 2·(2a + 3b)·2, ∂L/∂b = 2·(2a + 3b)·3 with 2a + 3b = [3.5, 8].
        Close.Values([14, 32], grads[0]);
        Close.Values([21, 48], grads[1]);
    }

    [Fact]
    public void Constant_NamesFollowTheValue_ThroughTheCacheOfRecentNames()
    {
        // Scalar constants are named by their value (printed graphs); recent names are reused, so a name must never
        // be another value's: −0 after 0, values past the cache's size, NaN, then the first value again.
        var x = new Variable(Tensor.FromArray([1.0]), requiresGrad: true);
        double[] values = [0.0, -0.0, 0.1, 2, 3, 4, 5, double.NaN, 0.1, -0.0, 1e-7, 0.0];
        string[] expected = ["0", "-0", "0.1", "2", "3", "4", "5", "NaN", "0.1", "-0", "1E-07", "0"];
        Assert.Equal(expected, values.Select(v => x.Constant(v).Name).ToArray());
    }

    [Fact]
    public void Grad_VisitsOnlyThePartOfTheGraphLeadingToWrt()
    {
        // L = Σ (x + counted(w)): asking for ∂L/∂x must not run the backward of the w branch.
        var calls = 0;
        var x = new Variable(Tensor.FromArray([1.0, 2]), requiresGrad: true);
        var w = new Variable(Tensor.FromArray([3.0, 4]), requiresGrad: true);
        var counted = Variable.Record("counted", w.Data, [w], [g => { calls++; return g; }]);
        var loss = (x + counted).Sum();
        Close.Values([1, 1], Autodiff.Grad(loss, x, retainGraph: true));
        Assert.Equal(0, calls);
        Close.Values([1, 1], Autodiff.Grad(loss, w));
        Assert.Equal(1, calls);
    }

    [Fact]
    public void Grad_WithRespectToIntermediate_IsTheUpstreamGradient()
    {
        // L = Σ h², h = 2x, ∂L/∂h = 2h = 4x
        var x = new Variable(Tensor.FromArray([1.0, -3]), requiresGrad: true);
        var h = x * 2;
        var grads = Autodiff.Grad(h.Square().Sum(), [h, x]);
        Close.Values([4, -12], grads[0]);
        Close.Values([8, -24], grads[1]);
    }

    [Fact]
    public void Grad_OfUnusedVariable_ThrowsUnlessAllowed()
    {
        var x = new Variable(Tensor.FromArray([1.0, 2]), requiresGrad: true, name: "x");
        var unused = new Variable(Tensor.FromArray([5.0, 6, 7]), requiresGrad: true, name: "unused");
        var e = Assert.Throws<InvalidOperationException>(() => Autodiff.Grad(x.Sum(), [x, unused], retainGraph: true));
        Assert.Contains("wrt[1]", e.Message);
        Assert.Contains("'unused'", e.Message);
        Assert.Contains("allowUnused", e.Message);
        var grads = Autodiff.Grad(x.Sum(), [x, unused], allowUnused: true);
        Close.Values([1, 1], grads[0]);
        Close.Values([0, 0, 0], grads[1]);
    }

    [Fact]
    public void Grad_WrtNotRequiringGrad_Throws()
    {
        var x = new Variable(Tensor.FromArray([1.0, 2]), requiresGrad: true);
        var c = new Variable(Tensor.FromArray([1.0, 2]));
        var e = Assert.Throws<InvalidOperationException>(() => Autodiff.Grad((x * c).Sum(), c));
        Assert.Contains("wrt[0]", e.Message);
        Assert.Contains("requiresGrad", e.Message);
    }

    [Fact]
    public void Grad_ThroughDetached_IsUnused()
    {
        // y = detach(x)·x: only the second factor carries a gradient, ∂Σy/∂x = x.
        var x = new Variable(Tensor.FromArray([2.0, 3]), requiresGrad: true);
        Close.Values([2, 3], Autodiff.Grad((x.Detach() * x).Sum(), x));
        Assert.Throws<InvalidOperationException>(() => Autodiff.Grad(x.Detach().Sum() + x.Sum(), x.Detach()));
    }

    [Fact]
    public void Grad_NonScalarOutput_NeedsUpstreamGradient()
    {
        var x = new Variable(Tensor.FromArray([1.0, 2]), requiresGrad: true);
        var e = Assert.Throws<InvalidOperationException>(() => Autodiff.Grad(x.Exp(), x));
        Assert.Contains("Grad", e.Message);
        Close.Values([Math.E * 2, Math.Exp(2) * 3], Autodiff.Grad(x.Exp(), x, Tensor.FromArray([2.0, 3])), atol: 1e-12);
    }

    [Fact]
    public void Grad_SameVariableTwiceInWrt_GivesItsGradientInBothEntries()
    {
        // L = Σ x³, ∂L/∂x = 3x², asked for twice in one call.
        var x = new Variable(Tensor.FromArray([1.0, -2]), requiresGrad: true);
        var grads = Autodiff.Grad((x * x * x).Sum(), [x, x]);
        Close.Values([3, 12], grads[0]);
        Close.Values([3, 12], grads[1]);
    }

    [Fact]
    public void Grad_ThroughDiamondWithSideBranch_SumsBothPathsAndSkipsTheBranch()
    {
        // L = Σ (a·b + counted(w)) with a = x + 1, b = 2x: ∂L/∂x = b + 2a = 4x + 2; the w branch reaches no target.
        var calls = 0;
        var x = new Variable(Tensor.FromArray([1.0, 3]), requiresGrad: true);
        var w = new Variable(Tensor.FromArray([5.0, 6]), requiresGrad: true);
        var counted = Variable.Record("counted", w.Data, [w], [g => { calls++; return g; }]);
        var a = x + 1;
        var b = x * 2;
        Close.Values([6, 14], Autodiff.Grad((a * b + counted).Sum(), x));
        Assert.Equal(0, calls);
    }
}
