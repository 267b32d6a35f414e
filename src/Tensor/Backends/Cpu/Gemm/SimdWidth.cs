namespace Scratch.Backends.Cpu;

/// <summary>Which register width the GEMM microkernel uses.</summary>
public enum SimdWidth
{
    /// <summary>The widest width that is hardware-accelerated on this machine.</summary>
    Auto,

    /// <summary>512-bit vectors (AVX-512): a 12×32 float / 12×16 double register tile.</summary>
    Vector512,

    /// <summary>256-bit vectors with FMA (AVX2): a 6×16 float / 6×8 double register tile.</summary>
    Vector256,

    /// <summary>Plain scalar code: a 4×4 register tile; runs anywhere.</summary>
    Scalar,
}
