using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Scratch.Optim;

// Problem: the free-set Gram blocks YᵀZZᵀY, SᵀZZᵀS, SᵀZZᵀY of the compact matrix
// (CompactBfgsMatrix.cs) must follow the set Z of free variables from one iteration to the next.
// Approach: as the reference code (formk) does, each variable that enters Z adds its outer
// product w_i w_iᵀ and each that leaves subtracts it (O(m²) per change), in index order; runs
// of 64 variables whose membership did not change are recognised with one vector compare and
// skipped, which leaves the order of the updates, hence the bits, unchanged.
// References:
//   [1] Zhu, Byrd, Lu & Nocedal 1997, ACM TOMS 23(4), Algorithm 778 (formk).

/// <summary>Keeping the free-set Gram blocks of the compact L-BFGS matrix current.</summary>
internal sealed partial class CompactBfgsMatrix
{
    /// <summary>
    /// Moves the free-set blocks to the set {i : free(status_i)}: each variable that enters adds
    /// w_i w_iᵀ, each that leaves subtracts it (O(m²) per change).
    /// </summary>
    public void SyncFreeSet(ReadOnlySpan<sbyte> status)
    {
        int c = _count;
        ReadOnlySpan<int> slots = _slots.AsSpan(0, c);
        Span<double> sv = stackalloc double[c], yv = stackalloc double[c]; // row i of S and Y, chronological
        for (int i = 0; i < _n; i++)
        {
            if ((i & 63) == 0 && i + 64 <= _n && SameFreeSet(status, i))
            {
                i += 63; // 64 variables, none changed: skip them
                continue;
            }
            bool free = status[i] <= 0;
            if (free == _gramFree[i])
            {
                continue;
            }
            _gramFree[i] = free;
            _gramFreeCount += free ? 1 : -1;
            double sign = free ? 1.0 : -1.0;
            for (int j = 0; j < c; j++)
            {
                sv[j] = _s[slots[j]][i];
                yv[j] = _y[slots[j]][i];
            }
            // ± w_i w_iᵀ on the three blocks, entry (a, b) by slot
            for (int ja = 0; ja < c; ja++)
            {
                int row = slots[ja] * _m;
                double sa = sign * sv[ja], ya = sign * yv[ja];
                for (int jb = 0; jb < c; jb++)
                {
                    int at = row + slots[jb];
                    double sb = sv[jb], yb = yv[jb];
                    _yzy[at] += ya * yb;
                    _szs[at] += sa * sb;
                    _szy[at] += sa * yb;
                }
            }
        }
    }

    // True when status[i] ≤ 0 ⇔ _gramFree[i] for the 64 variables from i (one vector compare, or two of 32).
    private bool SameFreeSet(ReadOnlySpan<sbyte> status, int i)
    {
        var flags = MemoryMarshal.AsBytes(_gramFree.AsSpan(i, 64));
        if (Vector512.IsHardwareAccelerated)
        {
            ulong free = Vector512.LessThanOrEqual(Vector512.Create(status.Slice(i, 64)), Vector512<sbyte>.Zero).ExtractMostSignificantBits();
            ulong kept = ~Vector512.Equals(Vector512.Create(flags), Vector512<byte>.Zero).ExtractMostSignificantBits();
            return free == kept;
        }
        if (Vector256.IsHardwareAccelerated)
        {
            for (int half = 0; half < 64; half += 32)
            {
                uint free = Vector256.LessThanOrEqual(Vector256.Create(status.Slice(i + half, 32)), Vector256<sbyte>.Zero).ExtractMostSignificantBits();
                uint kept = ~Vector256.Equals(Vector256.Create(flags.Slice(half, 32)), Vector256<byte>.Zero).ExtractMostSignificantBits();
                if (free != kept)
                {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
