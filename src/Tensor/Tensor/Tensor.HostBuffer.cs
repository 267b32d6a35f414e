using Scratch.Backends.Cpu;

namespace Scratch;

public sealed partial class Tensor
{
    /// <summary>
    /// The elements of a contiguous CPU tensor of element type <typeparamref name="T"/>, read in place: the way in
    /// for kernels outside this assembly that fuse several elementwise steps into one pass (the optimizers' updates).
    /// </summary>
    /// <returns>False when the tensor lives on another device, is a strided view, or has another dtype.</returns>
    internal bool TryReadHost<T>(out ReadOnlySpan<T> elements) where T : unmanaged
    {
        if (Device == Device.Cpu && IsContiguous && Storage is HostStorage<T> host)
        {
            elements = host.Data.AsSpan(Layout.Offset, ElementCount);
            return true;
        }
        elements = default;
        return false;
    }

    /// <summary>
    /// A new contiguous CPU tensor over uninitialised storage, and that storage to fill: the way out for a fused
    /// kernel. The caller writes every element before the tensor is used and never writes afterwards.
    /// </summary>
    internal static Tensor CreateHost<T>(Shape shape, out Span<T> elements) where T : unmanaged
    {
        var data = GC.AllocateUninitializedArray<T>(shape.ElementCount);
        elements = data;
        return new Tensor(CpuBackend.Instance.FromHost(data), Layout.Contiguous(shape), Device.Cpu);
    }
}
