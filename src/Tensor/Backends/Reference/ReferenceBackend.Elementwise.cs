namespace Scratch.Backends.Reference;

internal sealed partial class ReferenceBackend
{
    /// <inheritdoc/>
    public Storage Unary(UnaryOp op, Storage x, Layout lx) => Make(x.DType, Array.ConvertAll(Read(x, lx), v => Apply(op, v)));

    /// <inheritdoc/>
    public Storage Binary(BinaryOp op, Storage a, Layout la, Storage b, Layout lb)
    {
        var (va, vb) = (Read(a, la), Read(b, lb));
        var y = new double[va.Length];
        for (var i = 0; i < y.Length; i++)
        {
            y[i] = Apply(op, va[i], vb[i]);
        }
        return Make(a.DType, y);
    }

    /// <inheritdoc/>
    public Storage Compare(CompareOp op, Storage a, Layout la, Storage b, Layout lb)
    {
        var (va, vb) = (Read(a, la), Read(b, lb));
        var y = new double[va.Length];
        for (var i = 0; i < y.Length; i++)
        {
            var truth = op switch
            {
                CompareOp.Equal => va[i] == vb[i],
                CompareOp.NotEqual => va[i] != vb[i],
                CompareOp.Less => va[i] < vb[i],
                CompareOp.LessEqual => va[i] <= vb[i],
                CompareOp.Greater => va[i] > vb[i],
                _ => va[i] >= vb[i],
            };
            y[i] = truth ? 1 : 0;
        }
        return Make(a.DType, y);
    }

    /// <inheritdoc/>
    public Storage Where(Storage cond, Layout lc, Storage a, Layout la, Storage b, Layout lb)
    {
        var (vc, va, vb) = (Read(cond, lc), Read(a, la), Read(b, lb));
        var y = new double[va.Length];
        for (var i = 0; i < y.Length; i++)
        {
            y[i] = vc[i] != 0 ? va[i] : vb[i];
        }
        return Make(a.DType, y);
    }

    /// <inheritdoc/>
    public Storage Clamp(Storage x, Layout lx, double min, double max) =>
        Make(x.DType, Array.ConvertAll(Read(x, lx), v => double.IsNaN(v) ? v : v < min ? min : v > max ? max : v));

    /// <inheritdoc/>
    public Storage SignStep(Storage x, Layout lx, Storage direction, Layout ld, double step, double min, double max)
    {
        // The step rounded to the dtype, then this backend's own Clamp.
        var stepped = SignStep(x, lx, direction, ld, step);
        return Clamp(stepped, Layout.Contiguous(lx.Shape), min, max);
    }

    private Storage SignStep(Storage x, Layout lx, Storage direction, Layout ld, double step)
    {
        // The step in the dtype, the sum exact in double and rounded once: float addition's own result.
        var s = x.DType == DType.Float32 ? (float)step : step;
        var values = Read(x, lx);
        var d = Read(direction, ld);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] += (d[i] > 0 ? 1 : d[i] < 0 ? -1 : 0) * s;
        }
        return Make(x.DType, values);
    }

    private static double Apply(UnaryOp op, double x) => op switch
    {
        UnaryOp.Neg => -x,
        UnaryOp.Abs => Math.Abs(x),
        UnaryOp.Sign => x > 0 ? 1 : x < 0 ? -1 : 0,
        UnaryOp.Exp => Math.Exp(x),
        UnaryOp.Log => Math.Log(x),
        UnaryOp.Sqrt => Math.Sqrt(x),
        UnaryOp.Square => x * x,
        UnaryOp.Reciprocal => 1 / x,
        UnaryOp.Sin => Math.Sin(x),
        UnaryOp.Cos => Math.Cos(x),
        UnaryOp.Tanh => Math.Tanh(x),
        UnaryOp.Sigmoid => 1 / (1 + Math.Exp(-x)),
        UnaryOp.Relu => double.IsNaN(x) ? x : x > 0 ? x : 0,
        UnaryOp.Softplus => x > 30 ? x : Math.Log(1 + Math.Exp(x)),
        UnaryOp.Step => x > 0 ? 1 : 0,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unknown unary op"),
    };

    private static double Apply(BinaryOp op, double a, double b) => op switch
    {
        BinaryOp.Add => a + b,
        BinaryOp.Sub => a - b,
        BinaryOp.Mul => a * b,
        BinaryOp.Div => a / b,
        BinaryOp.Max => double.IsNaN(a) || double.IsNaN(b) ? double.NaN : a > b ? a : b,
        BinaryOp.Min => double.IsNaN(a) || double.IsNaN(b) ? double.NaN : a < b ? a : b,
        BinaryOp.Pow => Math.Pow(a, b),
        BinaryOp.ReluBackward => b > 0 ? a : 0,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unknown binary op"),
    };
}
