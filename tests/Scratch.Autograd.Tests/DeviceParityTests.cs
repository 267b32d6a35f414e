using Scratch.Autograd.Tests.Support;
using Scratch.Tests.Support;

namespace Scratch.Autograd.Tests;

/// <summary>The same computation on Device.Cpu (SIMD), Device.Reference (plain loops) and the ILGPU backend (on its CPU accelerator) gives the same gradients.</summary>
public class DeviceParityTests
{
    private static readonly Dictionary<string, Func<Variable[], Tensor, Variable>> Models = new()
    {
        ["mlp"] = (v, y) => Losses.CrossEntropy((v[0].MatMul(v[1].MT) + v[2]).Relu().MatMul(v[3].MT), y),
        ["sigmoid tanh softplus"] = (v, _) => (v[0].Sigmoid() * v[1].MT.Tanh().Narrow(1, 0, 2).Sum(1) + v[0].Softplus()).Mean(),
        ["exp log sqrt"] = (v, _) => (v[0].Square() + 1).Log().Sqrt().Sum() + v[3].Exp().Max(1).Sum(),
        ["softmax logsumexp norm"] = (v, _) => v[1].Softmax(0).Sum(1).Square().Sum() + v[1].LogSumExp(1).Sum() + v[3].Norm(2),
        ["maximum minimum div pow"] = (v, _) => (Variable.Maximum(v[0], v[0].Sin()) / (v[0].Abs() + 1)).Sum()
            + Variable.Minimum(v[2], v[2].Cos()).Pow(2).Sum(),
        ["views gather concat"] = (v, y) => Variable.Concat([v[0], v[1].Permute(1, 0).Narrow(0, 1, 3)], 1).Gather(1, y.Unsqueeze(1)).Sum()
            + Variable.Stack([v[2], v[2] * 2]).Slice(1, 0, 4, 2).Sum(),
    };

    public static TheoryData<string, DType> Cases()
    {
        var data = new TheoryData<string, DType>();
        foreach (var name in Models.Keys)
        {
            data.Add(name, DType.Float64);
            data.Add(name, DType.Float32);
        }
        return data;
    }

    private static Tensor[] Gradients(string model, DType dtype, Device device)
    {
        var inputs = new[] { [3, 5], [4, 5], [4], new[] { 3, 4 } }
            .Select((shape, i) => new Variable(Seeded.Normal(120 + (ulong)i, shape, dtype, device), requiresGrad: true))
            .ToArray();
        var labels = Seeded.Labels(125, 3, 3, device);
        return Autodiff.Grad(Models[model](inputs, labels), inputs, allowUnused: true);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradients_OnCpuAndReference_Agree(string model, DType dtype)
    {
        var cpu = Gradients(model, dtype, Device.Cpu);
        var reference = Gradients(model, dtype, Device.Reference);
        var (rtol, atol) = dtype == DType.Float64 ? (1e-10, 1e-12) : (1e-4, 1e-5);
        for (var i = 0; i < cpu.Length; i++)
        {
            Assert.Equal(Device.Reference, reference[i].Device);
            TensorAssert.Close(reference[i], cpu[i], rtol, atol);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradients_OnIlgpuAndCpu_Agree(string model, DType dtype)
    {
        var gpuKind = new Device(DeviceKind.IlgpuCpu);
        var cpu = Gradients(model, dtype, Device.Cpu);
        var gpu = Gradients(model, dtype, gpuKind);
        var (rtol, atol) = dtype == DType.Float64 ? (1e-10, 1e-12) : (1e-4, 1e-5);
        for (var i = 0; i < cpu.Length; i++)
        {
            Assert.Equal(gpuKind, gpu[i].Device);
            TensorAssert.Close(cpu[i], gpu[i].To(Device.Cpu), rtol, atol);
        }
    }
}
