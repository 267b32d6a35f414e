using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Scratch.Backends.Cpu;

namespace Scratch.Tests.Backends;

/// <summary>Seeded random data and machine facts shared by the kernel tests.</summary>
internal static class TestData
{
    /// <summary>Uniform values in [-1, 1) from a seeded generator, so every run sees the same data.</summary>
    public static T[] Uniform<T>(Random random, int length) where T : IFloatingPoint<T>
    {
        var values = new T[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = T.CreateChecked(random.NextDouble() * 2 - 1);
        }

        return values;
    }

    /// <summary>Every SIMD width the GEMM can run on this machine, narrowest last.</summary>
    public static SimdWidth[] SupportedWidths()
    {
        var widths = new List<SimdWidth>();
        if (Vector512.IsHardwareAccelerated)
        {
            widths.Add(SimdWidth.Vector512);
        }

        if (Vector256.IsHardwareAccelerated && Fma.IsSupported)
        {
            widths.Add(SimdWidth.Vector256);
        }

        widths.Add(SimdWidth.Scalar);
        return [.. widths];
    }

    /// <summary>Inner product Σ x·y in double.</summary>
    public static double Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) where T : IFloatingPoint<T>
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += double.CreateChecked(x[i]) * double.CreateChecked(y[i]);
        }

        return sum;
    }
}
