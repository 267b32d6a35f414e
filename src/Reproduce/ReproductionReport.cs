namespace Scratch.Reproduce;

/// <summary>What a reproduction run did.</summary>
/// <param name="Results">The experiments run (or reused from the cache) in this call, in report order.</param>
/// <param name="ReportPath">report.md.</param>
/// <param name="JsonPath">results.json.</param>
/// <param name="Seconds">The run's wall-clock time.</param>
public sealed record ReproductionReport(IReadOnlyList<ExperimentResult> Results, string ReportPath, string JsonPath, double Seconds);
