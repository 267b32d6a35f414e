namespace Scratch.Autograd.Tests;

/// <summary>
/// Gradients and the tape under DeviceScope (docs/memory.md): a gradient the caller holds keeps its values
/// however many scoped steps run after it, and a scoped forward + backward reuses its memory step after step.
/// </summary>
public class GradMemoryTests
{
    private static Tensor Seeded(int seed, params int[] shape) => Tensor.Rand(new Shape(shape), new Generator((ulong)seed)) - 0.5;

    // L = Σ tanh(x·W)², so ∂L/∂x = (2·tanh(xW)·(1 − tanh²(xW)))·Wᵀ.
    private static Variable Loss(Variable x, Variable w) => x.MatMul(w).Tanh().Square().Sum();

    [Fact]
    public void Grad_HeldFromOutsideAnyScope_KeepsItsValuesThroughLaterScopedSteps()
    {
        var w = new Variable(Seeded(1, 8, 4));
        var x = new Variable(Seeded(2, 5, 8), requiresGrad: true);
        var held = Autodiff.Grad(Loss(x, w), x);
        var expected = held.ToArray<float>();
        for (var step = 0; step < 4; step++)
        {
            using var scope = DeviceScope.Begin();
            var other = new Variable(Seeded(10 + step, 5, 8), requiresGrad: true);
            _ = Autodiff.Grad(Loss(other, w), other);
        }
        Assert.Equal(expected, held.ToArray<float>());
    }

    [Fact]
    public void Grad_KeptFromItsScope_KeepsItsValues_AndEqualsTheUnscopedGradient()
    {
        var w = new Variable(Seeded(3, 8, 4));
        var x = new Variable(Seeded(4, 5, 8), requiresGrad: true);
        var unscoped = Autodiff.Grad(Loss(x, w), x).ToArray<float>();
        Tensor kept;
        using (var scope = DeviceScope.Begin())
        {
            kept = scope.Keep(Autodiff.Grad(Loss(x, w), x));
        }
        for (var step = 0; step < 3; step++)
        {
            using var scope = DeviceScope.Begin();
            var other = new Variable(Seeded(20 + step, 5, 8), requiresGrad: true);
            _ = Autodiff.Grad(Loss(other, w), other);
        }
        Assert.Equal(unscoped, kept.ToArray<float>());
    }

    [Fact]
    public void LeafGrad_AccumulatedInsideAScope_IsRecycledWithIt_AndCannotBeRead()
    {
        var w = new Variable(Seeded(5, 8, 4), requiresGrad: true);
        var x = new Variable(Seeded(6, 5, 8));
        using (DeviceScope.Begin())
        {
            Loss(x, w).Backward();
        }
        Assert.NotNull(w.Grad);
        Assert.Throws<ObjectDisposedException>(() => w.Grad!.ToArray<float>());
    }

    [Fact]
    public void ScopedForwardAndBackward_AllocatesNoHostMemoryAfterTheFirstStep()
    {
        var w = new Variable(Seeded(7, 64, 32), requiresGrad: true);
        var x = new Variable(Seeded(8, 16, 64));
        void Step()
        {
            using var scope = DeviceScope.Begin();
            Loss(x, w).Backward();
            w.ZeroGrad();
        }
        Step();
        var before = HostMemory.Allocations;
        for (var i = 0; i < 3; i++)
        {
            Step();
        }
        Assert.Equal(before, HostMemory.Allocations);
    }
}
