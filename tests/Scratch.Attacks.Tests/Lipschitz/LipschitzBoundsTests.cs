using Scratch.Attacks.Tests.Support;

namespace Scratch.Attacks.Tests.Lipschitz;

public class LipschitzBoundsTests
{
    private sealed class Doubler : Module
    {
        public override Variable Forward(Variable input) => input * 2.0;
    }

    [Fact]
    public void Of_SigmoidNet_RowsAreTheClosedFormsAndTheProductTheirProduct()
    {
        // W₁ = diag(2, −5, 1) padded to 3×4: ‖W₁‖ = 5; σ′ ≤ 1/4; W₂ = u vᵀ: ‖W₂‖ = ‖u‖‖v‖.
        var g = new Generator(0);
        var model = new Sequential(new Linear(4, 3, g), new Sigmoid(), new Linear(3, 2, g));
        model.To(DType.Float64);
        ((Linear)model[0]).Weight.Value = Tensor.FromArray([2.0, 0, 0, 0, 0, -5, 0, 0, 0, 0, 1, 0], 3, 4);
        double[] u = [1, -2], v = [0.5, 0.5, 1];
        ((Linear)model[2]).Weight.Value = Tensor.FromArray(LipschitzTestData.Multiply(u, v, 2, 1, 3), 2, 3);
        var report = LipschitzBounds.Of(model, [4]);

        var w2 = LipschitzTestData.Norm(u) * LipschitzTestData.Norm(v);
        Assert.Equal(["0", "1", "2"], report.Layers.Select(l => l.Name));
        Assert.Equal(["Linear", "Sigmoid", "Linear"], report.Layers.Select(l => l.Kind));
        Assert.Equal(5, report.Layers[0].Bound, 1e-10);
        Assert.Equal(0.25, report.Layers[1].Bound);
        Assert.Equal(w2, report.Layers[2].Bound, 1e-10);
        Assert.Equal(5 * 0.25 * w2, report.Product, 1e-9);
        Assert.True(report.AllConverged);
        Assert.Equal(new Shape(3), report.Layers[1].OutputShape);
        Assert.True(EmpiricalLipschitz.MaxOverRandomPairs(model, [4], 100, seed: 71, step: 0.01) <= report.Product);
    }

    [Fact]
    public void Of_ZooConvNet_TracksShapesAndBoundsEachConvOnItsInputGrid()
    {
        var model = ModelZoo.Create("conv", new Generator(1));
        model.To(DType.Float64);
        var report = LipschitzBounds.Of(model, [1, 28, 28]);

        Assert.Equal(["Conv2d", "ReLU", "MaxPool2d", "Conv2d", "ReLU", "MaxPool2d", "Flatten", "Linear"], report.Layers.Select(l => l.Kind));
        Assert.Equal([new Shape(32, 24, 24), new Shape(32, 24, 24), new Shape(32, 12, 12), new Shape(64, 8, 8), new Shape(64, 8, 8),
            new Shape(64, 4, 4), new Shape(1024), new Shape(10)], report.Layers.Select(l => l.OutputShape));
        Assert.Contains("28×28 DFT grid", report.Layers[0].Method);
        Assert.Contains("12×12 DFT grid", report.Layers[3].Method);
        Assert.Equal([1.0, 1, 1, 1, 1], new[] { 1, 2, 4, 5, 6 }.Select(i => report.Layers[i].Bound));
        Assert.Equal(report.Layers.Aggregate(1.0, (p, l) => p * l.Bound), report.Product);

        var conv2 = (Conv2d)((Sequential)model)[3];
        var layerNorm = ConvolutionOperator.Norm(conv2.Weight.Value, 12, 12, options: new PowerIterationOptions { Tolerance = 1e-4 });
        Assert.True(layerNorm.Norm <= report.Layers[3].Bound, $"layer {layerNorm.Norm} > bound {report.Layers[3].Bound}");
        var linear = (Linear)((Sequential)model)[7];
        Assert.Equal(SpectralNorm.Of(linear.Weight.Value).Norm, report.Layers[7].Bound);
    }

    [Fact]
    public void Of_StridedPaddedConv_UsesThePaddedGridAndBoundsTheStridedLayer()
    {
        var conv = new Conv2d(2, 3, 3, new Generator(10), stride: 2, padding: 1);
        conv.To(DType.Float64);
        var row = LipschitzBounds.Of(conv, [2, 7, 7]).Layers[0];
        Assert.Equal(new Shape(3, 4, 4), row.OutputShape);
        Assert.Contains("9×9 DFT grid", row.Method);
        Assert.Contains("stride 2", row.Method);
        Assert.Equal(ConvolutionSpectrum.ZeroPadded(conv.Weight.Value, 7, 7, 1).Norm, row.Bound);
        var layer = ConvolutionOperator.Norm(conv.Weight.Value, 7, 7, 2, 1);
        Assert.True(layer.Norm <= row.Bound, $"layer {layer.Norm} > bound {row.Bound}");
        Assert.True(EmpiricalLipschitz.MaxOverRandomPairs(conv, [2, 7, 7], 20, seed: 72) <= row.Bound);
    }

    [Fact]
    public void Of_ZooRbf_IsUnboundedAndSaysSo()
    {
        var report = LipschitzBounds.Of(ModelZoo.Create("rbf", new Generator(2)), [1, 28, 28]);
        var rbf = report.Layers[1];
        Assert.Equal("Rbf", rbf.Kind);
        Assert.Equal(double.PositiveInfinity, rbf.Bound);
        Assert.Contains("no global Lipschitz constant", rbf.Method);
        Assert.Equal(double.PositiveInfinity, report.Product);
        Assert.Contains("| ∞ |", report.ToMarkdown());
    }

    [Fact]
    public void Of_DropoutInTrainingMode_IsBoundedAsInEvaluation()
    {
        var g = new Generator(3);
        var model = new Sequential(new Dropout(0.5, g), new Tanh(), new Softplus(), new ReLU());
        model.Train();
        var report = LipschitzBounds.Of(model, [5]);
        Assert.All(report.Layers, l => Assert.Equal(1, l.Bound));
        Assert.Contains("evaluation", report.Layers[0].Method);
        Assert.True(model.Training);
    }

    [Fact]
    public void Of_NestedSequential_NamesLayersByDottedPath()
    {
        var g = new Generator(4);
        var model = new Sequential(new Flatten(), new Sequential(new Linear(6, 3, g), new Sigmoid()), new Linear(3, 2, g));
        var report = LipschitzBounds.Of(model, [2, 3]);
        Assert.Equal(["0", "1.0", "1.1", "2"], report.Layers.Select(l => l.Name));
        Assert.Equal(new Shape(6), report.Layers[0].OutputShape);
    }

    [Fact]
    public void Of_SingleLinearOnRankTwoExamples_ActsOnTheLastAxis()
    {
        var linear = TestModels.SoftmaxRegression(4, 3, seed: 5);
        var row = LipschitzBounds.Of(linear, [7, 4]).Layers[0];
        Assert.Equal("model", row.Name);
        Assert.Equal(new Shape(7, 3), row.OutputShape);
        Assert.Equal(SpectralNorm.Of(linear.Weight.Value).Norm, row.Bound);
        Assert.NotNull(row.Iterations);
    }

    [Fact]
    public void Of_SameSeed_SameBits()
    {
        var a = LipschitzBounds.Of(TestModels.Mlp(20, 16, 5, seed: 6), [20], new PowerIterationOptions { Seed = 9 });
        var b = LipschitzBounds.Of(TestModels.Mlp(20, 16, 5, seed: 6), [20], new PowerIterationOptions { Seed = 9 });
        Assert.Equal(a.Layers.Select(l => BitConverter.DoubleToInt64Bits(l.Bound)), b.Layers.Select(l => BitConverter.DoubleToInt64Bits(l.Bound)));
        Assert.Equal(a.Layers.Select(l => l.Iterations), b.Layers.Select(l => l.Iterations));
        Assert.Equal(BitConverter.DoubleToInt64Bits(a.Product), BitConverter.DoubleToInt64Bits(b.Product));
    }

    [Fact]
    public void ToMarkdown_HasOneRowPerLayerAndTheProduct()
    {
        var report = LipschitzBounds.Of(TestModels.Mlp(8, 4, 3, seed: 7), [8]);
        var lines = report.ToMarkdown().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2 + 3 + 1, lines.Length);
        Assert.StartsWith("| 1 | Sigmoid | [4] | [4] | 0.25 |", lines[3]);
        Assert.EndsWith(report.Product.ToString("G6", System.Globalization.CultureInfo.InvariantCulture), lines[^1]);
    }

    [Fact]
    public void Of_NaNWeight_ThrowsNamingTheParameter()
    {
        var model = TestModels.Mlp(5, 4, 3, seed: 8);
        var w = ((Linear)model[2]).Weight;
        var values = w.Value.ToArray<double>();
        values[5] = double.NaN;
        w.Value = Tensor.FromArray(values, 3, 4);
        var e = Assert.Throws<ArgumentException>(() => LipschitzBounds.Of(model, [5]));
        Assert.Equal("model", e.ParamName);
        Assert.Contains("2.weight of shape [3, 4] holds NaN at flat index 5", e.Message);
    }

    [Fact]
    public void Of_NaNConvWeight_ThrowsNamingTheParameter()
    {
        var model = (Sequential)ModelZoo.Create("conv", new Generator(11));
        var w = ((Conv2d)model[3]).Weight;
        var values = w.Value.ToArray<float>();
        values[100] = float.PositiveInfinity;
        w.Value = Tensor.FromArray(values, w.Shape.ToArray());
        var e = Assert.Throws<ArgumentException>(() => LipschitzBounds.Of(model, [1, 28, 28]));
        Assert.Equal("model", e.ParamName);
        Assert.Contains("3.weight of shape [64, 32, 5, 5] holds Infinity at flat index 100", e.Message);
    }

    [Fact]
    public void Of_InputShapeThatDoesNotFit_ThrowsNamingTheLayer()
    {
        var fc = ModelZoo.Create("fc10", new Generator(9));
        var e = Assert.Throws<ArgumentException>(() => LipschitzBounds.Of(fc, [1, 27, 28]));
        Assert.Equal("inputShape", e.ParamName);
        Assert.Contains("layer '1'", e.Message);
        Assert.Contains("last axis must be 784", e.Message);
        var conv = ModelZoo.Create("conv", new Generator(9));
        var flat = Assert.Throws<ArgumentException>(() => LipschitzBounds.Of(conv, [784]));
        Assert.Contains("expected [1, H, W]", flat.Message);
    }

    [Fact]
    public void Of_EmptyModelOrShape_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => LipschitzBounds.Of(new Sequential(), [3]));
        Assert.Equal("model", e.ParamName);
        Assert.Contains("has no layers", e.Message);
        Assert.Throws<ArgumentException>(() => LipschitzBounds.Of(new ReLU(), Shape.Scalar));
        var zero = Assert.Throws<ArgumentException>(() => LipschitzBounds.Of(new ReLU(), [3, 0]));
        Assert.Equal("inputShape", zero.ParamName);
    }

    [Fact]
    public void Of_UnknownLayerOrBatchFlatten_ThrowsNotSupported()
    {
        var e = Assert.Throws<NotSupportedException>(() => LipschitzBounds.Of(new Sequential(new ReLU(), new Doubler()), [3]));
        Assert.Contains("layer '1' is a Doubler", e.Message);
        Assert.Contains("supported: Linear, Conv2d", e.Message);
        var flatten = Assert.Throws<NotSupportedException>(() => LipschitzBounds.Of(new Flatten(0), [3, 4]));
        Assert.Contains("flattens from axis 0", flatten.Message);
    }

    [Fact]
    public void Of_BadOptions_ThrowsNamingTheOption()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => LipschitzBounds.Of(new ReLU(), [3], new PowerIterationOptions { MaxIterations = 0 }));
        Assert.Equal("MaxIterations", e.ParamName);
    }
}
