using Scratch.Backends.Cpu;

namespace Scratch.Backends.Gpu;

/// <summary>
/// Calls every op of a backend once per dtype on tiny inputs, so that every kernel is compiled before
/// anything is timed: the first-call (JIT) cost is then measured apart from the steady state.
/// </summary>
internal static class GpuWarmUp
{
    public static void Run(IlgpuBackend backend)
    {
        var matrix = Layout.Contiguous(new Shape(2, 2));
        var batched = Layout.Contiguous(new Shape(1, 2, 2));
        var labels = backend.FromHost(new[] { 0, 1 });
        var labelLayout = Layout.Contiguous(new Shape(2, 1));
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var x = dtype == DType.Float32 ? backend.FromHost(new[] { 1f, -2f, 3f, 0.5f }) : backend.FromHost(new[] { 1.0, -2.0, 3.0, 0.5 });
            foreach (var op in Enum.GetValues<UnaryOp>())
            {
                backend.Unary(op, x, matrix);
            }
            foreach (var op in Enum.GetValues<BinaryOp>())
            {
                backend.Binary(op, x, matrix, x, matrix);
            }
            foreach (var op in Enum.GetValues<CompareOp>())
            {
                backend.Compare(op, x, matrix, x, matrix);
            }
            foreach (var op in Enum.GetValues<ReduceOp>())
            {
                backend.Reduce(op, x, matrix, [1]);
            }
            foreach (var op in Enum.GetValues<ArgReduceOp>())
            {
                backend.ArgReduce(op, x, matrix, 1);
            }
            foreach (var distribution in Enum.GetValues<RandomDistribution>())
            {
                backend.Random(distribution, dtype, 4, 0, 0);
            }
            backend.Where(x, matrix, x, matrix, x, matrix);
            backend.Clamp(x, matrix, -1, 1);
            backend.SignStep(x, matrix, x, matrix, 0.5, -1, 1);
            backend.Softmax(x, matrix, 1, log: false);
            backend.MatMul(x, batched, x, batched);
            backend.Gather(x, matrix, 1, labels, labelLayout);
            backend.ScatterAdd(matrix.Shape, 1, labels, labelLayout, x, labelLayout);
            backend.OneHot(labels, Layout.Contiguous(new Shape(2)), 2, dtype);
            backend.Concat([(x, matrix), (x, matrix)], 0, new Shape(4, 2));
            backend.Contiguous(x, matrix.Transpose(0, 1));
            var image = Layout.Contiguous(new Shape(1, 1, 2, 2));
            var conv = new Conv2dGeometry(1, 1, 2, 2, 1, 1, 1, 1, 1, 0, 0);
            backend.Conv2d(x, image, x, Layout.Contiguous(new Shape(1, 1, 1, 1)), x, Layout.Contiguous(new Shape(1)), conv);
            backend.Conv2dBackwardInput(x, image, x, Layout.Contiguous(new Shape(1, 1, 1, 1)), conv);
            backend.Conv2dBackwardWeight(x, image, x, image, conv);
            var pool = new Pool2dGeometry(1, 1, 2, 2, 2, 2, 2, 2, 0, 0);
            var (pooled, argmax) = backend.MaxPool2d(x, image, pool);
            var one = Layout.Contiguous(new Shape(1, 1, 1, 1));
            backend.MaxPool2dBackward(pooled, one, argmax, one, pool);
            backend.AvgPool2dBackward(backend.AvgPool2d(x, image, pool), one, pool);
            foreach (var target in Enum.GetValues<DType>())
            {
                backend.Cast(x, matrix, target);
            }
        }
        backend.Compare(CompareOp.Equal, labels, labelLayout, labels, labelLayout);
        backend.Cast(labels, labelLayout, DType.Float32);
        backend.ToHost<int>(labels, labelLayout);
    }
}
