namespace Scratch.Data.Sets;

/// <summary>
/// MNIST read from a given folder, never fetched: what a machine without network uses (the GPU bundle of
/// <c>scripts/gpu-bundle.sh</c> carries its files in <c>data/mnist</c> beside the executable). The test set
/// must be the published files (size and SHA-256 checked, as <see cref="Mnist"/> does); the training files
/// may be the published ones or the first N examples of them (a slice, checked as IDX: magic number,
/// dimensions, exact length, labels in range), so that a bundle need not carry all 60,000 images.
/// </summary>
public static class MnistFolder
{
    /// <summary>The folder the bundle's files are looked for in: <c>data/mnist</c> beside the executable.</summary>
    public static string BesideExecutable => Path.Combine(AppContext.BaseDirectory, "data", "mnist");

    /// <summary>Loads the training set (or slice) and the test set from <paramref name="folder"/>.</summary>
    /// <exception cref="DataNotFoundException">The folder or a file is missing, or a test file is not the published one.</exception>
    /// <exception cref="InvalidDataException">A training file is not a valid IDX slice of 28×28 MNIST images and their labels.</exception>
    public static (ImageDataset Train, ImageDataset Test) Load(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var full = Path.GetFullPath(folder);
        var fix = $"copy the four MNIST IDX files ({string.Join(", ", Mnist.Files.Select(f => f.Name))}) into {full}, or run scripts/gpu-bundle.sh";
        var problems = new List<string>();
        if (!Directory.Exists(full))
        {
            throw new DataNotFoundException("MNIST", [$"{full}: no such folder"], fix);
        }
        foreach (var file in Mnist.Files.Take(2))
        {
            if (!File.Exists(Path.Combine(full, file.Name)))
            {
                problems.Add($"{Path.Combine(full, file.Name)}: missing");
            }
        }
        foreach (var file in Mnist.Files.Skip(2))
        {
            if (file.Problem(Path.Combine(full, file.Name)) is { } problem)
            {
                problems.Add($"{Path.Combine(full, file.Name)}: {problem}");
            }
        }
        if (problems.Count > 0)
        {
            throw new DataNotFoundException("MNIST", problems, fix);
        }
        var train = IdxImageSet.Load("mnist-train", Path.Combine(full, Mnist.Files[0].Name), Path.Combine(full, Mnist.Files[1].Name));
        if ((train.Height, train.Width) != (28, 28) || train.Count > 60_000)
        {
            throw new InvalidDataException($"{Path.Combine(full, Mnist.Files[0].Name)}: {train.Count} images of {train.Height}×{train.Width}; expected at most 60000 of 28×28");
        }
        var test = IdxImageSet.Load("mnist-test", Path.Combine(full, Mnist.Files[2].Name), Path.Combine(full, Mnist.Files[3].Name));
        return (train, test);
    }

    /// <summary>
    /// MNIST from <paramref name="folder"/> when it is given; else from <see cref="BesideExecutable"/> when that
    /// folder exists; else from the cache through <see cref="Mnist.Load(string?, Action{string}?)"/> (which fetches on first use).
    /// </summary>
    public static (ImageDataset Train, ImageDataset Test) Locate(string? folder, Action<string>? log = null)
    {
        if (!string.IsNullOrWhiteSpace(folder))
        {
            return Load(folder);
        }
        if (Directory.Exists(BesideExecutable))
        {
            log?.Invoke($"MNIST from {BesideExecutable}");
            return Load(BesideExecutable);
        }
        return Mnist.Load(null, log);
    }
}
