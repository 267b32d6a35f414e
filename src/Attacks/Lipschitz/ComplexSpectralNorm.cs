namespace Scratch.Attacks;

// Problem: the largest singular value σ_max(A) of a small complex matrix A = R + iI (rows × cols), the
// norm of one frequency's kernel matrix in ConvolutionSpectrum.cs.
// Approach: σ_max(A)² = λ_max(AᴴA). With n = min(rows, cols) we work on the n×n Gram matrix (Aᵀ, which
// has the singular values of A, when cols > rows):
//   AᴴA = X + iY,  X = RᵀR + IᵀI (symmetric),  Y = RᵀI − IᵀR (antisymmetric).
// A Hermitian X + iY has the eigenvalues of the real symmetric 2n×2n matrix M = [X −Y; Y X], each twice
// (an eigenvector a + ib gives [a; b] and [−b; a]; the tests check the identity on known matrices), so
// λ_max comes from SymmetricEigenvalue.cs (Householder tridiagonalisation and bisection [1]), and
// σ_max = √λ_max.
// References:
//   [1] Golub & Van Loan 2013, "Matrix Computations", 4th ed., §8.3–8.4.
//   [2] Sedghi, Gupta & Long 2019, "The singular values of convolutional layers", ICLR (the per-frequency
//       matrices whose norms these are).

/// <summary>The largest singular value of a small dense complex matrix, through a real symmetric eigenproblem.</summary>
internal static class ComplexSpectralNorm
{
    /// <summary>σ_max of the row-major complex matrix with real parts <paramref name="re"/> and imaginary parts <paramref name="im"/> (accurate to a few units of rounding).</summary>
    public static double Largest(ReadOnlySpan<double> re, ReadOnlySpan<double> im, int rows, int cols)
    {
        var transposed = cols > rows;
        var (r, n) = transposed ? (cols, rows) : (rows, cols);
        // A_ij as seen after the optional transpose (Aᵀ has the same singular values as A).
        int At(int i, int j) => transposed ? j * cols + i : i * cols + j;
        var m = 2 * n;
        var embedding = new double[m * m];
        for (var j = 0; j < n; j++)
        {
            for (var k = 0; k < n; k++)
            {
                double x = 0, y = 0;
                for (var i = 0; i < r; i++)
                {
                    var (rij, iij, rik, iik) = (re[At(i, j)], im[At(i, j)], re[At(i, k)], im[At(i, k)]);
                    // (AᴴA)_jk = Σᵢ conj(A_ij)·A_ik = Σᵢ (R_ij R_ik + I_ij I_ik) + i·Σᵢ (R_ij I_ik − I_ij R_ik)
                    x += rij * rik + iij * iik;
                    y += rij * iik - iij * rik;
                }
                // M = [X −Y; Y X]
                embedding[j * m + k] = x;
                embedding[j * m + n + k] = -y;
                embedding[(n + j) * m + k] = y;
                embedding[(n + j) * m + n + k] = x;
            }
        }
        return Math.Sqrt(Math.Max(0, SymmetricEigenvalue.Largest(embedding, m)));
    }
}
