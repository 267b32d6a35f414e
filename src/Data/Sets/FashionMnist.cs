namespace Scratch.Data.Sets;

/// <summary>
/// Fashion-MNIST (Xiao, Rasul &amp; Vollgraf 2017), MNIST's format with clothing images, read from Debian's
/// <c>dataset-fashion-mnist</c> package (gzip IDX files in /usr/share/datasets/fashion-mnist) or from
/// <c>fashion-mnist/</c> in the cache folder.
/// </summary>
public static class FashionMnist
{
    /// <summary>Where Debian's package installs the files.</summary>
    public const string DebianFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>The four files of the Debian package, with sizes and hashes.</summary>
    public static readonly KnownFile[] Files =
    [
        new("train-images-idx3-ubyte.gz", 26_421_856, "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7"),
        new("train-labels-idx1-ubyte.gz", 29_491, "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056"),
        new("t10k-images-idx3-ubyte.gz", 4_422_079, "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa"),
        new("t10k-labels-idx1-ubyte.gz", 5_125, "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05"),
    ];

    /// <summary>Loads the training and test sets, each from the first folder that holds its two verified files.</summary>
    /// <exception cref="DataNotFoundException">No folder has them; the message lists each folder and what was wrong.</exception>
    public static (ImageDataset Train, ImageDataset Test) Load(string? cacheDirectory = null) =>
        (Load(DataSplit.Train, cacheDirectory), Load(DataSplit.Test, cacheDirectory));

    /// <summary>Loads one split from the first folder that holds its two verified files (only those are checked and read).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="split"/> is not a <see cref="DataSplit"/> value.</exception>
    /// <exception cref="DataNotFoundException">No folder has them; the message lists each folder and what was wrong.</exception>
    public static ImageDataset Load(DataSplit split, string? cacheDirectory = null)
    {
        var (images, labels) = DataSplits.Files(Files, split);
        var tried = new List<string>();
        foreach (var folder in new[] { Path.Combine(DataCache.Root(cacheDirectory), "fashion-mnist"), DebianFolder })
        {
            var problems = new[] { images, labels }.Select(f => (f, p: f.Problem(Path.Combine(folder, f.Name)))).Where(x => x.p is not null).ToList();
            if (problems.Count == 0)
            {
                return IdxImageSet.Load(DataSplits.Name("fashion-mnist", split), Path.Combine(folder, images.Name), Path.Combine(folder, labels.Name));
            }
            tried.AddRange(problems.Select(x => $"{Path.Combine(folder, x.f.Name)}: {x.p}"));
        }
        throw new DataNotFoundException("Fashion-MNIST", tried, "apt-get update && apt-get install -y dataset-fashion-mnist");
    }
}
