using System.Text;
using Scratch.IO;

namespace Scratch.Diagnostics;

/// <summary>The rows of a GPU check, its verdict, and the markdown table it is printed and saved as.</summary>
public sealed class GpuCheckReport
{
    private readonly List<CheckRow> _rows = [];

    /// <summary>Starts an empty report for <paramref name="context"/>.</summary>
    public GpuCheckReport(GpuCheckContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Context = context;
    }

    /// <summary>The check's device and sizes.</summary>
    public GpuCheckContext Context { get; }

    /// <summary>The rows so far, in order.</summary>
    public IReadOnlyList<CheckRow> Rows => _rows;

    /// <summary>True when at least one comparison ran and none failed.</summary>
    public bool Passed => _rows.Any(r => r.Status == CheckStatus.Pass) && _rows.All(r => r.Status != CheckStatus.Fail);

    /// <summary>Adds a row and logs it.</summary>
    public void Add(CheckRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        _rows.Add(row);
        Context.Log($"{row.Section}: {row.Item}: {row.Result}{(row.Status == CheckStatus.Info ? "" : $" [{Word(row.Status)}]")}");
    }

    /// <summary>Adds a row built from its parts.</summary>
    public void Add(string section, string item, string result, string detail, CheckStatus status = CheckStatus.Info) =>
        Add(new CheckRow(section, item, result, detail, status));

    /// <summary>A heading with the verdict, a line saying what ran where, and the table.</summary>
    public string ToMarkdown()
    {
        var failed = _rows.Count(r => r.Status == CheckStatus.Fail);
        var passed = _rows.Count(r => r.Status == CheckStatus.Pass);
        var text = new StringBuilder();
        text.AppendLine($"# scratch gpu-check: {(Passed ? "PASSED" : "FAILED")} ({passed} passed, {failed} failed)");
        text.AppendLine();
        text.AppendLine($"Device under test {Context.Device}, compared with the CPU backend; {(Context.Small ? "small" : "representative")} sizes; "
            + $"times are the median of {Context.Repetitions} runs after an untimed first run, with the range; kernel compilation is timed apart.");
        text.AppendLine();
        text.AppendLine("| section | check | result | detail | status |");
        text.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var r in _rows)
        {
            text.AppendLine($"| {Cell(r.Section)} | {Cell(r.Item)} | {Cell(r.Result)} | {Cell(r.Detail)} | {Word(r.Status)} |");
        }
        return text.ToString();
    }

    /// <summary>Writes <see cref="ToMarkdown"/> to <paramref name="path"/> atomically (a temporary file in the same folder, then a rename).</summary>
    /// <returns>The full path written.</returns>
    public string WriteMarkdown(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(ToMarkdown());
        OutputFile.WriteAtomically(full, stream => stream.Write(bytes));
        return full;
    }

    private static string Word(CheckStatus status) => status switch
    {
        CheckStatus.Pass => "pass",
        CheckStatus.Fail => "FAIL",
        _ => "",
    };

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}
