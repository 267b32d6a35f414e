namespace Scratch.Optim;

// Problem: storing a new pair (s_k, y_k) in the compact matrix (CompactBfgsMatrix.cs) needs its
// products with every stored vector — a new row and column of SᵀS, SᵀY and of the free-set
// blocks — and, in the solver, those products come from the same sweep over n that forms s_k
// and y_k (PairUpdate), so they must be taken chunk by chunk while the chunk is in L1.
// Approach: the pair is formed in a spare slot ("pending"); BeginPending lists the vectors it
// will sit next to, AccumulatePendingRows adds one chunk of all the products (masked copies of
// the chunk give the free-set products without n-vector masks), and CommitPending swaps the
// spare with the slot of the dropped pair (no copy), fills the rows, sets θ and refactors T.
// The sums keep the chunk order of VectorOps.DotBlock, so they are bitwise the ones the
// separate passes gave.
// References:
//   [1] Byrd, Lu, Nocedal & Zhu 1995, SIAM J. Sci. Comput. 16(5), §3 (compact form, θ).
//   [2] Zhu, Byrd, Lu & Nocedal 1997, ACM TOMS 23(4), Algorithm 778 (matupd, formt).

/// <summary>Adding a correction pair to the compact L-BFGS matrix.</summary>
internal sealed partial class CompactBfgsMatrix
{
    /// <summary>
    /// Stores the pair (s, y), dropping the oldest when m are stored, sets θ = yᵀy / sᵀy and
    /// refactors T. Returns false when T is not positive definite (the caller then resets).
    /// </summary>
    public bool Add(ReadOnlySpan<double> s, ReadOnlySpan<double> y, double sTy, double yTy)
    {
        s.CopyTo(_pendingS);
        y.CopyTo(_pendingY);
        BeginPending(false);
        for (int start = 0; start < _n; start += VectorOps.ChunkLength)
        {
            AccumulatePendingRows(start, Math.Min(VectorOps.ChunkLength, _n - start), default);
        }
        return CommitPending(sTy, yTy, default);
    }

    /// <summary>Where the next pair's s is written before <see cref="CommitPending"/> (a spare slot).</summary>
    public Span<double> PendingS => _pendingS;

    /// <summary>
    /// Makes <paramref name="s"/> the pending s (when the solver's step is exactly d, s = 1·d needs no pass) and
    /// returns the array it replaces, which the caller takes over.
    /// </summary>
    public double[] AdoptPendingS(double[] s)
    {
        (_pendingS, s) = (s, _pendingS);
        return s;
    }

    /// <summary>Where the next pair's y is written before <see cref="CommitPending"/>.</summary>
    public Span<double> PendingY => _pendingY;

    /// <summary>
    /// Prepares the products of the pending pair with the pairs it will sit next to (the stored
    /// ones minus the oldest when m are stored, and itself), optionally with one extra
    /// right-hand side e (for Wᵀe after the commit); then call
    /// <see cref="AccumulatePendingRows"/> for every chunk in order.
    /// </summary>
    public void BeginPending(bool withExtra)
    {
        int first = _count < _m ? 0 : 1, c = _count - first + 1;
        for (int j = 0; j + 1 < c; j++)
        {
            _lhs[j] = _s[Slot(first + j)];
            _lhs[c + j] = _y[Slot(first + j)];
        }
        _lhs[c - 1] = _pendingS;
        _lhs[2 * c - 1] = _pendingY;
        _pendingCount = c;
        _pendingAllFree = _gramFreeCount == _n;
        _pendingStride = (_pendingAllFree ? 2 : 4) + (withExtra ? 1 : 0);
        _dots.AsSpan(0, 2 * c * _pendingStride).Clear();
    }

    /// <summary>
    /// Adds the chunk [start, start + len) of the products w_aᵀs_k, w_aᵀy_k (and over the free
    /// set w_aᵀZZᵀs_k, w_aᵀZZᵀy_k, and w_aᵀe); the chunks must come in order from 0, as in
    /// <see cref="VectorOps.DotBlock"/>, so the sums are bitwise those of DotBlock.
    /// </summary>
    public void AccumulatePendingRows(int start, int len, ReadOnlySpan<double> extraChunk)
    {
        int c = _pendingCount, r = _pendingStride;
        var sk = new ReadOnlySpan<double>(_pendingS, start, len);
        var yk = new ReadOnlySpan<double>(_pendingY, start, len);
        ReadOnlySpan<double> b2 = extraChunk, b3 = default;
        if (!_pendingAllFree)
        {
            // s_k, y_k restricted to Z (zero elsewhere), in L1-sized scratch
            Span<double> skZ = _maskS.AsSpan(0, len), ykZ = _maskY.AsSpan(0, len);
            for (int i = 0; i < len; i++)
            {
                bool free = _gramFree[start + i];
                skZ[i] = free ? sk[i] : 0.0;
                ykZ[i] = free ? yk[i] : 0.0;
            }
            b2 = skZ;
            b3 = ykZ;
        }
        for (int a = 0; a < 2 * c; a++)
        {
            VectorOps.Prefetch(_lhs[a], start + VectorOps.ChunkLength);
            var row = new ReadOnlySpan<double>(_lhs[a], start, len);
            Span<double> sums = _dots.AsSpan(a * r, r);
            VectorOps.AddDots(row, sk, yk, b2, b3, Math.Min(r, 4), sums);
            if (r == 5)
            {
                VectorOps.AddDots(row, extraChunk, default, default, default, 1, sums[4..]);
            }
        }
    }

    /// <summary>
    /// Makes the pending pair the newest one (dropping the oldest when m are stored), fills the
    /// new rows of SᵀS, SᵀY and the free-set blocks, sets θ = yᵀy / sᵀy and refactors T; when an
    /// extra right-hand side e was accumulated, writes Wᵀe = [Yᵀe; θSᵀe] for the new W into
    /// <paramref name="wtExtra"/>. Returns false when T is not positive definite.
    /// </summary>
    public bool CommitPending(double sTy, double yTy, Span<double> wtExtra)
    {
        int k;
        if (_count < _m)
        {
            k = Slot(_count);
            _count++;
        }
        else
        {
            k = _head;
            SetHead((_head + 1) % _m);
        }
        (_s[k], _pendingS) = (_pendingS, _s[k]);
        (_y[k], _pendingY) = (_pendingY, _y[k]);
        // θ = yᵀy / sᵀy  (BLNZ95 §3, the scaling of the initial matrix)
        Theta = yTy / sTy;
        StoreGramRows(k);
        if (!wtExtra.IsEmpty)
        {
            int c = _count, r = _pendingStride;
            for (int j = 0; j < c; j++)
            {
                wtExtra[j] = _dots[(c + j) * r + r - 1];
                wtExtra[c + j] = _dots[j * r + r - 1] * Theta;
            }
        }
        return FactorT();
    }

    // New row and column of SᵀS, SᵀY and of the free-set blocks for the pair in slot k.
    private void StoreGramRows(int k)
    {
        bool allFree = _pendingAllFree;
        int r = _pendingStride;
        for (int j = 0; j < _count; j++)
        {
            int b = Slot(j);
            double sbSk = _dots[j * r], sbYk = _dots[j * r + 1];
            double ybSk = _dots[(_count + j) * r], ybYk = _dots[(_count + j) * r + 1];
            double sbSkZ = allFree ? sbSk : _dots[j * r + 2];
            double sbYkZ = allFree ? sbYk : _dots[j * r + 3];
            double ybSkZ = allFree ? ybSk : _dots[(_count + j) * r + 2];
            double ybYkZ = allFree ? ybYk : _dots[(_count + j) * r + 3];
            _ss[b * _m + k] = _ss[k * _m + b] = sbSk;
            _sy[b * _m + k] = sbYk;
            _sy[k * _m + b] = ybSk;
            _szs[b * _m + k] = _szs[k * _m + b] = sbSkZ;
            _yzy[b * _m + k] = _yzy[k * _m + b] = ybYkZ;
            _szy[b * _m + k] = sbYkZ;
            _szy[k * _m + b] = ybSkZ;
        }
    }
}
