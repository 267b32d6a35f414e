using Scratch.Data.Sets;

namespace Scratch.Reproduce;

/// <summary>What every experiment of a reproduction shares: the preset, the data, the output folder, the model cache and the log.</summary>
public sealed class ReproduceContext
{
    private readonly Lazy<(ImageDataset Train, ImageDataset Test)> _mnist;
    private readonly Dictionary<string, ImageDataset> _shared = [];

    /// <summary>Creates the context; MNIST is loaded (fetched on first use) when an experiment first asks for it.</summary>
    /// <param name="preset">The sizes.</param>
    /// <param name="outputDirectory">The results folder (created if missing).</param>
    /// <param name="device">Where models train and attacks run.</param>
    /// <param name="retrain">Ignore cached models and results.</param>
    /// <param name="dataDirectory">MNIST's cache folder, or null for the default.</param>
    /// <param name="log">Receives one line per step of the run.</param>
    public ReproduceContext(Preset preset, string outputDirectory, Device device, bool retrain, string? dataDirectory, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(preset);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        Preset = preset;
        OutputDirectory = Path.GetFullPath(outputDirectory);
        Device = device;
        Retrain = retrain;
        Log = log ?? (_ => { });
        _mnist = new(() =>
        {
            var (train, test) = Mnist.Load(dataDirectory, Log);
            return (preset.TrainSize is { } n ? train.Range(0, n) : train, test);
        });
        Models = new ModelStore(this);
    }

    /// <summary>The sizes.</summary>
    public Preset Preset { get; }

    /// <summary>The results folder, absolute.</summary>
    public string OutputDirectory { get; }

    /// <summary>Where models train and attacks run.</summary>
    public Device Device { get; }

    /// <summary>Whether cached models and results are ignored.</summary>
    public bool Retrain { get; }

    /// <summary>One line per step.</summary>
    public Action<string> Log { get; }

    /// <summary>The trained models, cached in the results folder.</summary>
    public ModelStore Models { get; }

    /// <summary>The MNIST training images the preset trains on (the first N of the 60,000).</summary>
    public ImageDataset Train => _mnist.Value.Train;

    /// <summary>The 10,000 MNIST test images.</summary>
    public ImageDataset Test => _mnist.Value.Test;

    /// <summary>A figure's path relative to the results folder ("figures/NAME", what the report links) and absolute (the folder is created).</summary>
    public (string Relative, string Absolute) Figure(string fileName)
    {
        var folder = Directory.CreateDirectory(Path.Combine(OutputDirectory, "figures")).FullName;
        return ($"figures/{fileName}", Path.Combine(folder, fileName));
    }

    /// <summary>
    /// The data set <paramref name="make"/> derives (a sample, a subset), made at the first request under
    /// <paramref name="key"/> and shared by every later one in this run: the experiments that attack the same sample
    /// read one copy of its images instead of each making its own.
    /// </summary>
    public ImageDataset Shared(string key, Func<ImageDataset> make)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(make);
        lock (_shared)
        {
            if (!_shared.TryGetValue(key, out var set))
            {
                _shared[key] = set = make();
            }
            return set;
        }
    }

    /// <summary>A seeded random sample of <paramref name="count"/> examples of <paramref name="set"/> (all when it has fewer), in draw order.</summary>
    public static ImageDataset Sample(ImageDataset set, int count, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(set);
        var indices = Enumerable.Range(0, set.Count).ToArray();
        new Generator(seed).Shuffle(indices.AsSpan());
        return set.Subset(indices.Take(Math.Min(count, set.Count)).ToArray(), $"{set.Name} sample of {Math.Min(count, set.Count)}");
    }
}
