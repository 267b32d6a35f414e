using System.Text.Json.Nodes;

namespace Scratch.Reproduce.Tests;

[Collection("CiRun")]
public sealed class ReproductionTests(CiRun run)
{
    [Fact]
    public void Report_HasEverySectionAndEveryFigure()
    {
        var report = File.ReadAllText(run.Report.ReportPath);
        Assert.Equal(ExperimentCatalog.All.Count, run.Report.Results.Count);
        foreach (var experiment in ExperimentCatalog.All)
        {
            Assert.Contains($"### {experiment.Title}", report);
        }
        var figures = run.Report.Results.SelectMany(r => r.Figures).ToArray();
        Assert.NotEmpty(figures);
        foreach (var figure in figures)
        {
            Assert.True(File.Exists(Path.Combine(run.Folder, figure)), $"missing figure {figure}");
            Assert.Contains($"]({figure})", report);
        }
        Assert.Contains("## Szegedy et al. 2013", report);
        Assert.Contains("## Goodfellow, Shlens & Szegedy 2015", report);
        Assert.Empty(Directory.GetFiles(run.Folder, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void ResultsJson_HasEveryExperimentWithItsNumbers()
    {
        var json = JsonNode.Parse(File.ReadAllText(run.Report.JsonPath))!;
        Assert.Equal(1, (int)json["schema"]!);
        Assert.Equal("ci", (string)json["preset"]!["Name"]!);
        var experiments = json["experiments"]!.AsArray();
        Assert.Equal(ExperimentCatalog.All.Select(e => e.Name), experiments.Select(e => (string)e!["name"]!));
        Assert.All(experiments, e => Assert.NotEmpty(e!["numbers"]!.AsObject()));
        Assert.NotNull(json["machine"]!["Cpu"]);
    }

    [Fact]
    public void SecondRun_ReusesTheCacheAndOnlySelects()
    {
        var reused = new List<bool>();
        var again = Reproduction.Run(run.Context, "szegedy", ["szegedy-units"], finished: (_, cached) => reused.Add(cached));
        Assert.Equal([true], reused);
        Assert.Equal("szegedy-units", Assert.Single(again.Results).Name);
        // The report still shows every Szegedy section from the cache.
        var report = File.ReadAllText(again.ReportPath);
        Assert.Contains("### Tables 1 and 2", report);
        Assert.DoesNotContain("## Goodfellow", report);
        Reproduction.Run(run.Context, "all");
    }

    [Fact]
    public void UnknownExperimentOrPaper_IsAClearError()
    {
        var e = Assert.Throws<ArgumentException>(() => ExperimentCatalog.Select("szegedy", ["szegedy-table9"]));
        Assert.Contains("szegedy-table9", e.Message);
        Assert.Contains("szegedy-tables-1-2", e.Message);
        Assert.Throws<ArgumentException>(() => ExperimentCatalog.Select("hinton", null));
        Assert.Throws<ArgumentException>(() => Preset.Parse("huge"));
    }

    [Fact]
    public void Szegedy_MinimumDistortionOfTheSigmoidNet_IsNearThePapers()
    {
        // Table 1: FC100-100-10 needs 0.058 on average. A briefly trained net needs more or less, but the same order:
        // within a factor of three of the paper's figure.
        var numbers = run.Result("szegedy-tables-1-2").Numbers;
        var distortion = (double)numbers["fc100-100-10"]!["mean_distortion"]!;
        Assert.InRange(distortion, 0.058 / 3, 0.058 * 3);
        Assert.True((double)numbers["fc100-100-10"]!["test_error"]! < 0.5, "the sigmoid net did not learn under the ci preset");
    }
}
