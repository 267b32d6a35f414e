namespace Scratch.Reproduce;

/// <summary>One experiment of a paper: it trains or loads what it needs through the context and returns its report section and numbers.</summary>
public interface IExperiment
{
    /// <summary>The name <c>--only</c> selects it by ("szegedy-table1", "goodfellow-fgsm").</summary>
    string Name { get; }

    /// <summary>"szegedy" or "goodfellow".</summary>
    string Paper { get; }

    /// <summary>The section title in the report.</summary>
    string Title { get; }

    /// <summary>Runs the experiment.</summary>
    ExperimentResult Run(ReproduceContext context);
}
