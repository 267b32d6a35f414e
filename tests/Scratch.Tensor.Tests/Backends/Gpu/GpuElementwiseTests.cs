using Scratch.Backends;
using Scratch.Tests.Support;
using static Scratch.Tests.Gpu.GpuTestDevices;

namespace Scratch.Tests.Gpu;

[Collection("gpu")]
public sealed class GpuElementwiseTests
{
    private static readonly DType[] Floats = [DType.Float32, DType.Float64];

    public static TheoryData<string, UnaryOp> UnaryCases()
    {
        var data = new TheoryData<string, UnaryOp>();
        foreach (var device in Names)
        {
            foreach (var op in Enum.GetValues<UnaryOp>())
            {
                data.Add(device, op);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(UnaryCases))]
    public void Unary_EveryLayoutAndDtype_MatchesCpu(string device, UnaryOp op)
    {
        var positive = op is UnaryOp.Log or UnaryOp.Sqrt;
        foreach (var dtype in Floats)
        {
            foreach (var kind in RandomTensors.AllKinds)
            {
                var (rtol, atol) = Tolerance(dtype);
                AgreesWithCpu(device, d => Apply(op, In(d, [3, 5], kind, 1, dtype, positive ? 0.1 : -3, 3)), rtol, atol);
            }
        }
    }

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(GpuTestDevices))]
    public void Binary_EveryOpLayoutPairAndBroadcast_MatchesCpu(string device)
    {
        foreach (var op in Enum.GetValues<BinaryOp>())
        {
            var lo = op == BinaryOp.Pow ? 0.2 : -2;
            foreach (var dtype in Floats)
            {
                var (rtol, atol) = Tolerance(dtype);
                foreach (var ka in RandomTensors.AllKinds)
                {
                    foreach (var kb in RandomTensors.AllKinds)
                    {
                        AgreesWithCpu(device, d => Apply(op, In(d, [4, 6], ka, 2, dtype, lo), In(d, [4, 6], kb, 3, dtype, lo)), rtol, atol);
                    }
                }
                AgreesWithCpu(device, d => Apply(op, In(d, [4, 1], RandomTensors.Kind.Contiguous, 4, dtype, lo), In(d, [1, 6], RandomTensors.Kind.Contiguous, 5, dtype, lo)), rtol, atol);
                AgreesWithCpu(device, d => Apply(op, In(d, [6], RandomTensors.Kind.Offset, 6, dtype, lo), In(d, [3, 4, 6], RandomTensors.Kind.Transposed, 7, dtype, lo)), rtol, atol);
            }
        }
    }

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(GpuTestDevices))]
    public void Compare_WithTiesAndInt32_MatchesCpu(string device)
    {
        Tensor Ints(Device d, int seed, DType dtype) => In(d, [5, 4], RandomTensors.Kind.Contiguous, seed, DType.Float64, -2, 2)
            .Clamp(-1.5, 1.5).To(DType.Int32).To(dtype);
        foreach (var dtype in new[] { DType.Float32, DType.Float64, DType.Int32 })
        {
            AgreesWithCpu(device, d => Tensor.Equal(Ints(d, 1, dtype), Ints(d, 2, dtype)));
            AgreesWithCpu(device, d => Tensor.NotEqual(Ints(d, 1, dtype), Ints(d, 2, dtype)));
            AgreesWithCpu(device, d => Tensor.Less(Ints(d, 1, dtype), Ints(d, 2, dtype).Transpose(0, 1).Transpose(0, 1)));
            AgreesWithCpu(device, d => Tensor.LessEqual(Ints(d, 1, dtype), Ints(d, 2, dtype)));
            AgreesWithCpu(device, d => Tensor.Greater(Ints(d, 1, dtype), Ints(d, 2, dtype).Narrow(0, 0, 1)));
            AgreesWithCpu(device, d => Tensor.GreaterEqual(Ints(d, 1, dtype), Ints(d, 2, dtype)));
        }
    }

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(GpuTestDevices))]
    public void WhereClampCast_AllLayouts_MatchCpu(string device)
    {
        foreach (var kind in RandomTensors.AllKinds)
        {
            AgreesWithCpu(device, d => Tensor.Where(
                Tensor.Greater(In(d, [4, 5], kind, 1, DType.Float32), Tensor.Zeros([1], DType.Float32, d)),
                In(d, [4, 5], RandomTensors.Kind.Contiguous, 2, DType.Float64), In(d, [5], RandomTensors.Kind.Offset, 3, DType.Float64)));
            AgreesWithCpu(device, d => In(d, [4, 5], kind, 4, DType.Float32).Clamp(-0.5, 0.75));
            foreach (var from in new[] { DType.Float32, DType.Float64 })
            {
                foreach (var to in Enum.GetValues<DType>())
                {
                    AgreesWithCpu(device, d => In(d, [4, 5], kind, 5, from, -3e9, 3e9).To(to), 1e-7, 0);
                }
            }
            AgreesWithCpu(device, d => In(d, [4, 5], kind, 6, DType.Float64, -50, 50).To(DType.Int32).To(DType.Float32));
            AgreesWithCpu(device, d => In(d, [4, 5], kind, 7, DType.Float64).Contiguous());
        }
    }

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(GpuTestDevices))]
    public void NaNPolicies_MatchCpu(string device)
    {
        // Sign(NaN) = 0, ReLU(NaN) = NaN, Step(NaN) = 0, clamp keeps NaN, max/min propagate NaN, int cast of NaN is 0.
        Tensor Special(Device d) => Tensor.FromArray([float.NaN, 0f, -0f, 1f, -1f, float.PositiveInfinity, float.NegativeInfinity, 3e38f]).To(d);
        AgreesWithCpu(device, d => Special(d).Sign());
        AgreesWithCpu(device, d => Special(d).Relu());
        AgreesWithCpu(device, d => Special(d).Step());
        AgreesWithCpu(device, d => Special(d).Softplus());
        AgreesWithCpu(device, d => Special(d).Clamp(-1, 1));
        AgreesWithCpu(device, d => Tensor.Maximum(Special(d), Tensor.Zeros([1], DType.Float32, d)));
        AgreesWithCpu(device, d => Tensor.Minimum(Tensor.Zeros([1], DType.Float32, d), Special(d)));
        AgreesWithCpu(device, d => Special(d).To(DType.Int32));
    }

    [Theory]
    [MemberData(nameof(All), MemberType = typeof(GpuTestDevices))]
    public void EmptyAndScalar_Shapes_MatchCpu(string device)
    {
        AgreesWithCpu(device, d => In(d, [0, 3], RandomTensors.Kind.Contiguous, 1, DType.Float32).Exp());
        AgreesWithCpu(device, d => Tensor.Scalar(2.5, DType.Float32, d) * In(d, [2, 3], RandomTensors.Kind.Transposed, 2, DType.Float32));
        AgreesWithCpu(device, d => Tensor.Scalar(-0.5, DType.Float64, d).Abs());
    }

    private static Tensor Apply(UnaryOp op, Tensor x) => op switch
    {
        UnaryOp.Neg => x.Neg(),
        UnaryOp.Abs => x.Abs(),
        UnaryOp.Sign => x.Sign(),
        UnaryOp.Exp => x.Exp(),
        UnaryOp.Log => x.Log(),
        UnaryOp.Sqrt => x.Sqrt(),
        UnaryOp.Square => x.Square(),
        UnaryOp.Reciprocal => x.Reciprocal(),
        UnaryOp.Sin => x.Sin(),
        UnaryOp.Cos => x.Cos(),
        UnaryOp.Tanh => x.Tanh(),
        UnaryOp.Sigmoid => x.Sigmoid(),
        UnaryOp.Relu => x.Relu(),
        UnaryOp.Softplus => x.Softplus(),
        _ => x.Step(),
    };

    private static Tensor Apply(BinaryOp op, Tensor a, Tensor b) => op switch
    {
        BinaryOp.Add => a + b,
        BinaryOp.Sub => a - b,
        BinaryOp.Mul => a * b,
        BinaryOp.Div => a / b,
        BinaryOp.Max => Tensor.Maximum(a, b),
        BinaryOp.Min => Tensor.Minimum(a, b),
        BinaryOp.ReluBackward => Tensor.ReluBackward(a, b),
        _ => Tensor.Pow(a, b),
    };
}
