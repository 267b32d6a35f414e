using System.Globalization;

namespace Scratch.Reproduce;

/// <summary>
/// How large a reproduction is, as data: training subsets and epochs, sample sizes for the attacks, ensemble size.
/// Every figure in the report says which preset made it. <c>full</c> trains on all 60,000 images with the zoo's paper
/// recipes and samples 1,000 images per minimum-distortion figure; <c>quick</c> trains on 5,000 images for up to 5
/// epochs and samples 100 (every table and figure present, in minutes); <c>ci</c> is the smallest end-to-end run,
/// what the test suite executes.
/// </summary>
public sealed record Preset
{
    /// <summary>"ci", "quick" or "full".</summary>
    public required string Name { get; init; }

    /// <summary>Training images per model (null: all 60,000).</summary>
    public int? TrainSize { get; init; }

    /// <summary>Epochs cap per model (null: the recipe's own count).</summary>
    public int? MaxEpochs { get; init; }

    /// <summary>Examples per minimum-distortion and transfer sample (Szegedy's tables).</summary>
    public int DistortionSample { get; init; }

    /// <summary>Test examples for FGSM figures and the ε sweep (null: all 10,000).</summary>
    public int? FgsmSample { get; init; }

    /// <summary>Members of the maxout ensemble (Goodfellow §6; the paper: 12).</summary>
    public int EnsembleMembers { get; init; }

    /// <summary>Adversarial examples in each refresh of the §4.2 pool.</summary>
    public int PoolSize { get; init; }

    /// <summary>Bisection steps of Szegedy's c-search.</summary>
    public int CSearchSteps { get; init; } = 5;

    /// <summary>The smallest run: 2,000 images, up to 4 epochs, ten distortion samples (what the tests run).</summary>
    public static Preset Ci { get; } = new() { Name = "ci", TrainSize = 2000, MaxEpochs = 4, DistortionSample = 10, FgsmSample = 500, EnsembleMembers = 2, PoolSize = 50, CSearchSteps = 2 };

    /// <summary>Every table and figure in minutes: 5,000 training images, up to 5 epochs, 100 distortion samples.</summary>
    public static Preset Quick { get; } = new() { Name = "quick", TrainSize = 5000, MaxEpochs = 5, DistortionSample = 100, FgsmSample = 10_000, EnsembleMembers = 2, PoolSize = 500 };

    /// <summary>The papers' sizes: all training images, the recipes' epochs, 1,000 distortion samples.</summary>
    public static Preset Full { get; } = new() { Name = "full", DistortionSample = 1000, EnsembleMembers = 5, PoolSize = 5000 };

    /// <summary>The preset named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is not ci, quick or full.</exception>
    public static Preset Parse(string name) => name switch
    {
        "ci" => Ci,
        "quick" => Quick,
        "full" => Full,
        _ => throw new ArgumentException($"preset '{name}' is unknown; expected ci, quick or full", nameof(name)),
    };

    /// <summary>The epochs to train for when the recipe says <paramref name="recipeEpochs"/>.</summary>
    public int Epochs(int recipeEpochs) => MaxEpochs is { } cap ? Math.Min(cap, recipeEpochs) : recipeEpochs;

    /// <summary>A one-line description for the report.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"preset {Name}: {(TrainSize is { } t ? $"{t:N0}" : "all 60,000")} training images, {(MaxEpochs is { } e ? $"at most {e} epochs" : "the recipes' epochs")}, {DistortionSample:N0} examples per distortion sample, {(FgsmSample is { } f ? $"{f:N0}" : "all 10,000")} test images for FGSM, {EnsembleMembers} ensemble members");
}
