namespace Scratch.Autograd.Tests;

public class GraphPrinterTests
{
    private static (Variable Loss, Variable X) SmallModel()
    {
        var x = new Variable(Tensor.Ones([1, 4], DType.Float64), requiresGrad: true, name: "x");
        var w = new Variable(Tensor.Ones([4, 3], DType.Float64), requiresGrad: true, name: "W");
        var b = new Variable(Tensor.Zeros([3], DType.Float64), name: "b");
        var h = (x.MatMul(w) + b).Tanh();
        h.Name = "h";
        return ((h * 2).Sum(), x);
    }

    [Fact]
    public void Print_ListsOpsShapesDtypesAndWhichInputsRequireGrad()
    {
        var (loss, _) = SmallModel();
        var expected = string.Join("\n",
            "graph of 7 nodes on cpu, output %6",
            "%0 = leaf x                [1, 4] float64  requires_grad",
            "%1 = leaf W                [4, 3] float64  requires_grad",
            "%2 = matmul(%0, %1)        [1, 3] float64",
            "%3 = add(%2, const b [3])  [1, 3] float64",
            "%4 = tanh(%3) as h         [1, 3] float64",
            "%5 = mul(%4, 2)            [1, 3] float64",
            "%6 = sum(%5)               [] float64",
            "");
        Assert.Equal(expected, GraphPrinter.Print(loss));
    }

    [Fact]
    public void Print_AfterBackward_MarksFreedNodes()
    {
        var (loss, _) = SmallModel();
        loss.Backward();
        var text = GraphPrinter.Print(loss);
        Assert.Contains("%4 = tanh(%3) as h         [1, 3] float64  (freed)", text);
        Assert.Contains("%0 = leaf x                [1, 4] float64  requires_grad\n", text);
    }

    [Fact]
    public void Print_OfConstant_SaysThereIsNoGraph()
    {
        var c = new Variable(Tensor.Ones([2])).Exp();
        Assert.Equal("const [2] float32 on cpu: no graph (nothing requires a gradient)\n", GraphPrinter.Print(c));
    }

    [Fact]
    public void ToDot_HasANodePerOpAndAnEdgePerInput()
    {
        var (loss, _) = SmallModel();
        var dot = DotExport.ToDot(loss);
        Assert.StartsWith("digraph tape {", dot);
        Assert.EndsWith("}\n", dot);
        Assert.Contains("n0 [shape=ellipse, style=filled, fillcolor=lightblue, label=\"%0 x\\n[1, 4] float64\"];", dot);
        Assert.Contains("n4 [shape=box, label=\"%4 h = tanh\\n[1, 3] float64\"];", dot);
        Assert.Contains("n0 -> n2;", dot);
        Assert.Contains("n1 -> n2;", dot);
        Assert.Contains("c0 [shape=note, style=filled, fillcolor=lightgrey, label=\"const b [3]\"];", dot);
        Assert.Contains("c0 -> n3;", dot);
        Assert.Equal(8, dot.Split('\n').Count(l => l.Contains("-> n")));
    }
}
