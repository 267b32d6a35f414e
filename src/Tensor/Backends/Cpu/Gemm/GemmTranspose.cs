namespace Scratch.Backends.Cpu;

/// <summary>Whether a GEMM operand is used as stored or transposed (BLAS <c>trans</c> argument).</summary>
public enum GemmTranspose
{
    /// <summary>The operand is used as stored: op(X) = X.</summary>
    None,

    /// <summary>The operand is used transposed: op(X) = Xᵀ.</summary>
    Transpose,
}
