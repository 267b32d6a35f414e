using Scratch.Backends.Cpu;
using Scratch.BenchSuite.Harness;

namespace Scratch.BenchSuite.Cases;

/// <summary>C = A·B for n×n row-major matrices, float32 and float64, 1 and 2 threads (2n³ FLOP).</summary>
public static class GemmCases
{
    /// <summary>The sizes of a mode: quick 64…2048 (float64 to 1024), full 64…4096.</summary>
    public static int[] Sizes(string mode, DType dtype) => (mode, dtype) switch
    {
        ("quick", DType.Float64) => [64, 256, 1024],
        ("quick", _) => [64, 256, 1024, 2048],
        _ => [64, 128, 256, 512, 1024, 2048, 4096],
    };

    /// <summary>Every GEMM case an engine runs in a mode.</summary>
    public static IEnumerable<BenchCase> For(Engine engine, string mode)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            foreach (var threads in engine.IsReference || engine.IsGpu ? [1] : new[] { 1, 2 })
            {
                foreach (var n in Sizes(mode, dtype).Where(n => !engine.IsReference || n <= 256))
                {
                    string variant = $"{dtype.Name()}, {threads} thread{(threads > 1 ? "s" : "")}";
                    yield return new BenchCase("gemm", variant, $"n = {n}", n, threads, 2.0 * n * n * n, 0,
                        dtype == DType.Float32 ? 1e-4 : 1e-10, () => Prepare(engine, n, dtype, threads));
                }
            }
        }
    }

    private static Prepared Prepare(Engine engine, int n, DType dtype, int threads)
    {
        if (engine.IsReference || engine.IsGpu)
        {
            var a = Tensor.FromArray(Inputs.Doubles((long)n * n, 1), n, n).To(dtype).To(engine.Device);
            var b = Tensor.FromArray(Inputs.Doubles((long)n * n, 2), n, n).To(dtype).To(engine.Device);
            Tensor? c = null;
            return new Prepared(() => { c = Tensor.MatMul(a, b); engine.Synchronize(); },
                () => c!.To(Device.Cpu).To(DType.Float64).ToArray<double>());
        }
        var options = new GemmOptions { MaxThreads = threads };
        if (dtype == DType.Float32)
        {
            float[] af = Inputs.Floats((long)n * n, 1), bf = Inputs.Floats((long)n * n, 2), cf = new float[n * n];
            return new Prepared(
                () => Gemm.Multiply(GemmTranspose.None, GemmTranspose.None, n, n, n, 1f, af, n, bf, n, 0f, cf, n, options),
                () => [.. cf.Select(v => (double)v)]);
        }
        double[] ad = Inputs.Doubles((long)n * n, 1), bd = Inputs.Doubles((long)n * n, 2), cd = new double[n * n];
        return new Prepared(
            () => Gemm.Multiply(GemmTranspose.None, GemmTranspose.None, n, n, n, 1.0, ad, n, bd, n, 0.0, cd, n, options),
            () => (double[])cd.Clone());
    }
}
