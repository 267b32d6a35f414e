using Scratch.Reports.Tables;

namespace Scratch.Reports.Tests.Tables;

public class NumberTextTests
{
    [Theory]
    [InlineData(0.9724, 1, "97.2%")]
    [InlineData(0.9725, 2, "97.25%")]
    [InlineData(0.00125, 1, "0.1%")]
    [InlineData(1.0, 0, "100%")]
    [InlineData(double.NaN, 1, "NaN")]
    public void Percent_WritesInvariantPercentages(double fraction, int decimals, string expected) =>
        Assert.Equal(expected, NumberText.Percent(fraction, decimals));

    [Theory]
    [InlineData(0.25, 3, "0.250")]
    [InlineData(0.125, 2, "0.13")]
    [InlineData(-1.5, 0, "-2")]
    [InlineData(1234567.891, 1, "1234567.9")]
    [InlineData(double.NegativeInfinity, 2, "−∞")]
    public void Fixed_RoundsHalvesAwayFromZeroWithoutGrouping(double value, int decimals, string expected) =>
        Assert.Equal(expected, NumberText.Fixed(value, decimals));

    [Theory]
    [InlineData(0.000123456, 3, "0.000123")]
    [InlineData(1234567.0, 3, "1.23E+06")]
    [InlineData(0.5, 4, "0.5")]
    public void Significant_DropsTrailingZeros(double value, int digits, string expected) =>
        Assert.Equal(expected, NumberText.Significant(value, digits));

    [Fact]
    public void BadPrecision_Throws()
    {
        Assert.Equal("decimals", Assert.Throws<ArgumentOutOfRangeException>(() => NumberText.Fixed(1, -1)).ParamName);
        Assert.Equal("digits", Assert.Throws<ArgumentOutOfRangeException>(() => NumberText.Significant(1, 0)).ParamName);
    }
}
