namespace Scratch.Nn.Training;

/// <summary>Which part of a training run a progress report belongs to.</summary>
public enum TrainingPhase
{
    /// <summary>Unsupervised pretraining (the autoencoder of AE400-10); the loss is the reconstruction loss and there is no accuracy.</summary>
    Pretraining,

    /// <summary>Supervised training of the classifier.</summary>
    Training,
}
