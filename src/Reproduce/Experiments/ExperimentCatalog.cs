namespace Scratch.Reproduce;

/// <summary>Every experiment, in report order, and the selection by paper and <c>--only</c>.</summary>
public static class ExperimentCatalog
{
    /// <summary>Every experiment in report order: Szegedy et al. first, then Goodfellow et al.</summary>
    public static IReadOnlyList<IExperiment> All { get; } =
    [
        new Tables1And2(),
        new Tables3And4(),
        new UnitsAndDirections(),
        new LayerwiseAdversarialTraining(),
        new LipschitzTable(),
        new FastGradientSign(),
        new LogisticRegressionThreesAndSevens(),
        new MaxoutAdversarialTraining(),
        new WeightDecayAgainstAdversarialTraining(),
        new RbfNetwork(),
        new NoiseTraining(),
        new MaxoutEnsemble(),
        new RubbishInputs(),
        new EpsilonSweep(),
        new LogitsAlongFgsmDirection(),
    ];

    /// <summary>The experiments of <paramref name="paper"/> ("szegedy", "goodfellow" or "all"), restricted to <paramref name="only"/> when given.</summary>
    /// <exception cref="ArgumentException">The paper or a name is unknown; the message lists the known ones.</exception>
    public static IReadOnlyList<IExperiment> Select(string paper, IReadOnlyList<string>? only)
    {
        if (paper is not ("szegedy" or "goodfellow" or "all"))
        {
            throw new ArgumentException($"paper '{paper}' is unknown; expected szegedy, goodfellow or all", nameof(paper));
        }
        var ofPaper = All.Where(e => paper == "all" || e.Paper == paper).ToArray();
        if (only is null || only.Count == 0)
        {
            return ofPaper;
        }
        var unknown = only.FirstOrDefault(name => ofPaper.All(e => e.Name != name));
        if (unknown is not null)
        {
            throw new ArgumentException($"--only: experiment '{unknown}' is unknown for '{paper}'; known: {string.Join(", ", ofPaper.Select(e => e.Name))}", nameof(only));
        }
        return ofPaper.Where(e => only.Contains(e.Name)).ToArray();
    }
}
