namespace Scratch.Diagnostics;

/// <summary>The groups of kernel comparisons in <see cref="KernelComparisons"/>: one per shape of computation.</summary>
public enum KernelFamily
{
    /// <summary>Elementwise functions of one argument, every op, layout and float dtype.</summary>
    Unary,

    /// <summary>Elementwise functions of two arguments, every op and pair of layouts, with broadcasting.</summary>
    Binary,

    /// <summary>Comparisons with ties, in float32, float64 and int32.</summary>
    Compare,

    /// <summary>Where, clamp, dtype casts and contiguous copies.</summary>
    WhereClampCast,

    /// <summary>NaN, ±0, ±∞ and the largest floats through the elementwise kernels.</summary>
    SpecialValues,

    /// <summary>Empty tensors and scalars.</summary>
    EmptyAndScalar,

    /// <summary>Sum, mean, max, min and log-sum-exp over every set of axes.</summary>
    Reduce,

    /// <summary>ArgMax and ArgMin, with ties and NaN.</summary>
    ArgReduce,

    /// <summary>Softmax and log-softmax along every axis.</summary>
    Softmax,

    /// <summary>Gather along each axis.</summary>
    Gather,

    /// <summary>Scatter-add with repeated indices (bit for bit with the CPU in three dimensions).</summary>
    ScatterAdd,

    /// <summary>One-hot encoding and concatenation.</summary>
    OneHotConcat,

    /// <summary>Matrix products: awkward sizes, every layout pair, broadcast batches, vectors.</summary>
    MatMul,

    /// <summary>Conv2d forward and both backward kernels.</summary>
    Conv2d,

    /// <summary>Max and average pooling, forward and backward (max-pool backward bit for bit with the CPU).</summary>
    Pooling,

    /// <summary>The Philox streams: uniform bit for bit, normal to the last ulps.</summary>
    Random,
}
