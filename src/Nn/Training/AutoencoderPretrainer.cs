using Scratch.Autograd;
using Scratch.Optim;

namespace Scratch.Nn.Training;

/// <summary>
/// Greedy autoencoder pretraining of one sigmoid layer, as Szegedy et al. 2014 (Table 1) did for
/// AE400-10: the encoder h = σ(W x + b) is trained together with a decoder x̂ = σ(W′ h + b′) (untied
/// weights, drawn fresh) to reconstruct its input, by minimising the binary cross-entropy between x̂
/// and the pixels x ∈ [0, 1]; then the encoder keeps the learnt W and b and the decoder is dropped.
/// The encoder's own weight penalty (λ of the model) applies during pretraining; the decoder has none.
/// References: Szegedy, Zaremba, Sutskever, Bruna, Erhan, Goodfellow &amp; Fergus 2014, "Intriguing
/// properties of neural networks" (Table 1); Bengio, Lamblin, Popovici &amp; Larochelle 2007, "Greedy
/// layer-wise training of deep networks" (the autoencoder and its cross-entropy reconstruction loss).
/// </summary>
public static class AutoencoderPretrainer
{
    /// <summary>The reconstruction loss of an autoencoder from <see cref="CreateAutoencoder"/>: the mean binary cross-entropy between its output and the flattened input (the labels are ignored).</summary>
    public static LossFunction ReconstructionLoss { get; } = (model, images, _) =>
    {
        ArgumentNullException.ThrowIfNull(model);
        var logits = model.Forward(new Variable(images));
        return Losses.BinaryCrossEntropyWithLogits(logits, images.Reshape(logits.Shape.ToArray()));
    };

    /// <summary>
    /// An autoencoder around a copy of <paramref name="encoder"/>: Flatten, the encoder (same weights
    /// and penalty), sigmoid, and a decoder Linear(out → in) drawn from <paramref name="generator"/>,
    /// whose output is the logit of each reconstructed pixel (layer "3"). On the encoder's device.
    /// </summary>
    public static Sequential CreateAutoencoder(Linear encoder, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(generator);
        var copy = new Linear(encoder.InFeatures, encoder.OutFeatures, generator, bias: encoder.Bias is not null) { L1 = encoder.L1, L2 = encoder.L2 };
        var decoder = new Linear(encoder.OutFeatures, encoder.InFeatures, generator);
        var autoencoder = new Sequential(new Flatten(), copy, new Sigmoid(), decoder);
        autoencoder.To(encoder.Weight.Value.Device);
        CopyWeights(encoder, copy);
        return autoencoder;
    }

    /// <summary>
    /// Pretrains the layer <see cref="AutoencoderPretraining.Layer"/> of <paramref name="model"/> on the
    /// images of <paramref name="data"/> and writes the learnt weights into it.
    /// </summary>
    /// <param name="model">The classifier; its layer must be a <see cref="Linear"/> (followed by a sigmoid in the model).</param>
    /// <param name="data">The training images (labels are ignored).</param>
    /// <param name="recipe">Epochs, batch size and optimizer of the pretraining.</param>
    /// <param name="generator">Draws the decoder's weights and the seed of the example order.</param>
    /// <param name="progress">Called after each batch, or null.</param>
    /// <param name="epochDone">Called after each epoch, or null.</param>
    /// <returns>The trained autoencoder (its layer "1" is the encoder, layer "3" the decoder) and the reconstruction loss of each epoch (accuracy NaN).</returns>
    /// <exception cref="ArgumentException">The model has no Linear layer of that name, or the recipe is invalid.</exception>
    /// <exception cref="TrainingDivergedException">The reconstruction loss diverged.</exception>
    public static (Sequential Autoencoder, IReadOnlyList<Metrics> Epochs) Pretrain(Module model, IBatchSource data, AutoencoderPretraining recipe, Generator generator,
        Action<BatchProgress>? progress = null, Action<EpochReport>? epochDone = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(generator);
        recipe.Validate();
        var encoder = model.NamedModules().FirstOrDefault(m => m.Name == recipe.Layer).Module as Linear
            ?? throw new ArgumentException($"autoencoder pretraining: the model has no Linear layer '{recipe.Layer}'", nameof(recipe));
        var autoencoder = CreateAutoencoder(encoder, generator);
        Optimizer optimizer = recipe.Optimizer == OptimizerKind.Adam
            ? new Adam(autoencoder.Parameters(), recipe.LearningRate)
            : new Sgd(autoencoder.Parameters(), recipe.LearningRate, recipe.Momentum);
        var trainer = new Trainer(autoencoder, optimizer, ReconstructionLoss, generator.NextUInt64()) { Phase = TrainingPhase.Pretraining, ReuseParameterMemory = true };
        var epochs = new List<Metrics>();
        for (var e = 0; e < recipe.Epochs; e++)
        {
            var metrics = trainer.TrainEpoch(data, recipe.BatchSize, progress);
            epochs.Add(metrics);
            epochDone?.Invoke(new EpochReport(TrainingPhase.Pretraining, e, recipe.Epochs, metrics));
        }
        CopyWeights((Linear)autoencoder[1], encoder);
        return (autoencoder, epochs);
    }

    /// <summary>The mean reconstruction loss of <paramref name="autoencoder"/> on <paramref name="data"/>, without a tape.</summary>
    public static double ReconstructionError(Module autoencoder, IBatchSource data, int batchSize = 1000)
    {
        ArgumentNullException.ThrowIfNull(autoencoder);
        ArgumentNullException.ThrowIfNull(data);
        var device = autoencoder.Parameters()[0].Value.Device;
        using var noGrad = Autodiff.NoGrad();
        double sum = 0;
        foreach (var (images, labels) in ScopedBatches.EachInItsOwnScope(data.Batches(batchSize)))
        {
            sum += ReconstructionLoss(autoencoder, images.To(device), labels).Loss.Item() * images.Shape[0];
        }
        return data.Count > 0 ? sum / data.Count : 0;
    }

    private static void CopyWeights(Linear from, Linear to)
    {
        to.Weight.Value = from.Weight.Value;
        if (from.Bias is not null && to.Bias is not null)
        {
            to.Bias.Value = from.Bias.Value;
        }
    }
}
