using Scratch.Reports.Images;

namespace Scratch.Reports.Tests.Images;

public class ValueScaleTests
{
    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(1.0, 255)]
    [InlineData(0.5, 128)]
    [InlineData(0.2, 51)]
    [InlineData(-3.0, 0)]
    [InlineData(9.0, 255)]
    public void Unit_Level_IsRoundedAndClamped(double value, int level) => Assert.Equal(level, ValueScale.Unit.Level(value));

    [Fact]
    public void Linear_OtherRange_MapsEndsToBlackAndWhite()
    {
        var scale = ValueScale.Linear(-2, 6);
        Assert.Equal((0, 255, 64), (scale.Level(-2), scale.Level(6), scale.Level(0)));
    }

    [Fact]
    public void Diverging_Colour_RedWhiteBlue()
    {
        var scale = ValueScale.Diverging(4);
        Assert.Equal(((byte)255, (byte)255, (byte)255), scale.Colour(0));
        Assert.Equal(((byte)255, (byte)0, (byte)0), scale.Colour(4));
        Assert.Equal(((byte)0, (byte)0, (byte)255), scale.Colour(-9));
        Assert.Equal(((byte)255, (byte)191, (byte)191), scale.Colour(1));
    }

    [Fact]
    public void ToString_DescribesTheScaleInvariantly()
    {
        Assert.Equal("[0, 1]", ValueScale.Unit.ToString());
        Assert.Equal("±0.25 around grey", ValueScale.Signed(0.25).ToString());
    }

    [Fact]
    public void Factories_BadBounds_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ValueScale.Linear(1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ValueScale.Linear(double.NaN, 1));
        Assert.Equal("magnitude", Assert.Throws<ArgumentOutOfRangeException>(() => ValueScale.Signed(-0.1)).ParamName);
        Assert.Equal("magnitude", Assert.Throws<ArgumentOutOfRangeException>(() => ValueScale.Diverging(double.PositiveInfinity)).ParamName);
    }
}
