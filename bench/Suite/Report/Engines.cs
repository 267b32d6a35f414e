using Scratch.BenchSuite.Harness;

namespace Scratch.BenchSuite.Report;

/// <summary>The order engines appear in, and which engine each one's ratio is taken against.</summary>
public static class Engines
{
    private static readonly string[] Order =
    [
        "scratch-v512", "scratch-v512 (scoped)", "scratch-v256", "scratch-v256 (scoped)", "scratch-gpu", "scratch-gpu (scoped)", "reference", "scratch (bdn)", "torchsharp (bdn)",
        "pytorch", "pytorch (mallopt)", "pytorch (1 thread)", "pytorch (mallopt, 1 thread)", "numpy", "scipy+pytorch",
        "scipy+pytorch (1 thread)", "scipy", "scipy (1 thread)",
    ];

    /// <summary>The engines present in <paramref name="records"/>, known ones first in their order, then the rest by name.</summary>
    public static List<string> Present(IEnumerable<ResultRecord> records)
    {
        var names = records.Select(r => r.Engine).Distinct().ToList();
        return [.. names.OrderBy(n => Array.IndexOf(Order, n) is var i and >= 0 ? i : Order.Length).ThenBy(n => n, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The engine a ratio is taken against: rows from the TorchSharp BenchmarkDotNet run against that run's own
    /// Scratch rows; every other engine against scratch-v512, or scratch-v256 where the CPU has no AVX-512.
    /// </summary>
    public static string BaselineFor(string engine, IReadOnlyCollection<string> present) =>
        engine.EndsWith("(bdn)", StringComparison.Ordinal) ? "scratch (bdn)"
        : present.Contains("scratch-v512") ? "scratch-v512" : "scratch-v256";
}
