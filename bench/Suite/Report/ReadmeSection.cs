using Scratch.Reports.Output;

namespace Scratch.BenchSuite.Report;

/// <summary>Replaces the text between the markers <see cref="Begin"/> and <see cref="End"/> of a markdown file.</summary>
public static class ReadmeSection
{
    /// <summary>The line that opens the generated section.</summary>
    public const string Begin = "<!-- bench/run.sh results: begin (generated; do not edit) -->";

    /// <summary>The line that closes it.</summary>
    public const string End = "<!-- bench/run.sh results: end -->";

    /// <summary>The file's text with the section's contents replaced by <paramref name="section"/>.</summary>
    /// <exception cref="InvalidDataException">The markers are missing, repeated or out of order; the message names them.</exception>
    public static string Replaced(string text, string section, string name)
    {
        int begin = text.IndexOf(Begin, StringComparison.Ordinal), end = text.IndexOf(End, StringComparison.Ordinal);
        if (begin < 0 || end < begin || text.IndexOf(Begin, begin + 1, StringComparison.Ordinal) >= 0 || text.IndexOf(End, end + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidDataException($"{name}: expected one '{Begin}' line followed by one '{End}' line");
        }
        return text[..(begin + Begin.Length)] + "\n" + section.TrimEnd() + "\n" + text[end..];
    }

    /// <summary>Rewrites <paramref name="path"/> atomically with its section replaced.</summary>
    public static void Replace(string path, string section) =>
        AtomicFile.WriteAllText(path, Replaced(File.ReadAllText(path), section, path));
}
