using Scratch.BenchSuite.Harness;
using TorchSharp;
using static TorchSharp.torch;
using TTensor = TorchSharp.torch.Tensor;

namespace Scratch.Bench.Torch;

/// <summary>Where a pair's rows go in the suite's tables: group, variant, case, x, and the work of one run.</summary>
public sealed record Row(string Group, string Variant, string Case, double X, double Flops = 0, double Bytes = 0);

/// <summary>
/// Scratch (the baseline) and TorchSharp-cpu on the same inputs (the suite's <see cref="Inputs"/>) in one
/// BenchmarkDotNet run, so that each row has both times and their ratio. Every setup sets TorchSharp's threads, runs
/// both engines once and compares their outputs' fingerprints before any timing. Tensor-API calls run in a
/// per-call scope on both sides (Scratch's <see cref="DeviceScope"/>, TorchSharp's DisposeScope), so that neither
/// keeps nor allocates afresh what the other recycles.
/// </summary>
public abstract class Pair
{
    /// <summary>Threads for both engines (set explicitly: GemmOptions / the process for Scratch, set_num_threads for libtorch).</summary>
    public static int Threads => Environment.ProcessorCount;

    /// <summary>"float32, 2 threads": the suite's variant name of a dtype at <see cref="Threads"/>.</summary>
    protected static string Variant(string dtype) => $"{dtype}, {Threads} thread{(Threads > 1 ? "s" : "")}";

    /// <summary>The table row of a benchmark method of this pair (its parameters already set).</summary>
    public abstract Row Describe();

    /// <summary>Sets TorchSharp's thread count (called first by every setup).</summary>
    protected static void UseThreads() => torch.set_num_threads(Threads);

    /// <summary>Throws, naming the pair, when TorchSharp's output differs from Scratch's beyond the relative tolerance.</summary>
    protected static void Check(string what, IEnumerable<double> scratch, IEnumerable<double> torchSharp, double tolerance)
    {
        if (Fingerprint.Mismatch(Fingerprint.Of([.. torchSharp]), Fingerprint.Of([.. scratch]), tolerance) is { } why)
        {
            throw new InvalidOperationException($"{what}: TorchSharp's output differs from Scratch's: {why}");
        }
    }

    /// <summary>A tensor's values as float64, whatever its dtype.</summary>
    protected static double[] Values(TTensor t) => t.to_type(ScalarType.Float64).contiguous().data<double>().ToArray();

    /// <summary>A Scratch tensor's values as float64.</summary>
    protected static double[] Values(Scratch.Tensor t) => t.To(DType.Float64).Reshape(-1).ToArray<double>();

    protected static TTensor Torch(float[] data, params long[] shape) => torch.tensor(data, shape);

    protected static TTensor Labels(int[] labels) => torch.tensor(labels.Select(v => (long)v).ToArray());

    /// <summary>Gives a TorchSharp model Scratch's weights: the same parameters in the same order and shapes.</summary>
    /// <exception cref="InvalidOperationException">The two models' parameters differ in number or shape.</exception>
    protected static void CopyWeights(nn.Module torchModel, Scratch.Nn.Module scratchModel)
    {
        var (theirs, ours) = (torchModel.parameters().ToList(), scratchModel.Parameters().ToList());
        if (theirs.Count != ours.Count)
        {
            throw new InvalidOperationException($"the TorchSharp model has {theirs.Count} parameters, Scratch's {ours.Count}; expected the same layers");
        }
        using (torch.no_grad())
        {
            foreach (var (p, s) in theirs.Zip(ours))
            {
                if (!p.shape.SequenceEqual(s.Value.Shape.ToArray().Select(d => (long)d)))
                {
                    throw new InvalidOperationException($"parameter shapes [{string.Join(", ", p.shape)}] and [{s.Value.Shape}] differ; expected the same layers in the same order");
                }
                p.copy_(torch.tensor(s.Value.ToArray<float>(), p.shape));
            }
        }
    }
}
