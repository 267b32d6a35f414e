using System.Buffers;
using Scratch.Backends;

namespace Scratch;

public sealed partial class Tensor
{
    /// <summary>A tensor over a copy of <paramref name="data"/> with the given shape (a 1-D tensor when no shape is given).</summary>
    /// <exception cref="ArgumentException">The data length differs from the shape's element count.</exception>
    public static Tensor FromArray(float[] data, params int[] shape) => FromArrayCore(data, ShapeFor(data, shape), Device.Cpu);

    /// <inheritdoc cref="FromArray(float[], int[])"/>
    public static Tensor FromArray(double[] data, params int[] shape) => FromArrayCore(data, ShapeFor(data, shape), Device.Cpu);

    /// <inheritdoc cref="FromArray(float[], int[])"/>
    public static Tensor FromArray(int[] data, params int[] shape) => FromArrayCore(data, ShapeFor(data, shape), Device.Cpu);

    /// <summary>
    /// A CPU tensor over <paramref name="data"/> itself, without the copy that <see cref="FromArray(float[], int[])"/>
    /// makes: for a large array built once (a data set, a batch). The caller hands the array over and must not
    /// change it afterwards, since tensors are values and every tensor over it would see the change.
    /// </summary>
    /// <exception cref="ArgumentException">The data length differs from the shape's element count.</exception>
    public static Tensor Wrap(float[] data, params int[] shape) => FromArrayCore(data, ShapeFor(data, shape), Device.Cpu, copy: false);

    /// <inheritdoc cref="Wrap(float[], int[])"/>
    public static Tensor Wrap(double[] data, params int[] shape) => FromArrayCore(data, ShapeFor(data, shape), Device.Cpu, copy: false);

    /// <inheritdoc cref="Wrap(float[], int[])"/>
    public static Tensor Wrap(int[] data, params int[] shape) => FromArrayCore(data, ShapeFor(data, shape), Device.Cpu, copy: false);

    /// <summary>A tensor over a copy of a span, with a shape, on a device.</summary>
    public static Tensor FromSpan<T>(ReadOnlySpan<T> data, Shape shape, Device? device = null) where T : unmanaged =>
        FromCopy(data, shape, device ?? Device.Cpu);

    /// <summary>
    /// A new CPU tensor of <paramref name="shape"/> whose elements <paramref name="fill"/> writes, every one of them (the
    /// span's contents are unspecified until then). Its memory is that of an op's result: taken from the pool and,
    /// inside a <see cref="DeviceScope"/>, given back when the scope ends, so a loop that builds one batch per scoped
    /// step reuses the same arrays (ImageDataset and TensorDataset build their batches this way). The state may be a
    /// span (the values to convert, say), which the fill receives as it is.
    /// </summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not float, double or int.</exception>
    public static Tensor Create<T, TState>(Shape shape, TState state, SpanAction<T, TState> fill)
        where T : unmanaged
        where TState : allows ref struct
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(fill);
        DTypeExtensions.Of<T>();
        var data = HostPool.Rent<T>(shape.ElementCount);
        fill(data, state);
        return FromPrivate(data, shape, Device.Cpu);
    }

    /// <summary>A rank-0 tensor holding one value.</summary>
    public static Tensor Scalar(double value, DType dtype = DType.Float32, Device? device = null) =>
        Full(Shape.Scalar, value, dtype, device);

    /// <summary>A tensor of zeros.</summary>
    public static Tensor Zeros(Shape shape, DType dtype = DType.Float32, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        return new Tensor(BackendRegistry.For(d).Zeros(dtype, shape.ElementCount), Layout.Contiguous(shape), d);
    }

    /// <summary>A tensor of ones.</summary>
    public static Tensor Ones(Shape shape, DType dtype = DType.Float32, Device? device = null) => Full(shape, 1.0, dtype, device);

    /// <summary>A tensor filled with one value.</summary>
    public static Tensor Full(Shape shape, double value, DType dtype = DType.Float32, Device? device = null)
    {
        var n = shape.ElementCount;
        return dtype switch
        {
            DType.Float32 => FromPrivate(Filled(n, (float)value), shape, device ?? Device.Cpu),
            DType.Float64 => FromPrivate(Filled(n, value), shape, device ?? Device.Cpu),
            _ => FromPrivate(Filled(n, checked((int)value)), shape, device ?? Device.Cpu),
        };
    }

    /// <summary>Zeros with the shape, dtype and device of <paramref name="like"/>.</summary>
    public static Tensor ZerosLike(Tensor like) => Zeros(like.Shape, like.DType, like.Device);

    /// <summary>Ones with the shape, dtype and device of <paramref name="like"/>.</summary>
    public static Tensor OnesLike(Tensor like) => Ones(like.Shape, like.DType, like.Device);

    /// <summary>start, start+step, … up to (not including) stop.</summary>
    /// <exception cref="ArgumentException">step is 0, or the range is empty in the step's direction.</exception>
    public static Tensor Arange(double start, double stop, double step = 1, DType dtype = DType.Float32, Device? device = null)
    {
        if (step == 0 || double.IsNaN(step))
        {
            throw new ArgumentException($"arange: step is {step}; expected a non-zero number", nameof(step));
        }
        var n = Math.Max(0, (int)Math.Ceiling((stop - start) / step));
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = start + i * step;
        }
        return FromArray(values, n).To(dtype).To(device ?? Device.Cpu);
    }

    /// <summary>The n×n identity matrix.</summary>
    public static Tensor Eye(int n, DType dtype = DType.Float32, Device? device = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var values = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            values[i * n + i] = 1;
        }
        return FromArray(values, n, n).To(dtype).To(device ?? Device.Cpu);
    }

    /// <summary>Uniform samples on [0, 1) drawn from <paramref name="generator"/>'s Philox stream.</summary>
    public static Tensor Rand(Shape shape, Generator generator, DType dtype = DType.Float32, Device? device = null) =>
        Random(RandomDistribution.Uniform, shape, generator, dtype, device);

    /// <summary>Standard normal samples drawn from <paramref name="generator"/>'s Philox stream.</summary>
    public static Tensor Randn(Shape shape, Generator generator, DType dtype = DType.Float32, Device? device = null) =>
        Random(RandomDistribution.Normal, shape, generator, dtype, device);

    private static Tensor Random(RandomDistribution distribution, Shape shape, Generator generator, DType dtype, Device? device)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (!dtype.IsFloatingPoint())
        {
            throw new ArgumentException($"random: dtype {dtype.Name()} is not supported; expected float32 or float64", nameof(dtype));
        }
        var d = device ?? Device.Cpu;
        var offset = generator.Advance(shape.ElementCount);
        var storage = BackendRegistry.For(d).Random(distribution, dtype, shape.ElementCount, generator.Seed, offset);
        return new Tensor(storage, Layout.Contiguous(shape), d);
    }

    private static T[] Filled<T>(int n, T value) where T : unmanaged
    {
        var a = HostPool.Rent<T>(n);
        Array.Fill(a, value);
        return a;
    }

    private static Shape ShapeFor(Array data, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        return shape.Length == 0 ? new Shape(data.Length) : new Shape(shape);
    }

    private static Tensor FromArrayCore<T>(T[] data, Shape shape, Device device, bool copy = true) where T : unmanaged
    {
        if (shape.ElementCount != data.Length)
        {
            throw new ArgumentException($"FromArray: {data.Length} values do not fill shape {shape} ({shape.ElementCount} elements)", nameof(shape));
        }
        return copy ? FromCopy<T>(data, shape, device) : new Tensor(BackendRegistry.For(device).FromHost(data), Layout.Contiguous(shape), device);
    }

    private static Tensor FromCopy<T>(ReadOnlySpan<T> data, Shape shape, Device device) where T : unmanaged
    {
        if (shape.ElementCount != data.Length)
        {
            throw new ArgumentException($"FromArray: {data.Length} values do not fill shape {shape} ({shape.ElementCount} elements)", nameof(shape));
        }
        var copy = HostPool.Rent<T>(data.Length);
        data.CopyTo(copy);
        return FromPrivate(copy, shape, device);
    }

    /// <summary>A tensor over an array nobody else holds: on the CPU its storage returns the array to the pool when its scope ends.</summary>
    private static Tensor FromPrivate<T>(T[] data, Shape shape, Device device) where T : unmanaged =>
        device == Device.Cpu
            ? new Tensor(HostStorage<T>.Private(data), Layout.Contiguous(shape), device)
            : new Tensor(BackendRegistry.For(device).FromHost(data), Layout.Contiguous(shape), device);
}
