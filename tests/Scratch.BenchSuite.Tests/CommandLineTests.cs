namespace Scratch.BenchSuite.Tests;

public class CommandLineTests
{
    [Fact]
    public void Options_are_read_by_name()
    {
        var line = CommandLine.Parse(["run", "--engine", "scratch", "--threads", "2"]);
        Assert.Equal("run", line.Command);
        Assert.Equal("scratch", line.Required("engine"));
        Assert.Equal(2, line.Int("threads", 1));
        Assert.Equal("quick", line.Get("mode", "quick"));
    }

    [Theory]
    [InlineData("no command", new string[0])]
    [InlineData("'--bogus'", new[] { "run", "--bogus", "1" })]
    [InlineData("--out has no value", new[] { "run", "--out" })]
    [InlineData("--mode given twice", new[] { "run", "--mode", "quick", "--mode", "full" })]
    public void Bad_command_lines_are_refused_with_a_reason(string reason, string[] args)
    {
        Assert.Contains(reason, Assert.Throws<ArgumentException>(() => CommandLine.Parse(args)).Message);
    }

    [Fact]
    public void A_missing_or_non_positive_value_is_named()
    {
        var line = CommandLine.Parse(["run", "--threads", "0"]);
        Assert.Contains("--threads '0'", Assert.Throws<ArgumentException>(() => line.Int("threads", 1)).Message);
        Assert.Contains("--out is required", Assert.Throws<ArgumentException>(() => line.Required("out")).Message);
    }

    [Fact]
    public void The_tool_exits_2_with_one_line_for_a_bad_argument()
    {
        var error = new StringWriter();
        var saved = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(2, Program.Main(["run", "--engine", "cuda-please", "--out", "x"]));
        }
        finally
        {
            Console.SetError(saved);
        }
        Assert.Single(error.ToString().TrimEnd().Split('\n'));
        Assert.StartsWith("scratch-bench: engine 'cuda-please'", error.ToString());
    }
}
