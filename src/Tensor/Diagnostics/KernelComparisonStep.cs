using System.Diagnostics;
using System.Globalization;

namespace Scratch.Diagnostics;

/// <summary>
/// Every comparison of <see cref="KernelComparisons"/> on the device under test against the CPU backend: one
/// row per family (cases agreeing, the worst error as a fraction of its tolerance, the time), and one row
/// per failing case with its worst element.
/// </summary>
public sealed class KernelComparisonStep : IGpuCheckStep
{
    // Enough failing cases to see a pattern; the family rows still count them all.
    private const int MaxListedFailures = 40;

    /// <inheritdoc/>
    public string Section => "kernels";

    /// <inheritdoc/>
    public void Run(GpuCheckContext context, GpuCheckReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        var listed = 0;
        foreach (var family in Enum.GetValues<KernelFamily>())
        {
            var clock = Stopwatch.StartNew();
            var cases = KernelComparisons.For(family, context.Scale);
            var results = cases.Select(c => c.Run(context.Device, Device.Cpu)).ToList();
            var failed = results.Where(r => !r.Passed).ToList();
            var worst = results.Where(r => r.Passed).Select(r => r.WorstRatio).DefaultIfEmpty(0).Max();
            var bitExact = cases.Count(c => c.BitExactOnCpu);
            var detail = string.Create(CultureInfo.InvariantCulture,
                $"worst agreeing element at {worst:F2} of its tolerance{(bitExact > 0 ? $"; {bitExact} compared bit for bit" : "")}; {clock.Elapsed.TotalSeconds:F1} s");
            report.Add(Section, family.ToString(), $"{results.Count - failed.Count}/{results.Count} agree", detail, failed.Count == 0 ? CheckStatus.Pass : CheckStatus.Fail);
            foreach (var r in failed)
            {
                if (listed++ < MaxListedFailures)
                {
                    report.Add(Section, $"{family}: {r.Name}", "disagrees", r.Detail, CheckStatus.Fail);
                }
            }
        }
        if (listed > MaxListedFailures)
        {
            report.Add(Section, "failing cases not listed", (listed - MaxListedFailures).ToString(CultureInfo.InvariantCulture), "see the family rows for the counts", CheckStatus.Fail);
        }
    }
}
