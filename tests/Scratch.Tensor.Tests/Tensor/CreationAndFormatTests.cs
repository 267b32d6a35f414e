namespace Scratch.Tests;

public class CreationAndFormatTests
{
    [Fact]
    public void Creation_Functions_ProduceExpectedValues()
    {
        Assert.Equal(new float[] { 0, 0.5f, 1, 1.5f }, Tensor.Arange(0, 2, 0.5).ToArray<float>());
        Assert.Equal(new double[] { 1, 0, 0, 1 }, Tensor.Eye(2, DType.Float64).ToArray<double>());
        Assert.Equal(new[] { 7, 7 }, Tensor.Full([2], 7, DType.Int32).ToArray<int>());
        Assert.Equal(3.5, Tensor.Scalar(3.5, DType.Float64).Item());
        Assert.Equal(0, Tensor.Scalar(1).Rank);
        Assert.Equal(new Shape(4), Tensor.FromArray(new float[] { 1, 2, 3, 4 }).Shape);
    }

    [Fact]
    public void Item_EveryDTypeDeviceAndView_IsTheElementExactly()
    {
        // The one element as a double, exactly: a float32 widened (0.1f is not 0.1), an int32, a float64, a view into a
        // larger tensor, another device; anything but one element is refused.
        Assert.Equal((double)0.1f, Tensor.Scalar(0.1).Item());
        Assert.NotEqual(0.1, Tensor.Scalar(0.1).Item());
        Assert.Equal(-7.0, Tensor.Full([1], -7, DType.Int32).Item());
        Assert.Equal(1.0 / 3, Tensor.Full([1, 1], 1.0 / 3, DType.Float64).Item());
        Assert.Equal(5.0, Tensor.FromArray(new float[] { 4, 5, 6, 7 }, 2, 2).MT.Narrow(0, 1, 1).Narrow(1, 0, 1).Item());
        Assert.Equal(2.5, Tensor.Scalar(2.5, DType.Float64, Device.Reference).Item());
        Assert.Throws<InvalidOperationException>(() => Tensor.Zeros(new Shape(2)).Item());
    }

    [Fact]
    public void FromArray_CopiesData()
    {
        var data = new float[] { 1, 2 };
        var t = Tensor.FromArray(data);
        data[0] = 9;
        Assert.Equal(1f, t.ToArray<float>()[0]);
    }

    [Fact]
    public void FromArray_WrongLength_ErrorNamesShape()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.FromArray(new float[5], 2, 3));
        Assert.Contains("[2, 3]", e.Message);
    }

    [Fact]
    public void CastAndDeviceMoves_PreserveValues()
    {
        var x = Tensor.FromArray(new float[] { 1.7f, -2.2f, float.NaN }, 3);
        Assert.Equal(new[] { 1, -2, 0 }, x.To(DType.Int32).ToArray<int>());
        Assert.Equal(new[] { 1, -2, 0 }, x.To(Device.Reference).To(DType.Int32).ToArray<int>());
        Assert.Equal(Device.Reference, x.To(Device.Reference).Device);
        Assert.Throws<InvalidOperationException>(() => x.ToArray<double>());
    }

    // Long enough for the vectorised conversion to run with a tail; NaN, infinities and values beyond int's range
    // included: each element converts as CreateSaturating does.
    [Fact]
    public void Cast_EveryElementConvertsAsCreateSaturating()
    {
        var special = new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, 3e9f, -3e9f, 2.5f, -2.5f, -0f, 1e-30f, 16777217f, 2147483520f };
        var values = Enumerable.Range(0, 45).Select(i => special[(i * 5) % special.Length] * (i % 2 == 0 ? 1 : -1)).ToArray();
        var floats = Tensor.FromArray(values);
        Assert.Equal(values.Select(int.CreateSaturating).ToArray(), floats.To(DType.Int32).ToArray<int>());
        Assert.Equal(values.Select(v => (double)v).ToArray(), floats.To(DType.Float64).ToArray<double>());
        var doubles = values.Select(v => v * 1.000000001).ToArray();
        Assert.Equal(doubles.Select(int.CreateSaturating).ToArray(), Tensor.FromArray(doubles).To(DType.Int32).ToArray<int>());
        Assert.Equal(doubles.Select(float.CreateSaturating).ToArray(), Tensor.FromArray(doubles).To(DType.Float32).ToArray<float>());
        var ints = new[] { int.MaxValue, int.MinValue, 0, -1, 16777217 };
        Assert.Equal(ints.Select(v => (float)v).ToArray(), Tensor.FromArray(ints).To(DType.Float32).ToArray<float>());
    }

    [Fact]
    public void ToString_ShowsValuesShapeDTypeDevice()
    {
        var s = Tensor.FromArray(new float[] { 1, 2.5f, -3, 4 }, 2, 2).ToString();
        Assert.Equal("tensor([[ 1.0000,  2.5000],\n        [-3.0000,  4.0000]], shape=[2, 2], dtype=float32, device=cpu)", s);
        Assert.Equal("tensor([1, 2], shape=[2], dtype=int32, device=cpu)", Tensor.FromArray(new[] { 1, 2 }).ToString());
    }

    [Fact]
    public void ToString_LargeTensor_IsAbbreviated()
    {
        var s = Tensor.Arange(0, 2000).ToString();
        Assert.Contains("...", s);
        Assert.Contains("1999.0000", s);
        Assert.DoesNotContain("1000.0000", s);
    }
}
