using Scratch.Nn.Tests.Support;

namespace Scratch.Nn.Tests.Layers;

/// <summary>ReLU, Sigmoid, Tanh and Softplus: one small file each in src, one table of cases here.</summary>
public class ActivationTests
{
    public static TheoryData<string> Names => ["relu", "sigmoid", "tanh", "softplus"];

    private static Module Create(string name) => name switch
    {
        "relu" => new ReLU(),
        "sigmoid" => new Sigmoid(),
        "tanh" => new Tanh(),
        _ => new Softplus(),
    };

    private static double Reference(string name, double x) => name switch
    {
        "relu" => Math.Max(0, x),
        "sigmoid" => 1 / (1 + Math.Exp(-x)),
        "tanh" => Math.Tanh(x),
        _ => Math.Log(1 + Math.Exp(x)),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_MatchesFormula(string name)
    {
        double[] xs = [-3, -0.5, 0.25, 2];
        var y = Create(name).Forward(new Variable(Tensor.FromArray(xs, 4))).Data;
        TensorAssert.Close(Tensor.FromArray(xs.Select(x => Reference(name, x)).ToArray(), 4), y, rtol: 1e-12, atol: 1e-12);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void GradCheck_Input(string name)
    {
        // Values away from 0, where ReLU has its kink.
        var x = Tensor.FromArray([-2.0, -0.7, 0.3, 1.1, 2.5, -1.3], 2, 3);
        ModuleGradCheck.Assert(Create(name), x);
    }
}
