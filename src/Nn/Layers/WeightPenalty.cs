using Scratch.Autograd;

namespace Scratch.Nn;

/// <summary>The elastic weight penalty of one layer.</summary>
internal static class WeightPenalty
{
    /// <summary>λ₁‖W‖₁ + λ₂‖W‖₂² (the squared Frobenius norm, so its gradient is 2λ₂W), or null when both λ are zero.</summary>
    public static Variable? Of(Variable weight, double l1, double l2)
    {
        Variable? penalty = null;
        if (l1 != 0)
        {
            penalty = weight.Abs().Sum() * l1;
        }
        if (l2 != 0)
        {
            var squared = weight.Square().Sum() * l2;
            penalty = penalty is null ? squared : penalty + squared;
        }
        return penalty;
    }

    /// <summary>Checks that a coefficient is finite and non-negative.</summary>
    public static double Validate(double lambda, string name) =>
        double.IsFinite(lambda) && lambda >= 0
            ? lambda
            : throw new ArgumentOutOfRangeException(name, lambda, $"{name}: a penalty coefficient must be finite and ≥ 0");
}
