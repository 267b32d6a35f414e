using Scratch.Tests.Support;

namespace Scratch.Tests;

/// <summary>
/// DeviceScope on host tensors: memory is reused step after step, and reuse is never observable. Each test
/// tries to see another computation's values through a tensor it holds, and must fail to.
/// </summary>
public class DeviceScopeTests
{
    private static Tensor Seeded(int seed, params int[] shape) => Tensor.Rand(new Shape(shape), new Generator((ulong)seed));

    [Fact]
    public void Temporary_ReadAfterItsScopeEnds_ThrowsRatherThanShowingReusedMemory()
    {
        var a = Seeded(1, 64);
        Tensor escaped;
        using (DeviceScope.Begin())
        {
            escaped = a + a;
        }
        // A later scope reuses that buffer for other values; the old tensor must not show them.
        using (DeviceScope.Begin())
        {
            _ = a * 3;
            var e = Assert.Throws<ObjectDisposedException>(() => escaped.ToArray<float>());
            Assert.Contains("scope.Keep", e.Message);
        }
    }

    [Fact]
    public void Keep_TensorOutlivesItsScope_KeepsItsValuesThroughLaterScopes()
    {
        var a = Seeded(2, 32, 17);
        var b = Seeded(3, 32, 17);
        var expected = (a * b + 1).ToArray<float>();
        Tensor kept;
        using (var scope = DeviceScope.Begin())
        {
            kept = scope.Keep(a * b + 1);
        }
        for (var step = 0; step < 5; step++)
        {
            using var scope = DeviceScope.Begin();
            // Same shapes and dtype as the kept tensor: if its buffer were in the pool, these would take it.
            _ = (a - b) * 7 + 2;
            _ = Tensor.Zeros(kept.Shape);
        }
        Assert.Equal(expected, kept.ToArray<float>());
    }

    [Fact]
    public void TensorMadeOutsideEveryScope_IsNeverRecycled()
    {
        var a = Seeded(4, 100);
        var outside = a.Exp();
        var expected = outside.ToArray<float>();
        for (var step = 0; step < 3; step++)
        {
            using var scope = DeviceScope.Begin();
            _ = (outside * 2).Exp();
            _ = Tensor.Full(outside.Shape, -1.0);
        }
        Assert.Equal(expected, outside.ToArray<float>());
    }

    [Fact]
    public void WrappedCallerArray_IsNeitherPoisonedNorHandedOutAgain()
    {
        var mine = Enumerable.Range(0, 50).Select(i => (float)i).ToArray();
        var copy = (float[])mine.Clone();
        Tensor wrapped;
        using (DeviceScope.Begin())
        {
            wrapped = Tensor.Wrap(mine, 50);
            _ = wrapped + 1;
        }
        using (DeviceScope.Begin())
        {
            // Results of the wrapped array's length: none of them may be written into the caller's array.
            _ = Tensor.Full([50], 9.0);
            _ = wrapped * 5;
        }
        Assert.Equal(copy, mine);
        Assert.Equal(copy, wrapped.ToArray<float>());
    }

    [Fact]
    public void NestedScopes_KeptTensorMovesToTheOuterScopeAndEndsWithIt()
    {
        var a = Seeded(5, 10);
        Tensor fromInner;
        using (var outer = DeviceScope.Begin())
        {
            using (var inner = DeviceScope.Begin())
            {
                fromInner = inner.Keep(a + 2);
            }
            Assert.Equal((a + 2).ToArray<float>(), fromInner.ToArray<float>());
        }
        Assert.Throws<ObjectDisposedException>(() => fromInner.ToArray<float>());
    }

    [Fact]
    public void Suspend_TensorsMadeInsideBelongToNoScope()
    {
        var a = Seeded(6, 10);
        Tensor made;
        using (DeviceScope.Begin())
        {
            using (DeviceScope.Suspend())
            {
                made = a * 4;
            }
            _ = a * 5;
        }
        Assert.Equal((a * 4).ToArray<float>(), made.ToArray<float>());
    }

    [Fact]
    public void Own_TensorMadeElsewhere_EndsWithTheScope()
    {
        var made = Seeded(7, 10) * 2;
        using (var scope = DeviceScope.Begin())
        {
            scope.Own(made);
        }
        Assert.Throws<ObjectDisposedException>(() => made.ToArray<float>());
    }

    [Fact]
    public void ViewOfAKeptTensor_StaysReadable()
    {
        var a = Seeded(8, 6, 4);
        Tensor view;
        using (var scope = DeviceScope.Begin())
        {
            var full = scope.Keep(a * 2);
            view = full.Transpose(0, 1).Narrow(0, 1, 2);
        }
        using (DeviceScope.Begin())
        {
            _ = a * 3;
        }
        Assert.Equal((a * 2).Transpose(0, 1).Narrow(0, 1, 2).ToArray<float>(), view.ToArray<float>());
    }

    [Fact]
    public void SameWorkEachStep_AllocatesNoHostMemoryAfterTheFirstStep()
    {
        var x = Seeded(9, 64, 30);
        var w = Seeded(10, 30, 20);
        void Step()
        {
            using var scope = DeviceScope.Begin();
            var h = x.MatMul(w).Relu();
            _ = h.Softmax(1).Log().Sum([1]).Mean().Item();
        }
        Step();
        var before = HostMemory.Allocations;
        for (var i = 0; i < 4; i++)
        {
            Step();
        }
        Assert.Equal(before, HostMemory.Allocations);
        Assert.True(HostMemory.Reuses > 0);
    }

    [Fact]
    public void ScopeEnd_ReturnsBuffersToThisThreadsPool_AndTrimLetsThemGo()
    {
        var a = Seeded(11, 1000);
        HostMemory.Trim();
        using (DeviceScope.Begin())
        {
            _ = a + a;
        }
        Assert.True(HostMemory.CachedBytes >= 1000 * sizeof(float));
        HostMemory.Trim();
        Assert.Equal(0, HostMemory.CachedBytes);
    }

    [Fact]
    public void PoolCapacityBytes_Negative_IsRejectedAndTheSettingKept()
    {
        var before = HostMemory.PoolCapacityBytes;
        Assert.Throws<ArgumentOutOfRangeException>(() => HostMemory.PoolCapacityBytes = -1);
        Assert.Equal(before, HostMemory.PoolCapacityBytes);
    }
}
