using Scratch.Reports.Output;
using Scratch.Reports.Text;

namespace Scratch.Reports.Images;

/// <summary>
/// A figure of images laid out in rows and columns, each with an optional caption below it, optional row
/// titles on the left and column titles on top, pixels enlarged by an integer factor (nearest neighbour),
/// saved as PNG. Images are tensors of shape [H, W], [1, H, W] (grey) or [3, H, W] (RGB); each cell may
/// take its own <see cref="ValueScale"/> (e.g. clean images in [0, 1] beside a perturbation magnified
/// around grey). Cells left unset stay background (white).
/// </summary>
/// <example>
/// <code>
/// var grid = new ImageGrid(rows: 1, columns: 3) { Upscale = 3 };
/// grid.SetColumnTitle(0, "clean"); grid.SetColumnTitle(1, "perturbation"); grid.SetColumnTitle(2, "adversarial");
/// grid.Set(0, 0, x, "7 (99.1%)");
/// grid.Set(0, 1, r, "ε = 0.25", ValueScale.Signed(0.25));
/// grid.Set(0, 2, x + r, "7 → 3 (97.2%)");
/// grid.Save("results/fgsm.png");
/// </code>
/// </example>
public sealed class ImageGrid
{
    /// <summary>The largest width or height of a grid image, in pixels.</summary>
    public const int MaxSide = 16384;

    private readonly GridCell?[,] _cells;
    private readonly string?[] _rowTitles;
    private readonly string?[] _columnTitles;
    private int _upscale = 1;
    private int _padding = 4;
    private float _fontSize = 12;

    /// <summary>An empty grid of <paramref name="rows"/> × <paramref name="columns"/> cells.</summary>
    /// <param name="rows">Rows, ≥ 1.</param>
    /// <param name="columns">Columns, ≥ 1.</param>
    /// <param name="scale">The scale of cells set without one; <see cref="ValueScale.Unit"/> when null.</param>
    public ImageGrid(int rows, int columns, ValueScale? scale = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        Rows = rows;
        Columns = columns;
        Scale = scale ?? ValueScale.Unit;
        _cells = new GridCell?[rows, columns];
        _rowTitles = new string?[rows];
        _columnTitles = new string?[columns];
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Columns { get; }

    /// <summary>The scale of cells set without one.</summary>
    public ValueScale Scale { get; }

    /// <summary>Each image pixel becomes an Upscale × Upscale block (1 to 64; default 1).</summary>
    public int Upscale
    {
        get => _upscale;
        set => _upscale = InRange(value, 1, 64, nameof(Upscale));
    }

    /// <summary>Background pixels around and between cells (0 to 256; default 4).</summary>
    public int Padding
    {
        get => _padding;
        set => _padding = InRange(value, 0, 256, nameof(Padding));
    }

    /// <summary>Text size of captions and titles in pixels (6 to 72; default 12).</summary>
    public float FontSize
    {
        get => _fontSize;
        set => _fontSize = float.IsFinite(value) && value is >= 6 and <= 72
            ? value
            : throw new ArgumentOutOfRangeException(nameof(FontSize), $"ImageGrid.FontSize {value}; expected 6 to 72 pixels");
    }

    /// <summary>Puts <paramref name="image"/> into cell (<paramref name="row"/>, <paramref name="column"/>), replacing what was there.</summary>
    /// <param name="row">Row index.</param>
    /// <param name="column">Column index.</param>
    /// <param name="image">[H, W], [1, H, W] or [3, H, W], finite values; read now, so later changes to it do not show.</param>
    /// <param name="caption">One line of text under the image (e.g. "7 → 3 (97.2%)"), or null.</param>
    /// <param name="scale">How its values become colours; <see cref="Scale"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">The row or column is outside the grid.</exception>
    /// <exception cref="ArgumentException">The image's shape is not an image shape, a value is not finite, the caption is more than one line, or a colour map is given for an RGB image.</exception>
    public void Set(int row, int column, Tensor image, string? caption = null, ValueScale? scale = null)
    {
        CheckIndex(row, Rows, nameof(row));
        CheckIndex(column, Columns, nameof(column));
        var where = $"cell ({row}, {column})";
        var data = ImageData.From(image, nameof(image), where);
        var effective = scale ?? Scale;
        if (effective.IsColourMap && data.Channels != 1)
        {
            throw new ArgumentException(
                $"{nameof(scale)} {effective} for {where} is a colour map for one-channel images; the image has {data.Channels} channels", nameof(scale));
        }
        _cells[row, column] = new GridCell(data, effective, OneLine.Check(NullIfEmpty(caption), nameof(caption)));
    }

    /// <summary>Sets the title shown left of row <paramref name="row"/> (null removes it).</summary>
    public void SetRowTitle(int row, string? title)
    {
        CheckIndex(row, Rows, nameof(row));
        _rowTitles[row] = OneLine.Check(NullIfEmpty(title), nameof(title));
    }

    /// <summary>Sets the title shown above column <paramref name="column"/> (null removes it).</summary>
    public void SetColumnTitle(int column, string? title)
    {
        CheckIndex(column, Columns, nameof(column));
        _columnTitles[column] = OneLine.Check(NullIfEmpty(title), nameof(title));
    }

    /// <summary>Where everything will be drawn: the image size and each cell's, image's and caption's rectangle.</summary>
    /// <exception cref="InvalidOperationException">No image has been set, or the grid would exceed <see cref="MaxSide"/>.</exception>
    public GridLayout Measure() => GridLayout.Compute(_cells, _rowTitles, _columnTitles, Upscale, Padding, FontSize);

    /// <summary>The grid rendered as PNG bytes.</summary>
    /// <exception cref="InvalidOperationException">No image has been set, or the grid would exceed <see cref="MaxSide"/>.</exception>
    public byte[] ToPng()
    {
        var layout = Measure();
        using var bitmap = GridRenderer.Render(layout, _cells, _rowTitles, _columnTitles, Upscale, FontSize);
        return PngFile.Encode(bitmap);
    }

    /// <summary>Renders the grid and writes it to <paramref name="path"/> (a .png in an existing folder) atomically.</summary>
    /// <exception cref="ArgumentException">The path is empty, malformed or not a .png.</exception>
    /// <exception cref="IOException">The folder does not exist, the path is a folder, or writing failed; the target is then unchanged.</exception>
    /// <exception cref="InvalidOperationException">No image has been set, or the grid would exceed <see cref="MaxSide"/>.</exception>
    public void Save(string path) => PngFile.Save(path, ToPng, nameof(path));

    private static int InRange(int value, int min, int max, string name) =>
        value >= min && value <= max
            ? value
            : throw new ArgumentOutOfRangeException(name, $"ImageGrid.{name} {value}; expected {min} to {max}");

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static void CheckIndex(int index, int count, string name)
    {
        if (index < 0 || index >= count)
        {
            throw new ArgumentOutOfRangeException(name, $"ImageGrid: {name} {index}; expected 0 to {count - 1}");
        }
    }
}
