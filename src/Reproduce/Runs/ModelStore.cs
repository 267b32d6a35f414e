using Scratch.Nn;

namespace Scratch.Reproduce;

/// <summary>
/// The models of a reproduction, each trained once and kept as a safetensors checkpoint in DIR/models/KEY.safetensors,
/// so an interrupted run resumes without retraining and <c>--only</c> reruns reuse them (<c>--retrain</c> ignores the files).
/// </summary>
public sealed class ModelStore
{
    private readonly ReproduceContext _context;
    private readonly Dictionary<string, Module> _loaded = new(StringComparer.Ordinal);

    internal ModelStore(ReproduceContext context) => _context = context;

    /// <summary>The model under <paramref name="key"/>: from this run's memory, else from its checkpoint, else trained by <paramref name="train"/> and saved.</summary>
    /// <param name="key">A file-name-safe key naming the model and its variant ("fc100-100-10-p1", "maxout-adv").</param>
    /// <param name="zooName">The zoo model it is (what the checkpoint's metadata names).</param>
    /// <param name="train">Builds and trains it.</param>
    public Module Get(string key, string zooName, Func<Module> train)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(train);
        if (_loaded.TryGetValue(key, out var cached))
        {
            return cached;
        }
        var folder = Directory.CreateDirectory(Path.Combine(_context.OutputDirectory, "models")).FullName;
        var path = Path.Combine(folder, $"{key}.safetensors");
        Module model;
        if (!_context.Retrain && File.Exists(path))
        {
            _context.Log($"model {key}: loaded from {path}");
            model = ModelZoo.LoadCheckpoint(path).Model.To(_context.Device);
        }
        else
        {
            _context.Log($"model {key}: training");
            model = train();
            model.Save(path, zooName, new Dictionary<string, string> { ["preset"] = _context.Preset.Name });
        }
        model.Eval();
        _loaded[key] = model;
        return model;
    }
}
