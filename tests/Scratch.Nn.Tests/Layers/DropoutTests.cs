namespace Scratch.Nn.Tests.Layers;

public class DropoutTests
{
    private static Variable Ones() => new(Tensor.Ones(new Shape(50, 40)));

    [Fact]
    public void Forward_SameSeed_SameMasks()
    {
        var a = new Dropout(0.5, new Generator(7));
        var b = new Dropout(0.5, new Generator(7));
        for (var step = 0; step < 3; step++)
        {
            Assert.Equal(a.Forward(Ones()).Data.ToArray<float>(), b.Forward(Ones()).Data.ToArray<float>());
        }
    }

    [Fact]
    public void Forward_SuccessiveCalls_DrawNewMasks()
    {
        var d = new Dropout(0.5, new Generator(7));
        Assert.NotEqual(d.Forward(Ones()).Data.ToArray<float>(), d.Forward(Ones()).Data.ToArray<float>());
    }

    [Fact]
    public void Forward_Training_KeepsAboutOneMinusPAndScales()
    {
        var y = new Dropout(0.2, new Generator(3)).Forward(Ones()).Data.ToArray<float>();
        // Inverted dropout: kept elements are 1 / (1 − p) = 1.25, dropped are 0.
        Assert.All(y, v => Assert.True(v == 0f || Math.Abs(v - 1.25f) < 1e-6, $"value {v}"));
        var kept = y.Count(v => v != 0) / (double)y.Length;
        Assert.InRange(kept, 0.75, 0.85);
    }

    [Fact]
    public void Forward_Eval_IsIdentity()
    {
        var d = new Dropout(0.5, new Generator(7));
        d.Eval();
        var x = Ones();
        Assert.Same(x, d.Forward(x));
    }

    [Fact]
    public void Backward_GradientIsTheMask()
    {
        var d = new Dropout(0.5, new Generator(9));
        var x = new Variable(Tensor.Ones(new Shape(4, 5)), requiresGrad: true);
        var y = d.Forward(x);
        y.Sum().Backward();
        // y = m ⊙ x, so ∂Σy/∂x = m.
        Assert.Equal(y.Data.ToArray<float>(), x.Grad!.ToArray<float>());
    }

    [Fact]
    public void Constructor_PAtLeastOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(1, new Generator(1)));
    }
}
