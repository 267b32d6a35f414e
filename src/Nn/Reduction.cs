namespace Scratch.Nn;

/// <summary>How a loss reduces its per-example values over the batch (TorchSharp's and PyTorch's naming).</summary>
public enum Reduction
{
    /// <summary>No reduction: one value per example, shape [N].</summary>
    None,

    /// <summary>The mean over the batch, a scalar.</summary>
    Mean,

    /// <summary>The sum over the batch, a scalar.</summary>
    Sum,
}
