using Scratch.BenchSuite.Harness;

namespace Scratch.BenchSuite.Cases;

/// <summary>
/// Elementwise ops and reductions over n float32 values through each engine's tensor API, by n (the reductions over
/// values in [0, 1)); bytes are those read and written (add, mul: 12n; exp, relu: 8n; sum, max: 4n). Each op runs
/// bare (its output allocated, as a user calling it outside any scope gets it) and, on every engine but the
/// reference, inside a scope per call (its output from the pool, as in a training step; see <see cref="Scoped"/>).
/// </summary>
public static class ElementwiseCases
{
    /// <summary>The sizes of a mode: quick 2¹²…2²², full 2¹²…2²⁴.</summary>
    public static int[] Sizes(string mode) => mode == "quick" ? [1 << 12, 1 << 16, 1 << 20, 1 << 22] : [1 << 12, 1 << 14, 1 << 16, 1 << 18, 1 << 20, 1 << 22, 1 << 24];

    private static readonly (string Op, int BytesPerElement, Func<Tensor, Tensor, Tensor> Run)[] Ops =
    [
        ("add", 12, (a, b) => a + b),
        ("mul", 12, (a, b) => a * b),
        ("exp", 8, (a, _) => a.Exp()),
        ("relu", 8, (a, _) => a.Relu()),
        ("sum", 4, (a, _) => a.Sum()),
        ("max", 4, (a, _) => a.Max()),
    ];

    /// <summary>Every elementwise case an engine runs in a mode (the reference: to 2²⁰).</summary>
    public static IEnumerable<BenchCase> For(Engine engine, string mode, int threads)
    {
        foreach (var (op, perElement, run) in Ops)
        {
            foreach (var n in Sizes(mode).Where(n => !engine.IsReference || n <= 1 << 20))
            {
                foreach (var scoped in Scoped.Ways(engine))
                {
                    yield return new BenchCase("elementwise", op, $"n = 2^{Log2(n)}", n, threads, 0, (double)perElement * n,
                        op == "sum" ? 1e-4 : 1e-5, () =>
                        {
                            // Reductions read pixels in [0, 1): a sum without cancellation can be checked to a relative tolerance.
                            var a = Tensor.FromArray(op is "sum" or "max" ? Inputs.Pixels(n, 1) : Inputs.Floats(n, 1), n).To(engine.Device);
                            var b = Tensor.FromArray(Inputs.Floats(n, 2), n).To(engine.Device);
                            return Scoped.Prepare(engine, () => run(a, b), scoped);
                        }, scoped);
                }
            }
        }
    }

    private static int Log2(int n) => 31 - int.LeadingZeroCount(n);
}
