using System.Globalization;

namespace Scratch.Cli.Parsing;

/// <summary>
/// Numbers as the command line accepts them, the same in every culture: an optional sign, ASCII digits,
/// for reals one '.' and an optional exponent ("1e-3"). Nothing else: no spaces, no thousands
/// separators (so "1,5" is an error, never 15), no NaN or infinity (a real that overflows, "1e999", is
/// refused too). Lists are comma-separated elsewhere (<see cref="CliOptions"/>); inside one number a comma
/// is always an error.
/// </summary>
internal static class StrictNumber
{
    private const NumberStyles Real = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>Parses a finite real; false for anything else.</summary>
    public static bool TryParseDouble(string text, out double value)
    {
        value = 0;
        return OnlyNumberCharacters(text, real: true)
            && double.TryParse(text, Real, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    /// <summary>Parses an int; false for anything else, including values outside the int range.</summary>
    public static bool TryParseInt(string text, out int value)
    {
        value = 0;
        return OnlyNumberCharacters(text, real: false)
            && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Parses a non-negative 64-bit integer; false for anything else.</summary>
    public static bool TryParseUInt64(string text, out ulong value)
    {
        value = 0;
        return OnlyNumberCharacters(text, real: false)
            && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    // The .NET parsers also accept the culture's NaN and infinity symbols; this keeps to digits, signs,
    // and for reals '.', 'e' and 'E'.
    private static bool OnlyNumberCharacters(string text, bool real)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c) && c is not ('+' or '-') && !(real && c is '.' or 'e' or 'E'))
            {
                return false;
            }
        }
        return true;
    }
}
