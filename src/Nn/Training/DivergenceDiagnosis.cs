using System.Globalization;
using Scratch.Autograd;

namespace Scratch.Nn.Training;

/// <summary>
/// Says where a diverged step went wrong, for <see cref="TrainingDivergedException"/>. The step has not
/// been applied yet, so the parameters are those that produced the loss. In order: a parameter whose
/// value is not finite; a weight-penalty term that overflowed (weights finite, λ‖W‖² not); a data loss
/// that is not finite (then the backward pass runs to find the first non-finite gradient); and, when
/// every number is finite but the objective grew past the rule, the largest term and the parameter
/// holding the largest magnitude.
/// </summary>
internal static class DivergenceDiagnosis
{
    public static TrainingDivergedException Diagnose(Module model, Variable objective, double loss, double total, double start, DivergenceRule rule, int epoch, int batch, double learningRate)
    {
        var what = double.IsFinite(loss) && double.IsFinite(total)
            ? $"the objective (data loss + weight penalty) = {F(total)} grew past {F(rule.GrowthFactor)} × the first step's {F(start)} and above {F(rule.AbsoluteLimit)}"
            : $"the data loss = {F(loss)}, the objective (data loss + weight penalty) = {F(total)}";
        var (parameter, term, where) = Locate(model, objective, loss, total);
        return new TrainingDivergedException(
            $"training diverged at epoch {epoch + 1}, batch {batch + 1}: {what}; {where}. Try a smaller learning rate (now {F(learningRate)}).",
            epoch, batch, parameter, term);
    }

    private static (string? Parameter, string? Term, string Where) Locate(Module model, Variable objective, double loss, double total)
    {
        var parameters = model.NamedParameters().ToList();
        foreach (var (name, p) in parameters)
        {
            if (!IsFinite(p.Value))
            {
                return (name, null, $"the first non-finite value is in parameter '{name}'");
            }
        }
        var terms = Terms(model, loss);
        foreach (var (term, module, value) in terms)
        {
            if (module is not null && !double.IsFinite(value))
            {
                var inside = LargestIn(parameters, module);
                return (inside, term, $"every parameter is finite, but the {term} = {F(value)} overflowed (largest magnitude in parameter '{inside}')");
            }
        }
        if (!double.IsFinite(loss))
        {
            objective.Backward();
            var culprit = parameters.FirstOrDefault(p => p.Parameter.Gradient is { } g && !IsFinite(g)).Name;
            model.ZeroGrad();
            return culprit is null
                ? (null, "data loss", "every parameter, gradient and penalty term is finite, so the data loss overflowed in the forward pass")
                : (culprit, "data loss", $"the first non-finite gradient of the data loss is in parameter '{culprit}'");
        }
        var largest = terms.MaxBy(t => Math.Abs(t.Value));
        var holder = LargestIn(parameters, largest.Module ?? "");
        var reason = double.IsFinite(total) ? "the largest term" : "the terms are finite but their sum overflowed; the largest";
        return (holder, largest.Term, $"{reason} is the {largest.Term} = {F(largest.Value)}; the largest magnitude is in parameter '{holder}'");
    }

    // The data loss and each layer's weight penalty, evaluated without a tape.
    private static List<(string Term, string? Module, double Value)> Terms(Module model, double loss)
    {
        var terms = new List<(string Term, string? Module, double Value)> { ("data loss", null, loss) };
        using var noGrad = Autodiff.NoGrad();
        foreach (var (module, term) in model.PenaltyTerms())
        {
            terms.Add(($"penalty of layer '{module}'", module, term.Item()));
        }
        return terms;
    }

    // The parameter under the module prefix ("" for all) whose largest |value| is the largest.
    private static string? LargestIn(List<(string Name, Parameter Parameter)> parameters, string module) =>
        parameters
            .Where(p => module.Length == 0 || p.Name.StartsWith(module + ".", StringComparison.Ordinal))
            .Select(p => (p.Name, Magnitude: p.Parameter.Value.To(DType.Float64).ToArray<double>().Select(Math.Abs).DefaultIfEmpty(0).Max()))
            .OrderByDescending(p => p.Magnitude)
            .Select(p => p.Name)
            .FirstOrDefault();

    private static bool IsFinite(Tensor t) => t.To(DType.Float64).ToArray<double>().All(double.IsFinite);

    private static string F(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
