using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Scratch.Reports.Text;

namespace Scratch.Reports.Tables;

/// <summary>
/// A table written as GitHub-flavoured markdown with its columns padded to equal width, so that the text
/// reads as a table too. A column whose every non-blank cell is a number (optionally signed, with a
/// decimal point, an exponent, a trailing % or ×, or one of the placeholders "NaN", "∞", "—", "n/a")
/// and that holds at least one number is right-aligned (<c>---:</c>); the others are left-aligned.
/// A '|' in a cell is escaped as "\|". Widths count text elements, not UTF-16 units, so "ε" counts one.
/// </summary>
/// <example>
/// <code>
/// var table = new MarkdownTable("model", "ε", "error");
/// table.AddRow("maxout", NumberText.Fixed(0.25, 2), NumberText.Percent(0.894));
/// Console.Write(table.ToMarkdown());
/// // | model  |    ε | error |
/// // |--------|-----:|------:|
/// // | maxout | 0.25 | 89.4% |
/// </code>
/// </example>
public sealed partial class MarkdownTable
{
    private const int MinWidth = 3;

    private static readonly HashSet<string> Placeholders = ["NaN", "∞", "−∞", "-∞", "—", "n/a"];

    private readonly string[] _headers;
    private readonly List<string[]> _rows = [];

    /// <summary>A table with these column headers.</summary>
    /// <exception cref="ArgumentException">No headers, or a header is not one line.</exception>
    public MarkdownTable(params string[] headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.Length == 0)
        {
            throw new ArgumentException("headers is empty; expected at least one column", nameof(headers));
        }
        _headers = [.. headers.Select((h, i) => Cell(h, nameof(headers), $"header {i}"))];
    }

    /// <summary>Number of columns.</summary>
    public int Columns => _headers.Length;

    /// <summary>Number of rows added.</summary>
    public int Rows => _rows.Count;

    /// <summary>Adds a row of exactly <see cref="Columns"/> cells (null is written as an empty cell).</summary>
    /// <exception cref="ArgumentException">The row has another number of cells, or a cell is not one line.</exception>
    public void AddRow(params string?[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException(
                $"row {_rows.Count} has {cells.Length} cells; expected {_headers.Length} ({string.Join(", ", _headers)})", nameof(cells));
        }
        _rows.Add([.. cells.Select((c, i) => Cell(c ?? "", nameof(cells), $"row {_rows.Count}, column {i}"))]);
    }

    /// <summary>The table as markdown: a header line, an alignment line, one line per row, each ending in '\n'.</summary>
    public string ToMarkdown()
    {
        var columns = _headers.Length;
        var rightAligned = new bool[columns];
        var widths = new int[columns];
        for (var c = 0; c < columns; c++)
        {
            var column = _rows.Select(r => r[c]).ToList();
            rightAligned[c] = column.Any(IsNumber) && column.All(v => v.Length == 0 || IsNumber(v) || Placeholders.Contains(v));
            widths[c] = column.Append(_headers[c]).Select(Width).Append(MinWidth).Max();
        }
        var text = new StringBuilder();
        Line(text, _headers, widths, rightAligned);
        text.Append('|');
        for (var c = 0; c < columns; c++)
        {
            text.Append(rightAligned[c] ? new string('-', widths[c] + 1) + ":" : new string('-', widths[c] + 2)).Append('|');
        }
        text.Append('\n');
        foreach (var row in _rows)
        {
            Line(text, row, widths, rightAligned);
        }
        return text.ToString();
    }

    /// <inheritdoc cref="ToMarkdown"/>
    public override string ToString() => ToMarkdown();

    private static void Line(StringBuilder text, string[] cells, int[] widths, bool[] rightAligned)
    {
        text.Append('|');
        for (var c = 0; c < cells.Length; c++)
        {
            var padding = new string(' ', widths[c] - Width(cells[c]));
            text.Append(' ').Append(rightAligned[c] ? padding + cells[c] : cells[c] + padding).Append(" |");
        }
        text.Append('\n');
    }

    private static int Width(string cell) => new StringInfo(cell).LengthInTextElements;

    private static bool IsNumber(string cell) => NumberPattern().IsMatch(cell);

    private static string Cell(string? text, string argumentName, string where)
    {
        ArgumentNullException.ThrowIfNull(text, argumentName);
        return OneLine.Check(text, argumentName, where)!.Trim().Replace("|", "\\|", StringComparison.Ordinal);
    }

    // A decimal number with an optional sign (ASCII or the minus sign), exponent and a trailing % or ×.
    [GeneratedRegex(@"^[+\-−]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+\-]?[0-9]+)? ?[%×]?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
