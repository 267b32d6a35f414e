namespace Scratch.Optim;

// Problem: anneal the learning rate from η₀ to η_min along half a cosine over T_max epochs.
// References:
//   [1] Loshchilov & Hutter 2017, "SGDR: Stochastic Gradient Descent with Warm Restarts", ICLR, eq. 5
//       (without restarts, as PyTorch's CosineAnnealingLR).

/// <summary>Cosine annealing: η_e = η_min + (η₀ − η_min)·(1 + cos(π·e / T_max)) / 2, and η_min after T_max epochs.</summary>
public sealed class CosineLr : LrSchedule
{
    /// <summary>Anneals over <paramref name="tMax"/> epochs down to <paramref name="etaMin"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">tMax &lt; 1 or etaMin negative or not finite.</exception>
    public CosineLr(int tMax, double etaMin = 0)
    {
        TMax = Check.PositiveInt(tMax, "tMax");
        EtaMin = Check.NonNegative(etaMin, "etaMin");
    }

    /// <summary>T_max, the number of epochs of the half cosine.</summary>
    public int TMax { get; }

    /// <summary>η_min, the final rate.</summary>
    public double EtaMin { get; }

    /// <inheritdoc />
    public override double LearningRate(double baseLearningRate, int epoch)
    {
        CheckEpoch(epoch);
        var e = Math.Min(epoch, TMax);
        // η_e = η_min + (η₀ − η_min)·(1 + cos(π·e / T_max)) / 2   [1, eq. 5]
        return EtaMin + (baseLearningRate - EtaMin) * (1 + Math.Cos(Math.PI * e / TMax)) / 2;
    }
}
