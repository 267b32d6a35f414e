using Scratch.Backends;

namespace Scratch.Tests;

public class PhiloxTests
{
    // Known-answer vectors of Philox4x32-10 from the Random123 distribution (kat_vectors).
    [Theory]
    [InlineData(0u, 0u, 0u, 0u, 0u, 0u, 0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u)]
    [InlineData(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu)]
    [InlineData(0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u, 0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u)]
    public void Block_MatchesRandom123KnownAnswers(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1, uint r0, uint r1, uint r2, uint r3)
    {
        Assert.Equal((r0, r1, r2, r3), Philox.Block(c0, c1, c2, c3, k0, k1));
    }

    [Fact]
    public void Rand_SameSeed_SameBits_DifferentSeed_DifferentBits()
    {
        var a = Tensor.Rand([1000], new Generator(42)).ToArray<float>();
        var b = Tensor.Rand([1000], new Generator(42)).ToArray<float>();
        var c = Tensor.Rand([1000], new Generator(43)).ToArray<float>();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.All(a, v => Assert.InRange(v, 0f, 1f - float.Epsilon / 2));
    }

    [Fact]
    public void Rand_LargeParallelFill_EqualsSequentialStream()
    {
        // The CPU backend fills large tensors in parallel chunks; each element must still be element i of the stream.
        var x = Tensor.Rand([1 << 17], new Generator(7)).ToArray<float>();
        var serial = Tensor.Rand([1 << 17], new Generator(7), device: Device.Reference).ToArray<float>();
        Assert.Equal(serial, x);
        for (var i = 0; i < x.Length; i += 4099)
        {
            Assert.Equal(Philox.FloatAt(RandomDistribution.Uniform, 7, (ulong)i), x[i]);
        }
    }

    [Theory]
    [InlineData(RandomDistribution.Uniform)]
    [InlineData(RandomDistribution.Normal)]
    public void Fill_EqualsElementByElement_ForEveryOffsetAndLength(RandomDistribution distribution)
    {
        // Chunks of blocks four at a time in registers, chunk edges, odd offsets (half a Box–Muller pair) and counters
        // whose low word wraps into the high one (block 2³² − 1 → 2³²): each value must be FloatAt's / DoubleAt's.
        foreach (var offset in new ulong[] { 0, 1, 2, 3, 5, 63, 64, 127, (1UL << 34) - 37, (1UL << 33) - 11 })
        {
            foreach (var length in new[] { 0, 1, 2, 3, 7, 64, 65, 130, 301 })
            {
                var f = new float[length];
                var d = new double[length];
                Philox.Fill(distribution, 0x0123_4567_89AB_CDEF, offset, f.AsSpan());
                Philox.Fill(distribution, 0x0123_4567_89AB_CDEF, offset, d.AsSpan());
                for (var i = 0; i < length; i++)
                {
                    Assert.Equal(BitConverter.SingleToInt32Bits(Philox.FloatAt(distribution, 0x0123_4567_89AB_CDEF, offset + (ulong)i)), BitConverter.SingleToInt32Bits(f[i]));
                    Assert.Equal(BitConverter.DoubleToInt64Bits(Philox.DoubleAt(distribution, 0x0123_4567_89AB_CDEF, offset + (ulong)i)), BitConverter.DoubleToInt64Bits(d[i]));
                }
            }
        }
    }

    [Fact]
    public void Fill_RejectsOtherElementTypes()
    {
        var e = Assert.Throws<NotSupportedException>(() => Philox.Fill(RandomDistribution.Uniform, 1, 0, new int[4].AsSpan()));
        Assert.Contains("Int32", e.Message);
    }

    [Fact]
    public void Randn_HasStandardMoments()
    {
        var x = Tensor.Randn([200_000], new Generator(3), DType.Float64);
        var mean = x.Mean().Item();
        var variance = (x - mean).Square().Mean().Item();
        // Standard error of the mean is 1/√n ≈ 0.0022; of the variance ≈ √(2/n) ≈ 0.0032.
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(variance, 0.985, 1.015);
    }

    [Fact]
    public void Generator_SuccessiveDraws_Differ_AndReplay()
    {
        var g1 = new Generator(5);
        var first = Tensor.Randn([3], g1).ToArray<float>();
        var second = Tensor.Randn([3], g1).ToArray<float>();
        Assert.NotEqual(first, second);
        var g2 = new Generator(5);
        Assert.Equal(first, Tensor.Randn([3], g2).ToArray<float>());
        Assert.Equal(second, Tensor.Randn([3], g2).ToArray<float>());
    }

    [Fact]
    public void Shuffle_IsAPermutation_AndReproducible()
    {
        var a = Enumerable.Range(0, 100).ToArray();
        var b = Enumerable.Range(0, 100).ToArray();
        new Generator(9).Shuffle<int>(a);
        new Generator(9).Shuffle<int>(b);
        Assert.Equal(a, b);
        Assert.NotEqual(Enumerable.Range(0, 100), a);
        Assert.Equal(Enumerable.Range(0, 100), a.Order());
    }
}
