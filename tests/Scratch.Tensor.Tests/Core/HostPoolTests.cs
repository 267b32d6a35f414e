using Scratch.Tests.Support;

namespace Scratch.Tests;

/// <summary>
/// Pooled buffers come back with the previous step's values in them. Every op must write each element it
/// returns (or start from zeros where it accumulates), so an op inside a scope whose pool is full of stale
/// values gives exactly the bits it gives on fresh memory.
/// </summary>
public class HostPoolTests
{
    private static Tensor Seeded(int seed, params int[] shape) => Tensor.Rand(new Shape(shape), new Generator((ulong)seed)) * 4 - 2;

    /// <summary>Each op once, on inputs drawn from <paramref name="seed"/>.</summary>
    private static Tensor[] Battery(int seed)
    {
        var a = Seeded(seed, 6, 5);
        var b = Seeded(seed + 1, 6, 5);
        var row = Seeded(seed + 2, 5);
        var image = Seeded(seed + 3, 2, 3, 6, 6);
        var kernel = Seeded(seed + 4, 4, 3, 3, 3);
        var labels = Tensor.FromArray(new[] { seed % 5, (seed + 1) % 5, 0, 4, 2, 1 });
        var index = Tensor.FromArray(Enumerable.Range(0, 30).Select(i => (i * 7 + seed) % 5).ToArray(), 6, 5);
        var (pooled, argmax) = Tensor.MaxPool2d(image, (2, 2));
        return
        [
            a + row,
            a.Exp(),
            a.Transpose(0, 1).Softplus(),
            a.MatMul(b.Transpose(0, 1)),
            Seeded(seed, 3, 0).MatMul(Seeded(seed, 0, 4)),
            a.Sum([0]),
            a.Transpose(0, 1).Sum([1]),
            a.Softmax(1),
            a.Transpose(0, 1).Softmax(0),
            a.ArgMax(1),
            a.Gather(1, index),
            Tensor.ScatterAdd(new Shape(6, 5), 1, index, b),
            Tensor.OneHot(labels, 5),
            Tensor.Concat([a, b.Narrow(0, 0, 2)], 0),
            Tensor.Where(Tensor.Greater(a, b), a, b),
            a.Transpose(0, 1).Clamp(-0.5, 0.5),
            a.To(DType.Float64),
            a.Transpose(0, 1).Contiguous(),
            Tensor.Zeros(new Shape(6, 5)),
            Tensor.Full(new Shape(6, 5), seed),
            Tensor.Conv2d(image, kernel, padding: (1, 1)),
            Tensor.Conv2dBackwardInput(Seeded(seed + 5, 2, 4, 6, 6), kernel, image.Shape, padding: (1, 1)),
            Tensor.Conv2dBackwardWeight(image, Seeded(seed + 5, 2, 4, 6, 6), kernel.Shape, padding: (1, 1)),
            pooled,
            argmax,
            Tensor.MaxPool2dBackward(pooled + 1, argmax, image.Shape, (2, 2)),
            Tensor.AvgPool2dBackward(Seeded(seed + 6, 2, 3, 3, 3), image.Shape, (2, 2)),
        ];
    }

    [Fact]
    public void EveryOp_OnStaleRecycledBuffers_GivesTheBitsOfFreshMemory()
    {
        HostMemory.Trim();
        var fresh = Battery(20).Select(TensorAssert.Values).ToArray();
        // Fill this thread's pool with other values of the same lengths, then run again from it.
        using (DeviceScope.Begin())
        {
            _ = Battery(40);
        }
        using (DeviceScope.Begin())
        {
            var reusedBefore = HostMemory.Reuses;
            var recycled = Battery(20);
            Assert.True(HostMemory.Reuses > reusedBefore, "the second battery was expected to run on recycled buffers");
            Assert.Equal(fresh.Length, recycled.Length);
            for (var i = 0; i < fresh.Length; i++)
            {
                Assert.True(fresh[i].SequenceEqual(TensorAssert.Values(recycled[i])), $"op {i} of the battery differs on recycled memory");
            }
        }
    }

    [Fact]
    public void RentAfterReturn_ManyLengthsAndTypes_GivesBackThatTypeAndLength()
    {
        // Far more keys (element type, length) than the pool's table of recent keys, so that keys share its slots:
        // every rent must still come back with an array of the type and length asked for, from the pool.
        HostMemory.Trim();
        var lengths = Enumerable.Range(1, 200).ToArray();
        foreach (var n in lengths)
        {
            HostPool.Return(new float[n]);
            HostPool.Return(new double[n]);
            HostPool.Return(new int[n]);
        }
        var reuses = HostMemory.Reuses;
        foreach (var n in lengths.Reverse())
        {
            Assert.Equal(n, Assert.IsType<double[]>(HostPool.Rent<double>(n)).Length);
            Assert.Equal(n, Assert.IsType<int[]>(HostPool.Rent<int>(n)).Length);
            Assert.Equal(n, Assert.IsType<float[]>(HostPool.Rent<float>(n)).Length);
        }
        Assert.Equal(reuses + 3 * lengths.Length, HostMemory.Reuses);
        HostMemory.Trim();
    }

    [Fact]
    public void FromSpan_ShapeThatDoesNotFit_NamesBothCounts()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.FromSpan<float>(new float[5], new Shape(2, 3)));
        Assert.Contains("5 values", e.Message);
        Assert.Contains("6 elements", e.Message);
    }

    [Fact]
    public void CopyTo_WidensEveryDTypeToDoubles_FromAnyLayout()
    {
        var a = Seeded(3, 4, 3);
        var destination = new double[12];
        a.Transpose(0, 1).CopyTo(destination);
        Assert.Equal(TensorAssert.Values(a.Transpose(0, 1)), destination);
        var ints = new double[3];
        Tensor.FromArray(new[] { 7, -2, 5 }).CopyTo(ints);
        Assert.Equal([7.0, -2.0, 5.0], ints);
        var e = Assert.Throws<ArgumentException>(() => a.CopyTo(new double[5]));
        Assert.Contains("5 elements", e.Message);
    }
}
