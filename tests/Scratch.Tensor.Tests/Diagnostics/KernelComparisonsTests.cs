using Scratch.Backends;
using Scratch.Tests.Gpu;

namespace Scratch.Tests.Diagnostics;

/// <summary>
/// The kernel comparisons that <c>scratch gpu-check</c> runs are the GPU tests: each family on every
/// GPU-kind device (ilgpu-cpu always, CUDA and OpenCL where they exist) against the CPU backend and
/// against the reference backend.
/// </summary>
[Collection("gpu")]
public sealed class KernelComparisonsTests
{
    public static TheoryData<string, KernelFamily> DevicesAndFamilies()
    {
        var data = new TheoryData<string, KernelFamily>();
        foreach (var device in GpuTestDevices.Names)
        {
            foreach (var family in Enum.GetValues<KernelFamily>())
            {
                data.Add(device, family);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(DevicesAndFamilies))]
    public void Family_OnGpuKindDevice_AgreesWithCpuAndReference(string device, KernelFamily family)
    {
        var d = Device.Parse(device);
        var cases = KernelComparisons.For(family, ComparisonScale.Small);
        Assert.NotEmpty(cases);
        var failures = cases.SelectMany(c => c.Run(d, [Device.Cpu, Device.Reference])).Where(r => !r.Passed).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} of {2 * cases.Count} comparisons failed:\n" + string.Join("\n", failures.Take(20)));
    }

    [Fact]
    public void Catalogue_CoversEveryOpOfTheContract()
    {
        string Names(KernelFamily f) => string.Join("\n", KernelComparisons.For(f, ComparisonScale.Small).Select(c => c.Name));
        Assert.All(Enum.GetValues<UnaryOp>(), op => Assert.Contains($"{op} Float32", Names(KernelFamily.Unary)));
        Assert.All(Enum.GetValues<BinaryOp>(), op => Assert.Contains($"{op} Float64", Names(KernelFamily.Binary)));
        Assert.All(Enum.GetValues<CompareOp>(), op => Assert.Contains($"{op} Int32", Names(KernelFamily.Compare)));
        Assert.All(new[] { "Sum", "Mean", "Max", "Min", "LogSumExp" }, op => Assert.Contains(op, Names(KernelFamily.Reduce)));
        Assert.All(new[] { "Conv2d ", "Conv2dBackwardInput", "Conv2dBackwardWeight" }, op => Assert.Contains(op, Names(KernelFamily.Conv2d)));
        Assert.All(new[] { "MaxPool2d ", "MaxPool2d argmax", "AvgPool2d ", "MaxPool2dBackward", "AvgPool2dBackward" }, op => Assert.Contains(op, Names(KernelFamily.Pooling)));
        foreach (var kind in SampleTensors.AllKinds)
        {
            Assert.Contains($"{kind}", Names(KernelFamily.Unary));
        }
    }

    [Fact]
    public void Representative_ContainsEverySmallCase_WithUniqueNames()
    {
        var added = 0;
        foreach (var family in Enum.GetValues<KernelFamily>())
        {
            var small = KernelComparisons.For(family, ComparisonScale.Small);
            var representative = KernelComparisons.For(family, ComparisonScale.Representative);
            Assert.Equal(small.Count, small.Select(c => c.Name).Distinct().Count());
            Assert.Equal(representative.Count, representative.Select(c => c.Name).Distinct().Count());
            Assert.All(representative, c => Assert.Equal(family, c.Family));
            Assert.Empty(small.Select(c => c.Name).Except(representative.Select(c => c.Name)));
            added += representative.Count - small.Count;
        }
        Assert.True(added >= 40, $"{added} representative cases");
        Assert.Equal(Enum.GetValues<KernelFamily>().Sum(f => KernelComparisons.For(f, ComparisonScale.Small).Count), KernelComparisons.All(ComparisonScale.Small).Count);
    }
}
