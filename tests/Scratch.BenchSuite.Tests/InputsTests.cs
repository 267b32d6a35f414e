using Scratch.BenchSuite.Harness;

namespace Scratch.BenchSuite.Tests;

public class InputsTests
{
    [Fact]
    public void The_formula_gives_its_hand_computed_values()
    {
        // (i + 1000003 s) * 2654435761 mod 2^32, over 2^32, minus one half.
        Assert.Equal(-0.5, Inputs.Value(0, 0));
        Assert.Equal(2654435761.0 / 4294967296.0 - 0.5, Inputs.Value(1, 0));
        Assert.Equal((double)(2UL * 2654435761UL % 4294967296UL) / 4294967296.0 - 0.5, Inputs.Value(2, 0));
        Assert.Equal((double)((3UL + 1000003UL) * 2654435761UL % 4294967296UL) / 4294967296.0 - 0.5, Inputs.Value(3, 1));
    }

    [Fact]
    public void Every_value_lies_in_the_half_open_interval_and_labels_in_range()
    {
        var values = Inputs.Doubles(100_000, 7);
        Assert.All(values, v => Assert.InRange(v, -0.5, 0.5 - 1e-12));
        Assert.All(Inputs.Pixels(10_000, 3), p => Assert.InRange(p, 0f, 1f));
        var labels = Inputs.Labels(10_000, 2, 10);
        Assert.All(labels, l => Assert.InRange(l, 0, 9));
        Assert.Equal(10, labels.Distinct().Count());
    }

    [Fact]
    public void Floats_are_the_scaled_doubles_rounded_once()
    {
        var doubles = Inputs.Doubles(1000, 4, 0.4);
        var floats = Inputs.Floats(1000, 4, 0.4);
        Assert.Equal(doubles.Select(d => (float)d), floats);
    }
}
