namespace Scratch.Nn.Training;

/// <summary>The first-order optimizer of a <see cref="TrainingRecipe"/>.</summary>
public enum OptimizerKind
{
    /// <summary><see cref="Scratch.Optim.Sgd"/> with the recipe's momentum and weight decay.</summary>
    Sgd,

    /// <summary><see cref="Scratch.Optim.Adam"/> with the recipe's weight decay (momentum is ignored).</summary>
    Adam,
}
