using System.Numerics.Tensors;
using Scratch.Backends;

namespace Scratch;

/// <summary>
/// An n-dimensional array: a view (<see cref="Layout"/>: shape, strides, offset) over a
/// <see cref="Storage"/> of one <see cref="DType"/> on one <see cref="Device"/>. View ops (reshape,
/// transpose, slice, expand) share storage and copy nothing; every other op returns a new tensor.
/// Tensors are values: no op writes into its inputs.
/// </summary>
public sealed partial class Tensor
{
    internal Tensor(Storage storage, Layout layout, Device device)
    {
        Storage = storage;
        Layout = layout;
        Device = device;
    }

    /// <summary>The buffer this tensor views (possibly shared with other tensors).</summary>
    internal Storage Storage { get; }

    /// <summary>Shape, strides and offset of this view.</summary>
    public Layout Layout { get; }

    /// <summary>Where the storage lives and which backend computes on it.</summary>
    public Device Device { get; }

    /// <summary>The element type.</summary>
    public DType DType => Storage.DType;

    /// <summary>The sizes.</summary>
    public Shape Shape => Layout.Shape;

    /// <summary>The number of dimensions.</summary>
    public int Rank => Layout.Rank;

    /// <summary>The number of elements.</summary>
    public int ElementCount => Layout.ElementCount;

    /// <summary>Whether the view is row-major without gaps.</summary>
    public bool IsContiguous => Layout.IsContiguous;

    internal IBackend Backend => BackendRegistry.For(Device);

    /// <summary>A tensor over new contiguous storage on this tensor's device.</summary>
    internal Tensor WithStorage(Storage storage, Shape shape) => new(storage, Layout.Contiguous(shape), Device);

    /// <summary>The elements in row-major order, copied to a host array.</summary>
    /// <exception cref="InvalidOperationException">T does not match the dtype.</exception>
    public T[] ToArray<T>() where T : unmanaged
    {
        var want = DTypeExtensions.Of<T>();
        if (want != DType)
        {
            throw new InvalidOperationException($"ToArray<{typeof(T).Name}>: the tensor's dtype is {DType.Name()}; call To({want}) first or ask for the matching element type");
        }
        return Backend.ToHost<T>(Storage, Layout);
    }

    /// <summary>
    /// Writes the elements in row-major order into <paramref name="destination"/> as doubles (every float32,
    /// float64 and int32 value is exact in a double). On the CPU nothing is allocated: the way out of a hot loop
    /// (an L-BFGS-B objective's value and gradient) without a new array per call.
    /// </summary>
    /// <exception cref="ArgumentException">The destination's length differs from the element count.</exception>
    public void CopyTo(Span<double> destination)
    {
        if (destination.Length != ElementCount)
        {
            throw new ArgumentException($"CopyTo: the destination has {destination.Length} elements; the tensor (shape {Shape}) has {ElementCount}", nameof(destination));
        }
        var host = Device == Device.Cpu ? Contiguous() : To(Device.Cpu);
        switch (host.Storage)
        {
            case HostStorage<float> f:
                // Widening is exact; the truncating conversion is the vectorised one (the checked one runs element by element).
                TensorPrimitives.ConvertTruncating<float, double>(f.Data.AsSpan(host.Layout.Offset, ElementCount), destination);
                break;
            case HostStorage<double> d:
                d.Data.AsSpan(host.Layout.Offset, ElementCount).CopyTo(destination);
                break;
            default:
                var ints = ((HostStorage<int>)host.Storage).Data.AsSpan(host.Layout.Offset, ElementCount);
                for (var i = 0; i < ints.Length; i++)
                {
                    destination[i] = ints[i];
                }
                break;
        }
    }

    /// <summary>The value of a one-element tensor as a double.</summary>
    /// <exception cref="InvalidOperationException">The tensor does not have exactly one element.</exception>
    public double Item()
    {
        if (ElementCount != 1)
        {
            throw new InvalidOperationException($"Item: tensor of shape {Shape} has {ElementCount} elements; expected exactly 1");
        }
        // Through CopyTo: exact for every dtype, and no array for the one value (a loss is read at every step).
        Span<double> value = stackalloc double[1];
        CopyTo(value);
        return value[0];
    }

    /// <summary>A copy on another device (the same tensor when it is already there).</summary>
    public Tensor To(Device device)
    {
        if (device == Device)
        {
            return this;
        }
        var target = BackendRegistry.For(device);
        var storage = DType switch
        {
            DType.Float32 => target.FromHost(ToArray<float>()),
            DType.Float64 => target.FromHost(ToArray<double>()),
            _ => target.FromHost(ToArray<int>()),
        };
        return new Tensor(storage, Layout.Contiguous(Shape), device);
    }

    /// <summary>A copy converted to another dtype (the same tensor when the dtype already matches).</summary>
    public Tensor To(DType dtype) => dtype == DType ? this : WithStorage(Backend.Cast(Storage, Layout, dtype), Shape);

    /// <summary>This tensor if contiguous, else a contiguous copy.</summary>
    public Tensor Contiguous() => IsContiguous ? this : WithStorage(Backend.Contiguous(Storage, Layout), Shape);

    /// <summary>A contiguous copy that shares nothing with this tensor.</summary>
    public Tensor Clone() => WithStorage(Backend.Contiguous(Storage, Layout), Shape);

    internal static void RequireSameDevice(string op, Tensor a, Tensor b)
    {
        if (a.Device != b.Device)
        {
            throw new ArgumentException($"{op}: tensors are on different devices ({a.Device} and {b.Device}); move one with .To(device)");
        }
    }

    internal static void RequireSameDType(string op, Tensor a, Tensor b)
    {
        if (a.DType != b.DType)
        {
            throw new ArgumentException($"{op}: dtypes differ ({a.DType.Name()} and {b.DType.Name()}); convert one with .To(dtype)");
        }
    }

    internal void RequireFloat(string op)
    {
        if (!DType.IsFloatingPoint())
        {
            throw new ArgumentException($"{op}: expected a float32 or float64 tensor, got {DType.Name()} (shape {Shape})");
        }
    }

    internal void RequireInt(string op, string argument)
    {
        if (DType != DType.Int32)
        {
            throw new ArgumentException($"{op}: {argument} must be an int32 tensor, got {DType.Name()} (shape {Shape})", argument);
        }
    }
}
