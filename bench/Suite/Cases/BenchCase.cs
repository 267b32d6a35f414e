namespace Scratch.BenchSuite.Cases;

/// <summary>A case made ready to run: the timed action, and the output fingerprinted after its first call.</summary>
/// <param name="Run">One run of the case (synchronous: a GPU case waits for its device).</param>
/// <param name="Output">The output of the last run, as float64 values (null: the case is not compared).</param>
/// <param name="Note">A note for the table after the runs (e.g. iterations, success rate), or null.</param>
public sealed record Prepared(Action Run, Func<double[]>? Output, Func<string?>? Note = null);

/// <summary>One case of a group, sized for one engine. <see cref="Prepare"/> allocates its inputs.</summary>
public sealed record BenchCase(
    string Group, string Variant, string Case, double X, int Threads, double Flops, double Bytes, double Tolerance,
    Func<Prepared> Prepare);
