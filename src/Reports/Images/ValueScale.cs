using System.Globalization;

namespace Scratch.Reports.Images;

/// <summary>
/// How a tensor's values become pixel colours. Values outside the scale's range are clamped to its ends.
/// A channel intensity t ∈ [0, 1] becomes the byte round(255·t), halves rounded away from zero, so the
/// middle of a range (t = ½) is the grey 128.
/// </summary>
public sealed class ValueScale
{
    private enum Kind
    {
        Linear,
        Signed,
        Diverging,
    }

    private readonly Kind _kind;

    private ValueScale(Kind kind, double low, double high)
    {
        _kind = kind;
        Low = low;
        High = high;
    }

    /// <summary>Pixel values in [0, 1]: 0 black, 1 white.</summary>
    public static ValueScale Unit { get; } = Linear(0, 1);

    /// <summary>The value shown black (or the most negative colour).</summary>
    public double Low { get; }

    /// <summary>The value shown white (or the most positive colour).</summary>
    public double High { get; }

    /// <summary>Grey levels linear in the value: <paramref name="min"/> black, <paramref name="max"/> white (each channel of an RGB image alike).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not finite, or min ≥ max.</exception>
    public static ValueScale Linear(double min, double max)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || min >= max)
        {
            throw new ArgumentOutOfRangeException(nameof(max), $"ValueScale.Linear: min {min} and max {max}; expected finite bounds with min < max");
        }
        return new ValueScale(Kind.Linear, min, max);
    }

    /// <summary>
    /// A signed quantity (a perturbation r) magnified around mid-grey: 0 is grey 128, +<paramref name="magnitude"/>
    /// white, −<paramref name="magnitude"/> black, i.e. t = ½ + r / (2·magnitude). With magnitude = ε an FGSM
    /// perturbation ε·sign(∇) shows as pure black and white.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The magnitude is not finite and positive.</exception>
    public static ValueScale Signed(double magnitude) => new(Kind.Signed, -CheckMagnitude(magnitude, nameof(Signed)), magnitude);

    /// <summary>
    /// A signed colour map for one-channel images such as weights: 0 white, +<paramref name="magnitude"/> red
    /// (255, 0, 0), −<paramref name="magnitude"/> blue (0, 0, 255), linear in between.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The magnitude is not finite and positive.</exception>
    public static ValueScale Diverging(double magnitude) => new(Kind.Diverging, -CheckMagnitude(magnitude, nameof(Diverging)), magnitude);

    /// <summary>Whether the scale colours one-channel images only (it maps a value to a colour, not to a grey level).</summary>
    public bool IsColourMap => _kind == Kind.Diverging;

    /// <summary>A short description for a caption or a legend, e.g. "[0, 1]" or "±0.1 around grey".</summary>
    public override string ToString() => _kind switch
    {
        Kind.Linear => string.Create(CultureInfo.InvariantCulture, $"[{Low:G6}, {High:G6}]"),
        Kind.Signed => string.Create(CultureInfo.InvariantCulture, $"±{High:G6} around grey"),
        _ => string.Create(CultureInfo.InvariantCulture, $"±{High:G6} blue–white–red"),
    };

    /// <summary>The grey level (or channel level) of a value.</summary>
    internal byte Level(double value) => ToByte((value - Low) / (High - Low));

    /// <summary>The (r, g, b) colour of a value of a one-channel image.</summary>
    internal (byte R, byte G, byte B) Colour(double value)
    {
        if (_kind != Kind.Diverging)
        {
            var level = Level(value);
            return (level, level, level);
        }
        var t = Math.Clamp(value / High, -1, 1);
        var fade = ToByte(1 - Math.Abs(t));
        return t >= 0 ? ((byte)255, fade, fade) : (fade, fade, (byte)255);
    }

    private static byte ToByte(double t) => (byte)Math.Round(Math.Clamp(t, 0, 1) * 255, MidpointRounding.AwayFromZero);

    private static double CheckMagnitude(double magnitude, string scale)
    {
        if (!double.IsFinite(magnitude) || magnitude <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(magnitude), $"ValueScale.{scale}: magnitude {magnitude}; expected a finite value > 0");
        }
        return magnitude;
    }
}
