using System.Runtime.InteropServices;

namespace Scratch.Backends.Cpu;

/// <summary>
/// 64-byte-aligned native scratch memory for one GEMM worker: the packed A block, the packed B panel and an
/// MR×NR edge tile. Buffers are pooled per thread and only grow, so steady-state calls allocate nothing and
/// take no lock (a shared pool's lock was a measurable share of small GEMMs). A thread holds a few sets because
/// one GEMM may rent two on the same thread (the shared A panel and member 0's own buffers).
/// </summary>
internal sealed unsafe class GemmPackBuffers
{
    private const int Alignment = 64;
    private const int PerThread = 4;

    [ThreadStatic]
    private static Stack<GemmPackBuffers>? _free;

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

    /// <summary>Takes a buffer set from this thread's pool, or makes a new one.</summary>
    public static GemmPackBuffers Rent() => _free is { Count: > 0 } free ? free.Pop() : new GemmPackBuffers();

    /// <summary>Returns a buffer set to this thread's pool (or lets the finalizer free it when the pool is full).</summary>
    public static void Return(GemmPackBuffers buffers)
    {
        var free = _free ??= new Stack<GemmPackBuffers>(PerThread);
        if (free.Count < PerThread)
        {
            free.Push(buffers);
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
