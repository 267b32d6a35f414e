using Scratch.Nn.Checkpoints;

namespace Scratch.Nn;

public abstract partial class Module
{
    /// <summary>The metadata key that holds the zoo name of a saved model.</summary>
    public const string ModelMetadataKey = "model";

    /// <summary>
    /// Saves the parameters to a safetensors file (atomically) with metadata "model" = <paramref name="modelName"/>
    /// and "format" = "pt" (what PyTorch's writer puts there), so <see cref="ModelZoo.Load"/> can rebuild the model.
    /// </summary>
    public void Save(string path, string modelName, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelName);
        var all = new Dictionary<string, string>(StringComparer.Ordinal) { ["format"] = "pt" };
        if (metadata is not null)
        {
            foreach (var (key, value) in metadata)
            {
                all[key] = value;
            }
        }
        all[ModelMetadataKey] = modelName;
        SafeTensors.Save(path, StateDict(), all);
    }
}
