namespace Scratch.Attacks.Tests.Lipschitz;

public class PowerIterationTests
{
    private static readonly PowerIterationOptions Tight = new() { Tolerance = 1e-13, MaxIterations = 100_000 };

    [Fact]
    public void OfMatrix_Diagonal_IsTheLargestAbsoluteEntry()
    {
        // ‖diag(d)‖₂ = max |dᵢ|
        double[] w = [3, 0, 0, 0, 0, -7, 0, 0, 0, 0, 2, 0];
        var result = SpectralNorm.OfMatrix(w, 3, 4, Tight);
        Assert.True(result.Converged);
        Assert.Equal(7, result.Norm, 1e-10);
    }

    [Fact]
    public void OfMatrix_RankOne_IsTheProductOfTheFactorNorms()
    {
        // W = u vᵀ has the single non-zero singular value ‖u‖·‖v‖.
        var u = LipschitzTestData.Gaussian(9, 1);
        var v = LipschitzTestData.Gaussian(5, 2);
        var w = LipschitzTestData.Multiply(u, v, 9, 1, 5);
        var result = SpectralNorm.OfMatrix(w, 9, 5);
        Assert.True(result.Converged);
        Assert.Equal(LipschitzTestData.Norm(u) * LipschitzTestData.Norm(v), result.Norm, 1e-12);
    }

    [Fact]
    public void OfMatrix_ScaledOrthogonal_IsTheScale()
    {
        // Every singular value of c·Q, Q orthogonal, is |c|.
        var w = LipschitzTestData.Householder(12, 3).Select(x => -2.5 * x).ToArray();
        var result = SpectralNorm.OfMatrix(w, 12, 12);
        Assert.True(result.Converged);
        Assert.Equal(2.5, result.Norm, 1e-12);
    }

    [Fact]
    public void OfMatrix_GeneralTwoByTwo_MatchesTheClosedForm()
    {
        var g = LipschitzTestData.Gaussian(4, 4);
        var result = SpectralNorm.OfMatrix(g, 2, 2, Tight);
        Assert.Equal(LipschitzTestData.TwoByTwoNorm(g[0], g[1], g[2], g[3]), result.Norm, 1e-10);
    }

    [Fact]
    public void OfMatrix_WideAndTallTranspose_AgreeWithTheColumnNorm()
    {
        // A single row or column: ‖W‖₂ is its Euclidean norm.
        var x = LipschitzTestData.Gaussian(20, 5);
        Assert.Equal(LipschitzTestData.Norm(x), SpectralNorm.OfMatrix(x, 1, 20).Norm, 1e-12);
        Assert.Equal(LipschitzTestData.Norm(x), SpectralNorm.OfMatrix(x, 20, 1).Norm, 1e-12);
    }

    [Fact]
    public void OfMatrix_Zero_IsZeroAndConverged()
    {
        var result = SpectralNorm.OfMatrix(new double[6], 2, 3);
        Assert.Equal(0, result.Norm);
        Assert.True(result.Converged);
        Assert.Equal(1, result.Iterations);
    }

    [Fact]
    public void Run_IterationCapReached_ReportsNotConvergedAndStaysBelowTheNorm()
    {
        // diag(1, 0.999, …): the estimate creeps up on 1 like 0.999^(2k); two iterations cannot meet 1e-10.
        var d = new double[] { 1, 0.999, 0.5 };
        var w = new double[9];
        for (var i = 0; i < 3; i++)
        {
            w[i * 3 + i] = d[i];
        }
        var capped = SpectralNorm.OfMatrix(w, 3, 3, new PowerIterationOptions { MaxIterations = 2 });
        Assert.False(capped.Converged);
        Assert.Equal(2, capped.Iterations);
        Assert.True(capped.RelativeChange > 1e-10);
        Assert.True(capped.Norm <= 1);
        var full = SpectralNorm.OfMatrix(w, 3, 3, Tight);
        Assert.True(full.Converged);
        Assert.True(full.Iterations > 2);
        Assert.Equal(1, full.Norm, 1e-9);
    }

    [Fact]
    public void Run_EstimatesRiseTowardTheNormFromBelow()
    {
        var w = LipschitzTestData.Gaussian(30 * 20, 6);
        var exact = SpectralNorm.OfMatrix(w, 30, 20, Tight).Norm;
        var previous = 0.0;
        for (var k = 1; k <= 8; k++)
        {
            var estimate = SpectralNorm.OfMatrix(w, 30, 20, new PowerIterationOptions { MaxIterations = k }).Norm;
            Assert.True(estimate <= exact * (1 + 1e-12), $"iteration {k}: {estimate} > {exact}");
            Assert.True(estimate >= previous, $"iteration {k}: {estimate} < {previous}");
            previous = estimate;
        }
    }

    [Fact]
    public void Run_SameSeed_SameBits_OtherSeed_SameNormToTolerance()
    {
        var w = LipschitzTestData.Gaussian(40 * 25, 7);
        var a = SpectralNorm.OfMatrix(w, 40, 25, new PowerIterationOptions { Seed = 11 });
        var b = SpectralNorm.OfMatrix(w, 40, 25, new PowerIterationOptions { Seed = 11 });
        var c = SpectralNorm.OfMatrix(w, 40, 25, new PowerIterationOptions { Seed = 12 });
        Assert.Equal(BitConverter.DoubleToInt64Bits(a.Norm), BitConverter.DoubleToInt64Bits(b.Norm));
        Assert.Equal(a.Iterations, b.Iterations);
        Assert.Equal(a.Norm, c.Norm, 1e-6);
    }

    [Fact]
    public void Of_Tensor_MatchesOfMatrix_AndFloat32IsRead()
    {
        var w = LipschitzTestData.Gaussian(6 * 4, 8);
        var fromArray = SpectralNorm.OfMatrix(w, 6, 4);
        var fromTensor = SpectralNorm.Of(Tensor.FromArray(w, 6, 4));
        Assert.Equal(fromArray.Norm, fromTensor.Norm);
        var fromFloat = SpectralNorm.Of(Tensor.FromArray(w, 6, 4).To(DType.Float32));
        Assert.Equal(fromArray.Norm, fromFloat.Norm, 1e-5);
    }

    [Fact]
    public void OfMatrix_NaNWeight_ThrowsNamingTheIndex()
    {
        double[] w = [1, 2, double.NaN, 4];
        var e = Assert.Throws<ArgumentException>(() => SpectralNorm.OfMatrix(w, 2, 2));
        Assert.Equal("w", e.ParamName);
        Assert.Contains("NaN at flat index 2", e.Message);
    }

    [Fact]
    public void Of_InfiniteWeight_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => SpectralNorm.Of(Tensor.FromArray([1, double.PositiveInfinity], 1, 2)));
        Assert.Contains("Infinity", e.Message);
        Assert.Contains("expected finite weights", e.Message);
    }

    [Fact]
    public void OfMatrix_EmptyOrMismatched_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SpectralNorm.OfMatrix([], 0, 3));
        var e = Assert.Throws<ArgumentException>(() => SpectralNorm.OfMatrix([1, 2, 3], 2, 2));
        Assert.Contains("3 values for a 2×2 matrix", e.Message);
        var rank = Assert.Throws<ArgumentException>(() => SpectralNorm.Of(Tensor.FromArray([1.0, 2, 3], 3)));
        Assert.Contains("expected a matrix", rank.Message);
    }

    [Theory]
    [InlineData(0.0, 10, "Tolerance")]
    [InlineData(double.NaN, 10, "Tolerance")]
    [InlineData(1e-8, 0, "MaxIterations")]
    public void Run_BadOptions_ThrowNamingTheOption(double tolerance, int maxIterations, string name)
    {
        var options = new PowerIterationOptions { Tolerance = tolerance, MaxIterations = maxIterations };
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SpectralNorm.OfMatrix([1.0], 1, 1, options));
        Assert.Equal(name, e.ParamName);
    }

    [Fact]
    public void Run_OperatorReturnsNaN_ThrowsArithmetic()
    {
        var e = Assert.Throws<ArithmeticException>(() => PowerIteration.Run(v => [double.NaN], u => [0.0, 0.0], 2));
        Assert.Contains("iteration 1", e.Message);
    }

    [Fact]
    public void Run_TransposeOfWrongLength_ThrowsNamingIt()
    {
        var e = Assert.Throws<ArgumentException>(() => PowerIteration.Run(v => [1.0], u => [1.0], 2));
        Assert.Equal("applyTranspose", e.ParamName);
    }
}
