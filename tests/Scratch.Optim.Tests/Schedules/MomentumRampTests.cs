namespace Scratch.Optim.Tests;

public class MomentumRampTests
{
    [Fact]
    public void Momentum_RisesLinearlyThenStays()
    {
        var ramp = new MomentumRamp(0.5, 0.7, epochs: 4);
        // μ_e = 0.5 + 0.2·min(e, 4)/4
        double[] expected = [0.5, 0.55, 0.6, 0.65, 0.7, 0.7, 0.7];
        for (var e = 0; e < expected.Length; e++)
        {
            Assert.Equal(expected[e], ramp.Momentum(e), 1e-15);
        }
    }

    [Fact]
    public void Apply_ChangesTheMomentumOfTheNextStep()
    {
        var p = new TestParameter("w", 1.0);
        var sgd = new Sgd([p], learningRate: 0.1, momentum: 0.9);
        var ramp = new MomentumRamp(0.5, 0.7, epochs: 2);
        ramp.Apply(sgd, 0);
        Assert.Equal(0.5, sgd.Momentum);
        p.SetGradient(1.0);
        sgd.Step();
        // v = g = 1; θ = 1 − 0.1 = 0.9
        Assert.Equal(0.9, p.Values[0], 1e-12);
        ramp.Apply(sgd, 1);
        p.SetGradient(1.0);
        sgd.Step();
        // μ = 0.6: v = 0.6·1 + 1 = 1.6; θ = 0.9 − 0.16 = 0.74 (with the old 0.9 it would be 0.71)
        Assert.Equal(0.74, p.Values[0], 1e-12);
    }

    [Fact]
    public void BadArguments_NameThemselves()
    {
        Assert.Contains("momentum ramp start = 1", Assert.Throws<ArgumentOutOfRangeException>(() => new MomentumRamp(1, 0.7, 3)).Message);
        Assert.Contains("momentum ramp end = -0.1", Assert.Throws<ArgumentOutOfRangeException>(() => new MomentumRamp(0.5, -0.1, 3)).Message);
        Assert.Contains("momentum ramp epochs = 0", Assert.Throws<ArgumentOutOfRangeException>(() => new MomentumRamp(0.5, 0.7, 0)).Message);
        Assert.Contains("epoch = -1", Assert.Throws<ArgumentOutOfRangeException>(() => new MomentumRamp(0.5, 0.7, 3).Momentum(-1)).Message);
    }

    [Fact]
    public void SgdMomentum_SetOutOfRange_Throws()
    {
        var sgd = new Sgd([new TestParameter("w", 1)], 0.1, momentum: 0.5, nesterov: true);
        Assert.Contains("momentum = 1", Assert.Throws<ArgumentOutOfRangeException>(() => sgd.Momentum = 1).Message);
        Assert.Contains("nesterov", Assert.Throws<ArgumentOutOfRangeException>(() => sgd.Momentum = 0).Message);
    }
}
