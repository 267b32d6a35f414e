using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Scratch.Optim;

// Problem: after an accepted step the solver needs s = αd and y = g_{k+1} − g_k in the memory,
// sᵀy and yᵀy (curvature guard and θ), the new rows of the Gram matrices (one product of s and y
// with every stored vector), the projected-gradient norm of the stopping test, and the first
// product with W of the next iteration: Wᵀd for the Cauchy path's first direction d (d_i = −g_i
// on the variables it moves, 0 on the others; VariableStatus.AtPathStart), which for an
// unbounded problem is Wᵀ(−g_{k+1}), the first product of the next subspace step. Done one at a
// time these are a dozen passes over n-vectors, most of them re-reading the same data.
// Approach: one sweep over n in chunks of VectorOps.ChunkLength. Per chunk: form s and y
// straight into the spare slot of the memory (so nothing is copied when the pair is kept and
// nothing is lost when it is skipped), advance the carried sᵀy and yᵀy accumulators, and while
// the chunk is in L1 take its products with every stored vector (and with −g). The sums keep
// the chunk order of VectorOps.DotBlock and the accumulation order of VectorOps.Dot, so every
// result is bitwise what the separate passes gave.
// For a unit-step trial the solver runs this sweep from Tell, before the line search has
// accepted the step (LbfgsbSolver.Tell): the gradient as told is copied in the same sweep (unless
// it was written in place) and ∇fᵀs = φ′(1) is accumulated in CopyAndDot's order; the pending
// slot is a spare, so a rejected trial loses nothing.
// The products with −g are those of W after the commit, so they are taken for the stored
// pairs that survive it; the caller uses them only when the pair is actually stored.
// References:
//   [1] Byrd, Lu, Nocedal & Zhu 1995, SIAM J. Sci. Comput. 16(5), §3 (updating SᵀS, SᵀY), §6.
//   [2] Zhu, Byrd, Lu & Nocedal 1997, ACM TOMS 23(4), Algorithm 778 (matupd, projgr).

/// <summary>The fused "form the new pair" pass of an accepted iterate.</summary>
internal sealed class PairUpdate
{
    private readonly double[] _next; // the next path direction d over one chunk

    /// <summary>Creates the sweep with its chunk scratch from <paramref name="memory"/> (a new array without it).</summary>
    public PairUpdate(SolverMemory? memory = null) => _next = SolverMemory.Take<double>(memory, VectorOps.ChunkLength);

    /// <summary>sᵀy of the last <see cref="Form"/>.</summary>
    public double STY { get; private set; }

    /// <summary>yᵀy of the last <see cref="Form"/>.</summary>
    public double YTY { get; private set; }

    /// <summary>‖P(x − g, l, u) − x‖∞ at x of the last <see cref="Form"/> (‖g‖∞ when nothing is bounded).</summary>
    public double ProjectedGradientNorm { get; private set; }

    /// <summary>∇fᵀs of the last <see cref="Form"/> given a told gradient (φ′(1) of a unit-step trial).</summary>
    public double Slope { get; private set; }

    /// <summary>
    /// Writes s = <paramref name="stp"/>·d (unless <paramref name="d"/> is empty: then s is already in the
    /// pending slot, adopted from a unit step) and y = g − gOld into the pending slot of
    /// <paramref name="bfgs"/> and accumulates its Gram rows and the products with the next path
    /// direction (from x, g and <paramref name="status"/>), and the projected gradient norm at
    /// <paramref name="x"/>. Nothing is committed: the caller decides.
    /// When <paramref name="told"/> is not empty, it is the gradient as told, copied into
    /// <paramref name="g"/> chunk by chunk (skipped when it is g's own memory) while ∇fᵀs is
    /// accumulated (<see cref="Slope"/>, bitwise <see cref="VectorOps.CopyAndDot"/>).
    /// </summary>
    public void Form(double stp, ReadOnlySpan<double> d, ReadOnlySpan<double> told, Span<double> g, ReadOnlySpan<double> gOld,
        ReadOnlySpan<double> x, ReadOnlySpan<sbyte> status, BoxBounds bounds, CompactBfgsMatrix bfgs)
    {
        int n = g.Length;
        Span<double> s = bfgs.PendingS, y = bfgs.PendingY;
        bool copy = !told.IsEmpty && !Unsafe.AreSame(ref MemoryMarshal.GetReference(told), ref MemoryMarshal.GetReference(g));
        var gs = new DotAccumulator(n);
        var sy = new DotAccumulator(n);
        var yy = new DotAccumulator(n);
        bfgs.BeginPending(true);
        bool bounded = bounds.HasAnyBound;
        ReadOnlySpan<double> lower = bounds.Lower, upper = bounds.Upper;
        double pg = 0;
        for (int start = 0; start < n; start += VectorOps.ChunkLength)
        {
            int len = Math.Min(VectorOps.ChunkLength, n - start);
            var sc = s.Slice(start, len);
            var yc = y.Slice(start, len);
            if (copy)
            {
                told.Slice(start, len).CopyTo(g.Slice(start, len));
            }
            // s_k = α d,  y_k = g_{k+1} − g_k
            if (d.IsEmpty)
            {
                ElementwiseOps.Difference(g.Slice(start, len), gOld.Slice(start, len), yc);
            }
            else
            {
                ElementwiseOps.ScaleAndDifference(stp, d.Slice(start, len), g.Slice(start, len), gOld.Slice(start, len), sc, yc);
            }
            if (!told.IsEmpty)
            {
                gs.Add(g.Slice(start, len), sc);
            }
            sy.Add(sc, yc);
            yy.Add(yc, yc);
            Span<double> next = _next.AsSpan(0, len);
            if (bounded)
            {
                PathDirection(status.Slice(start, len), x.Slice(start, len), g.Slice(start, len), lower.Slice(start, len), upper.Slice(start, len), next);
            }
            else
            {
                // every variable unbounded: d = −g
                ElementwiseOps.Scale(-1.0, g.Slice(start, len), next);
            }
            bfgs.AccumulatePendingRows(start, len, next);
            // max is exact and order-free, so the chunked norm is bitwise the one-pass norm
            pg = Math.Max(pg, bounded
                ? BoxBounds.ProjectedGradientNorm(x.Slice(start, len), g.Slice(start, len), lower.Slice(start, len), upper.Slice(start, len))
                : VectorOps.InfinityNorm(g.Slice(start, len)));
        }
        Slope = told.IsEmpty ? double.NaN : gs.Result;
        STY = sy.Result;
        YTY = yy.Result;
        ProjectedGradientNorm = pg;
    }

    // d_i = −g_i where the Cauchy path from x moves variable i, else 0 (as CauchyPoint sets it).
    internal static void PathDirection(ReadOnlySpan<sbyte> status, ReadOnlySpan<double> x, ReadOnlySpan<double> g,
        ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, Span<double> d)
    {
        int i = 0;
        if (Avx2.IsSupported)
        {
            // VariableStatus.AtPathStart as lane masks, four variables at a time: unbounded moves, fixed never; at a
            // lower bound it moves unless −g ≤ 0, at an upper bound unless −g ≥ 0, elsewhere unless −g = 0 (each
            // "unless" as the negated comparison, so a NaN moves exactly as in the scalar code).
            for (; i <= d.Length - 4; i += 4)
            {
                var st = Avx2.ConvertToVector256Int64(Vector128.CreateScalarUnsafe(
                    Unsafe.ReadUnaligned<int>(ref Unsafe.As<sbyte, byte>(ref Unsafe.Add(ref MemoryMarshal.GetReference(status), i)))).AsSByte());
                var unbounded = Vector256.Equals(st, Vector256.Create((long)VariableStatus.Unbounded)).AsDouble();
                var fixedVar = Vector256.Equals(st, Vector256.Create((long)VariableStatus.Fixed)).AsDouble();
                Vector256<double> xi = Vector256.Create(x.Slice(i, 4)), li = Vector256.Create(lower.Slice(i, 4)), ui = Vector256.Create(upper.Slice(i, 4));
                var neg = -Vector256.Create(g.Slice(i, 4));
                var atLower = ~Vector256.Equals(li, Vector256.Create(double.NegativeInfinity)) & Vector256.LessThanOrEqual(xi - li, Vector256<double>.Zero);
                var atUpper = ~Vector256.Equals(ui, Vector256.Create(double.PositiveInfinity)) & Vector256.LessThanOrEqual(ui - xi, Vector256<double>.Zero);
                var free = Vector256.ConditionalSelect(atLower, ~Vector256.LessThanOrEqual(neg, Vector256<double>.Zero),
                    Vector256.ConditionalSelect(atUpper, ~Vector256.GreaterThanOrEqual(neg, Vector256<double>.Zero),
                        ~Vector256.Equals(neg, Vector256<double>.Zero)));
                var moves = unbounded | (free & ~fixedVar);
                Vector256.ConditionalSelect(moves, neg, Vector256<double>.Zero).CopyTo(d.Slice(i, 4));
            }
        }
        for (; i < d.Length; i++)
        {
            double neg = -g[i];
            d[i] = VariableStatus.MovesAlongPath(VariableStatus.AtPathStart(status[i], x[i], neg, lower[i], upper[i])) ? neg : 0;
        }
    }
}
