using Scratch.Autograd;
using Scratch.BenchSuite.Harness;
using Scratch.Nn;

namespace Scratch.BenchSuite.Cases;

/// <summary>
/// Softmax over the rows of a [rows, classes] float32 batch of logits, and softmax cross-entropy's forward and
/// backward (the gradient with respect to the logits, mean over the batch), by the number of logits; bare and, on
/// every engine but the reference, inside a scope per call (<see cref="Scoped"/>).
/// </summary>
public static class SoftmaxCases
{
    private static (int Rows, int Classes)[] Shapes(string mode) =>
        mode == "quick" ? [(128, 10), (1024, 100), (1024, 1000)] : [(128, 10), (1024, 100), (1024, 1000), (8192, 1000)];

    /// <summary>Every softmax case an engine runs in a mode (the reference: to 10⁵ logits).</summary>
    public static IEnumerable<BenchCase> For(Engine engine, string mode, int threads)
    {
        foreach (var (rows, classes) in Shapes(mode).Where(s => !engine.IsReference || s.Rows * s.Classes <= 100_000))
        {
            int n = rows * classes;
            foreach (var scoped in Scoped.Ways(engine))
            {
                yield return new BenchCase("softmax", "softmax forward", $"{rows}×{classes}", n, threads, 0, 8.0 * n, 1e-5, () =>
                {
                    var logits = Tensor.FromArray(Inputs.Floats(n, 1, 8), rows, classes).To(engine.Device);
                    return Scoped.Prepare(engine, () => logits.Softmax(1), scoped);
                }, scoped);
                yield return new BenchCase("softmax", "cross-entropy forward + backward", $"{rows}×{classes}", n, threads, 0, 0, 1e-4, () =>
                {
                    var logits = Tensor.FromArray(Inputs.Floats(n, 1, 8), rows, classes).To(engine.Device);
                    var labels = Tensor.FromArray(Inputs.Labels(rows, 2, classes)).To(engine.Device);
                    return Scoped.Prepare(engine, () =>
                    {
                        var v = new Variable(logits, requiresGrad: true);
                        return Autodiff.Grad(Losses.CrossEntropy(v, labels), [v])[0];
                    }, scoped);
                }, scoped);
            }
        }
    }
}
