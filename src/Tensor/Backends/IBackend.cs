using Scratch.Backends.Cpu;

namespace Scratch.Backends;

/// <summary>
/// The op set, written once, that every device implements. Methods receive storage with its layout
/// (a possibly strided, broadcast or offset view) and return new contiguous storage; the backend
/// chooses its fast contiguous path or its strided path. Arguments are validated by
/// <see cref="Tensor"/> before they get here: shapes agree (broadcast layouts already expanded),
/// dtypes and devices match, axes are normalised.
/// </summary>
internal interface IBackend
{
    /// <summary>The device this backend computes on.</summary>
    Device Device { get; }

    /// <summary>A zero-filled buffer.</summary>
    Storage Zeros(DType dtype, int length);

    /// <summary>Copies host data onto the device (host backends may wrap the array itself).</summary>
    Storage FromHost<T>(T[] data) where T : unmanaged;

    /// <summary>The elements of a view in row-major order, on the host.</summary>
    T[] ToHost<T>(Storage storage, Layout layout) where T : unmanaged;

    /// <summary>A contiguous copy of a view.</summary>
    Storage Contiguous(Storage x, Layout layout);

    /// <summary>A contiguous copy of a view converted to another dtype (float→int truncates toward zero).</summary>
    Storage Cast(Storage x, Layout layout, DType dtype);

    /// <summary>Seeded random numbers: element i depends only on (seed, offset + i), never on threads or device.</summary>
    Storage Random(RandomDistribution distribution, DType dtype, int length, ulong seed, ulong offset);

    /// <summary>f(x) elementwise.</summary>
    Storage Unary(UnaryOp op, Storage x, Layout lx);

    /// <summary>f(a, b) elementwise; both layouts have the output shape (broadcast dimensions have stride 0).</summary>
    Storage Binary(BinaryOp op, Storage a, Layout la, Storage b, Layout lb);

    /// <summary>a ∘ b as 1/0 in the inputs' dtype; layouts as in <see cref="Binary"/>.</summary>
    Storage Compare(CompareOp op, Storage a, Layout la, Storage b, Layout lb);

    /// <summary>cond ≠ 0 ? a : b elementwise; all three layouts have the output shape.</summary>
    Storage Where(Storage cond, Layout lc, Storage a, Layout la, Storage b, Layout lb);

    /// <summary>min(max(x, min), max) elementwise.</summary>
    Storage Clamp(Storage x, Layout lx, double min, double max);

    /// <summary>
    /// x + step·sign(direction) elementwise in one pass, with sign(0) = sign(NaN) = 0 and step rounded to the dtype
    /// first, then clamped to [min, max] as <see cref="Clamp"/> clamps (±∞ for no bound); both layouts have the
    /// output shape.
    /// </summary>
    Storage SignStep(Storage x, Layout lx, Storage direction, Layout ld, double step, double min, double max);

    /// <summary>Reduces the given (sorted, distinct) axes; the result is contiguous with those axes kept as size 1.</summary>
    Storage Reduce(ReduceOp op, Storage x, Layout lx, int[] axes);

    /// <summary>The index of the max/min along one axis, as int32 with that axis kept as size 1.</summary>
    Storage ArgReduce(ArgReduceOp op, Storage x, Layout lx, int axis);

    /// <summary>Softmax (or log-softmax) along one axis; result contiguous with the input's shape.</summary>
    Storage Softmax(Storage x, Layout lx, int axis, bool log);

    /// <summary>
    /// Batched matrix product: la is [batch..., m, k], lb is [batch..., k, n], both with the output's batch
    /// dimensions (broadcast ones have stride 0). Returns contiguous [batch..., m, n].
    /// </summary>
    Storage MatMul(Storage a, Layout la, Storage b, Layout lb);

    /// <summary>out[..i..] = x[.. index[..i..] along axis ..]; index (int32) has the output's shape.</summary>
    Storage Gather(Storage x, Layout lx, int axis, Storage index, Layout li);

    /// <summary>A zero tensor of <paramref name="shape"/> into which src[..i..] is added at index[..i..] along axis.</summary>
    Storage ScatterAdd(Shape shape, int axis, Storage index, Layout li, Storage src, Layout ls);

    /// <summary>One-hot rows: out[..., c] = (index[...] == c), in the given float dtype.</summary>
    Storage OneHot(Storage index, Layout li, int classes, DType dtype);

    /// <summary>Joins views along an axis; every part has the output's shape except along that axis.</summary>
    Storage Concat(IReadOnlyList<(Storage Storage, Layout Layout)> parts, int axis, Shape shape);

    /// <summary>NCHW cross-correlation plus bias (bias may be null); result [N, O, OH, OW].</summary>
    Storage Conv2d(Storage x, Layout lx, Storage w, Layout lw, Storage? bias, Layout? lb, Conv2dGeometry g);

    /// <summary>∂⟨conv2d(x, w), gy⟩/∂x for upstream gradient gy; result [N, C, H, W].</summary>
    Storage Conv2dBackwardInput(Storage gy, Layout lgy, Storage w, Layout lw, Conv2dGeometry g);

    /// <summary>∂⟨conv2d(x, w), gy⟩/∂w; result [O, C, KH, KW].</summary>
    Storage Conv2dBackwardWeight(Storage x, Layout lx, Storage gy, Layout lgy, Conv2dGeometry g);

    /// <summary>Max pooling: the output and, per output element, the flat index of its maximum in the input plane (int32).</summary>
    (Storage Output, Storage Argmax) MaxPool2d(Storage x, Layout lx, Pool2dGeometry g);

    /// <summary>Routes each upstream gradient to its window's maximum; result [N, C, H, W].</summary>
    Storage MaxPool2dBackward(Storage gy, Layout lgy, Storage argmax, Layout la, Pool2dGeometry g);

    /// <summary>Average pooling (padding counted in the divisor, PyTorch's default).</summary>
    Storage AvgPool2d(Storage x, Layout lx, Pool2dGeometry g);

    /// <summary>Spreads each upstream gradient evenly over its window; result [N, C, H, W].</summary>
    Storage AvgPool2dBackward(Storage gy, Layout lgy, Pool2dGeometry g);
}
