using Scratch.Nn.Checkpoints;

namespace Scratch.Nn;

/// <summary>A model rebuilt from a checkpoint: the module, its zoo name and the file's metadata.</summary>
/// <param name="Model">The module with the saved weights, in training mode, on the CPU.</param>
/// <param name="Name">The zoo name from the metadata key "model".</param>
/// <param name="Metadata">All metadata of the file.</param>
public sealed record LoadedModel(Module Model, string Name, IReadOnlyDictionary<string, string> Metadata);

public static partial class ModelZoo
{
    /// <summary>Rebuilds the model saved by <see cref="Module.Save"/> at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is invalid, names no model, or its tensors do not fit the named model.</exception>
    public static Module Load(string path) => LoadCheckpoint(path).Model;

    /// <summary>Rebuilds the model saved at <paramref name="path"/> and returns it with its name and metadata.</summary>
    /// <exception cref="FileNotFoundException">Nothing is at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is invalid, names no model, holds tensors that are not all float32 or all float64, or its tensors do not fit the named model; the message names the file.</exception>
    public static LoadedModel LoadCheckpoint(string path)
    {
        var content = SafeTensors.Load(path);
        if (!content.Metadata.TryGetValue(Module.ModelMetadataKey, out var name) || !Names.Contains(name))
        {
            throw new InvalidDataException($"safetensors file '{path}': metadata \"{Module.ModelMetadataKey}\" is {(name is null ? "missing" : $"'{name}'")}; expected one of {string.Join(", ", Names)}");
        }
        var dtype = ParameterDType(path, content.Tensors);
        // The weights are about to be replaced, so any seed will do; the dropout generators keep theirs.
        var model = Create(name, new Generator(0));
        if (dtype != DType.Float32)
        {
            model.To(dtype);
        }
        try
        {
            model.LoadStateDict(content.Tensors);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"safetensors file '{path}' does not fit model '{name}': {e.Message}", e);
        }
        return new LoadedModel(model, name, content.Metadata);
    }

    // Parameters are float32 or float64, one dtype for the whole model (float32 for a file without tensors).
    private static DType ParameterDType(string path, IReadOnlyDictionary<string, Tensor> tensors)
    {
        var ordered = tensors.OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
        foreach (var (name, tensor) in ordered)
        {
            if (!tensor.DType.IsFloatingPoint())
            {
                throw new InvalidDataException($"safetensors file '{path}': tensor '{name}' is {tensor.DType.Name()}; a model's parameters are float32 or float64");
            }
        }
        var dtype = ordered.Count == 0 ? DType.Float32 : ordered[0].Value.DType;
        var other = ordered.FirstOrDefault(t => t.Value.DType != dtype);
        if (other.Value is not null)
        {
            throw new InvalidDataException(
                $"safetensors file '{path}': tensor '{ordered[0].Key}' is {dtype.Name()} but '{other.Key}' is {other.Value.DType.Name()}; a model's parameters share one dtype");
        }
        return dtype;
    }
}
