namespace Scratch.Attacks.Tests.Lipschitz;

/// <summary>
/// A circular (wrap-around) convolution built from the engine's zero-padding one, for checking the DFT bound where
/// it must be exact: y_o(p) = Σ_c Σ_{a,b} W[o,c,a,b]·x_c((p + (a, b)) mod (N_h, N_w)). The input is extended by
/// kh − 1 rows and kw − 1 columns copied from its start (modulo the grid, so any kernel size works), then
/// convolved without padding; the transpose runs the input gradient and folds the extension back.
/// </summary>
internal sealed class CircularConvolution(Tensor weight, int gridHeight, int gridWidth)
{
    private readonly int _in = weight.Shape[1];
    private readonly int _extendedHeight = gridHeight + weight.Shape[2] - 1;
    private readonly int _extendedWidth = gridWidth + weight.Shape[3] - 1;

    /// <summary>The length of an input vector, in·N_h·N_w.</summary>
    public int InputSize => _in * gridHeight * gridWidth;

    /// <summary>x ↦ A x.</summary>
    public double[] Apply(double[] x)
    {
        var extended = new double[_in * _extendedHeight * _extendedWidth];
        ForEachExtended((source, target) => extended[target] = x[source]);
        return Tensor.Conv2d(Tensor.FromArray(extended, 1, _in, _extendedHeight, _extendedWidth), weight).ToArray<double>();
    }

    /// <summary>y ↦ Aᵀ y.</summary>
    public double[] ApplyTranspose(double[] y)
    {
        var gy = Tensor.FromArray(y, 1, weight.Shape[0], gridHeight, gridWidth);
        var g = Tensor.Conv2dBackwardInput(gy, weight, [1, _in, _extendedHeight, _extendedWidth]).ToArray<double>();
        var x = new double[InputSize];
        ForEachExtended((source, target) => x[source] += g[target]);
        return x;
    }

    // Visits every position of the extended input with the grid position it copies.
    private void ForEachExtended(Action<int, int> visit)
    {
        for (var c = 0; c < _in; c++)
        {
            for (var i = 0; i < _extendedHeight; i++)
            {
                for (var j = 0; j < _extendedWidth; j++)
                {
                    visit((c * gridHeight + i % gridHeight) * gridWidth + j % gridWidth, (c * _extendedHeight + i) * _extendedWidth + j);
                }
            }
        }
    }
}
