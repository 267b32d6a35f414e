using System.Globalization;

namespace Scratch.Autograd;

/// <summary>
/// The outcome of a <see cref="GradCheck"/>: whether every element passed, and the worst element
/// (the one whose error uses most of its tolerance), with both gradients and both errors.
/// </summary>
/// <param name="Passed">Whether every element of every input is within tolerance.</param>
/// <param name="InputIndex">Which input holds the worst element (−1 when there was nothing to check).</param>
/// <param name="Index">The worst element's position in that input (one coordinate per dimension).</param>
/// <param name="Analytic">The gradient computed by backward at that element.</param>
/// <param name="Numeric">The central finite difference at that element.</param>
/// <param name="AbsoluteError">|analytic − numeric|.</param>
/// <param name="RelativeError">|analytic − numeric| / max(|numeric|, ε_machine).</param>
/// <param name="ElementsChecked">How many input elements were perturbed.</param>
/// <param name="Options">The settings used.</param>
public sealed record GradCheckResult(
    bool Passed, int InputIndex, int[] Index, double Analytic, double Numeric,
    double AbsoluteError, double RelativeError, int ElementsChecked, GradCheckOptions Options)
{
    /// <summary>"gradcheck FAILED: worst element input 0 [1, 2]: analytic 1.5, numeric 0.5, abs error 1, rel error 2 (12 elements; eps 1e-06, atol 1e-05, rtol 0.001)".</summary>
    public override string ToString()
    {
        var verdict = Passed ? "passed" : "FAILED";
        var where = InputIndex < 0 ? "no elements" : $"worst element input {InputIndex} [{string.Join(", ", Index)}]";
        return string.Create(CultureInfo.InvariantCulture,
            $"gradcheck {verdict}: {where}: analytic {Analytic:G9}, numeric {Numeric:G9}, abs error {AbsoluteError:G3}, rel error {RelativeError:G3} " +
            $"({ElementsChecked} elements; eps {Options.Epsilon:G3}, atol {Options.AbsoluteTolerance:G3}, rtol {Options.RelativeTolerance:G3})");
    }
}
