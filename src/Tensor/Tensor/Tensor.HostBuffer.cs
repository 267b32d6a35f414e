using Scratch.Backends.Cpu;

namespace Scratch;

public sealed partial class Tensor
{
    /// <summary>
    /// The elements of a contiguous CPU tensor of element type <typeparamref name="T"/>, in place: the way in for
    /// kernels outside this assembly that fuse several elementwise steps into one pass (the optimizers' updates).
    /// Tensors are values, so only the owner of a buffer that nobody else can see (an optimizer's private state,
    /// made by <see cref="CreateHost{T}"/> and never handed out) may write through the span.
    /// </summary>
    /// <exception cref="InvalidOperationException">The tensor is not a contiguous CPU tensor of element type T.</exception>
    internal Span<T> HostElements<T>() where T : unmanaged =>
        Device == Device.Cpu && IsContiguous && Storage is HostStorage<T> host
            ? host.Data.AsSpan(Layout.Offset, ElementCount)
            : throw new InvalidOperationException(
                $"HostElements<{typeof(T).Name}>: expected a contiguous CPU tensor of that element type, got {DType.Name()} {Shape} on {Device} (contiguous: {IsContiguous})");

    /// <summary>
    /// A new contiguous CPU tensor over uninitialised storage, and that storage to fill: the way out for a fused
    /// kernel. The caller writes every element before the tensor is read. The buffer comes from the memory pool
    /// but belongs to no <see cref="DeviceScope"/>: an optimizer's new parameter values and its private state
    /// outlive the step that made them (docs/memory.md).
    /// </summary>
    internal static Tensor CreateHost<T>(Shape shape, out Span<T> elements) where T : unmanaged
    {
        var data = HostPool.Rent<T>(shape.ElementCount);
        elements = data;
        return new Tensor(HostStorage<T>.PrivateUntracked(data), Layout.Contiguous(shape), Device.Cpu);
    }
}
