using System.Runtime.CompilerServices;

namespace Scratch.Attacks.Tests.Results;

public class ExampleListTests
{
    private static AdversarialExample Record(int i) =>
        new(i % 10, -1, i % 7, i * 0.5, i % 3, i * 0.25, i % 2 == 0, new PerturbationSize(i, i * 2.0, i * 3.0, i * 4.0), new AttackWork(i, i + 1));

    private static ExampleList Filled(int count, int first = 0)
    {
        var list = new ExampleList(count);
        for (var i = 0; i < count; i++)
        {
            list.At(i) = Record(first + i);
        }
        return list;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(ExampleList.BlockLength - 1)]
    [InlineData(ExampleList.BlockLength)]
    [InlineData(ExampleList.BlockLength + 1)]
    [InlineData(1000)]
    [InlineData(3 * ExampleList.BlockLength + 5)]
    public void IndexAndEnumeration_GiveEachRecordAtItsPosition(int count)
    {
        var list = Filled(count);
        var expected = Enumerable.Range(0, count).Select(Record).ToArray();
        Assert.Equal(count, list.Count);
        Assert.Equal(expected, Enumerable.Range(0, count).Select(i => list[i]));
        Assert.Equal(expected, list);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[count]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[-1]);
    }

    [Fact]
    public void Join_KeepsThePartsInOrder()
    {
        // Lists whose blocks straddle the joined list's block edges, a whole block, and a short one.
        var parts = new[] { Filled(1000), Filled(ExampleList.BlockLength, 1000), Filled(5, 1000 + ExampleList.BlockLength), Filled(37, 1005 + ExampleList.BlockLength) };
        Assert.Equal(Enumerable.Range(0, 1042 + ExampleList.BlockLength).Select(Record), ExampleList.Join(parts));
    }

    [Fact]
    public void Block_StaysBelowTheLargeObjectHeapThreshold()
    {
        // An array's header and length take 16 bytes on 64-bit; 85,000 bytes and over go to the large-object heap.
        Assert.True(16 + ExampleList.BlockLength * Unsafe.SizeOf<AdversarialExample>() < 85_000,
            $"{ExampleList.BlockLength} records of {Unsafe.SizeOf<AdversarialExample>()} bytes");
        Assert.Equal(0, GC.GetGeneration(new AdversarialExample[ExampleList.BlockLength]));
    }
}
