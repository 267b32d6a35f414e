using Scratch.BenchSuite.Cases;
using Scratch.BenchSuite.Harness;

namespace Scratch.BenchSuite.Tests;

public sealed class ScopedCaseTests : IDisposable
{
    private static readonly Engine Cpu = Engine.Parse("scratch")!;
    private readonly string _file = Path.GetTempFileName();

    public void Dispose() => File.Delete(_file);

    // Allocations on this thread by `calls` calls after a first one (the pool emptied first: nothing left by other tests).
    private static long AllocationsOf(Action run, int calls)
    {
        HostMemory.Trim();
        run();
        long before = HostMemory.Allocations;
        for (int i = 0; i < calls; i++)
        {
            run();
        }
        return HostMemory.Allocations - before;
    }

    [Fact]
    public void A_scoped_call_takes_its_output_from_the_pool_and_a_bare_call_allocates_it()
    {
        var a = Tensor.FromArray(Inputs.Floats(50_000, 1), 50_000);
        var b = Tensor.FromArray(Inputs.Floats(50_000, 2), 50_000);

        var bare = Scoped.Prepare(Cpu, () => a + b, scoped: false);
        var scoped = Scoped.Prepare(Cpu, () => a + b, scoped: true);

        Assert.Equal(5, AllocationsOf(bare.Run, 5));
        Assert.Equal(0, AllocationsOf(scoped.Run, 5));
    }

    [Fact]
    public void A_scoped_output_is_the_ops_result_copied_out_before_its_scope_ends()
    {
        var a = Tensor.FromArray(new float[] { 1, 2, 3 }, 3);
        var b = Tensor.FromArray(new float[] { 10, 20, 30 }, 3);
        var scoped = Scoped.Prepare(Cpu, () => a * b, scoped: true);

        scoped.Run();
        var first = scoped.Output!();
        var second = scoped.Output!();

        Assert.Equal([10.0, 40.0, 90.0], first);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Every_elementwise_and_softmax_case_runs_bare_then_scoped_and_the_reference_only_bare()
    {
        var cpu = ElementwiseCases.For(Cpu, "quick", 1).Concat(SoftmaxCases.For(Cpu, "quick", 1)).ToList();
        var reference = ElementwiseCases.For(Engine.Parse("reference")!, "quick", 1).ToList();

        Assert.Equal(cpu.Count / 2, cpu.Count(c => c.Scoped));
        foreach (var scoped in cpu.Where(c => c.Scoped))
        {
            Assert.Contains(cpu.Take(cpu.IndexOf(scoped)), c => !c.Scoped && c.Key == scoped.Key);
        }
        Assert.DoesNotContain(reference, c => c.Scoped);
        Assert.Equal("scratch-v512 (scoped)", cpu.First(c => c.Scoped).EngineName("scratch-v512"));
    }

    [Fact]
    public void A_scoped_case_is_checked_against_the_runs_own_bare_record_and_a_mismatch_is_not_timed()
    {
        var runner = new CaseRunner("scratch-v512", new Harness.Timer(0, 0, 1, 1), new Dictionary<string, ResultRecord>(), TextWriter.Null);
        double[] values = [1, 2, 3];
        BenchCase Case(bool scoped, double[] output) => new("elementwise", "add", "n = 3", 3, 1, 0, 12, 1e-5,
            () => new Prepared(() => { }, () => output), scoped);

        var bare = runner.Run(Case(false, values));
        var same = runner.Run(Case(true, values));
        var different = runner.Run(Case(true, [1, 2, 4]));

        Assert.Equal(("scratch-v512", "reference"), (bare.Engine, bare.Check));
        Assert.Equal(("scratch-v512 (scoped)", "ok"), (same.Engine, same.Check));
        Assert.StartsWith("mismatch", different.Check, StringComparison.Ordinal);
        Assert.Empty(different.Seconds);
    }

    [Fact]
    public void The_records_others_are_checked_against_leave_out_the_scoped_ones()
    {
        ResultRecord Record(string engine, double sum) => new()
        {
            Group = "elementwise", Variant = "add", Case = "n = 3", Engine = engine, Print = [3, sum, 6, 1, 1, 2, 2, 3, 3],
        };
        File.WriteAllLines(_file, [Record("scratch-v512", 6).ToJson(), Record("scratch-v512 (scoped)", 7).ToJson()]);

        var expected = CaseRunner.Expected(_file);

        Assert.Equal(6, Assert.Single(expected).Value.Print[1]);
    }

    [Fact]
    public void Two_bare_records_of_one_case_are_refused_naming_the_file_and_case()
    {
        var r = new ResultRecord { Group = "gemm", Variant = "float32", Case = "n = 64", Engine = "scratch-v512", Print = [1, 1, 1, 1, 1, 1, 1, 1, 1] };
        File.WriteAllLines(_file, [r.ToJson(), r.ToJson()]);

        var e = Assert.Throws<InvalidDataException>(() => CaseRunner.Expected(_file));

        Assert.Contains(_file, e.Message, StringComparison.Ordinal);
        Assert.Contains("gemm/float32/n = 64", e.Message, StringComparison.Ordinal);
    }
}
