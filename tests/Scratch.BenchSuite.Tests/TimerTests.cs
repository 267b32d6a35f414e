using Scratch.BenchSuite.Harness;
using Timer = Scratch.BenchSuite.Harness.Timer;

namespace Scratch.BenchSuite.Tests;

public class TimerTests
{
    [Theory]
    [InlineData(1e-3, 2)]
    [InlineData(3e-4, 7)]
    [InlineData(2e-3, 1)]
    [InlineData(0.5, 1)]
    [InlineData(0.0, 1)]
    [InlineData(1e-12, 100_000)]
    public void A_sample_holds_enough_calls_to_fill_two_milliseconds(double seconds, int calls)
    {
        Assert.Equal(calls, Timer.CallsPerSample(seconds));
    }

    [Fact]
    public void Repeat_stays_within_its_repetition_bounds_and_calls_the_action()
    {
        var timer = new Timer(0, 0, 3, 5);
        int calls = 0;

        var times = timer.Repeat(() => calls++, 0);

        Assert.Equal(3, times.Length);
        Assert.True(calls >= 3);
        Assert.All(times, t => Assert.True(t >= 0));
    }

    [Fact]
    public void A_first_call_longer_than_the_warm_up_replaces_it()
    {
        var timer = new Timer(10, 0, 2, 5);
        int calls = 0;

        var times = timer.Repeat(() => calls++, 11);

        Assert.Equal(2, times.Length);
        Assert.Equal(2, calls);
    }

    [Fact]
    public void Modes_are_quick_or_full()
    {
        Assert.Equal(1.0, Timer.ForMode("quick").BudgetSeconds);
        Assert.Equal(4.0, Timer.ForMode("full").BudgetSeconds);
        Assert.Contains("'medium'", Assert.Throws<ArgumentException>(() => Timer.ForMode("medium")).Message);
    }

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_middle_two()
    {
        Assert.Equal(2.5, Stats.Median([4.0, 1.0, 3.0, 2.0]));
        Assert.Equal(3.0, Stats.Median([5.0, 3.0, 1.0]));
        Assert.True(double.IsNaN(Stats.Median([])));
    }
}
