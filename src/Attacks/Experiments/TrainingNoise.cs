namespace Scratch.Attacks;

/// <summary>The noise of Goodfellow et al.'s controls for adversarial training (§6).</summary>
public enum TrainingNoise
{
    /// <summary>x + ε·s with s a random sign per pixel (the "±ε noise").</summary>
    Sign,

    /// <summary>x + u with u ~ U(−ε, ε) per pixel.</summary>
    Uniform,
}
