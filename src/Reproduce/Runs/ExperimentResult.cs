using System.Text.Json.Nodes;

namespace Scratch.Reproduce;

/// <summary>
/// What an experiment produced: its report section (markdown: tables with ours, the paper's and the difference, the
/// settings, figures linked relative to the results folder), every number it measured as JSON, the figure files it
/// wrote, and how long it took. Cached as DIR/results/NAME.json so a resumed run skips it.
/// </summary>
/// <param name="Name">The experiment's name.</param>
/// <param name="Paper">"szegedy" or "goodfellow".</param>
/// <param name="Title">The section title.</param>
/// <param name="Markdown">The section body.</param>
/// <param name="Numbers">Every number measured, for results.json.</param>
/// <param name="Figures">The figure files, relative to the results folder.</param>
/// <param name="Seconds">Wall-clock time of the run that produced it.</param>
/// <param name="Preset">The preset it ran under.</param>
public sealed record ExperimentResult(string Name, string Paper, string Title, string Markdown, JsonObject Numbers,
    IReadOnlyList<string> Figures, double Seconds, string Preset);
