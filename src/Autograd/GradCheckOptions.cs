namespace Scratch.Autograd;

/// <summary>
/// Settings of <see cref="GradCheck"/>. An element passes when
/// |analytic − numeric| ≤ <see cref="AbsoluteTolerance"/> + <see cref="RelativeTolerance"/> · |numeric|.
/// </summary>
/// <param name="Epsilon">The finite-difference step h in (f(x + h) − f(x − h)) / 2h; the default 1e-6 balances the O(h²) truncation error against float64 rounding (≈ 1e-16 / h).</param>
/// <param name="AbsoluteTolerance">The absolute part of the tolerance.</param>
/// <param name="RelativeTolerance">The part of the tolerance proportional to |numeric|.</param>
/// <param name="Seed">Seed of the random weights w that turn a non-scalar output y into the scalar Σ w·y.</param>
public sealed record GradCheckOptions(double Epsilon = 1e-6, double AbsoluteTolerance = 1e-5, double RelativeTolerance = 1e-3, ulong Seed = 1234)
{
    /// <summary>Checks that every setting is usable.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is not positive (tolerances: negative) or not finite; the message names it.</exception>
    public void Validate()
    {
        if (!(Epsilon > 0) || !double.IsFinite(Epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, "gradcheck: Epsilon must be a positive finite number");
        }
        if (!(AbsoluteTolerance >= 0) || !double.IsFinite(AbsoluteTolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(AbsoluteTolerance), AbsoluteTolerance, "gradcheck: AbsoluteTolerance must be a finite number >= 0");
        }
        if (!(RelativeTolerance >= 0) || !double.IsFinite(RelativeTolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(RelativeTolerance), RelativeTolerance, "gradcheck: RelativeTolerance must be a finite number >= 0");
        }
    }
}
