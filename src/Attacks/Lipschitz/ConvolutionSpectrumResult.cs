namespace Scratch.Attacks;

// Problem: the outcome of the DFT bound of a convolution: the bound, the grid it was computed on and the
// frequency where it peaks (the "sup over frequencies" of Szegedy et al. [1, §4.3]).
// Approach: a value record filled by ConvolutionSpectrum.cs.
// References:
//   [1] Szegedy, Zaremba, Sutskever, Bruna, Erhan, Goodfellow & Fergus 2014, "Intriguing properties of
//       neural networks", ICLR, §4.3.
//   [2] Sedghi, Gupta & Long 2019, "The singular values of convolutional layers", ICLR.

/// <summary>The outcome of <see cref="ConvolutionSpectrum"/>: the largest per-frequency norm and where it was found.</summary>
/// <param name="Norm">max over the grid's frequencies ω of σ_max(K̂(ω)), K̂(ω) the [out × in] matrix of the kernels' 2-D DFTs at ω.</param>
/// <param name="PeakFrequency">The frequency (u, v), 0 ≤ u &lt; GridHeight, 0 ≤ v ≤ GridWidth / 2, where the maximum is reached (the first in row-major order).</param>
/// <param name="GridHeight">N_h, the number of rows of the DFT grid.</param>
/// <param name="GridWidth">N_w, the number of columns of the DFT grid.</param>
public readonly record struct ConvolutionSpectrumResult(double Norm, (int U, int V) PeakFrequency, int GridHeight, int GridWidth);
