using Scratch.Reports.Tables;

namespace Scratch.Reports.Tests.Tables;

public class MarkdownTableTests
{
    [Fact]
    public void ToMarkdown_PadsColumnsAndRightAlignsNumbers()
    {
        var table = new MarkdownTable("model", "ε", "error", "paper");
        table.AddRow("maxout", "0.25", "89.4%", "89.4%");
        table.AddRow("shallow softmax", "0.1", "9.7%", "—");
        table.AddRow("rbf", "1e-3", "1.2%", "n/a");

        Assert.Equal(
            "| model           |    ε | error | paper |\n" +
            "|-----------------|-----:|------:|------:|\n" +
            "| maxout          | 0.25 | 89.4% | 89.4% |\n" +
            "| shallow softmax |  0.1 |  9.7% |     — |\n" +
            "| rbf             | 1e-3 |  1.2% |   n/a |\n",
            table.ToMarkdown());
    }

    [Fact]
    public void ToMarkdown_MixedColumnLeftAlignedAndPipesEscaped()
    {
        var table = new MarkdownTable("a", "b|c");
        table.AddRow("1", "x|y");
        table.AddRow("two", null);

        Assert.Equal(
            "| a   | b\\|c |\n" +
            "|-----|------|\n" +
            "| 1   | x\\|y |\n" +
            "| two |      |\n",
            table.ToString());
    }

    [Fact]
    public void ToMarkdown_NoRows_HeaderAndAlignmentOnly() =>
        Assert.Equal("| x   |\n|-----|\n", new MarkdownTable("x").ToMarkdown());

    [Fact]
    public void AddRow_WrongCountOrLineBreak_ThrowsNamingTheRow()
    {
        var table = new MarkdownTable("a", "b");
        table.AddRow("1", "2");
        var count = Assert.Throws<ArgumentException>(() => table.AddRow("1"));
        Assert.Equal("cells", count.ParamName);
        Assert.Contains("row 1 has 1 cells; expected 2", count.Message);
        var lineBreak = Assert.Throws<ArgumentException>(() => table.AddRow("1", "2\n3"));
        Assert.Contains("row 1, column 1", lineBreak.Message);
        Assert.Equal("headers", Assert.Throws<ArgumentException>(() => new MarkdownTable()).ParamName);
    }
}
