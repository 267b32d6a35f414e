namespace Scratch.Reports.Images;

/// <summary>An image read from a tensor: <see cref="Channels"/> planes of <see cref="Height"/>×<see cref="Width"/> finite values, row-major.</summary>
internal sealed class ImageData
{
    private ImageData(int channels, int height, int width, double[] values)
    {
        Channels = channels;
        Height = height;
        Width = width;
        Values = values;
    }

    /// <summary>1 (grey) or 3 (red, green, blue planes).</summary>
    public int Channels { get; }

    public int Height { get; }

    public int Width { get; }

    /// <summary>Channel-major values: Values[(c·Height + y)·Width + x].</summary>
    public double[] Values { get; }

    /// <summary>Reads an image tensor of shape [H, W], [1, H, W] or [3, H, W] (any dtype, any device).</summary>
    /// <param name="image">The tensor.</param>
    /// <param name="argumentName">The argument to name in errors.</param>
    /// <param name="where">Where the image goes, for errors (e.g. "cell (0, 2)").</param>
    /// <exception cref="ArgumentException">The shape is not an image shape, or a value is NaN or infinite.</exception>
    public static ImageData From(Tensor image, string argumentName, string where)
    {
        ArgumentNullException.ThrowIfNull(image, argumentName);
        var shape = image.Shape;
        var (channels, height, width) = shape.Rank switch
        {
            2 => (1, shape[0], shape[1]),
            3 => (shape[0], shape[1], shape[2]),
            _ => (0, 0, 0),
        };
        if (channels is not (1 or 3) || height < 1 || width < 1)
        {
            throw new ArgumentException(
                $"{argumentName} for {where} has shape {shape}; expected [H, W], [1, H, W] or [3, H, W] with H, W ≥ 1", argumentName);
        }
        var values = image.To(DType.Float64).ToArray<double>();
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                var x = i % width;
                var y = i / width % height;
                var c = i / (width * height);
                throw new ArgumentException(
                    $"{argumentName} for {where} holds {values[i]} at channel {c}, row {y}, column {x}; expected finite values", argumentName);
            }
        }
        return new ImageData(channels, height, width, values);
    }
}
