namespace Scratch.Optim;

// The status of each variable as seen by the generalized Cauchy point ("iwhere" in
// Algorithm 778). A variable is free for the subspace minimisation when its code is ≤ 0.

/// <summary>Per-variable status codes, stored as <see cref="sbyte"/> for compactness.</summary>
internal static class VariableStatus
{
    /// <summary>No finite bound: always free.</summary>
    public const sbyte Unbounded = -1;

    /// <summary>Has a bound but is free at the current Cauchy point.</summary>
    public const sbyte Free = 0;

    /// <summary>Not at a bound, zero gradient component: does not move along the Cauchy path but is free.</summary>
    public const sbyte ZeroGradient = -3;

    /// <summary>At its lower bound at the Cauchy point.</summary>
    public const sbyte AtLower = 1;

    /// <summary>At its upper bound at the Cauchy point.</summary>
    public const sbyte AtUpper = 2;

    /// <summary>l_i = u_i: never moves.</summary>
    public const sbyte Fixed = 3;

    /// <summary>True when the status leaves the variable free in the subspace minimisation.</summary>
    public static bool IsFree(sbyte status) => status <= 0;

    /// <summary>
    /// The status of a variable at the start of the projected steepest-descent path from x (the first loop of the
    /// generalized Cauchy point): at a bound and pushed against it, free, or with a zero gradient; fixed and
    /// unbounded variables keep theirs. The path moves the variable (d_i = −g_i) when the result is free or unbounded.
    /// </summary>
    public static sbyte AtPathStart(sbyte status, double x, double negG, double lower, double upper)
    {
        if (status == Fixed || status == Unbounded)
        {
            return status;
        }
        bool atL = !double.IsNegativeInfinity(lower) && x - lower <= 0;
        bool atU = !double.IsPositiveInfinity(upper) && upper - x <= 0;
        if (atL)
        {
            return negG <= 0 ? AtLower : Free;
        }
        if (atU)
        {
            return negG >= 0 ? AtUpper : Free;
        }
        return negG == 0 ? ZeroGradient : Free;
    }

    /// <summary>Whether the path from x moves a variable of this status (d_i = −g_i), else d_i = 0.</summary>
    public static bool MovesAlongPath(sbyte status) => status == Free || status == Unbounded;

    /// <summary>Initial statuses from the bounds alone ("active" in Algorithm 778).</summary>
    public static void Initialize(BoxBounds bounds, Span<sbyte> status)
    {
        for (int i = 0; i < status.Length; i++)
        {
            bool hasL = bounds.HasLower(i), hasU = bounds.HasUpper(i);
            status[i] = !hasL && !hasU ? Unbounded
                : hasL && hasU && bounds.Upper[i] - bounds.Lower[i] <= 0 ? Fixed
                : Free;
        }
    }
}
