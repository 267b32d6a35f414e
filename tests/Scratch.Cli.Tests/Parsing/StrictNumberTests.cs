using Scratch.Cli.Parsing;

namespace Scratch.Cli.Tests.Parsing;

public sealed class StrictNumberTests
{
    [Theory]
    [InlineData("0.1", 0.1)]
    [InlineData("-2", -2.0)]
    [InlineData("+3.5", 3.5)]
    [InlineData("1e-3", 0.001)]
    [InlineData("2.5E+2", 250.0)]
    [InlineData(".5", 0.5)]
    public void TryParseDouble_PlainReal_Parsed(string text, double expected)
    {
        Assert.True(StrictNumber.TryParseDouble(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1,5")]         // a thousands separator to .NET's default parser: 15
    [InlineData("1,000.5")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("∞")]
    [InlineData("1e999")]       // overflows to infinity
    [InlineData("0x10")]
    [InlineData("1_000")]
    [InlineData("١")]           // an Arabic-Indic digit
    [InlineData("1.2.3")]
    public void TryParseDouble_AnythingElse_Refused(string text) => Assert.False(StrictNumber.TryParseDouble(text, out _));

    [Theory]
    [InlineData("42", 42)]
    [InlineData("-7", -7)]
    [InlineData("2147483647", int.MaxValue)]
    public void TryParseInt_Integer_Parsed(string text, int expected)
    {
        Assert.True(StrictNumber.TryParseInt(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("2147483648")]
    [InlineData("1,000")]
    [InlineData("1.0")]
    [InlineData("1e3")]
    [InlineData(" 5")]
    [InlineData("")]
    public void TryParseInt_AnythingElse_Refused(string text) => Assert.False(StrictNumber.TryParseInt(text, out _));

    [Theory]
    [InlineData("18446744073709551615", true)]
    [InlineData("18446744073709551616", false)]
    [InlineData("-1", false)]
    [InlineData("+1", false)]
    public void TryParseUInt64_OnlyDigitsInRange(string text, bool ok) => Assert.Equal(ok, StrictNumber.TryParseUInt64(text, out _));
}
