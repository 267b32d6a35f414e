namespace Scratch.Optim.Tests;

public class MaxNormConstraintTests
{
    [Fact]
    public void Apply_RescalesOnlyUnitsAboveTheNorm()
    {
        // rows: (3, 4) has norm 5 → scaled to norm 2: (1.2, 1.6); (0.6, 0.8) has norm 1 → unchanged; zeros stay zeros
        var w = new TestParameter("weight") { Value = Tensor.FromArray(new double[] { 3, 4, 0.6, 0.8, 0, 0 }, 3, 2) };
        var b = new TestParameter("bias", 30, 40);
        new MaxNormConstraint(2).Apply([w, b]);
        var v = w.Value.ToArray<double>();
        double[] expected = [1.2, 1.6, 0.6, 0.8, 0, 0];
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(expected[i], v[i], 1e-12);
        }
        Assert.Equal([30.0, 40.0], b.Values);
    }

    [Fact]
    public void Constructor_NonPositiveNorm_Throws()
    {
        Assert.Contains("max norm = 0", Assert.Throws<ArgumentOutOfRangeException>(() => new MaxNormConstraint(0)).Message);
    }
}
