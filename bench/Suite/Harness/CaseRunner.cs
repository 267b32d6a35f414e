using Scratch.BenchSuite.Cases;

namespace Scratch.BenchSuite.Harness;

/// <summary>
/// Runs cases on one engine: each case is prepared, called once (timed apart), its output fingerprinted and
/// checked against the fingerprints of the engine checked against (a mismatch is recorded and the case not
/// timed), then warmed up and timed by the <see cref="Timer"/>. A scoped case is checked against the engine
/// checked against or, when there is none, against this run's bare record of the same case (run before it).
/// </summary>
public sealed class CaseRunner(string engine, Timer timer, IReadOnlyDictionary<string, ResultRecord> expected, TextWriter log)
{
    private readonly Dictionary<string, double[]> _bare = [];

    /// <summary>
    /// The records of a results file that other engines are checked against, by key: those with a fingerprint and
    /// from a bare case (a scoped record repeats its bare one's key).
    /// </summary>
    /// <exception cref="InvalidDataException">A line is not a record, or two bare records share a key.</exception>
    public static Dictionary<string, ResultRecord> Expected(string path)
    {
        var records = new Dictionary<string, ResultRecord>();
        foreach (var r in ResultRecord.ReadAll(path).Where(r => r.Print.Length > 0 && !r.Engine.EndsWith(BenchCase.ScopedSuffix, StringComparison.Ordinal)))
        {
            if (!records.TryAdd(r.Key, r))
            {
                throw new InvalidDataException($"{path}: two records of {r.Key.Replace('|', '/')}; expected one per case");
            }
        }
        return records;
    }

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
        if (!c.Scoped && print.Length > 0)
        {
            _bare[c.Key] = print;
        }
        string name = c.EngineName(engine);
        var record = new ResultRecord
        {
            Group = c.Group, Variant = c.Variant, Case = c.Case, X = c.X, Engine = name, Threads = c.Threads,
            Flops = c.Flops, Bytes = c.Bytes, FirstSeconds = first, Seconds = seconds, Print = print, Tolerance = c.Tolerance, Check = check,
            Note = prepared.Note?.Invoke(),
        };
        log.WriteLine($"{name,-14} {c.Group}/{c.Variant}/{c.Case}: median {Stats.Median(seconds) * 1e3:F3} ms over {seconds.Length} (first {first * 1e3:F1} ms) {check}");
        return record;
    }

    private string Check(BenchCase c, double[] print)
    {
        if (print.Length == 0)
        {
            return "unchecked";
        }
        double[]? reference = expected.TryGetValue(c.Key, out var r) && r.Print.Length > 0 ? r.Print
            : c.Scoped && expected.Count == 0 ? _bare.GetValueOrDefault(c.Key)
            : null;
        if (reference is null)
        {
            return expected.Count == 0 && !c.Scoped ? "reference" : "unchecked";
        }
        return Fingerprint.Mismatch(print, reference, c.Tolerance) is { } why ? $"mismatch: {why}" : "ok";
    }
}
