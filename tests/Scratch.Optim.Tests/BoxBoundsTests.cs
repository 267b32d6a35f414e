namespace Scratch.Optim.Tests;

public class BoxBoundsTests
{
    [Fact]
    public void Constructor_LowerAboveUpper_NamesTheVariableAndValues()
    {
        var e = Assert.Throws<ArgumentException>(() => new BoxBounds([0, 0, 3], [1, 1, 2]));
        Assert.Contains("variable 2", e.Message);
        Assert.Contains("lower = 3", e.Message);
        Assert.Contains("upper = 2", e.Message);
    }

    [Fact]
    public void Constructor_MismatchedLengths_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new BoxBounds([0, 0], [1, 1, 1]));
        Assert.Contains("2", e.Message);
        Assert.Contains("3", e.Message);
    }

    [Fact]
    public void Constructor_NaNOrEmptyBox_Throws()
    {
        Assert.Contains("variable 1", Assert.Throws<ArgumentException>(() => new BoxBounds([0, double.NaN], [1, 1])).Message);
        Assert.Contains("Variable 0", Assert.Throws<ArgumentException>(() => new BoxBounds([double.PositiveInfinity], [double.PositiveInfinity])).Message);
    }

    [Fact]
    public void Kinds_AreDetected()
    {
        var b = new BoxBounds([double.NegativeInfinity, 0, double.NegativeInfinity, 1], [double.PositiveInfinity, double.PositiveInfinity, 2, 1]);
        Assert.True(b.HasAnyBound);
        Assert.False(b.IsFullyBoxed);
        Assert.False(b.HasLower(0) || b.HasUpper(0));
        Assert.True(b.HasLower(1) && !b.HasUpper(1));
        Assert.True(!b.HasLower(2) && b.HasUpper(2));
        var status = new sbyte[4];
        VariableStatus.Initialize(b, status);
        Assert.Equal([VariableStatus.Unbounded, VariableStatus.Free, VariableStatus.Free, VariableStatus.Fixed], status);
        Assert.False(BoxBounds.Unbounded(3).HasAnyBound);
        Assert.True(BoxBounds.Uniform(3, 0, 1).IsFullyBoxed);
    }

    [Fact]
    public void Project_ClampsEachVariable()
    {
        var b = new BoxBounds([double.NegativeInfinity, 0, -1], [1, double.PositiveInfinity, 1]);
        double[] x = [5, -5, 0.5];
        b.Project(x);
        Assert.Equal([1.0, 0.0, 0.5], x);
    }

    [Fact]
    public void ProjectedGradientNorm_CutsComponentsAtTheBounds()
    {
        var b = BoxBounds.Uniform(3, 0, 1);
        // x − g projected: (0.5 − 2 → 0) ⇒ 0.5; (1 − (−3)) stays at 1 ⇒ 0; (0.2 − 0.1) ⇒ 0.1
        Assert.Equal(0.5, b.ProjectedGradientNorm([0.5, 1, 0.2], [2, -3, 0.1]), 15);
    }

    [Fact]
    public void MaxFeasibleStep_StopsAtTheFirstBound()
    {
        var b = new BoxBounds([0, double.NegativeInfinity], [1, 10]);
        Assert.Equal(0.25, b.MaxFeasibleStep([0.5, 0], [2, 1], 1e10), 15);
        Assert.Equal(0.0, b.MaxFeasibleStep([1, 0], [1, 0], 1e10));
        Assert.Equal(1e10, BoxBounds.Unbounded(2).MaxFeasibleStep([0, 0], [1, -1], 1e10));
    }
}
