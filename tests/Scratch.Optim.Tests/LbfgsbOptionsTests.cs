namespace Scratch.Optim.Tests;

public class LbfgsbOptionsTests
{
    [Fact]
    public void Defaults_AreThoseOfTheReference()
    {
        var o = LbfgsbOptions.Default;
        Assert.Equal(10, o.HistorySize);
        Assert.Equal(1e-5, o.ProjectedGradientTolerance);
        Assert.Equal(1e7, o.RelativeReductionFactor);
        Assert.Equal(20, o.MaxLineSearchEvaluations);
        Assert.Equal(1e-3, o.LineSearchFunctionTolerance);
        Assert.Equal(0.9, o.LineSearchGradientTolerance);
        Assert.Equal(0.1, o.LineSearchStepTolerance);
        o.Validate();
    }

    public static TheoryData<LbfgsbOptions, string> Bad => new()
    {
        { new LbfgsbOptions { HistorySize = 0 }, nameof(LbfgsbOptions.HistorySize) },
        { new LbfgsbOptions { ProjectedGradientTolerance = -1 }, nameof(LbfgsbOptions.ProjectedGradientTolerance) },
        { new LbfgsbOptions { RelativeReductionFactor = double.NaN }, nameof(LbfgsbOptions.RelativeReductionFactor) },
        { new LbfgsbOptions { MaxIterations = -1 }, nameof(LbfgsbOptions.MaxIterations) },
        { new LbfgsbOptions { MaxEvaluations = 0 }, nameof(LbfgsbOptions.MaxEvaluations) },
        { new LbfgsbOptions { MaxLineSearchEvaluations = 0 }, nameof(LbfgsbOptions.MaxLineSearchEvaluations) },
        { new LbfgsbOptions { LineSearchFunctionTolerance = 0 }, nameof(LbfgsbOptions.LineSearchFunctionTolerance) },
        { new LbfgsbOptions { LineSearchGradientTolerance = 1 }, nameof(LbfgsbOptions.LineSearchGradientTolerance) },
        { new LbfgsbOptions { LineSearchStepTolerance = -0.1 }, nameof(LbfgsbOptions.LineSearchStepTolerance) },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void Validate_NamesTheBadParameter(LbfgsbOptions options, string name)
    {
        var e = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Equal(name, e.ParamName);
        Assert.Contains(name, e.Message);
        Assert.Throws<ArgumentException>(() => new LbfgsbSolver([0.0], null, options));
    }
}
