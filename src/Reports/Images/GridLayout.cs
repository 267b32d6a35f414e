using Scratch.Reports.Text;

namespace Scratch.Reports.Images;

/// <summary>
/// The geometry of an <see cref="ImageGrid"/>, in pixels of the PNG. Every cell has the same size: wide
/// enough for the widest upscaled image, caption and column title; as tall as the tallest upscaled image.
/// An image sits centred in its cell (halves rounded down); its caption strip lies just under the cell.
/// <code>
/// x of column c = Padding + RowTitleWidth + c·(CellWidth + Padding)
/// y of row r    = Padding + ColumnTitleHeight + r·(CellHeight + CaptionHeight + Padding)
/// </code>
/// where RowTitleWidth is 0 without row titles (else the widest title plus Padding) and ColumnTitleHeight
/// is 0 without column titles (else one text line plus Padding).
/// </summary>
public sealed class GridLayout
{
    private readonly PixelRect?[,] _images;

    private GridLayout(PixelRect?[,] images, int width, int height, int cellWidth, int cellHeight, int captionHeight,
        int lineHeight, int left, int top, int padding)
    {
        _images = images;
        Width = width;
        Height = height;
        CellWidth = cellWidth;
        CellHeight = cellHeight;
        CaptionHeight = captionHeight;
        LineHeight = lineHeight;
        Left = left;
        Top = top;
        Padding = padding;
    }

    /// <summary>Width of the whole PNG.</summary>
    public int Width { get; }

    /// <summary>Height of the whole PNG.</summary>
    public int Height { get; }

    /// <summary>Width of every cell.</summary>
    public int CellWidth { get; }

    /// <summary>Height of every cell's image area (the caption strip not included).</summary>
    public int CellHeight { get; }

    /// <summary>Height of the caption strip under each cell; 0 when no cell has a caption.</summary>
    public int CaptionHeight { get; }

    /// <summary>Height of one line of text.</summary>
    public int LineHeight { get; }

    /// <summary>x of the first column of cells.</summary>
    public int Left { get; }

    /// <summary>y of the first row of cells.</summary>
    public int Top { get; }

    /// <summary>Background pixels around and between cells.</summary>
    public int Padding { get; }

    /// <summary>The image area of cell (row, column).</summary>
    public PixelRect Cell(int row, int column) =>
        new(Left + column * (CellWidth + Padding), Top + row * (CellHeight + CaptionHeight + Padding), CellWidth, CellHeight);

    /// <summary>Where the upscaled image of cell (row, column) lies; null for an unset cell.</summary>
    public PixelRect? Image(int row, int column) => _images[row, column];

    /// <summary>The caption strip of cell (row, column) (height 0 when no cell has a caption).</summary>
    public PixelRect Caption(int row, int column)
    {
        var cell = Cell(row, column);
        return new PixelRect(cell.X, cell.Y + CellHeight, CellWidth, CaptionHeight);
    }

    /// <summary>The strip left of the cells of row <paramref name="row"/> where its title is drawn (width 0 without row titles).</summary>
    public PixelRect RowTitle(int row)
    {
        var cell = Cell(row, 0);
        return new PixelRect(Padding, cell.Y, Math.Max(0, Left - 2 * Padding), CellHeight);
    }

    /// <summary>The strip above the cells of column <paramref name="column"/> where its title is drawn (height 0 without column titles).</summary>
    public PixelRect ColumnTitle(int column)
    {
        var cell = Cell(0, column);
        return new PixelRect(cell.X, Padding, CellWidth, Math.Max(0, Top - 2 * Padding));
    }

    internal static GridLayout Compute(GridCell?[,] cells, string?[] rowTitles, string?[] columnTitles, int upscale, int padding, float fontSize)
    {
        using var font = ReportFont.Font(fontSize);
        int TextWidth(string? text) => text is null ? 0 : (int)Math.Ceiling(font.MeasureText(text));
        var lineHeight = (int)Math.Ceiling(font.Metrics.Descent - font.Metrics.Ascent) + 2;
        int rows = cells.GetLength(0), columns = cells.GetLength(1);

        var filled = cells.Cast<GridCell?>().OfType<GridCell>().ToList();
        if (filled.Count == 0)
        {
            throw new InvalidOperationException($"ImageGrid {rows}×{columns}: no image has been set; call Set before Measure, ToPng or Save");
        }
        var anyCaption = filled.Any(c => c.Caption is not null);
        var anyRowTitle = rowTitles.Any(t => t is not null);
        var anyColumnTitle = columnTitles.Any(t => t is not null);
        var tooLarge = $"ImageGrid {rows}×{columns} at upscale {upscale}: the image would be larger than {ImageGrid.MaxSide} pixels a side; lower Upscale or split the grid";
        try
        {
            checked
            {
                var cellWidth = Math.Max(filled.Max(c => c.Image.Width * upscale), Math.Max(
                    filled.Max(c => TextWidth(c.Caption)), columnTitles.Max(TextWidth)));
                var cellHeight = filled.Max(c => c.Image.Height * upscale);
                var captionHeight = anyCaption ? lineHeight : 0;
                var left = padding + (anyRowTitle ? rowTitles.Max(TextWidth) + padding : 0);
                var top = padding + (anyColumnTitle ? lineHeight + padding : 0);
                var width = left + columns * cellWidth + columns * padding;
                var height = top + rows * (cellHeight + captionHeight) + rows * padding;
                if (width > ImageGrid.MaxSide || height > ImageGrid.MaxSide)
                {
                    throw new InvalidOperationException(tooLarge);
                }
                var images = new PixelRect?[rows, columns];
                var layout = new GridLayout(images, width, height, cellWidth, cellHeight, captionHeight, lineHeight, left, top, padding);
                for (var r = 0; r < rows; r++)
                {
                    for (var c = 0; c < columns; c++)
                    {
                        if (cells[r, c] is { } cell)
                        {
                            var box = layout.Cell(r, c);
                            int w = cell.Image.Width * upscale, h = cell.Image.Height * upscale;
                            images[r, c] = new PixelRect(box.X + (cellWidth - w) / 2, box.Y + (cellHeight - h) / 2, w, h);
                        }
                    }
                }
                return layout;
            }
        }
        catch (OverflowException e)
        {
            throw new InvalidOperationException(tooLarge, e);
        }
    }
}
