using BenchmarkDotNet.Running;

namespace Scratch.Bench;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project bench/Scratch.Bench -- --filter '*Gemm*'</c>. The GPU
/// summary table (SGEMM against the FP32 peak, bandwidth against a copy) is <c>scratch gpu-check</c>'s.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
