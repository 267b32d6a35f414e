namespace Scratch.Optim;

// Problem: the reduced Newton step of the subspace minimisation (SubspaceMinimization.cs) needs
// q = K⁻¹u for the 2m × 2m matrix K = M⁻¹ − (1/θ) WᵀZZᵀW.
// Approach: K = [−A Cᵀ; C E] with A = D + (1/θ) YᵀZZᵀY, C = L − SᵀZZᵀY, E = θ(SᵀS − SᵀZZᵀS),
// solved by block elimination: Cholesky of A, then of the Schur complement E + C A⁻¹ Cᵀ; a
// non-positive pivot is reported so the caller can discard the memory (formk's info ≠ 0).
// References:
//   [1] Byrd, Lu, Nocedal & Zhu 1995, SIAM J. Sci. Comput. 16(5), §5.1.
//   [2] Zhu, Byrd, Lu & Nocedal 1997, ACM TOMS 23(4), Algorithm 778 (formk).

/// <summary>The 2m × 2m solve of <see cref="SubspaceMinimization"/>.</summary>
internal sealed partial class SubspaceMinimization
{
    // Solves [−A Cᵀ; C E] q = u by block elimination (all matrices chronological, col × col).
    private bool SolveK(CompactBfgsMatrix bfgs, ReadOnlySpan<double> u, Span<double> q)
    {
        int m = _m, col = bfgs.Count;
        double theta = bfgs.Theta;
        for (int i = 0; i < col; i++)
        {
            for (int j = 0; j < col; j++)
            {
                // A = D + (1/θ) YᵀZZᵀY
                _a[i * m + j] = (i == j ? bfgs.SY(i, i) : 0.0) + bfgs.YZY(i, j) / theta;
                // C = L − SᵀZZᵀY, L_ij = s_iᵀy_j for i > j
                _cMat[i * m + j] = (i > j ? bfgs.SY(i, j) : 0.0) - bfgs.SZY(i, j);
                // E = θ(SᵀS − SᵀZZᵀS) = θ SᵀAAᵀS over the variables at a bound
                _schur[i * m + j] = theta * (bfgs.SS(i, j) - bfgs.SZS(i, j));
            }
        }
        if (!SmallMatrix.Cholesky(_a, col, m))
        {
            return false;
        }
        // A⁻¹Cᵀ, one column (= one row of C) at a time
        for (int j = 0; j < col; j++)
        {
            for (int k = 0; k < col; k++)
            {
                _col[k] = _cMat[j * m + k];
            }
            SmallMatrix.CholeskySolve(_a, col, m, _col.AsSpan(0, col));
            for (int k = 0; k < col; k++)
            {
                _ainvCt[j * m + k] = _col[k];
            }
        }
        // Schur complement E + C A⁻¹Cᵀ
        for (int i = 0; i < col; i++)
        {
            for (int j = 0; j < col; j++)
            {
                double acc = 0;
                for (int k = 0; k < col; k++)
                {
                    acc += _cMat[i * m + k] * _ainvCt[j * m + k];
                }
                _schur[i * m + j] += acc;
            }
        }
        if (!SmallMatrix.Cholesky(_schur, col, m))
        {
            return false;
        }
        // q₂ = (E + C A⁻¹Cᵀ)⁻¹ (u₂ + C A⁻¹u₁)
        Span<double> a1 = _col.AsSpan(0, col);
        u[..col].CopyTo(a1);
        SmallMatrix.CholeskySolve(_a, col, m, a1);
        for (int i = 0; i < col; i++)
        {
            double acc = u[col + i];
            for (int k = 0; k < col; k++)
            {
                acc += _cMat[i * m + k] * a1[k];
            }
            q[col + i] = acc;
        }
        SmallMatrix.CholeskySolve(_schur, col, m, q.Slice(col, col));
        // q₁ = A⁻¹(Cᵀq₂ − u₁)
        for (int i = 0; i < col; i++)
        {
            double acc = -u[i];
            for (int k = 0; k < col; k++)
            {
                acc += _cMat[k * m + i] * q[col + k];
            }
            q[i] = acc;
        }
        SmallMatrix.CholeskySolve(_a, col, m, q[..col]);
        return true;
    }
}
