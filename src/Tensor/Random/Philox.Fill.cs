using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Scratch.Backends;

namespace Scratch;

// Problem: a random tensor's element i is a pure function of (seed, i) (FloatAt, DoubleAt), but computed that way
// every element runs the ten rounds of its own block, although one block serves four float32 uniforms (two
// float64 ones, two Box–Muller pairs): a dropout mask of a maxout net's step spent more time there than in
// its matrix products.
// Approach: the stream of 32-bit outputs U (U[4b + j] = output j of block b) is generated a chunk of blocks at a
// time, four blocks side by side in AVX2 registers (vpmuludq gives the rounds' 32 × 32 → 64-bit products), and each
// element reads its outputs from the chunk:
//     float32 uniform  x_e = unit(U[e]);           float32 normal   pair e/2 from (U[2p], U[2p+1]);
//     float64 uniform  x_e = unit(U[2e], U[2e+1]); float64 normal   pair e/2 from (U[4p], …, U[4p+3]).
// Each element is computed by the same expressions as FloatAt / DoubleAt, so the values are theirs bit for bit.
// References:
//   [1] Salmon, Moraes, Dror & Shaw 2011, "Parallel random numbers: as easy as 1, 2, 3", SC'11, §4 (Philox).

/// <summary>Bulk filling of random tensors from the Philox stream.</summary>
public static partial class Philox
{
    // Elements per chunk: every distribution's chunk covers whole blocks when it starts at a multiple of this.
    private const int ChunkElements = 64;

    /// <summary>
    /// Fills <paramref name="destination"/> with elements offset..offset+n−1 of the stream. float32 uses one
    /// 32-bit output per uniform (four per block); float64 uses two (two per block). Normals come in
    /// Box–Muller pairs: z₀ = √(−2 ln u₁) cos 2πu₂, z₁ = √(−2 ln u₁) sin 2πu₂, with u₁ taken in (0, 1].
    /// Element i equals <see cref="FloatAt"/> / <see cref="DoubleAt"/> of index offset + i, bit for bit.
    /// </summary>
    public static void Fill<T>(RandomDistribution distribution, ulong seed, ulong offset, Span<T> destination)
        where T : unmanaged
    {
        bool single = typeof(T) == typeof(float);
        if (!single && typeof(T) != typeof(double))
        {
            throw new NotSupportedException($"random numbers of element type {typeof(T).Name}; expected float or double");
        }
        // Elements per block: four float32 values (one output each, or two pairs of two), two float64 values.
        ulong perBlock = single ? 4UL : 2UL;
        Span<uint> outputs = stackalloc uint[ChunkElements / 2 * 4];
        ulong end = offset + (ulong)destination.Length;
        int written = 0;
        for (ulong start = offset; start < end;)
        {
            ulong stop = Math.Min(end, (start / ChunkElements + 1) * ChunkElements);
            ulong firstBlock = start / perBlock, blocks = (stop - 1) / perBlock + 1 - firstBlock;
            var u = outputs[..(int)(blocks * 4)];
            Blocks(seed, firstBlock, u);
            int count = (int)(stop - start);
            // Element e's first output is U[e] (float32) or U[2e] (float64), taken relative to the chunk's first block.
            ulong origin = firstBlock * 4;
            if (single)
            {
                var d = MemoryMarshal.Cast<T, float>(destination).Slice(written, count);
                FloatChunk(distribution, start, origin, u, d);
            }
            else
            {
                var d = MemoryMarshal.Cast<T, double>(destination).Slice(written, count);
                DoubleChunk(distribution, start, origin, u, d);
            }
            written += count;
            start = stop;
        }
    }

    private static void FloatChunk(RandomDistribution distribution, ulong start, ulong origin, ReadOnlySpan<uint> u, Span<float> d)
    {
        int first = (int)(start - origin);
        if (distribution == RandomDistribution.Uniform)
        {
            int i = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                // ToUnitFloat eight at a time: a 24-bit integer converts to float exactly, and the scaling is by a power of 2.
                var scale = Vector256.Create(1.0f / (1 << 24));
                for (; i + 8 <= d.Length; i += 8)
                {
                    var bits = Vector256.Create(u.Slice(first + i, 8)) >> 8;
                    (Vector256.ConvertToSingle(bits.AsInt32()) * scale).CopyTo(d.Slice(i, 8));
                }
            }
            for (; i < d.Length; i++)
            {
                d[i] = ToUnitFloat(u[first + i]);
            }
            return;
        }
        // One radius and angle per Box–Muller pair: its cosine element, then its sine element (alone at a chunk's edges).
        for (int i = 0; i < d.Length;)
        {
            int at = first + i, pair = at & ~1;
            var r = MathF.Sqrt(-2f * MathF.Log(1f - ToUnitFloat(u[pair])));
            var theta = 2f * MathF.PI * ToUnitFloat(u[pair + 1]);
            if (at % 2 == 0)
            {
                d[i++] = r * MathF.Cos(theta);
            }
            if (i < d.Length)
            {
                d[i++] = r * MathF.Sin(theta);
            }
        }
    }

    private static void DoubleChunk(RandomDistribution distribution, ulong start, ulong origin, ReadOnlySpan<uint> u, Span<double> d)
    {
        int first = (int)(2 * start - origin);
        if (distribution == RandomDistribution.Uniform)
        {
            for (int i = 0; i < d.Length; i++)
            {
                d[i] = ToUnitDouble(u[first + 2 * i], u[first + 2 * i + 1]);
            }
            return;
        }
        // One radius and angle per block's pair, as for float32.
        for (int i = 0; i < d.Length;)
        {
            int at = first + 2 * i, pair = at & ~3;
            var r = Math.Sqrt(-2.0 * Math.Log(1.0 - ToUnitDouble(u[pair], u[pair + 1])));
            var theta = 2.0 * Math.PI * ToUnitDouble(u[pair + 2], u[pair + 3]);
            if (at % 4 == 0)
            {
                d[i++] = r * Math.Cos(theta);
            }
            if (i < d.Length)
            {
                d[i++] = r * Math.Sin(theta);
            }
        }
    }

    // U[4j … 4j + 3] = Block(seed, firstBlock + j) for the u.Length / 4 blocks: four at a time in AVX2 registers
    // (one block per 64-bit lane, its 32-bit words in the low halves), the rest one by one.
    private static void Blocks(ulong seed, ulong firstBlock, Span<uint> u)
    {
        int blocks = u.Length / 4, j = 0;
        if (Avx2.IsSupported)
        {
            var low = Vector256.Create(0xFFFF_FFFFUL);
            var m0 = Vector256.Create((ulong)M0).AsUInt32();
            var m1 = Vector256.Create((ulong)M1).AsUInt32();
            ref var dst = ref Unsafe.As<uint, ulong>(ref MemoryMarshal.GetReference(u));
            for (; j + 4 <= blocks; j += 4)
            {
                var counter = Vector256.Create(firstBlock + (ulong)j) + Vector256.Create(0UL, 1, 2, 3);
                Vector256<ulong> c0 = counter & low, c1 = counter >> 32, c2 = Vector256<ulong>.Zero, c3 = Vector256<ulong>.Zero;
                uint k0 = (uint)seed, k1 = (uint)(seed >> 32);
                for (var round = 0; round < 10; round++)
                {
                    var p0 = Avx2.Multiply(c0.AsUInt32(), m0);
                    var p1 = Avx2.Multiply(c2.AsUInt32(), m1);
                    c0 = (p1 >> 32) ^ c1 ^ Vector256.Create((ulong)k0);
                    c1 = p1 & low;
                    c2 = (p0 >> 32) ^ c3 ^ Vector256.Create((ulong)k1);
                    c3 = p0 & low;
                    k0 += W0;
                    k1 += W1;
                }
                // Lane l of c01 is the words (c0, c1) of block l, of c23 the words (c2, c3): interleave them block by block.
                Vector256<ulong> c01 = c0 | (c1 << 32), c23 = c2 | (c3 << 32);
                Vector256<ulong> even = Avx2.UnpackLow(c01, c23), odd = Avx2.UnpackHigh(c01, c23);
                Avx2.Permute2x128(even, odd, 0x20).StoreUnsafe(ref dst, (nuint)(2 * j));
                Avx2.Permute2x128(even, odd, 0x31).StoreUnsafe(ref dst, (nuint)(2 * j + 4));
            }
        }
        for (; j < blocks; j++)
        {
            (u[4 * j], u[4 * j + 1], u[4 * j + 2], u[4 * j + 3]) = Block(seed, firstBlock + (ulong)j);
        }
    }
}
