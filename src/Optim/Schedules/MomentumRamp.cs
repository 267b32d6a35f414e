namespace Scratch.Optim;

// Problem: raise SGD's momentum from μ₀ to μ₁ over the first epochs of training, as the maxout paper's
// MNIST runs do (momentum 0.5 at the start, 0.7 once the ramp saturates).
// Approach: pylearn2's MomentumAdjustor, a linear ramp in the epoch count, applied once per epoch:
//   μ_e = μ₀ + (μ₁ − μ₀)·min(e, T)/T      (e counted from 0; μ₁ from epoch T on)
// References:
//   [1] Goodfellow, Warde-Farley, Mirza, Courville & Bengio 2013, "Maxout Networks", ICML (MNIST
//       permutation-invariant net: SGD, momentum 0.5 → 0.7, max column norm 1.9365).
//   [2] Goodfellow, Shlens & Szegedy 2015, "Explaining and harnessing adversarial examples", ICLR
//       (§6 trains that maxout net with those settings).

/// <summary>A linear momentum ramp μ_e = μ₀ + (μ₁ − μ₀)·min(e, T)/T for SGD, applied before each epoch with <see cref="Apply"/>.</summary>
public sealed class MomentumRamp
{
    /// <summary>Creates the ramp.</summary>
    /// <param name="start">μ₀, the momentum of epoch 0, in [0, 1).</param>
    /// <param name="end">μ₁, the momentum from epoch <paramref name="epochs"/> on, in [0, 1).</param>
    /// <param name="epochs">T ≥ 1, the number of epochs the ramp takes.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range; the message names it and its value.</exception>
    public MomentumRamp(double start, double end, int epochs)
    {
        Start = Check.UnitInterval(start, "momentum ramp start");
        End = Check.UnitInterval(end, "momentum ramp end");
        Epochs = Check.PositiveInt(epochs, "momentum ramp epochs");
    }

    /// <summary>μ₀, the momentum of the first epoch.</summary>
    public double Start { get; }

    /// <summary>μ₁, the momentum once the ramp is over.</summary>
    public double End { get; }

    /// <summary>T, the number of epochs the ramp takes.</summary>
    public int Epochs { get; }

    /// <summary>The momentum of <paramref name="epoch"/> (0-based).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The epoch is negative.</exception>
    public double Momentum(int epoch)
    {
        if (epoch < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(epoch), epoch, $"epoch = {epoch} is invalid; epochs count from 0");
        }
        // μ_e = μ₀ + (μ₁ − μ₀)·min(e, T)/T
        return Start + (End - Start) * Math.Min(epoch, Epochs) / Epochs;
    }

    /// <summary>Sets <paramref name="sgd"/>'s momentum for <paramref name="epoch"/>.</summary>
    public void Apply(Sgd sgd, int epoch)
    {
        ArgumentNullException.ThrowIfNull(sgd);
        sgd.Momentum = Momentum(epoch);
    }
}
