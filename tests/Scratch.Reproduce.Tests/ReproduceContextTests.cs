using Scratch.Data.Sets;

namespace Scratch.Reproduce.Tests;

public class ReproduceContextTests
{
    [Fact]
    public void Shared_MakesEachKeysDataSetOnce_AndKeepsKeysApart()
    {
        var context = new ReproduceContext(Preset.Ci, Path.Combine(Path.GetTempPath(), $"scratch-context-{Guid.NewGuid():N}"), Device.Cpu,
            retrain: false, dataDirectory: null, log: _ => { });
        var made = 0;
        ImageDataset Make() => new($"set {++made}", new float[4], [1], 2, 2, 10);

        var first = context.Shared("a", Make);
        var again = context.Shared("a", Make);
        var other = context.Shared("b", Make);

        Assert.Same(first, again);
        Assert.NotSame(first, other);
        Assert.Equal(2, made);
        Assert.Throws<ArgumentException>(() => context.Shared("", Make));
    }
}
