namespace Scratch.Nn;

/// <summary>
/// Seeded weight initialisation. Every function draws from a <see cref="Generator"/>, so the same seed
/// and the same sequence of calls give the same weights bit for bit on any device.
/// Fans follow PyTorch: for a weight of shape [out, in, k₁, k₂, …], fan_in = in·k₁·k₂·… and
/// fan_out = out·k₁·k₂·….
/// References: [1] Glorot &amp; Bengio 2010, "Understanding the difficulty of training deep feedforward
/// neural networks"; [2] He, Zhang, Ren &amp; Sun 2015, "Delving deep into rectifiers".
/// </summary>
public static class Init
{
    /// <summary>Draws a tensor with the initialisation <paramref name="kind"/>.</summary>
    public static Tensor Create(WeightInit kind, Shape shape, Generator generator, DType dtype = DType.Float32) => kind switch
    {
        WeightInit.XavierUniform => XavierUniform(shape, generator, dtype: dtype),
        WeightInit.XavierNormal => XavierNormal(shape, generator, dtype: dtype),
        WeightInit.HeUniform => HeUniform(shape, generator, dtype),
        WeightInit.HeNormal => HeNormal(shape, generator, dtype),
        WeightInit.Zeros => Zeros(shape, dtype),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown initialisation"),
    };

    /// <summary>(fan_in, fan_out) of a weight of shape [out, in, k…].</summary>
    /// <exception cref="ArgumentException">The shape has fewer than two dimensions.</exception>
    public static (int FanIn, int FanOut) Fans(Shape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Rank < 2)
        {
            throw new ArgumentException($"Init: fans need a weight of rank ≥ 2 ([out, in, k…]), got {shape}", nameof(shape));
        }
        var receptive = 1;
        for (var d = 2; d < shape.Rank; d++)
        {
            receptive *= shape[d];
        }
        return (shape[1] * receptive, shape[0] * receptive);
    }

    /// <summary>U(<paramref name="low"/>, <paramref name="high"/>) samples.</summary>
    public static Tensor Uniform(Shape shape, double low, double high, Generator generator, DType dtype = DType.Float32) =>
        Tensor.Rand(shape, generator, dtype) * (high - low) + low;

    /// <summary>N(0, <paramref name="std"/>²) samples.</summary>
    public static Tensor Normal(Shape shape, double std, Generator generator, DType dtype = DType.Float32) =>
        Tensor.Randn(shape, generator, dtype) * std;

    /// <summary>Glorot uniform [1]: U(−a, a) with a = gain·√(6 / (fan_in + fan_out)), so Var = gain²·2 / (fan_in + fan_out).</summary>
    public static Tensor XavierUniform(Shape shape, Generator generator, double gain = 1, DType dtype = DType.Float32)
    {
        var (fanIn, fanOut) = Fans(shape);
        var a = gain * Math.Sqrt(6.0 / (fanIn + fanOut));
        return Uniform(shape, -a, a, generator, dtype);
    }

    /// <summary>Glorot normal [1]: N(0, σ²) with σ = gain·√(2 / (fan_in + fan_out)).</summary>
    public static Tensor XavierNormal(Shape shape, Generator generator, double gain = 1, DType dtype = DType.Float32)
    {
        var (fanIn, fanOut) = Fans(shape);
        return Normal(shape, gain * Math.Sqrt(2.0 / (fanIn + fanOut)), generator, dtype);
    }

    /// <summary>He uniform [2] for ReLU layers: U(−a, a) with a = √(6 / fan_in), so Var = 2 / fan_in.</summary>
    public static Tensor HeUniform(Shape shape, Generator generator, DType dtype = DType.Float32)
    {
        var (fanIn, _) = Fans(shape);
        var a = Math.Sqrt(6.0 / fanIn);
        return Uniform(shape, -a, a, generator, dtype);
    }

    /// <summary>He normal [2] for ReLU layers: N(0, 2 / fan_in).</summary>
    public static Tensor HeNormal(Shape shape, Generator generator, DType dtype = DType.Float32)
    {
        var (fanIn, _) = Fans(shape);
        return Normal(shape, Math.Sqrt(2.0 / fanIn), generator, dtype);
    }

    /// <summary>All zeros (draws nothing from any generator).</summary>
    public static Tensor Zeros(Shape shape, DType dtype = DType.Float32) => Tensor.Zeros(shape, dtype);
}
