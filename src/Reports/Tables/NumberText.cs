using System.Globalization;

namespace Scratch.Reports.Tables;

/// <summary>
/// Numbers written the same way on every machine (invariant culture: '.' decimal point, no grouping),
/// for tables and captions. NaN is written "NaN" and infinities "∞" / "−∞" so a table never hides them.
/// </summary>
public static class NumberText
{
    /// <summary>A fraction as a percentage: Percent(0.9724) is "97.2%", Percent(0.9724, 2) is "97.24%".</summary>
    /// <exception cref="ArgumentOutOfRangeException">decimals is outside 0 to 15.</exception>
    public static string Percent(double fraction, int decimals = 1) =>
        double.IsFinite(fraction) ? Fixed(fraction * 100, decimals) + "%" : Special(fraction);

    /// <summary>A number with a fixed count of decimals: Fixed(0.25, 3) is "0.250", Fixed(-1.5, 0) is "-2".</summary>
    /// <exception cref="ArgumentOutOfRangeException">decimals is outside 0 to 15.</exception>
    public static string Fixed(double value, int decimals)
    {
        CheckDecimals(decimals);
        return double.IsFinite(value)
            ? Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            : Special(value);
    }

    /// <summary>A number with at most <paramref name="digits"/> significant digits, trailing zeros dropped: Significant(0.000123456, 3) is "0.000123", Significant(1234567, 3) is "1.23E+06".</summary>
    /// <exception cref="ArgumentOutOfRangeException">digits is outside 1 to 17.</exception>
    public static string Significant(double value, int digits = 4)
    {
        if (digits is < 1 or > 17)
        {
            throw new ArgumentOutOfRangeException(nameof(digits), $"NumberText.Significant digits {digits}; expected 1 to 17");
        }
        return double.IsFinite(value)
            ? value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            : Special(value);
    }

    /// <summary>A count with no decimals: Integer(60000) is "60000".</summary>
    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void CheckDecimals(int decimals)
    {
        if (decimals is < 0 or > 15)
        {
            throw new ArgumentOutOfRangeException(nameof(decimals), $"NumberText decimals {decimals}; expected 0 to 15");
        }
    }

    private static string Special(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "∞" : "−∞";
}
