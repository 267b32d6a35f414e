using System.Globalization;

namespace Scratch.Optim;

/// <summary>Validation of optimizer and schedule options; each message names the option and the bad value.</summary>
internal static class Check
{
    public static double NonNegative(double value, string name) =>
        double.IsFinite(value) && value >= 0 ? value : throw Bad(name, value, "a finite number >= 0");

    public static double Positive(double value, string name) =>
        double.IsFinite(value) && value > 0 ? value : throw Bad(name, value, "a finite number > 0");

    // [0, 1): a decay rate of 1 would never forget and (for Adam) divide by zero in the bias correction.
    public static double UnitInterval(double value, string name) =>
        value is >= 0 and < 1 ? value : throw Bad(name, value, "a number in [0, 1)");

    public static int PositiveInt(int value, string name) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} = {value} is invalid; expected an integer >= 1");

    private static ArgumentOutOfRangeException Bad(string name, double value, string expected) =>
        new(name, value, $"{name} = {value.ToString("G", CultureInfo.InvariantCulture)} is invalid; expected {expected}");
}
