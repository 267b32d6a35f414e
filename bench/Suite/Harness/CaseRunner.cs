using Scratch.BenchSuite.Cases;

namespace Scratch.BenchSuite.Harness;

/// <summary>
/// Runs cases on one engine: each case is prepared, called once (timed apart), its output fingerprinted and
/// checked against the fingerprints of the engine checked against (a mismatch is recorded and the case not
/// timed), then warmed up and timed by the <see cref="Timer"/>.
/// </summary>
public sealed class CaseRunner(string engine, Timer timer, IReadOnlyDictionary<string, ResultRecord> expected, TextWriter log)
{
    /// <summary>Runs one case and returns its record.</summary>
    public ResultRecord Run(BenchCase c)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var prepared = c.Prepare();
        double first = Timer.Once(prepared.Run);
        double[] print = prepared.Output is { } output ? Fingerprint.Of(output()) : [];
        var check = Check(c, print);
        double[] seconds = check.StartsWith("mismatch", StringComparison.Ordinal) ? [] : timer.Repeat(prepared.Run, first);
        var record = new ResultRecord
        {
            Group = c.Group, Variant = c.Variant, Case = c.Case, X = c.X, Engine = engine, Threads = c.Threads,
            Flops = c.Flops, Bytes = c.Bytes, FirstSeconds = first, Seconds = seconds, Print = print, Tolerance = c.Tolerance, Check = check,
            Note = prepared.Note?.Invoke(),
        };
        log.WriteLine($"{engine,-14} {c.Group}/{c.Variant}/{c.Case}: median {Stats.Median(seconds) * 1e3:F3} ms over {seconds.Length} (first {first * 1e3:F1} ms) {check}");
        return record;
    }

    private string Check(BenchCase c, double[] print)
    {
        if (print.Length == 0)
        {
            return "unchecked";
        }
        if (!expected.TryGetValue($"{c.Group}|{c.Variant}|{c.Case}", out var reference) || reference.Print.Length == 0)
        {
            return expected.Count == 0 ? "reference" : "unchecked";
        }
        return Fingerprint.Mismatch(print, reference.Print, c.Tolerance) is { } why ? $"mismatch: {why}" : "ok";
    }
}
