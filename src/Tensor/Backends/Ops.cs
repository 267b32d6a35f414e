namespace Scratch.Backends;

/// <summary>Elementwise functions of one argument.</summary>
public enum UnaryOp
{
    /// <summary>−x</summary>
    Neg,
    /// <summary>|x|</summary>
    Abs,
    /// <summary>sign(x) ∈ {−1, 0, 1}; NaN maps to 0 (unlike TensorPrimitives.Sign, which throws).</summary>
    Sign,
    /// <summary>eˣ</summary>
    Exp,
    /// <summary>ln x</summary>
    Log,
    /// <summary>√x</summary>
    Sqrt,
    /// <summary>x²</summary>
    Square,
    /// <summary>1/x</summary>
    Reciprocal,
    /// <summary>sin x</summary>
    Sin,
    /// <summary>cos x</summary>
    Cos,
    /// <summary>tanh x</summary>
    Tanh,
    /// <summary>1/(1+e⁻ˣ)</summary>
    Sigmoid,
    /// <summary>max(x, 0)</summary>
    Relu,
    /// <summary>ln(1+eˣ), computed stably as max(x,0) + ln(1+e^−|x|).</summary>
    Softplus,
    /// <summary>1 where x &gt; 0, else 0 (the derivative of ReLU, with ReLU′(0) = 0).</summary>
    Step,
}

/// <summary>Elementwise functions of two (broadcast) arguments.</summary>
public enum BinaryOp
{
    /// <summary>a + b</summary>
    Add,
    /// <summary>a − b</summary>
    Sub,
    /// <summary>a · b</summary>
    Mul,
    /// <summary>a / b</summary>
    Div,
    /// <summary>max(a, b), NaN-propagating</summary>
    Max,
    /// <summary>min(a, b), NaN-propagating</summary>
    Min,
    /// <summary>aᵇ</summary>
    Pow,
    /// <summary>a where b &gt; 0, else 0: the backward of ReLU, a·ReLU′(b) with ReLU′(0) = 0, in one pass (PyTorch's threshold_backward).</summary>
    ReluBackward,
}

/// <summary>Elementwise comparisons; results are 1 (true) or 0 (false) in the inputs' dtype.</summary>
public enum CompareOp
{
    /// <summary>a == b</summary>
    Equal,
    /// <summary>a != b</summary>
    NotEqual,
    /// <summary>a &lt; b</summary>
    Less,
    /// <summary>a ≤ b</summary>
    LessEqual,
    /// <summary>a &gt; b</summary>
    Greater,
    /// <summary>a ≥ b</summary>
    GreaterEqual,
}

/// <summary>Reductions along axes.</summary>
public enum ReduceOp
{
    /// <summary>Σ x</summary>
    Sum,
    /// <summary>Σ x / n</summary>
    Mean,
    /// <summary>max x (NaN-propagating; −∞ for an empty reduction is an error)</summary>
    Max,
    /// <summary>min x</summary>
    Min,
    /// <summary>log Σ eˣ, computed as m + log Σ e^(x−m) with m = max x</summary>
    LogSumExp,
}

/// <summary>Index-of reductions along one axis; results are int32.</summary>
public enum ArgReduceOp
{
    /// <summary>Index of the first maximum.</summary>
    ArgMax,
    /// <summary>Index of the first minimum.</summary>
    ArgMin,
}

/// <summary>Distributions of the counter-based random generator.</summary>
public enum RandomDistribution
{
    /// <summary>Uniform on [0, 1).</summary>
    Uniform,
    /// <summary>Standard normal N(0, 1) by the Box–Muller transform.</summary>
    Normal,
}
