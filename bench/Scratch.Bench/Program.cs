using BenchmarkDotNet.Running;

namespace Scratch.Bench;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project bench/Scratch.Bench -- --filter '*Gemm*'</c>. The GPU
/// summary table (SGEMM against the FP32 peak, bandwidth against a copy) is <c>scratch gpu-check</c>'s.
/// <c>-- gemm-report</c>, <c>-- conv-report</c> and <c>-- train-report</c> print the stopwatch tables of
/// <see cref="Tensor.GemmReport"/>; <c>-- gemm-sweep</c> and <c>-- gemm-threads</c> the cache-blocking and thread-threshold
/// sweeps of <see cref="Tensor.GemmBlockingSweep"/>.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["gemm-report", ..])
        {
            Tensor.GemmReport.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10);
            return;
        }
        if (args is ["train-report", ..])
        {
            Tensor.GemmReport.RunTraining(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3);
            return;
        }
        if (args is ["conv-report", ..])
        {
            Tensor.GemmReport.RunConv(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3);
            return;
        }
        if (args is ["gemm-threads", ..])
        {
            Tensor.GemmBlockingSweep.RunThreads(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2000);
            return;
        }
        if (args is ["gemm-sweep", ..])
        {
            Tensor.GemmBlockingSweep.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
