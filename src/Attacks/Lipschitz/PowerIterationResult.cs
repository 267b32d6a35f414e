namespace Scratch.Attacks;

// Problem: what a power iteration returns besides the number: the work done and whether it converged,
// so a table of bounds can say which of its entries met their tolerance.
// Approach: a value record; Norm approaches σ_max from below (PowerIteration.cs).
// References:
//   [1] Golub & Van Loan 2013, "Matrix Computations", 4th ed., §8.2.1 (the power method).

/// <summary>The outcome of <see cref="PowerIteration.Run"/>.</summary>
/// <param name="Norm">The estimate of ‖A‖₂, the largest singular value; it approaches ‖A‖₂ from below.</param>
/// <param name="Iterations">Iterations done (each one application of A and one of Aᵀ).</param>
/// <param name="Converged">Whether the relative change of the estimate fell to the tolerance before the iteration cap.</param>
/// <param name="RelativeChange">|σₖ − σₖ₋₁| / σₖ at the last iteration (0 when A v = 0).</param>
public readonly record struct PowerIterationResult(double Norm, int Iterations, bool Converged, double RelativeChange);
