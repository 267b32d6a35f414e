namespace Scratch.Cli.Tests;

/// <summary>The tool's answer to bad input, asserted: exit code 2, one line on stderr, nothing on stdout, no stack trace.</summary>
internal static class OneLineError
{
    /// <summary>Asserts that <paramref name="result"/> (from <see cref="CliRunner.Run"/>) is bad input, its line starting "error: " and holding <paramref name="fragment"/>.</summary>
    public static void AssertBadInput((int Code, string Stdout, string Stderr) result, string fragment)
    {
        Assert.True(result.Code == 2, $"exit code {result.Code}, stderr: {result.Stderr}");
        Assert.Equal("", result.Stdout);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"{lines.Length} lines on stderr: {result.Stderr}");
        Assert.StartsWith("error: ", lines[0]);
        Assert.Contains(fragment, lines[0]);
        Assert.DoesNotContain("   at ", result.Stderr);
    }
}
