namespace Scratch.Tests;

/// <summary>
/// Tensor.Create: a tensor filled in place whose memory is an op result's, recycled with the scope it is made in
/// and never while a caller can still read it.
/// </summary>
public class TensorCreateTests
{
    [Fact]
    public void Create_FillsEveryElement_WithTheShapeAndTheElementType()
    {
        var t = Tensor.Create<double, int>([2, 3], 5, static (values, k) =>
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = i * k;
            }
        });
        Assert.Equal(new Shape(2, 3), t.Shape);
        Assert.Equal(DType.Float64, t.DType);
        Assert.Equal(new[] { 0.0, 5, 10, 15, 20, 25 }, t.ToArray<double>());
    }

    [Fact]
    public void Create_InScopes_ReusesOneArrayAndAnEndedBatchThrows()
    {
        Tensor first;
        using (DeviceScope.Begin())
        {
            first = Ramp(1000, 1);
        }
        var allocations = HostMemory.Allocations;
        for (var step = 2; step < 5; step++)
        {
            using var scope = DeviceScope.Begin();
            var t = Ramp(1000, step);
            Assert.Equal(step * 999f, t.ToArray<float>()[999]);
        }
        Assert.Equal(allocations, HostMemory.Allocations);
        Assert.Throws<ObjectDisposedException>(() => first.ToArray<float>());
    }

    [Fact]
    public void Create_OutsideEveryScope_KeepsItsValuesWhileLaterScopesRun()
    {
        var held = Ramp(777, 1);
        for (var step = 2; step < 4; step++)
        {
            using var scope = DeviceScope.Begin();
            Ramp(777, step);
        }
        Assert.Equal(Enumerable.Range(0, 777).Select(i => (float)i), held.ToArray<float>());
    }

    [Fact]
    public void Create_BadArguments_Throw()
    {
        Assert.Throws<NotSupportedException>(() => Tensor.Create<byte, int>([4], 0, static (_, _) => { }));
        Assert.Throws<ArgumentNullException>(() => Tensor.Create<float, int>([4], 0, null!));
    }

    // values[i] = step · i
    private static Tensor Ramp(int n, int step) => Tensor.Create<float, int>([n], step, static (values, s) =>
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = s * i;
        }
    });
}
