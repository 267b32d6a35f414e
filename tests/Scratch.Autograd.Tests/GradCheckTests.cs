using Scratch.Autograd.Tests.Support;

namespace Scratch.Autograd.Tests;

public class GradCheckTests
{
    /// <summary>A test-only op: y = x³ with the wrong backward 2x² (the true derivative is 3x²).</summary>
    private static Variable WrongCube(Variable x)
    {
        var data = x.Data;
        return Variable.Record("wrong_cube", data.Pow(3), [x], [g => g * data.Square() * 2.0]);
    }

    [Fact]
    public void WrongBackward_IsCaught_WithTheWorstElement()
    {
        // L = w·Σ x³ for gradcheck's random scalar weight w: analytic w·2x², numeric w·3x². The error
        // w·x² is largest at the element of largest |x| (index [1, 0] holds 3), and analytic/numeric = 2/3.
        var x = Tensor.FromArray([0.5, -1.0, 3.0, 0.25], 2, 2);
        var result = GradCheck.Run(v => WrongCube(v).Sum(), x);
        Assert.False(result.Passed);
        Assert.Equal(0, result.InputIndex);
        Assert.Equal([1, 0], result.Index);
        Assert.Equal(2.0 / 3, result.Analytic / result.Numeric, 6);
        Assert.Equal(Math.Abs(result.Numeric) / 3, result.AbsoluteError, 6);
        Assert.Equal(1.0 / 3, result.RelativeError, 6);
        var e = Assert.Throws<GradCheckException>(() => GradCheck.Assert(WrongCube, x));
        Assert.Contains("FAILED", e.Message);
        Assert.False(e.Result.Passed);
    }

    [Fact]
    public void WrongBackward_InOneOfSeveralInputs_NamesThatInput()
    {
        // y = a + wrong_cube(b): only input 1 is wrong.
        var result = GradCheck.Run(v => v[0] + WrongCube(v[1]), [Seeded.Normal(80, [3]), Seeded.Normal(81, [3])]);
        Assert.False(result.Passed);
        Assert.Equal(1, result.InputIndex);
    }

    [Fact]
    public void CorrectBackward_Passes_AndReportsWhatItChecked()
    {
        var result = GradCheck.Assert(v => v[0] * v[1].Exp(), [Seeded.Normal(82, [2, 3]), Seeded.Normal(83, [3])]);
        Assert.True(result.Passed);
        Assert.Equal(9, result.ElementsChecked);
        Assert.True(result.AbsoluteError < 1e-8, result.ToString());
        Assert.StartsWith("gradcheck passed: worst element input", result.ToString());
    }

    [Fact]
    public void Tolerances_DecideTheVerdict()
    {
        // The central difference of x³ has error h² per unit; with h = 0.1 it is 0.01, beyond a tight atol.
        var x = Tensor.FromArray([1.0]);
        Assert.False(GradCheck.Run(v => v.Pow(3), x, new GradCheckOptions(Epsilon: 0.1, AbsoluteTolerance: 1e-4, RelativeTolerance: 0)).Passed);
        Assert.True(GradCheck.Run(v => v.Pow(3), x, new GradCheckOptions(Epsilon: 0.1, AbsoluteTolerance: 0.02, RelativeTolerance: 0)).Passed);
    }

    [Fact]
    public void NonFloat64Input_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => GradCheck.Run(v => v, Tensor.FromArray([1f])));
        Assert.Contains("float64", e.Message);
    }

    [Fact]
    public void BadOptions_ThrowNamingTheSetting()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => GradCheck.Run(v => v, Tensor.FromArray([1.0]), new GradCheckOptions(Epsilon: 0)));
        Assert.Equal("Epsilon", e.ParamName);
    }

    [Fact]
    public void NanOnOneSideOnly_Fails()
    {
        // A backward that returns NaN where the true gradient is finite must fail.
        var x = Tensor.FromArray([1.0, 2.0]);
        var result = GradCheck.Run(v => Variable.Record("nan_grad", v.Data * 2.0, [v], [g => g * double.NaN]), x);
        Assert.False(result.Passed);
        Assert.True(double.IsNaN(result.Analytic));
    }
}
