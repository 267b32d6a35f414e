using BenchmarkDotNet.Running;

namespace Scratch.Bench;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project bench/Scratch.Bench -- --filter '*Gemm*'</c>;
/// <c>-- gpu-report</c> prints the GPU summary table of scripts/gpu-check.sh instead.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["gpu-report"])
        {
            Gpu.GpuReport.Run();
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
