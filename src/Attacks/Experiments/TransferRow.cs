namespace Scratch.Attacks;

/// <summary>One example set's error on every model, with its mean distortion.</summary>
/// <param name="Name">What the examples are ("made for FC10(1e-4)", "Gaussian noise σ = 0.1").</param>
/// <param name="MeanDistortion">The mean per-pixel RMS of the examples' perturbation.</param>
/// <param name="Errors">The error rate on each model, in column order.</param>
public sealed record TransferRow(string Name, double MeanDistortion, IReadOnlyList<double> Errors);
