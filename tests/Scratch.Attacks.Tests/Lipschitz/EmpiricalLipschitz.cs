namespace Scratch.Attacks.Tests.Lipschitz;

/// <summary>Measured ratios ‖f(x) − f(y)‖₂ / ‖x − y‖₂, which no valid Lipschitz bound may fall below.</summary>
internal static class EmpiricalLipschitz
{
    /// <summary>‖f(x) − f(y)‖ / ‖x − y‖ for one example pair of shape <paramref name="example"/> (values given flat).</summary>
    public static double Ratio(Module f, Shape example, double[] x, double[] y)
    {
        var fx = Forward(f, example, x);
        var fy = Forward(f, example, y);
        return LipschitzTestData.Norm(fx.Zip(fy, (a, b) => a - b)) / LipschitzTestData.Norm(x.Zip(y, (a, b) => a - b));
    }

    /// <summary>The largest ratio over <paramref name="pairs"/> seeded pairs: x uniform in [0, 1), y = x + a Gaussian step of size <paramref name="step"/>.</summary>
    public static double MaxOverRandomPairs(Module f, Shape example, int pairs, ulong seed, double step = 0.1)
    {
        var g = new Generator(seed);
        var worst = 0.0;
        for (var i = 0; i < pairs; i++)
        {
            var x = Tensor.Rand(example, g, DType.Float64).ToArray<double>();
            var d = Tensor.Randn(example, g, DType.Float64).ToArray<double>();
            var y = x.Zip(d, (a, b) => a + step * b).ToArray();
            worst = Math.Max(worst, Ratio(f, example, x, y));
        }
        return worst;
    }

    private static double[] Forward(Module f, Shape example, double[] x)
    {
        f.Eval();
        return f.Forward(new Variable(Tensor.FromArray(x, [1, .. example]))).Data.ToArray<double>();
    }
}
