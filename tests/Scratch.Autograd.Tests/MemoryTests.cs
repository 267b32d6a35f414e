using System.Runtime.CompilerServices;
using Scratch.Autograd.Tests.Support;

namespace Scratch.Autograd.Tests;

/// <summary>Runs alone (not beside other test classes) because GC.GetTotalMemory measures the whole process.</summary>
[CollectionDefinition(nameof(MemoryTests), DisableParallelization = true)]
public class MemoryTestsCollection;

[Collection(nameof(MemoryTests))]
public class MemoryTests
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (Variable Loss, WeakReference Hidden) Build()
    {
        var x = new Variable(Seeded.Normal(110, [64, 64]), requiresGrad: true);
        var hidden = x.Tanh();
        // The hidden activation is now referenced only by the tape: tanh's and square's backward closures.
        return (hidden.Square().Sum(), new WeakReference(hidden.Data));
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    [Fact]
    public void Backward_ReleasesSavedIntermediates()
    {
        var (loss, hidden) = Build();
        Collect();
        Assert.True(hidden.IsAlive, "the tape must keep the intermediate until backward");
        loss.Backward();
        Collect();
        Assert.False(hidden.IsAlive, "backward must release the tensors it saved");
        GC.KeepAlive(loss);
    }

    [Fact]
    public void BackwardWithRetainGraph_KeepsSavedIntermediates()
    {
        var (loss, hidden) = Build();
        loss.Backward(retainGraph: true);
        Collect();
        Assert.True(hidden.IsAlive);
        GC.KeepAlive(loss);
    }

    [Fact]
    public void TrainingLoop_OfTenThousandSteps_DoesNotGrowMemory()
    {
        var x = Seeded.Normal(111, [8, 4]);
        var y = Seeded.Labels(112, 8, 3);
        var w = new Variable(Seeded.Normal(113, [3, 4]), requiresGrad: true);
        var b = new Variable(Tensor.Zeros([3], DType.Float64), requiresGrad: true);
        var first = 0.0;
        var baseline = 0L;
        var oldLosses = new List<WeakReference>();
        for (var step = 0; step < 10_000; step++)
        {
            var loss = Losses.CrossEntropy(new Variable(x).MatMul(w.MT) + b, y);
            loss.Backward();
            using (Autodiff.NoGrad())
            {
                w.Data -= w.Grad! * 0.1;
                b.Data -= b.Grad! * 0.1;
            }
            w.ZeroGrad();
            b.ZeroGrad();
            if (step == 0)
            {
                first = loss.Item();
            }
            if (step % 1000 == 0)
            {
                oldLosses.Add(new WeakReference(loss));
            }
            if (step == 500)
            {
                Collect();
                baseline = GC.GetTotalMemory(forceFullCollection: true);
            }
        }
        Collect();
        var growth = GC.GetTotalMemory(forceFullCollection: true) - baseline;
        Assert.True(growth < 1024 * 1024, $"memory grew by {growth} bytes over 9,500 steps");
        Assert.All(oldLosses, r => Assert.False(r.IsAlive, "a finished step's graph is still reachable"));
        Assert.True(Losses.CrossEntropy(new Variable(x).MatMul(w.MT) + b, y).Item() < first, "the loop should also have learned something");
    }
}
