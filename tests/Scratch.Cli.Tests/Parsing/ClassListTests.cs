using Scratch.Cli.Parsing;

namespace Scratch.Cli.Tests.Parsing;

public sealed class ClassListTests
{
    [Theory]
    [InlineData("3,7", new[] { 3, 7 })]
    [InlineData("9,0,5", new[] { 9, 0, 5 })]
    public void TryParse_DistinctDigits_ParsedInOrder(string text, int[] expected)
    {
        Assert.True(ClassList.TryParse(text, out var classes, out _));
        Assert.Equal(expected, classes);
    }

    [Theory]
    [InlineData(",", "has an empty entry")]
    [InlineData("3,,7", "has an empty entry")]
    [InlineData(",3,7", "has an empty entry")]
    [InlineData("", "has an empty entry")]
    [InlineData("3, 7", "' 7' in '3, 7' is not a class number")]
    [InlineData("3,10", "'10' in '3,10' is not a class number")]
    [InlineData("3,-1", "is not a class number")]
    [InlineData("3;7", "is not a class number")]
    [InlineData("3,3", "names a class twice")]
    [InlineData("4", "names fewer than two classes")]
    public void TryParse_Malformed_RefusedSayingWhy(string text, string fragment)
    {
        Assert.False(ClassList.TryParse(text, out _, out var error));
        Assert.Contains(fragment, error);
    }
}
