using System.Diagnostics;

namespace Scratch.Reproduce;

/// <summary>
/// <c>scratch reproduce</c>: runs the experiments of one or both papers under a preset, each cached in the results
/// folder (an interrupted run resumes where it stopped), and writes report.md and results.json.
/// </summary>
public static class Reproduction
{
    /// <summary>Runs the selected experiments and writes the report.</summary>
    /// <param name="context">The preset, folder, device, cache policy and log.</param>
    /// <param name="paper">"szegedy", "goodfellow" or "all".</param>
    /// <param name="only">Experiment names to run (null: every experiment of the paper).</param>
    /// <param name="started">Called when an experiment starts (name, index, count).</param>
    /// <param name="finished">Called when an experiment ends, with its result and whether it came from the cache.</param>
    /// <returns>The results in report order, and the paths of report.md and results.json.</returns>
    /// <exception cref="ArgumentException">The paper or a name in <paramref name="only"/> is unknown.</exception>
    public static ReproductionReport Run(ReproduceContext context, string paper, IReadOnlyList<string>? only = null,
        Action<string, int, int>? started = null, Action<ExperimentResult, bool>? finished = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var selected = ExperimentCatalog.Select(paper, only);
        Directory.CreateDirectory(context.OutputDirectory);
        var clock = Stopwatch.StartNew();
        var results = new List<ExperimentResult>();
        for (var i = 0; i < selected.Count; i++)
        {
            var experiment = selected[i];
            started?.Invoke(experiment.Name, i, selected.Count);
            var cached = context.Retrain ? null : ResultStore.TryLoad(context.OutputDirectory, experiment.Name, context.Preset.Name);
            if (cached is not null)
            {
                context.Log($"{experiment.Name}: cached result reused");
                results.Add(cached);
                finished?.Invoke(cached, true);
                continue;
            }
            var watch = Stopwatch.StartNew();
            var result = experiment.Run(context) with { Seconds = watch.Elapsed.TotalSeconds, Preset = context.Preset.Name };
            ResultStore.Save(context.OutputDirectory, result);
            results.Add(result);
            finished?.Invoke(result, false);
        }
        // The report shows every experiment with a cached result for this preset, so --only refreshes a part of a full report.
        var all = ExperimentCatalog.Select(paper, null)
            .Select(e => results.FirstOrDefault(r => r.Name == e.Name) ?? ResultStore.TryLoad(context.OutputDirectory, e.Name, context.Preset.Name))
            .OfType<ExperimentResult>().ToArray();
        var (reportPath, jsonPath) = ReportWriter.Write(context, paper, all, clock.Elapsed.TotalSeconds);
        return new ReproductionReport(results, reportPath, jsonPath, clock.Elapsed.TotalSeconds);
    }
}
