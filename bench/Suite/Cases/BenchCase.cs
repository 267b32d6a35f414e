namespace Scratch.BenchSuite.Cases;

/// <summary>A case made ready to run: the timed action, and the output fingerprinted after its first call.</summary>
/// <param name="Run">One run of the case (synchronous: a GPU case waits for its device).</param>
/// <param name="Output">The output of the last run, as float64 values (null: the case is not compared).</param>
/// <param name="Note">A note for the table after the runs (e.g. iterations, success rate), or null.</param>
public sealed record Prepared(Action Run, Func<double[]>? Output, Func<string?>? Note = null);

/// <summary>
/// One case of a group, sized for one engine. <see cref="Prepare"/> allocates its inputs. A scoped case runs its
/// op inside a <see cref="DeviceScope"/> per call (as training steps and attacks do), so that its output comes
/// from the pool: it is reported as its own engine, the engine's name followed by <see cref="ScopedSuffix"/>.
/// </summary>
public sealed record BenchCase(
    string Group, string Variant, string Case, double X, int Threads, double Flops, double Bytes, double Tolerance,
    Func<Prepared> Prepare, bool Scoped = false)
{
    /// <summary>What a scoped case's engine name ends with.</summary>
    public const string ScopedSuffix = " (scoped)";

    /// <summary>The engine name a record of this case has when <paramref name="engine"/> ran it.</summary>
    public string EngineName(string engine) => Scoped ? engine + ScopedSuffix : engine;

    /// <summary>The key a case has on every engine (group, variant, case).</summary>
    public string Key => $"{Group}|{Variant}|{Case}";
}
