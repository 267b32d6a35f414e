namespace Scratch.Attacks;

/// <summary>
/// Normalisation applied inside a classifier's forward, (x − mean) / std (foolbox's preprocessing), so that
/// attacks always work in pixel space and bounds, norms and ε are in pixels. Mean and std broadcast against
/// one example (e.g. shape [C, 1, 1] per channel, or a scalar).
/// </summary>
public sealed record Preprocessing
{
    /// <summary>Creates the normalisation.</summary>
    /// <exception cref="ArgumentException">std has a zero, negative or non-finite value, or mean a non-finite one.</exception>
    public Preprocessing(Tensor mean, Tensor std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        var s = std.To(DType.Float64).To(Device.Cpu).ToArray<double>();
        if (s.Any(v => !(v > 0) || double.IsInfinity(v)))
        {
            throw new ArgumentException($"preprocessing: std must be finite and > 0; got {std}", nameof(std));
        }
        if (mean.To(DType.Float64).To(Device.Cpu).ToArray<double>().Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException($"preprocessing: mean must be finite; got {mean}", nameof(mean));
        }
        Mean = mean;
        Std = std;
    }

    /// <summary>Subtracted from the input.</summary>
    public Tensor Mean { get; }

    /// <summary>Divides the centred input.</summary>
    public Tensor Std { get; }
}
