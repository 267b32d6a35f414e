namespace Scratch.Reproduce.Tests;

/// <summary>
/// One end-to-end run of <c>scratch reproduce all --preset ci</c> into a temporary folder, shared by the tests of the
/// "CiRun" collection (it trains every model once; the folder is deleted when the tests end).
/// </summary>
public sealed class CiRun : IDisposable
{
    public CiRun()
    {
        Folder = Path.Combine(Path.GetTempPath(), $"scratch-reproduce-{Guid.NewGuid():N}");
        Context = new ReproduceContext(Preset.Ci, Folder, Device.Cpu, retrain: false, dataDirectory: null, log: _ => { });
        Report = Reproduction.Run(Context, "all");
    }

    public string Folder { get; }

    public ReproduceContext Context { get; }

    public ReproductionReport Report { get; }

    public ExperimentResult Result(string name) => Report.Results.Single(r => r.Name == name);

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

[CollectionDefinition("CiRun")]
public sealed class CiRunCollection : ICollectionFixture<CiRun>;
