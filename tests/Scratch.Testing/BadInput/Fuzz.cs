using CsCheck;

namespace Scratch.Tests.Support;

/// <summary>
/// Runs a CsCheck property over a fixed, seeded sequence of generated cases: case i comes from the
/// PCG seed (base + i) on the suite's own stream, so every run checks the same cases, in any order and
/// on any machine (CsCheck's own multi-iteration runs seed only their first case). A failure throws
/// CsCheck's report, which prints the case and its seed. The CI run uses the counts the tests give;
/// a longer run sets environment variables:
/// <code>
/// SCRATCH_FUZZ_SCALE=100 SCRATCH_FUZZ_SEED=1 dotnet test tests/Scratch.Nn.Tests -c Release --filter Category=Fuzz
/// </code>
/// SCRATCH_FUZZ_SCALE multiplies every count (default 1); SCRATCH_FUZZ_SEED moves the base seed
/// (default 0) so that a long run explores cases the CI run never sees.
/// </summary>
public static class Fuzz
{
    /// <summary>The trait category of the fuzz tests, for filtering.</summary>
    public const string Category = "Fuzz";

    /// <summary>The multiplier of every iteration count (SCRATCH_FUZZ_SCALE, default 1).</summary>
    public static int Scale { get; } = int.TryParse(Environment.GetEnvironmentVariable("SCRATCH_FUZZ_SCALE"), out var s) && s > 0 ? s : 1;

    private static ulong BaseSeed { get; } = ulong.TryParse(Environment.GetEnvironmentVariable("SCRATCH_FUZZ_SEED"), out var b) ? b << 32 : 0;

    /// <summary>Checks <paramref name="property"/> on <paramref name="iterations"/> × <see cref="Scale"/> cases of <paramref name="gen"/>, drawn on PCG stream <paramref name="stream"/>.</summary>
    public static void Run<T>(Gen<T> gen, Action<T> property, int iterations, uint stream)
    {
        for (var i = 0; i < iterations * Scale; i++)
        {
            gen.Sample(property, iter: 1, threads: 1, seed: new PCG(stream, BaseSeed + (ulong)i).ToString());
        }
    }
}
