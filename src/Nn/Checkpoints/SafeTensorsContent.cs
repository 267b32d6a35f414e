namespace Scratch.Nn.Checkpoints;

/// <summary>What a safetensors file holds: named tensors (on the CPU) and the string metadata of "__metadata__".</summary>
/// <param name="Tensors">The tensors by name.</param>
/// <param name="Metadata">The metadata (empty when the file has none).</param>
public sealed record SafeTensorsContent(IReadOnlyDictionary<string, Tensor> Tensors, IReadOnlyDictionary<string, string> Metadata);
