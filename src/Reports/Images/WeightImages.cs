namespace Scratch.Reports.Images;

/// <summary>
/// The rows of a weight matrix shown as images: a [K, H·W] matrix (e.g. a linear layer's [10, 784] on
/// MNIST) becomes K tiles of H×W in a grid, coloured by <see cref="ValueScale.Diverging"/> (negative blue,
/// zero white, positive red) on one scale for all tiles, so tiles can be compared.
/// </summary>
public static class WeightImages
{
    /// <summary>A grid of one tile per row of <paramref name="weights"/>, filled row-major.</summary>
    /// <param name="weights">[K, height·width], [K, height, width] or [K, 1, height, width]; finite values; any dtype and device.</param>
    /// <param name="height">Tile height.</param>
    /// <param name="width">Tile width.</param>
    /// <param name="columns">Tiles per grid row; the grid has ⌈K / columns⌉ rows.</param>
    /// <param name="magnitude">The value shown fully red or blue; the largest |w| when null (1 when every weight is 0).</param>
    /// <param name="captions">One caption per tile (e.g. class names), or null for none.</param>
    /// <exception cref="ArgumentException">The shape does not hold K tiles of height×width, a weight is not finite, or the captions do not number K.</exception>
    /// <exception cref="ArgumentOutOfRangeException">height, width or columns is less than 1, or magnitude is not finite and positive.</exception>
    public static ImageGrid Grid(Tensor weights, int height, int width, int columns = 10, double? magnitude = null, IReadOnlyList<string>? captions = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        var shape = weights.Shape;
        var tiles = shape.Rank >= 2 ? shape[0] : 0;
        var perTile = shape.Rank >= 2 ? (long)shape.ElementCount / Math.Max(tiles, 1) : 0;
        var tileShaped = shape.Rank switch
        {
            2 => true,
            3 => shape[1] == height && shape[2] == width,
            4 => shape[1] == 1 && shape[2] == height && shape[3] == width,
            _ => false,
        };
        if (tiles < 1 || !tileShaped || perTile != (long)height * width)
        {
            throw new ArgumentException(
                $"{nameof(weights)} has shape {shape}; expected [K, {(long)height * width}], [K, {height}, {width}] or [K, 1, {height}, {width}] with K ≥ 1", nameof(weights));
        }
        if (captions is not null && captions.Count != tiles)
        {
            throw new ArgumentException($"{nameof(captions)} holds {captions.Count} captions for {tiles} tiles; expected one per tile", nameof(captions));
        }
        var values = weights.To(DType.Float64).ToArray<double>();
        var bad = Array.FindIndex(values, v => !double.IsFinite(v));
        if (bad >= 0)
        {
            throw new ArgumentException($"{nameof(weights)} holds {values[bad]} in tile {bad / (height * width)} at element {bad % (height * width)}; expected finite values", nameof(weights));
        }
        var largest = values.Max(Math.Abs);
        var scale = ValueScale.Diverging(magnitude ?? (largest > 0 ? largest : 1));
        var grid = new ImageGrid((tiles + columns - 1) / columns, Math.Min(columns, tiles), scale);
        var tensor = Tensor.FromArray(values, tiles, height, width);
        for (var k = 0; k < tiles; k++)
        {
            grid.Set(k / columns, k % columns, tensor.Select(0, k), captions?[k]);
        }
        return grid;
    }
}
