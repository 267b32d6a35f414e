namespace Scratch.BenchSuite.Cases;

/// <summary>
/// Prepares a tensor op both ways the suite times it: bare, as a user calling it outside any scope gets it (its
/// output allocated), and inside a <see cref="DeviceScope"/> opened per call (its output from the pool, returned
/// when the call's scope ends), as <c>Trainer.Step</c> and the attacks run it (docs/memory.md).
/// </summary>
public static class Scoped
{
    /// <summary>
    /// The case ready to run. Bare: each call keeps its output, fingerprinted after the first. Scoped: each call
    /// opens a scope, runs the op and waits for the device before the scope returns the output's memory; the
    /// fingerprinted output is that of one more scoped call, copied out before its scope ends.
    /// </summary>
    public static Prepared Prepare(Engine engine, Func<Tensor> op, bool scoped)
    {
        if (!scoped)
        {
            Tensor? result = null;
            return new Prepared(() => { result = op(); engine.Synchronize(); }, () => ToDoubles(result!));
        }
        return new Prepared(
            () =>
            {
                using var scope = DeviceScope.Begin();
                op();
                engine.Synchronize();
            },
            () =>
            {
                using var scope = DeviceScope.Begin();
                return ToDoubles(op());
            });
    }

    /// <summary>Whether an engine runs scoped cases beside its bare ones (every engine but the naive reference backend).</summary>
    public static bool[] Ways(Engine engine) => engine.IsReference ? [false] : [false, true];

    private static double[] ToDoubles(Tensor t) => t.To(Device.Cpu).To(DType.Float64).Reshape(-1).ToArray<double>();
}
