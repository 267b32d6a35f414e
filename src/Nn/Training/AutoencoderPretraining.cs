namespace Scratch.Nn.Training;

/// <summary>
/// The autoencoder pretraining of a recipe (Szegedy et al. 2014, Table 1, AE400-10): before the
/// classifier is trained, its layer <see cref="Layer"/> (a <see cref="Linear"/> followed by a sigmoid)
/// is trained as the encoder of an autoencoder with a fresh sigmoid decoder and the binary
/// cross-entropy reconstruction loss (<see cref="Losses.BinaryCrossEntropyWithLogits"/>), and keeps
/// the weights it learnt. The paper states neither the loss nor the optimizer; these are our choices.
/// </summary>
public sealed record AutoencoderPretraining
{
    /// <summary>The dotted module name of the encoder layer in the model ("1" in the zoo's ae400-10).</summary>
    public string Layer { get; init; } = "1";

    /// <summary>Epochs of pretraining.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Examples per mini-batch.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>The optimizer.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>The learning rate (constant).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>SGD momentum (ignored by Adam).</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>Checks every field; the message names the bad one and its value.</summary>
    /// <exception cref="ArgumentException">A field is out of range.</exception>
    public void Validate()
    {
        TrainingRecipe.Require(!string.IsNullOrEmpty(Layer), "pretraining layer is empty; expected the encoder's module name");
        TrainingRecipe.Require(Epochs >= 1, $"pretraining epochs = {Epochs}; expected >= 1");
        TrainingRecipe.Require(BatchSize >= 1, $"pretraining batch size = {BatchSize}; expected >= 1");
        TrainingRecipe.Require(Enum.IsDefined(Optimizer), $"pretraining optimizer = {Optimizer}; expected sgd or adam");
        TrainingRecipe.Require(double.IsFinite(LearningRate) && LearningRate > 0, $"pretraining learning rate = {TrainingRecipe.Format(LearningRate)}; expected a finite number > 0");
        TrainingRecipe.Require(Momentum is >= 0 and < 1, $"pretraining momentum = {TrainingRecipe.Format(Momentum)}; expected a number in [0, 1)");
    }
}
