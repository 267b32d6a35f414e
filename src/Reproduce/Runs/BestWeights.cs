using Scratch.Nn;

namespace Scratch.Reproduce;

/// <summary>
/// Early stopping's memory: offered a model and its validation score after each epoch, it keeps a copy of the
/// parameters of the epoch with the lowest score (the earlier epoch on a tie; a NaN score never wins), and puts
/// them back into the model on <see cref="Restore"/>.
/// </summary>
internal sealed class BestWeights
{
    private readonly List<double> _scores = [];
    private Dictionary<string, Tensor>? _state;

    /// <summary>The score of every epoch offered, in order.</summary>
    public IReadOnlyList<double> Scores => _scores;

    /// <summary>The lowest score so far (+∞ before any finite one).</summary>
    public double BestScore { get; private set; } = double.PositiveInfinity;

    /// <summary>The epoch (0-based) of <see cref="BestScore"/>, or −1.</summary>
    public int BestEpoch { get; private set; } = -1;

    /// <summary>Records <paramref name="score"/> for <paramref name="epoch"/>; copies the model's parameters when it is the lowest so far.</summary>
    /// <returns>Whether this epoch is the best so far.</returns>
    public bool Offer(int epoch, Module model, double score)
    {
        ArgumentNullException.ThrowIfNull(model);
        _scores.Add(score);
        if (!(score < BestScore))
        {
            return false;
        }
        BestScore = score;
        BestEpoch = epoch;
        // StateDict hands out the live tensors; steps bind new ones, but a copy also survives any in-place write.
        _state = model.StateDict().ToDictionary(p => p.Key, p => p.Value.Clone());
        return true;
    }

    /// <summary>Loads the best epoch's parameters into <paramref name="model"/>.</summary>
    /// <exception cref="InvalidOperationException">No finite score was offered.</exception>
    public void Restore(Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.LoadStateDict(_state ?? throw new InvalidOperationException("best weights: no epoch with a finite score was offered"));
    }
}
