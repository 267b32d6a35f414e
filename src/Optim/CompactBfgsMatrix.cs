namespace Scratch.Optim;

// Problem: represent the limited-memory BFGS matrix B built from the last m correction pairs
// s_i = x_{i+1} − x_i, y_i = g_{i+1} − g_i without ever forming an n × n matrix, and supply the
// products that the generalized Cauchy point and the subspace minimisation need.
// Approach: the compact representation of Byrd, Nocedal & Schnabel, as used by BLNZ95 §3,
//     B = θI − W M Wᵀ,   W = [Y  θS]  (n × 2m),
//     M = [ −D   Lᵀ  ]⁻¹        D = diag(s_iᵀy_i),  L_ij = s_iᵀy_j for i > j (else 0),
//         [  L  θSᵀS ]
// with S, Y kept in a circular buffer of m slots. The small m × m matrices SᵀS and SᵀY are
// stored by slot and updated by one new row and column per pair (O(m·n)), so nothing is ever
// shifted. M is applied by block elimination with the Cholesky factor of
//     T = θSᵀS + L D⁻¹ Lᵀ   (symmetric positive definite when every s_iᵀy_i > 0).
// For the subspace minimisation this class also keeps the Gram blocks restricted to a set Z of
// free variables — YᵀZZᵀY, SᵀZZᵀS, SᵀZZᵀY — updated incrementally: a new pair adds a row and a
// column over the current set (O(m·n)); a variable that enters or leaves the set adds or
// removes its outer product (O(m²) per change), as the reference code (formk) does.
// Moving the free set is in CompactBfgsMatrix.FreeSet.cs; adding a pair goes through a spare
// slot filled by the solver's fused pair sweep (CompactBfgsMatrix.Update.cs). Products with W
// are offered whole (MultiplyW, MultiplyWTranspose) and chunk by chunk (BeginMultiplyW,
// MultiplyWChunk, AccumulateWTransposeChunk) for fused sweeps.
// Symbols: θ (theta) the scaling of the initial matrix, m the history size, "slot" the
// physical position of a pair in the circular buffer, "chronological index" j = 0 the oldest.
// References:
//   [1] Byrd, Lu, Nocedal & Zhu 1995, "A limited memory algorithm for bound constrained
//       optimization", SIAM J. Sci. Comput. 16(5), §3 (compact form of B, M and W).
//   [2] Byrd, Nocedal & Schnabel 1994, "Representations of quasi-Newton matrices and their use
//       in limited memory methods", Math. Programming 63, Theorem 2.3.
//   [3] Zhu, Byrd, Lu & Nocedal 1997, ACM TOMS 23(4), Algorithm 778 (formt, bmv, formk).

/// <summary>Compact limited-memory BFGS matrix B = θI − W M Wᵀ over n variables and m pairs.</summary>
internal sealed partial class CompactBfgsMatrix
{
    private readonly int _n;            // number of variables
    private readonly int _m;            // history size (number of slots)
    private readonly double[][] _s;     // s vectors by slot
    private readonly double[][] _y;     // y vectors by slot
    private readonly double[] _ss;      // _ss[a·m + b] = s_aᵀs_b (by slot)
    private readonly double[] _sy;      // _sy[a·m + b] = s_aᵀy_b (by slot)
    private readonly double[] _yzy;     // y_aᵀZZᵀy_b over the free set _gramFree
    private readonly double[] _szs;     // s_aᵀZZᵀs_b over _gramFree
    private readonly double[] _szy;     // s_aᵀZZᵀy_b over _gramFree
    private readonly bool[] _gramFree;  // the set Z the three blocks above refer to
    private int _gramFreeCount;         // |Z|
    private readonly double[] _t;       // Cholesky factor of T (chronological, m × m)
    private double[] _pendingS;         // spare slot: s of the pair being formed
    private double[] _pendingY;         // spare slot: y of the pair being formed
    private int _pendingCount;          // pairs in W once the pending pair is committed
    private int _pendingStride;         // right-hand sides per stored vector in _dots
    private bool _pendingAllFree;       // Z is every variable: no masked products
    private readonly double[] _maskS;   // s_k restricted to Z, one chunk
    private readonly double[] _maskY;   // y_k restricted to Z, one chunk
    private readonly double[][] _lhs;   // scratch list of vector references (2m)
    private readonly double[] _dots;    // products of the pending pair (2m × up to 5)
    private readonly double[] _small;   // scratch of length 2m
    private readonly double[] _small2;  // scratch of length 2m
    private readonly double[] _small3;  // the second right-hand side's coefficients for a two-vector W product
    private int _count;                 // pairs stored ("col")
    private int _head;                  // slot of the oldest pair
    private readonly int[] _slots;      // _slots[j] = (_head + j) mod m for j < 2m: Slot without a division

    public CompactBfgsMatrix(int dimension, int historySize, SolverMemory? memory = null)
    {
        _n = dimension;
        _m = historySize;
        _s = new double[_m][];
        _y = new double[_m][];
        for (int a = 0; a < _m; a++)
        {
            _s[a] = SolverMemory.Take<double>(memory, _n);
            _y[a] = SolverMemory.Take<double>(memory, _n);
        }
        _ss = SolverMemory.Take<double>(memory, _m * _m);
        _sy = SolverMemory.Take<double>(memory, _m * _m);
        _yzy = SolverMemory.Take<double>(memory, _m * _m);
        _szs = SolverMemory.Take<double>(memory, _m * _m);
        _szy = SolverMemory.Take<double>(memory, _m * _m);
        _gramFree = SolverMemory.Take<bool>(memory, _n);
        Array.Fill(_gramFree, true);
        _gramFreeCount = _n;
        _t = SolverMemory.Take<double>(memory, _m * _m);
        _pendingS = SolverMemory.Take<double>(memory, _n);
        _pendingY = SolverMemory.Take<double>(memory, _n);
        _maskS = SolverMemory.Take<double>(memory, VectorOps.ChunkLength);
        _maskY = SolverMemory.Take<double>(memory, VectorOps.ChunkLength);
        _lhs = new double[2 * _m][];
        _dots = SolverMemory.Take<double>(memory, 2 * _m * 5);
        _small = SolverMemory.Take<double>(memory, 2 * _m);
        _small2 = SolverMemory.Take<double>(memory, 2 * _m);
        _small3 = SolverMemory.Take<double>(memory, 2 * _m);
        _slots = SolverMemory.Take<int>(memory, 2 * _m);
        SetHead(0);
    }

    /// <summary>Pairs stored ("col" in the reference).</summary>
    public int Count => _count;

    /// <summary>θ, the scaling of the initial matrix θI; 1 when no pair is stored.</summary>
    public double Theta { get; private set; } = 1;

    /// <summary>Forgets every pair: B = I.</summary>
    public void Reset()
    {
        _count = 0;
        SetHead(0);
        Theta = 1;
    }

    private int Slot(int j) => _slots[j];

    // The oldest pair moves to slot head; the slot table follows (the products of the small matrices
    // read it at every access, several hundred times per breakpoint of the Cauchy path).
    private void SetHead(int head)
    {
        _head = head;
        for (int j = 0; j < _slots.Length; j++)
        {
            _slots[j] = (head + j) % _m;
        }
    }

    /// <summary>s_iᵀy_j by chronological indices.</summary>
    public double SY(int i, int j) => _sy[Slot(i) * _m + Slot(j)];

    /// <summary>s_iᵀs_j by chronological indices.</summary>
    public double SS(int i, int j) => _ss[Slot(i) * _m + Slot(j)];

    /// <summary>y_iᵀZZᵀy_j (free set) by chronological indices.</summary>
    public double YZY(int i, int j) => _yzy[Slot(i) * _m + Slot(j)];

    /// <summary>s_iᵀZZᵀs_j (free set) by chronological indices.</summary>
    public double SZS(int i, int j) => _szs[Slot(i) * _m + Slot(j)];

    /// <summary>s_iᵀZZᵀy_j (free set) by chronological indices.</summary>
    public double SZY(int i, int j) => _szy[Slot(i) * _m + Slot(j)];

    // T = θSᵀS + L D⁻¹ Lᵀ (chronological); Cholesky T = J Jᵀ (BLNZ95 §3; formt in [3]).
    private bool FactorT()
    {
        int c = _count;
        for (int i = 0; i < c; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                // T_ij = θ s_iᵀs_j + Σ_{k<j} L_ik L_jk / D_kk
                double v = Theta * SS(i, j);
                for (int k = 0; k < j; k++)
                {
                    v += SY(i, k) * SY(j, k) / SY(k, k);
                }
                _t[i * _m + j] = v;
            }
        }
        return SmallMatrix.Cholesky(_t, c, _m);
    }

    /// <summary>
    /// result = M v for v of length 2·Count ordered [Y part; S part]; solves
    /// [−D Lᵀ; L θSᵀS] result = v by block elimination (bmv in [3]).
    /// </summary>
    public void ApplyM(ReadOnlySpan<double> v, Span<double> result)
    {
        int c = _count;
        if (c == 0)
        {
            return;
        }
        Span<double> p2 = _small.AsSpan(0, c);
        // T p₂ = v₂ + L D⁻¹ v₁
        for (int i = 0; i < c; i++)
        {
            double acc = v[c + i];
            for (int k = 0; k < i; k++)
            {
                acc += SY(i, k) * v[k] / SY(k, k);
            }
            p2[i] = acc;
        }
        SmallMatrix.CholeskySolve(_t, c, _m, p2);
        // p₁ = D⁻¹ (Lᵀ p₂ − v₁)
        for (int i = 0; i < c; i++)
        {
            double acc = -v[i];
            for (int k = i + 1; k < c; k++)
            {
                acc += SY(k, i) * p2[k];
            }
            result[i] = acc / SY(i, i);
        }
        p2.CopyTo(result.Slice(c, c));
    }

    /// <summary>Row i of W = [Y θS] (length 2·Count).</summary>
    public void WRow(int i, Span<double> w)
    {
        for (int j = 0; j < _count; j++)
        {
            int a = Slot(j);
            w[j] = _y[a][i];
            w[_count + j] = Theta * _s[a][i];
        }
    }

    /// <summary>result = Wᵀv = [Yᵀv; θSᵀv] (length 2·Count); O(m·n), one pass over the pairs.</summary>
    public void MultiplyWTranspose(double[] v, Span<double> result)
    {
        SelectW();
        result[..(2 * _count)].Clear();
        for (int start = 0; start < _n; start += VectorOps.ChunkLength)
        {
            int len = Math.Min(VectorOps.ChunkLength, _n - start);
            AccumulateWTransposeChunk(start, new ReadOnlySpan<double>(v, start, len), result);
        }
        ScaleWTranspose(result);
    }

    /// <summary>result = W u = Y u₁ + θ S u₂ (u of length 2·Count); O(m·n).</summary>
    public void MultiplyW(ReadOnlySpan<double> u, Span<double> result)
    {
        BeginMultiplyW(u);
        for (int start = 0; start < _n; start += VectorOps.ChunkLength)
        {
            MultiplyWChunk(start, result.Slice(start, Math.Min(VectorOps.ChunkLength, _n - start)));
        }
    }

    /// <summary>
    /// Selects the columns of W = [Y θS] for the chunked products below and sets the
    /// coefficients [u₁; θu₂] of W u; fused passes call it once, then the chunk methods in order.
    /// </summary>
    public void BeginMultiplyW(ReadOnlySpan<double> u)
    {
        SelectW();
        int c = _count;
        for (int j = 0; j < c; j++)
        {
            _small2[j] = u[j];
            _small2[c + j] = Theta * u[c + j];
        }
    }

    /// <summary>The chunk of W u starting at <paramref name="start"/> (bitwise VectorOps.LinearCombination).</summary>
    public void MultiplyWChunk(int start, Span<double> outChunk)
    {
        outChunk.Clear();
        int len = outChunk.Length, columns = 2 * _count, a = 0;
        for (; a + 4 <= columns; a += 4)
        {
            PrefetchColumns(a, 4, start);
            VectorOps.AxpyFour(_small2[a], Column(a, start, len), _small2[a + 1], Column(a + 1, start, len),
                _small2[a + 2], Column(a + 2, start, len), _small2[a + 3], Column(a + 3, start, len), outChunk);
        }
        PrefetchColumns(a, columns - a, start);
        for (; a < columns; a++)
        {
            VectorOps.Axpy(_small2[a], Column(a, start, len), outChunk);
        }
    }

    /// <summary>As <see cref="BeginMultiplyW(ReadOnlySpan{double})"/> for the two products W u and W v.</summary>
    public void BeginMultiplyW(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        BeginMultiplyW(u);
        int c = _count;
        for (int j = 0; j < c; j++)
        {
            _small3[j] = v[j];
            _small3[c + j] = Theta * v[c + j];
        }
    }

    /// <summary>The chunks of W u and W v at <paramref name="start"/>, each bitwise the one-vector chunk, W read once.</summary>
    public void MultiplyWChunk(int start, Span<double> outU, Span<double> outV)
    {
        outU.Clear();
        outV.Clear();
        int len = outU.Length, columns = 2 * _count, a = 0;
        for (; a + 4 <= columns; a += 4)
        {
            PrefetchColumns(a, 4, start);
            ReadOnlySpan<double> c0 = Column(a, start, len), c1 = Column(a + 1, start, len), c2 = Column(a + 2, start, len), c3 = Column(a + 3, start, len);
            VectorOps.AxpyFour(_small2[a], c0, _small2[a + 1], c1, _small2[a + 2], c2, _small2[a + 3], c3, outU);
            VectorOps.AxpyFour(_small3[a], c0, _small3[a + 1], c1, _small3[a + 2], c2, _small3[a + 3], c3, outV);
        }
        PrefetchColumns(a, columns - a, start);
        for (; a < columns; a++)
        {
            var column = Column(a, start, len);
            VectorOps.Axpy(_small2[a], column, outU);
            VectorOps.Axpy(_small3[a], column, outV);
        }
    }

    // Asks for the next chunk of columns a … a + count − 1 while this one is combined.
    private void PrefetchColumns(int a, int count, int start)
    {
        for (int j = a; j < a + count; j++)
        {
            VectorOps.Prefetch(_lhs[j], start + VectorOps.ChunkLength);
        }
    }

    /// <summary>sums += [Y θS]ᵀ-chunk products with <paramref name="vChunk"/> before the θ scaling (chunks in order from 0).</summary>
    public void AccumulateWTransposeChunk(int start, ReadOnlySpan<double> vChunk, Span<double> sums)
    {
        // Four columns per pass over vChunk; Dot(v, w) is bitwise Dot(w, v) (each term is one fused multiply-add).
        int len = vChunk.Length, columns = 2 * _count;
        for (int a = 0; a < columns; a += 4)
        {
            int k = Math.Min(4, columns - a);
            VectorOps.AddDots(vChunk, Column(a, start, len), k > 1 ? Column(a + 1, start, len) : default,
                k > 2 ? Column(a + 2, start, len) : default, k > 3 ? Column(a + 3, start, len) : default, k, sums.Slice(a, k));
        }
    }

    private ReadOnlySpan<double> Column(int a, int start, int len) => new(_lhs[a], start, len);

    /// <summary>Finishes Wᵀv from the accumulated sums: the S part times θ.</summary>
    public void ScaleWTranspose(Span<double> sums)
    {
        for (int j = 0; j < _count; j++)
        {
            sums[_count + j] *= Theta;
        }
    }

    // _lhs = [y_0 … y_{c−1}, s_0 … s_{c−1}] (chronological), the columns of W up to θ.
    private void SelectW()
    {
        for (int j = 0; j < _count; j++)
        {
            _lhs[j] = _y[Slot(j)];
            _lhs[_count + j] = _s[Slot(j)];
        }
    }
}
