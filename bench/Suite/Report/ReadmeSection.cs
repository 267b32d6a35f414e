using Scratch.Reports.Output;

namespace Scratch.BenchSuite.Report;

/// <summary>
/// Replaces the text between two marker lines of a markdown file: bench/README.md's results (<see cref="Begin"/>,
/// <see cref="End"/>) and the top-level README.md's headline figures (<see cref="HeadlineBegin"/>, <see cref="HeadlineEnd"/>).
/// </summary>
public static class ReadmeSection
{
    /// <summary>The line that opens bench/README.md's generated section.</summary>
    public const string Begin = "<!-- bench/run.sh results: begin (generated; do not edit) -->";

    /// <summary>The line that closes it.</summary>
    public const string End = "<!-- bench/run.sh results: end -->";

    /// <summary>The line that opens README.md's headline figures (written by <c>bench/run.sh</c>'s readme step).</summary>
    public const string HeadlineBegin = "<!-- bench:headline:begin -->";

    /// <summary>The line that closes them.</summary>
    public const string HeadlineEnd = "<!-- bench:headline:end -->";

    /// <summary>The file's text with the contents between <paramref name="begin"/> and <paramref name="end"/> replaced by <paramref name="section"/>.</summary>
    /// <exception cref="InvalidDataException">The markers are missing, repeated or out of order; the message names the file and them.</exception>
    public static string Replaced(string text, string section, string name, string begin = Begin, string end = End)
    {
        int at = text.IndexOf(begin, StringComparison.Ordinal), to = text.IndexOf(end, StringComparison.Ordinal);
        if (at < 0 || to < at || text.IndexOf(begin, at + 1, StringComparison.Ordinal) >= 0 || text.IndexOf(end, to + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidDataException($"{name}: expected one '{begin}' line followed by one '{end}' line");
        }
        return text[..(at + begin.Length)] + "\n" + section.TrimEnd() + "\n" + text[to..];
    }

    /// <summary>Rewrites <paramref name="path"/> atomically (temporary file, then rename) with its section replaced.</summary>
    /// <exception cref="InvalidDataException">The markers are missing, repeated or out of order (the file is left as it was).</exception>
    public static void Replace(string path, string section, string begin = Begin, string end = End) =>
        AtomicFile.WriteAllText(path, Replaced(File.ReadAllText(path), section, path, begin, end));
}
