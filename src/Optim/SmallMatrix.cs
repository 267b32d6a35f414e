namespace Scratch.Optim;

// Problem: the compact L-BFGS-B formulas need solves with small symmetric positive definite
// matrices (size m or 2m, m ≈ 3…20): T = θSᵀS + L D⁻¹ Lᵀ for the middle matrix M, and the
// blocks of the reduced matrix K of the subspace minimisation.
// Approach: in-place Cholesky factorisation A = R Rᵀ (R lower triangular, row-major, leading
// dimension given) and the two triangular solves. A non-positive pivot is reported, not
// thrown: the caller treats it as "the limited-memory matrix is not positive definite" and
// restarts the memory, as the reference code does.
// References:
//   [1] Golub & Van Loan 2013, Matrix Computations, 4th ed., §4.2 (Cholesky).

/// <summary>Cholesky factorisation and triangular solves on small dense row-major matrices.</summary>
internal static class SmallMatrix
{
    /// <summary>
    /// Factors the leading <paramref name="size"/> × <paramref name="size"/> block of
    /// <paramref name="a"/> (row-major, leading dimension <paramref name="ld"/>) as R Rᵀ in place
    /// (lower triangle). Returns false when a pivot is not positive (or not finite).
    /// </summary>
    public static bool Cholesky(Span<double> a, int size, int ld)
    {
        for (int j = 0; j < size; j++)
        {
            // r_jj = sqrt(a_jj − Σ_{k<j} r_jk²)
            double diag = a[j * ld + j];
            for (int k = 0; k < j; k++)
            {
                diag -= a[j * ld + k] * a[j * ld + k];
            }
            if (!(diag > 0) || double.IsInfinity(diag))
            {
                return false;
            }
            double rjj = Math.Sqrt(diag);
            a[j * ld + j] = rjj;
            for (int i = j + 1; i < size; i++)
            {
                // r_ij = (a_ij − Σ_{k<j} r_ik r_jk) / r_jj
                double v = a[i * ld + j];
                for (int k = 0; k < j; k++)
                {
                    v -= a[i * ld + k] * a[j * ld + k];
                }
                a[i * ld + j] = v / rjj;
            }
        }
        return true;
    }

    /// <summary>Solves (R Rᵀ) x = b in place, with R from <see cref="Cholesky"/>.</summary>
    public static void CholeskySolve(ReadOnlySpan<double> r, int size, int ld, Span<double> b)
    {
        // R z = b (forward substitution)
        for (int i = 0; i < size; i++)
        {
            double v = b[i];
            for (int k = 0; k < i; k++)
            {
                v -= r[i * ld + k] * b[k];
            }
            b[i] = v / r[i * ld + i];
        }
        // Rᵀ x = z (back substitution)
        for (int i = size - 1; i >= 0; i--)
        {
            double v = b[i];
            for (int k = i + 1; k < size; k++)
            {
                v -= r[k * ld + i] * b[k];
            }
            b[i] = v / r[i * ld + i];
        }
    }
}
