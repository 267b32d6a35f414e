namespace Scratch.Tests;

[CollectionDefinition(nameof(HostPoolEvictionTests), DisableParallelization = true)]
public class HostPoolEvictionCollection;

/// <summary>
/// The host pool at its capacity: the lengths used longest ago are let go first, so the lengths a loop uses now
/// keep being served. These tests set the process-wide capacity, so they run alone.
/// </summary>
[Collection(nameof(HostPoolEvictionTests))]
public class HostPoolEvictionTests
{
    private const int Floats = 1000; // 4,000 bytes per array

    [Fact]
    public void Return_PastTheCapacity_LetsTheLeastRecentlyUsedLengthsGo()
    {
        // Room for exactly four arrays (lengths n .. n + 3); a fifth must free its own size and an eighth of the
        // capacity (half an array), which takes the two lengths used longest ago.
        long Bytes(int length) => (long)length * sizeof(float);
        WithCapacity(Bytes(Floats) + Bytes(Floats + 1) + Bytes(Floats + 2) + Bytes(Floats + 3), () =>
        {
            HostPool.Return(new float[Floats]);
            HostPool.Return(new float[Floats + 1]);
            HostPool.Return(new float[Floats + 2]);
            HostPool.Return(new float[Floats + 3]);
            HostPool.Return(HostPool.Rent<float>(Floats)); // the first length is now the most recently used

            HostPool.Return(new float[Floats + 4]);

            Assert.Equal(Bytes(Floats) + Bytes(Floats + 3) + Bytes(Floats + 4), HostPool.CachedBytes);
            var allocations = HostPool.Allocations;
            _ = HostPool.Rent<float>(Floats);
            _ = HostPool.Rent<float>(Floats + 3);
            _ = HostPool.Rent<float>(Floats + 4);
            Assert.Equal(allocations, HostPool.Allocations);
            _ = HostPool.Rent<float>(Floats + 1);
            _ = HostPool.Rent<float>(Floats + 2);
            Assert.Equal(allocations + 2, HostPool.Allocations);
        });
    }

    [Fact]
    public void Return_OfAnArrayLargerThanTheCapacity_KeepsItOutAndEvictsNothing()
    {
        WithCapacity(2 * Floats * sizeof(float), () =>
        {
            HostPool.Return(new float[Floats]);
            HostPool.Return(new float[3 * Floats]);

            Assert.Equal(Floats * sizeof(float), HostPool.CachedBytes);
        });
    }

    [Fact]
    public void Return_OfALengthThatAloneFillsThePool_KeepsTheCapacity()
    {
        // Three arrays of one length fit; a fourth of the same length has nothing older to evict and is left out.
        WithCapacity(3 * Floats * sizeof(float), () =>
        {
            for (var i = 0; i < 4; i++)
            {
                HostPool.Return(new float[Floats]);
            }

            Assert.Equal(3L * Floats * sizeof(float), HostPool.CachedBytes);
        });
    }

    [Fact]
    public void Rent_AfterEviction_StillServesTheLengthsOfTheCurrentLoop()
    {
        // Six arrays of one loop (48 KB), then three of another (36 KB) in a pool of 64 KB: the second loop's
        // arrays fit only once the first loop's lengths are let go.
        WithCapacity(64_000, () =>
        {
            static void Loop(int first, int count)
            {
                for (var step = 0; step < 3; step++)
                {
                    using var scope = DeviceScope.Begin();
                    for (var i = 0; i < count; i++)
                    {
                        _ = Tensor.Zeros(new Shape(first + i), DType.Float64);
                    }
                }
            }
            Loop(1000, 6);
            Loop(1500, 3);
            var allocations = HostPool.Allocations;

            Loop(1500, 3);

            Assert.Equal(allocations, HostPool.Allocations);
        });
    }

    private static void WithCapacity(long bytes, Action body)
    {
        var before = HostMemory.PoolCapacityBytes;
        HostPool.Trim();
        HostMemory.PoolCapacityBytes = bytes;
        try
        {
            body();
        }
        finally
        {
            HostMemory.PoolCapacityBytes = before;
            HostPool.Trim();
        }
    }
}
