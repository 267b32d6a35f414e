using System.Runtime.Intrinsics;

namespace Scratch.Optim;

// Problem: L-BFGS-B minimises f over the box l ≤ x ≤ u, where each variable may have a lower
// bound only, an upper bound only, both, none, or be fixed (l_i = u_i). The algorithm needs
// the projection onto the box, the projected gradient and its infinity norm (the stopping
// test), and the largest step along a direction that keeps a point in the box.
// Approach: bounds are stored as two arrays with ±∞ meaning "no bound"; they are validated
// once (lengths, NaN, l_i > u_i) with errors that name the variable.
// References:
//   [1] Byrd, Lu, Nocedal & Zhu 1995, "A limited memory algorithm for bound constrained
//       optimization", SIAM J. Sci. Comput. 16(5), §2 (projected gradient, P(x, l, u)).
//   [2] Zhu, Byrd, Lu & Nocedal 1997, ACM TOMS 23(4), Algorithm 778 (projgr, lnsrlb).

/// <summary>
/// Per-variable bounds l ≤ x ≤ u of a box-constrained problem. Use
/// <see cref="double.NegativeInfinity"/> / <see cref="double.PositiveInfinity"/> for a missing bound.
/// </summary>
public sealed class BoxBounds
{
    private readonly double[] _lower; // l_i, −∞ when variable i has no lower bound
    private readonly double[] _upper; // u_i, +∞ when variable i has no upper bound

    /// <summary>Creates bounds from per-variable arrays (copied).</summary>
    /// <exception cref="ArgumentException">Lengths differ, a bound is NaN, a lower bound is +∞,
    /// an upper bound is −∞, or l_i &gt; u_i; the message names the variable and the values.</exception>
    public BoxBounds(ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        if (lower.Length != upper.Length)
        {
            throw new ArgumentException(
                $"Lower bounds have {lower.Length} entries but upper bounds have {upper.Length}.", nameof(upper));
        }
        for (int i = 0; i < lower.Length; i++)
        {
            double l = lower[i], u = upper[i];
            if (double.IsNaN(l) || double.IsNaN(u))
            {
                throw new ArgumentException($"Bound of variable {i} is NaN (lower = {l}, upper = {u}).", nameof(lower));
            }
            if (double.IsPositiveInfinity(l) || double.IsNegativeInfinity(u))
            {
                throw new ArgumentException($"Variable {i} has an empty box (lower = {l}, upper = {u}).", nameof(lower));
            }
            if (l > u)
            {
                throw new ArgumentException($"Lower bound exceeds upper bound for variable {i}: lower = {l}, upper = {u}.", nameof(lower));
            }
        }
        _lower = lower.ToArray();
        _upper = upper.ToArray();
        foreach (double l in _lower)
        {
            HasAnyBound |= !double.IsNegativeInfinity(l);
        }
        bool allBoxed = true;
        for (int i = 0; i < _lower.Length; i++)
        {
            HasAnyBound |= !double.IsPositiveInfinity(_upper[i]);
            allBoxed &= HasLower(i) && HasUpper(i);
        }
        IsFullyBoxed = allBoxed;
    }

    /// <summary>Bounds for <paramref name="dimension"/> variables without any bound (plain L-BFGS).</summary>
    public static BoxBounds Unbounded(int dimension) => Uniform(dimension, double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>The same bounds <paramref name="lower"/> ≤ x_i ≤ <paramref name="upper"/> for every variable.</summary>
    public static BoxBounds Uniform(int dimension, double lower, double upper)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        var l = new double[dimension];
        var u = new double[dimension];
        Array.Fill(l, lower);
        Array.Fill(u, upper);
        return new BoxBounds(l, u);
    }

    /// <summary>Number of variables.</summary>
    public int Dimension => _lower.Length;

    /// <summary>Lower bounds (−∞ where absent).</summary>
    public ReadOnlySpan<double> Lower => _lower;

    /// <summary>Upper bounds (+∞ where absent).</summary>
    public ReadOnlySpan<double> Upper => _upper;

    /// <summary>True when at least one variable has a finite bound ("cnstnd" in [2]).</summary>
    public bool HasAnyBound { get; }

    /// <summary>True when every variable has both bounds finite ("boxed" in [2]).</summary>
    public bool IsFullyBoxed { get; }

    /// <summary>True when variable <paramref name="i"/> has a finite lower bound.</summary>
    public bool HasLower(int i) => !double.IsNegativeInfinity(_lower[i]);

    /// <summary>True when variable <paramref name="i"/> has a finite upper bound.</summary>
    public bool HasUpper(int i) => !double.IsPositiveInfinity(_upper[i]);

    /// <summary>Projects <paramref name="x"/> onto the box in place: x ← P(x, l, u) = mid(l, x, u).</summary>
    public void Project(Span<double> x)
    {
        CheckLength(x.Length);
        if (!HasAnyBound)
        {
            return;
        }
        for (int i = 0; i < x.Length; i++)
        {
            // P(x, l, u)_i = min(max(x_i, l_i), u_i)  (BLNZ95 §2)
            x[i] = Math.Min(Math.Max(x[i], _lower[i]), _upper[i]);
        }
    }

    /// <summary>
    /// Infinity norm of the projected gradient P(x − g, l, u) − x, the first-order optimality
    /// measure of the stopping test (BLNZ95 §6; projgr in [2]).
    /// </summary>
    public double ProjectedGradientNorm(ReadOnlySpan<double> x, ReadOnlySpan<double> g)
    {
        CheckLength(x.Length);
        if (!HasAnyBound)
        {
            return VectorOps.InfinityNorm(g); // no bound: the projected gradient is g
        }
        return ProjectedGradientNorm(x, g, _lower, _upper);
    }

    /// <summary>‖P(x − g, l, u) − x‖∞ over spans (any slice of the variables, in any order of slices).</summary>
    internal static double ProjectedGradientNorm(ReadOnlySpan<double> x, ReadOnlySpan<double> g,
        ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        double norm = 0;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            // Eight (or four) at a time; max is exact and order-free, so this is bitwise the scalar loop.
            var acc = Vector512<double>.Zero;
            for (; i <= x.Length - 8; i += 8)
            {
                Vector512<double> xi = Vector512.Create(x.Slice(i, 8)), gi = Vector512.Create(g.Slice(i, 8));
                var cut = Vector512.ConditionalSelect(Vector512.LessThan(gi, Vector512<double>.Zero),
                    Vector512.Max(xi - Vector512.Create(upper.Slice(i, 8)), gi),
                    Vector512.Min(xi - Vector512.Create(lower.Slice(i, 8)), gi));
                acc = Vector512.Max(acc, Vector512.Abs(cut));
            }
            for (int k = 0; k < 8; k++)
            {
                norm = Math.Max(norm, acc[k]);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var acc = Vector256<double>.Zero;
            for (; i <= x.Length - 4; i += 4)
            {
                Vector256<double> xi = Vector256.Create(x.Slice(i, 4)), gi = Vector256.Create(g.Slice(i, 4));
                var cut = Vector256.ConditionalSelect(Vector256.LessThan(gi, Vector256<double>.Zero),
                    Vector256.Max(xi - Vector256.Create(upper.Slice(i, 4)), gi),
                    Vector256.Min(xi - Vector256.Create(lower.Slice(i, 4)), gi));
                acc = Vector256.Max(acc, Vector256.Abs(cut));
            }
            for (int k = 0; k < 4; k++)
            {
                norm = Math.Max(norm, acc[k]);
            }
        }
        for (; i < x.Length; i++)
        {
            double gi = g[i];
            // A descent component −g_i is cut to the distance to the bound it moves towards.
            if (gi < 0)
            {
                gi = Math.Max(x[i] - upper[i], gi);
            }
            else
            {
                gi = Math.Min(x[i] - lower[i], gi);
            }
            norm = Math.Max(norm, Math.Abs(gi));
        }
        return norm;
    }

    /// <summary>
    /// Largest step t ≤ <paramref name="limit"/> with x + t·d inside the box (0 when a bound
    /// already blocks d); the step limit of the line search (lnsrlb in [2]).
    /// </summary>
    internal double MaxFeasibleStep(ReadOnlySpan<double> x, ReadOnlySpan<double> d, double limit) =>
        MaxFeasibleStep(x, d, _lower, _upper, limit);

    /// <summary>
    /// The same over one chunk, continuing from the bound <paramref name="stpmax"/> found on the chunks before
    /// (each candidate is compared with the current bound, so chunks must come in index order).
    /// </summary>
    internal static double MaxFeasibleStep(ReadOnlySpan<double> x, ReadOnlySpan<double> d, ReadOnlySpan<double> lower,
        ReadOnlySpan<double> upper, double stpmax)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Four variables at a time, screened against the current bound: where no lane would change it (the usual
            // case once the bound is set), the loop below would leave it as it is, so the block is skipped; a block
            // where some lane would is run by that loop, so the result is bitwise the sequential one.
            for (; i <= x.Length - 4; i += 4)
            {
                Vector256<double> di = Vector256.Create(d.Slice(i, 4)), xi = Vector256.Create(x.Slice(i, 4));
                Vector256<double> li = Vector256.Create(lower.Slice(i, 4)), ui = Vector256.Create(upper.Slice(i, 4));
                Vector256<double> step = di * Vector256.Create(stpmax), toLower = li - xi, toUpper = ui - xi;
                var down = Vector256.LessThan(di, Vector256<double>.Zero) & ~Vector256.Equals(li, Vector256.Create(double.NegativeInfinity))
                    & (Vector256.GreaterThanOrEqual(toLower, Vector256<double>.Zero) | Vector256.LessThan(step, toLower));
                var up = Vector256.GreaterThan(di, Vector256<double>.Zero) & ~Vector256.Equals(ui, Vector256.Create(double.PositiveInfinity))
                    & (Vector256.LessThanOrEqual(toUpper, Vector256<double>.Zero) | Vector256.GreaterThan(step, toUpper));
                if ((down | up) != Vector256<double>.Zero)
                {
                    stpmax = MaxFeasibleStepFrom(x, d, lower, upper, stpmax, i, i + 4);
                }
            }
        }
        return MaxFeasibleStepFrom(x, d, lower, upper, stpmax, i, x.Length);
    }

    // The sequential definition over variables [from, to).
    private static double MaxFeasibleStepFrom(ReadOnlySpan<double> x, ReadOnlySpan<double> d, ReadOnlySpan<double> lower,
        ReadOnlySpan<double> upper, double stpmax, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            double di = d[i];
            if (di < 0 && !double.IsNegativeInfinity(lower[i]))
            {
                double room = lower[i] - x[i];
                if (room >= 0)
                {
                    stpmax = 0;
                }
                else if (di * stpmax < room)
                {
                    stpmax = room / di;
                }
            }
            else if (di > 0 && !double.IsPositiveInfinity(upper[i]))
            {
                double room = upper[i] - x[i];
                if (room <= 0)
                {
                    stpmax = 0;
                }
                else if (di * stpmax > room)
                {
                    stpmax = room / di;
                }
            }
        }
        return stpmax;
    }

    private void CheckLength(int length)
    {
        if (length != _lower.Length)
        {
            throw new ArgumentException($"Vector has {length} entries but the bounds have {_lower.Length}.");
        }
    }
}
