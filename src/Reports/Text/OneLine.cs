namespace Scratch.Reports.Text;

/// <summary>The check every caption, title, label and table cell passes: one line of text, no control characters.</summary>
internal static class OneLine
{
    /// <summary>Returns <paramref name="text"/> (null stays null) when it holds no line break or other control character.</summary>
    /// <param name="text">The text.</param>
    /// <param name="name">The argument to name in the error.</param>
    /// <param name="where">Where the text goes, for the error (e.g. "row 2, column 1"), or null.</param>
    /// <exception cref="ArgumentException">The text holds a line break or a control character.</exception>
    public static string? Check(string? text, string name, string? where = null) =>
        text is not null && text.Any(char.IsControl)
            ? throw new ArgumentException(
                $"{name}{(where is null ? "" : $" ({where})")} '{text.ReplaceLineEndings(" ")}' holds a line break or control character; expected one line of text", name)
            : text;
}
