namespace Scratch.Attacks.Tests.Lipschitz;

public class MaxoutBoundTests
{
    private static Maxout Layer(int inFeatures, int units, int pieces, double[] weight)
    {
        var layer = new Maxout(inFeatures, units, pieces, new Generator(0));
        layer.To(DType.Float64);
        layer.Linear.Weight.Value = Tensor.FromArray(weight, units * pieces, inFeatures);
        return layer;
    }

    [Fact]
    public void Of_PiecesThatCombine_BoundsTheLayerWhereTheLargestPieceNormDoesNot()
    {
        // Unit 0: pieces e₁, e₂; unit 1: pieces e₂, e₁. Each piece matrix ([e₁; e₂] or [e₂; e₁]) has norm 1, but where
        // x₁ > x₂ both units output x₁: h = (x₁, x₁), so moving x₁ by t moves h by √2·t.
        var layer = Layer(2, 2, 2, [1, 0, 0, 1, 0, 1, 1, 0]);
        var row = LipschitzBounds.Of(layer, [2]).Layers[0];
        Assert.Equal(Math.Sqrt(2), row.Bound, 1e-12);
        Assert.Equal(Math.Sqrt(2), EmpiricalLipschitz.Ratio(layer, [2], [1, 0], [2, 0]), 1e-12);
        Assert.Equal(1, SpectralNorm.OfMatrix([1, 0, 0, 1], 2, 2).Norm, 1e-12);
        Assert.Equal(1, SpectralNorm.OfMatrix([0, 1, 1, 0], 2, 2).Norm, 1e-12);
    }

    [Fact]
    public void Of_EqualPieces_TheRowWiseBoundWins()
    {
        // One unit with two copies of w: the layer is x ↦ w·x + max(b), Lipschitz ‖w‖; the stacked matrix has norm √2‖w‖.
        double[] w = [3, -4, 0];
        var row = LipschitzBounds.Of(Layer(3, 1, 2, [.. w, .. w]), [3]).Layers[0];
        Assert.Equal(5, row.Bound, 1e-12);
        Assert.Contains("row-wise bound (stacked ‖W‖₂ = 7.071", row.Method);
    }

    [Fact]
    public void Of_OrthogonalUnits_TheStackedNormWins()
    {
        // Two units of one piece each, rows e₁ and e₂: the layer is the identity, stacked norm 1, row-wise √2.
        var row = LipschitzBounds.Of(Layer(2, 2, 1, [1, 0, 0, 1]), [2]).Layers[0];
        Assert.Equal(1, row.Bound, 1e-12);
        Assert.StartsWith("‖W‖₂ of the stacked 2×2 matrix", row.Method);
        Assert.True(row.Converged);
    }

    [Fact]
    public void Of_RandomLayer_BoundHoldsOnRandomPairs()
    {
        var layer = Layer(6, 4, 3, LipschitzTestData.Gaussian(72, 61));
        var bound = LipschitzBounds.Of(layer, [6]).Layers[0].Bound;
        Assert.True(EmpiricalLipschitz.MaxOverRandomPairs(layer, [6], 200, seed: 62) <= bound);
    }
}
