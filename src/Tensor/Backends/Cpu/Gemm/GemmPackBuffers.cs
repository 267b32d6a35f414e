using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Scratch.Backends.Cpu;

/// <summary>
/// 64-byte-aligned native scratch memory for one GEMM worker: the packed A block, the packed B panel and an
/// MR×NR edge tile. Buffers are pooled and only grow, so steady-state calls allocate nothing.
/// </summary>
internal sealed unsafe class GemmPackBuffers
{
    private const int Alignment = 64;
    private static readonly ConcurrentBag<GemmPackBuffers> _pool = [];

    private byte* _a;
    private nuint _aBytes;
    private byte* _b;
    private nuint _bBytes;
    private byte* _tile;
    private nuint _tileBytes;

    ~GemmPackBuffers()
    {
        NativeMemory.AlignedFree(_a);
        NativeMemory.AlignedFree(_b);
        NativeMemory.AlignedFree(_tile);
    }

    /// <summary>Takes a buffer set from the pool, or makes a new one.</summary>
    public static GemmPackBuffers Rent() => _pool.TryTake(out var buffers) ? buffers : new GemmPackBuffers();

    /// <summary>Gives a buffer set back; the pool keeps a few per core and lets the rest be finalized.</summary>
    public static void Return(GemmPackBuffers buffers)
    {
        if (_pool.Count < 2 * Environment.ProcessorCount)
        {
            _pool.Add(buffers);
        }
    }

    /// <summary>Returns the A buffer with room for at least <paramref name="bytes"/> bytes.</summary>
    public void* A(nuint bytes) => Ensure(ref _a, ref _aBytes, bytes);

    /// <summary>Returns the B buffer with room for at least <paramref name="bytes"/> bytes.</summary>
    public void* B(nuint bytes) => Ensure(ref _b, ref _bBytes, bytes);

    /// <summary>Returns the edge-tile buffer with room for at least <paramref name="bytes"/> bytes.</summary>
    public void* Tile(nuint bytes) => Ensure(ref _tile, ref _tileBytes, bytes);

    private static byte* Ensure(ref byte* buffer, ref nuint capacity, nuint bytes)
    {
        if (capacity < bytes)
        {
            NativeMemory.AlignedFree(buffer);
            buffer = null;
            capacity = 0;
            buffer = (byte*)NativeMemory.AlignedAlloc(bytes, Alignment);
            capacity = bytes;
        }

        return buffer;
    }
}
