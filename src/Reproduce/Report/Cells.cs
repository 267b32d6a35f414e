using System.Globalization;

namespace Scratch.Reproduce;

/// <summary>How the report writes numbers: percentages with one decimal, distortions with three, differences with their sign; "—" for a missing value.</summary>
public static class Cells
{
    /// <summary>0.1234 → "12.3%".</summary>
    public static string Percent(double fraction) =>
        double.IsFinite(fraction) ? (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    /// <summary>A distortion or other small number: 0.0581 → "0.058".</summary>
    public static string Number(double value, int decimals = 3) =>
        double.IsFinite(value) ? value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : "—";

    /// <summary>A mean with its 95% half-width: "0.058 ± 0.004".</summary>
    public static string WithInterval(double mean, double halfWidth, int decimals = 3) =>
        double.IsFinite(halfWidth) ? $"{Number(mean, decimals)} ± {Number(halfWidth, decimals)}" : Number(mean, decimals);

    /// <summary>Ours minus the paper's, in percentage points: "+1.2 pp".</summary>
    public static string PointsDifference(double ours, double paper) =>
        double.IsFinite(ours) && double.IsFinite(paper) ? ((ours - paper) * 100).ToString("+0.0;−0.0;0.0", CultureInfo.InvariantCulture) + " pp" : "—";

    /// <summary>Ours minus the paper's as a plain number: "+0.012".</summary>
    public static string Difference(double ours, double paper, int decimals = 3) =>
        double.IsFinite(ours) && double.IsFinite(paper)
            ? (ours - paper).ToString("+0." + new string('0', decimals) + ";−0." + new string('0', decimals) + ";0", CultureInfo.InvariantCulture)
            : "—";
}
