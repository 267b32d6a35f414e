using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Scratch.Optim;

// Problem: fused passes walk n-vectors in chunks (VectorOps.ChunkLength) and need whole-vector
// dot products such as sᵀy along the way; summing per-chunk dot products would reassociate the
// sum and change the bits relative to VectorOps.Dot over the whole vector.
// Approach: carry the vector accumulators of VectorOps.Dot from chunk to chunk. Every chunk but
// the last has a length that is a multiple of 16, so the vector loop sees exactly the element
// groups it sees in one call over the whole vector; the scalar tail, after the horizontal sum,
// only occurs in the last chunk. The result is bitwise VectorOps.Dot(a, b).

/// <summary>Σ a_i b_i accumulated chunk by chunk, bitwise equal to <see cref="VectorOps.Dot"/>.</summary>
internal struct DotAccumulator
{
    private readonly int _width;      // 16 (Vector512), 8 (Vector256) or 0 (scalar), as Dot picks for n
    private Vector512<double> _a0, _a1;
    private Vector256<double> _b0, _b1;
    private double _sum;               // the scalar sum once the tail has started
    private bool _reduced;             // the vector accumulators have been summed into _sum

    /// <summary>Starts a dot product over vectors of length <paramref name="n"/>.</summary>
    public DotAccumulator(int n)
    {
        _width = Vector512.IsHardwareAccelerated && n >= 16 ? 16 : Vector256.IsHardwareAccelerated && n >= 8 ? 8 : 0;
        _reduced = _width == 0;
    }

    /// <summary>Adds the next chunk (length a multiple of 16 unless it is the last one).</summary>
    public void Add(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int n = a.Length, i = 0;
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rb = ref MemoryMarshal.GetReference(b);
        if (_width == 16)
        {
            for (; i <= n - 16; i += 16)
            {
                _a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref ra, (nuint)i), Vector512.LoadUnsafe(ref rb, (nuint)i), _a0);
                _a1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref ra, (nuint)(i + 8)), Vector512.LoadUnsafe(ref rb, (nuint)(i + 8)), _a1);
            }
        }
        else if (_width == 8)
        {
            for (; i <= n - 8; i += 8)
            {
                _b0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref ra, (nuint)i), Vector256.LoadUnsafe(ref rb, (nuint)i), _b0);
                _b1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref ra, (nuint)(i + 4)), Vector256.LoadUnsafe(ref rb, (nuint)(i + 4)), _b1);
            }
        }
        if (i < n)
        {
            Reduce();
            for (; i < n; i++)
            {
                _sum = Math.FusedMultiplyAdd(Unsafe.Add(ref ra, i), Unsafe.Add(ref rb, i), _sum);
            }
        }
    }

    /// <summary>The dot product over every chunk added.</summary>
    public double Result
    {
        get
        {
            Reduce();
            return _sum;
        }
    }

    private void Reduce()
    {
        if (!_reduced)
        {
            _sum = _width == 16 ? Vector512.Sum(_a0 + _a1) : Vector256.Sum(_b0 + _b1);
            _reduced = true;
        }
    }
}
