namespace Scratch.Attacks;

/// <summary>
/// Cross-model and cross-training-set generalisation (Szegedy et al. 2014, Tables 2 and 4; Goodfellow et al. 2015,
/// §6): examples made on one model, fed to others, with control rows of Gaussian noise and of perturbations
/// rescaled to a fixed per-pixel RMS ("amplified").
/// </summary>
public static class Transfer
{
    /// <summary>The share of <paramref name="x"/> that <paramref name="classifier"/> misclassifies, predicted in batches.</summary>
    public static double ErrorRate(Classifier classifier, Tensor x, Tensor labels, int batchSize = 1000)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(labels);
        var n = x.Shape[0];
        if (labels.Shape != new Shape(n))
        {
            throw new ArgumentException($"transfer: labels {labels.Shape} for {n} examples", nameof(labels));
        }
        var y = labels.To(Device.Cpu).ToArray<int>();
        var wrong = 0;
        for (var start = 0; start < n; start += batchSize)
        {
            var count = Math.Min(batchSize, n - start);
            var predictions = classifier.Predict(classifier.Scores(x.Narrow(0, start, count))).To(Device.Cpu).ToArray<int>();
            for (var i = 0; i < count; i++)
            {
                wrong += predictions[i] != y[start + i] ? 1 : 0;
            }
        }
        return n == 0 ? double.NaN : wrong / (double)n;
    }

    /// <summary>
    /// The matrix of error rates: row r is the batch <paramref name="rows"/>[r] fed to every model of
    /// <paramref name="models"/> (columns in order), all against the same true labels.
    /// </summary>
    public static TransferMatrix Matrix(IReadOnlyList<(string Name, Classifier Model)> models,
        IReadOnlyList<(string Name, Tensor Examples, double Distortion)> rows, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(rows);
        var table = rows.Select(r => new TransferRow(r.Name, r.Distortion, models.Select(m => ErrorRate(m.Model, r.Examples, labels)).ToArray())).ToArray();
        return new TransferMatrix(models.Select(m => m.Name).ToArray(), table);
    }

    /// <summary>x + σ·z with z ~ N(0, I) drawn from the Philox stream of <paramref name="seed"/>, clipped to [lower, upper].</summary>
    /// <exception cref="ArgumentOutOfRangeException">σ is negative or not finite.</exception>
    public static Tensor GaussianNoise(Tensor x, double sigma, ulong seed, double lower = 0, double upper = 1)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (!double.IsFinite(sigma) || sigma < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "transfer: σ must be finite and ≥ 0");
        }
        var noise = Tensor.Randn(x.Shape, new Generator(seed), x.DType, x.Device);
        return (x + noise * sigma).Clamp(lower, upper);
    }

    /// <summary>
    /// Szegedy's "amplified" rows: each example's perturbation r = x′ − x rescaled to a per-pixel RMS of
    /// <paramref name="rms"/> (the paper's "stddev 0.06 → 0.1"; its formula x + 0.1·r/‖r‖₂ read literally would be an
    /// L2 norm of 0.1), then clipped to [lower, upper]. An example with r = 0 stays x.
    /// </summary>
    public static Tensor Amplify(Tensor x, Tensor adversarial, double rms, double lower = 0, double upper = 1)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(adversarial);
        if (!double.IsFinite(rms) || rms < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rms), rms, "transfer: the RMS must be finite and ≥ 0");
        }
        var r = adversarial - x;
        var perExample = x.ElementCount / Math.Max(1, x.Shape[0]);
        // RMS(rₙ) = ‖rₙ‖₂ / √d; the scale brings it to the target.
        var current = Pgd.PerExampleNorm(r) / Math.Sqrt(perExample);
        var scale = Tensor.Where(Tensor.Greater(current, Tensor.ZerosLike(current)), rms / Tensor.Maximum(current, Tensor.Full(current.Shape, 1e-30, current.DType, current.Device)), Tensor.ZerosLike(current));
        return (x + r * scale).Clamp(lower, upper);
    }

    /// <summary>Szegedy's distortion √(Σ(x′ − x)²/d) averaged over the examples.</summary>
    public static double MeanDistortion(Tensor x, Tensor perturbed)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(perturbed);
        var perExample = x.ElementCount / Math.Max(1, x.Shape[0]);
        return (Pgd.PerExampleNorm(perturbed - x) / Math.Sqrt(perExample)).To(DType.Float64).Mean().Item();
    }
}
