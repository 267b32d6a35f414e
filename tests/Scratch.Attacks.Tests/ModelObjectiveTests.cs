using Scratch.Optim;

namespace Scratch.Attacks.Tests;

public class ModelObjectiveTests
{
    // f(x) = Σ (x − c)², minimised over the box [0, 1]⁴: the solution is clamp(c, 0, 1).
    private static readonly double[] Target = [-0.5, 0.25, 0.75, 2.0];

    private static Variable Quadratic(Variable x) =>
        (x - new Variable(Tensor.FromArray(Target).To(x.DType).To(x.Device))).Square().Sum();

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Create_FloatTensorObjective_SolvesBoxedQuadratic(DType dtype)
    {
        var f = ModelObjective.Create(Quadratic, [4], dtype);
        var r = Lbfgsb.Minimize(f, new double[4], BoxBounds.Uniform(4, 0, 1));
        Assert.True(r.Converged, r.StopReason.ToString());
        var expected = new[] { 0.0, 0.25, 0.75, 1.0 };
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(expected[i], r.X[i], 5);
        }
        Assert.Equal(new[] { 0 }, r.AtLower);
        Assert.Equal(new[] { 3 }, r.AtUpper);
    }

    [Fact]
    public void Create_Float32Model_SeesEachDoubleRoundedAsToFloat32Would()
    {
        // The point reaches a float32 model in one conversion pass; it must be what Tensor.To(Float32) makes of the
        // same doubles, bit for bit: ties, values between floats, subnormals, overflow and NaN included.
        double[] point = [0.1, 1.0 / 3, 1 + Math.Pow(2, -24), -2.5e-45, 1e-50, 3.5e38, -1e300, double.NaN, -0.0, 0.75];
        float[]? seen = null;
        var f = ModelObjective.Create(v =>
        {
            seen = v.Data.ToArray<float>();
            return v.Sum();
        }, [point.Length]);
        f(point, new double[point.Length]);
        var expected = Tensor.FromArray(point).To(DType.Float32).ToArray<float>();
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), seen!.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal((float)(1.0 / 3), seen![1]);
    }

    [Fact]
    public void CreateBatched_Lockstep_EqualsSolvingEachAlone()
    {
        // Problem j minimises Σᵢ (x_i − c_i − j/10)² + x₀x₁ over [0, 1]²; the batched objective evaluates all at once.
        static Variable PerExample(Variable batch, IReadOnlyList<int> ids)
        {
            var shift = Tensor.FromArray(ids.Select(j => j / 10.0).ToArray(), ids.Count, 1);
            var d = batch - new Variable(shift) - 0.3;
            return d.Square().Sum(1) + batch.Narrow(1, 0, 1).Squeeze(1) * batch.Narrow(1, 1, 1).Squeeze(1);
        }
        var starts = Enumerable.Range(0, 4).Select(_ => new double[] { 0.5, 0.5 }).ToList();
        var bounds = starts.Select(_ => (BoxBounds?)BoxBounds.Uniform(2, 0, 1)).ToList();
        var batched = ModelObjective.CreateBatched(PerExample, [2], DType.Float64);
        var rounds = 0;
        var results = LockstepDriver.Minimize(starts, bounds, (active, points, values, gradients) =>
        {
            rounds++;
            batched(active, points, values, gradients);
        });
        for (var j = 0; j < 4; j++)
        {
            var alone = Lbfgsb.Minimize(ModelObjective.Create(x => PerExample(x.Reshape(1, 2), [j]).Sum(), [2], DType.Float64),
                starts[j], BoxBounds.Uniform(2, 0, 1));
            Assert.Equal(alone.X.ToArray(), results[j].X.ToArray());
            Assert.Equal(alone.Iterations, results[j].Iterations);
        }
        Assert.Equal(results.Max(r => r.Evaluations), rounds);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(7, 7)]
    [InlineData(8, 8)]
    [InlineData(9, 10)]
    [InlineData(13, 14)]
    [InlineData(17, 20)]
    [InlineData(100, 112)]
    [InlineData(128, 128)]
    [InlineData(129, 160)]
    public void BatchRows_RoundsUpToAQuarterOfTheHighestPowerOfTwo(int problems, int rows) =>
        Assert.Equal(rows, ModelObjective.BatchRows(problems));

    [Theory]
    [InlineData(9)]
    [InlineData(13)]
    [InlineData(37)]
    [InlineData(100)]
    public void CreateBatched_PaddedBatch_GivesEachProblemTheBitsOfAnUnpaddedBatch(int k)
    {
        // A float32 objective with a matrix product per row: tanh(x·W)·1 + c_j·‖x‖², c_j from the problem's index.
        const int n = 40;
        var w = Tensor.Randn([n, 7], new Generator(5));
        Variable PerExample(Variable batch, IReadOnlyList<int> ids)
        {
            var c = Tensor.FromArray(ids.Select(j => (float)(0.1 + 0.01 * j)).ToArray(), ids.Count);
            return batch.MatMul(new Variable(w)).Tanh().Sum(1) + batch.Square().Sum(1) * new Variable(c);
        }
        var active = Enumerable.Range(0, k).Select(j => 2 * j + 1).ToList();
        var points = Tensor.Rand([k, n], new Generator(6)).To(DType.Float64);
        var pointRows = Enumerable.Range(0, k).Select(j => (ReadOnlyMemory<double>)points.Narrow(0, j, 1).ToArray<double>()).ToList();
        var values = new double[k];
        var gradients = Enumerable.Range(0, k).Select(_ => (Memory<double>)new double[n]).ToList();

        ModelObjective.CreateBatched(PerExample, [n])(active, pointRows, values, gradients);

        var batch = new Variable(points.To(DType.Float32), requiresGrad: true);
        var expected = PerExample(batch, active);
        var expectedGradient = Autodiff.Grad(expected.Sum(), batch).To(DType.Float64);
        Assert.Equal(expected.Data.To(DType.Float64).ToArray<double>(), values);
        for (var j = 0; j < k; j++)
        {
            Assert.Equal(expectedGradient.Narrow(0, j, 1).ToArray<double>(), gradients[j].ToArray());
        }
    }

    [Fact]
    public void Create_NonScalarObjective_IsAClearError()
    {
        var f = ModelObjective.Create(x => x * 2, [3]);
        var e = Assert.Throws<ArgumentException>(() => f(new double[3], new double[3]));
        Assert.Contains("[3]", e.Message);
    }
}
