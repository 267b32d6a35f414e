using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using Scratch.Backends;
using Scratch.Backends.Gpu;

namespace Scratch.Tests.Gpu;

/// <summary>
/// Compiles every kernel the backend loads to PTX, without a GPU: the CPU accelerator runs kernels as
/// .NET code, so this is what tells CI that the CUDA code generator accepts them too.
/// </summary>
[Collection("gpu")]
public sealed class PtxCompileTests
{
    [Fact]
    public void EveryKernel_CompilesToPtx()
    {
        var backend = (IlgpuBackend)BackendRegistry.For(new Device(DeviceKind.IlgpuCpu));
        backend.WarmUp();
        using var context = Context.Create(builder => builder.Default().EnableAlgorithms());
        var architecture = CudaArchitecture.SM_75;
        using var ptx = new PTXBackend(context, new CudaCapabilityContext(architecture), architecture, CudaInstructionSet.ISA_75, null);
        var methods = backend.Kernels.Methods;
        Assert.True(methods.Count > 50);
        foreach (var method in methods)
        {
            var grouped = method.GetParameters()[0].ParameterType == typeof(Index1D);
            var entry = grouped ? EntryPointDescription.FromImplicitlyGroupedKernel(method) : EntryPointDescription.FromExplicitlyGroupedKernel(method);
            var kernel = (PTXCompiledKernel)ptx.Compile(entry, KernelSpecialization.Empty);
            Assert.Contains(".entry", kernel.PTXAssembly);
        }
    }
}
