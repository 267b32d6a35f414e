using System.Runtime.CompilerServices;
using Scratch.Backends;

namespace Scratch;

/// <summary>
/// Philox4x32-10, the counter-based generator of Salmon, Moraes, Dror &amp; Shaw (2011), "Parallel random
/// numbers: as easy as 1, 2, 3" (SC'11). A block of four 32-bit outputs is a pure function of a 128-bit
/// counter and a 64-bit key, so element i of a random tensor is computed from (seed, i) alone — the
/// same on one thread or many, on the CPU or a GPU kernel that runs the same ten rounds.
/// </summary>
public static partial class Philox
{
    private const uint M0 = 0xD2511F53, M1 = 0xCD9E8D57; // round multipliers
    private const uint W0 = 0x9E3779B9, W1 = 0xBB67AE85; // Weyl key increments

    /// <summary>The four outputs for counter (c0, c1, c2, c3) under key (k0, k1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (uint, uint, uint, uint) Block(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1)
    {
        for (var round = 0; round < 10; round++)
        {
            var p0 = (ulong)M0 * c0;
            var p1 = (ulong)M1 * c2;
            (c0, c1, c2, c3) = ((uint)(p1 >> 32) ^ c1 ^ k0, (uint)p1, (uint)(p0 >> 32) ^ c3 ^ k1, (uint)p0);
            k0 += W0;
            k1 += W1;
        }
        return (c0, c1, c2, c3);
    }

    /// <summary>Block number <paramref name="block"/> of the stream for <paramref name="seed"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (uint, uint, uint, uint) Block(ulong seed, ulong block) =>
        Block((uint)block, (uint)(block >> 32), 0, 0, (uint)seed, (uint)(seed >> 32));

    /// <summary>A float in [0, 1) from the top 24 bits of a 32-bit output.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ToUnitFloat(uint bits) => (bits >> 8) * (1.0f / (1 << 24));

    /// <summary>A double in [0, 1) from 53 bits of two 32-bit outputs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToUnitDouble(uint hi, uint lo) => ((((ulong)hi << 32) | lo) >> 11) * (1.0 / (1UL << 53));

    /// <summary>Element <paramref name="index"/> of the float32 stream.</summary>
    public static float FloatAt(RandomDistribution distribution, ulong seed, ulong index)
    {
        var (a, b, c, d) = Block(seed, index / 4);
        if (distribution == RandomDistribution.Uniform)
        {
            return (index % 4) switch { 0 => ToUnitFloat(a), 1 => ToUnitFloat(b), 2 => ToUnitFloat(c), _ => ToUnitFloat(d) };
        }
        var (u1, u2) = (index % 4) < 2 ? (a, b) : (c, d);
        var r = MathF.Sqrt(-2f * MathF.Log(1f - ToUnitFloat(u1)));
        var theta = 2f * MathF.PI * ToUnitFloat(u2);
        return index % 2 == 0 ? r * MathF.Cos(theta) : r * MathF.Sin(theta);
    }

    /// <summary>Element <paramref name="index"/> of the float64 stream.</summary>
    public static double DoubleAt(RandomDistribution distribution, ulong seed, ulong index)
    {
        if (distribution == RandomDistribution.Uniform)
        {
            var (a, b, c, d) = Block(seed, index / 2);
            return index % 2 == 0 ? ToUnitDouble(a, b) : ToUnitDouble(c, d);
        }
        var (p, q, s, t) = Block(seed, index / 2);
        var r = Math.Sqrt(-2.0 * Math.Log(1.0 - ToUnitDouble(p, q)));
        var theta = 2.0 * Math.PI * ToUnitDouble(s, t);
        return index % 2 == 0 ? r * Math.Cos(theta) : r * Math.Sin(theta);
    }
}
