namespace Scratch.Backends.Cpu;

/// <summary>What <see cref="GemmSelfCheck.Run"/> measured.</summary>
/// <param name="N">The matrix size (n×n times n×n).</param>
/// <param name="Threads">The thread limit the check ran with.</param>
/// <param name="Width">The SIMD width actually used (never <see cref="SimdWidth.Auto"/>).</param>
/// <param name="MaxRelativeError">The largest relative error over the sampled entries against the reference.</param>
/// <param name="GflopsPerSecond">2n³ divided by the best time of the timed repetitions, in GFLOP/s.</param>
/// <param name="BestSeconds">The best time of one multiplication, in seconds.</param>
public readonly record struct GemmCheckResult(
    int N, int Threads, SimdWidth Width, double MaxRelativeError, double GflopsPerSecond, double BestSeconds);
