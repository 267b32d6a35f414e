using System.Runtime.Intrinsics;

namespace Scratch.Optim.Tests;

/// <summary>
/// Pins the iterates of L-BFGS-B bit for bit to those of the implementation before the pass fusion of issue 12
/// (main at a8d550a): the fingerprints below were recorded by compiling IterateFingerprint.cs and TestProblems.cs,
/// unchanged, against that commit's Scratch.Optim in a small console program, once per instruction set the
/// vector kernels choose between (the default on an AVX-512 machine; DOTNET_EnableAVX512=0; DOTNET_EnableHWIntrinsic=0).
/// A change that reorders any floating-point operation of the solver changes them.
/// </summary>
public class IterateFingerprintTests
{
    private static readonly Dictionary<string, ulong> Avx512 = new()
    {
        ["rosenbrock-100-unbounded"] = 0x269E00DC30C3B15FUL,
        ["rosenbrock-300-box"] = 0x45E430685C66C5C1UL,
        ["driver1-25-m5"] = 0xD5AFDB0F6E0E2F0FUL,
        ["rosenbrock-4099-mixed-m3"] = 0x0A669B4161263357UL,
        ["quadratic-20003-unbounded"] = 0xCCA33362754F4E49UL,
        ["quadratic-20003-box"] = 0x7F8AF1A3C4CBCD21UL,
        ["quadratic-20003-box-m7"] = 0xA2CAB1D641E0D492UL,
    };

    private static readonly Dictionary<string, ulong> Avx2 = new()
    {
        ["rosenbrock-100-unbounded"] = 0xDEB35EDDE71D466FUL,
        ["rosenbrock-300-box"] = 0x9A3E2001AE431A0DUL,
        ["driver1-25-m5"] = 0x8F6484CD490DDCBEUL,
        ["rosenbrock-4099-mixed-m3"] = 0xD52946954E81DE6BUL,
        ["quadratic-20003-unbounded"] = 0xDEF4496EFD711CD6UL,
        ["quadratic-20003-box"] = 0x94673A0504A99416UL,
        ["quadratic-20003-box-m7"] = 0x178229FCE2B2E871UL,
    };

    private static readonly Dictionary<string, ulong> Scalar = new()
    {
        ["rosenbrock-100-unbounded"] = 0x9D81E49059D30D71UL,
        ["rosenbrock-300-box"] = 0x80486685DDE6336DUL,
        ["driver1-25-m5"] = 0x80DFFD5F3954BC56UL,
        ["rosenbrock-4099-mixed-m3"] = 0xCBD5D319739D5A65UL,
        ["quadratic-20003-unbounded"] = 0x010147206B5D64C3UL,
        ["quadratic-20003-box"] = 0x0054167A00029AD3UL,
        ["quadratic-20003-box-m7"] = 0x4EA3FB592AD6C0C0UL,
    };

    public static TheoryData<string> ProblemNames => new(IterateFingerprint.Problems.Select(p => p.Name));

    [Theory]
    [MemberData(nameof(ProblemNames))]
    public void Minimize_PinnedProblem_IteratesBitwiseThoseBeforeTheFusion(string name)
    {
        var expected = Vector512.IsHardwareAccelerated ? Avx512 : Vector256.IsHardwareAccelerated ? Avx2 : Scalar;
        var run = IterateFingerprint.Problems.Single(p => p.Name == name).Run;
        Assert.Equal($"0x{expected[name]:X16}", $"0x{run():X16}");
    }

    [Fact]
    public void Minimize_OnMemoryAnotherRunLeftBehind_KeepsThePinnedIterates()
    {
        // A different problem of the same n runs first: its solver's arrays, full of its own values, go back to the
        // pool when Minimize disposes it, and the pinned run starts on them (cleared); twice, so that the second
        // pinned run also starts on the first one's memory.
        var expected = Vector512.IsHardwareAccelerated ? Avx512 : Vector256.IsHardwareAccelerated ? Avx2 : Scalar;
        var pinned = IterateFingerprint.Problems.Single(p => p.Name == "quadratic-20003-box").Run;
        for (var round = 0; round < 2; round++)
        {
            Lbfgsb.Minimize(TestProblems.Rosenbrock, Enumerable.Range(0, 20_003).Select(i => 0.1 * (i % 7)).ToArray(), BoxBounds.Uniform(20_003, -2, 2),
                new LbfgsbOptions { MaxIterations = 15 });
            Assert.Equal($"0x{expected["quadratic-20003-box"]:X16}", $"0x{pinned():X16}");
        }
    }

    [Fact]
    public void Fingerprint_OneBitOfOneIterateChanged_Differs()
    {
        // The fingerprint must see a change in the last bit of any iterate: perturb the objective by one ulp at one point.
        var x0 = new double[] { -1.2, 1.0, -1.2, 1.0 };
        var baseline = IterateFingerprint.Run(TestProblems.Rosenbrock, x0, null, new LbfgsbOptions());
        var calls = 0;
        var perturbed = IterateFingerprint.Run((x, g) =>
        {
            var f = TestProblems.Rosenbrock(x, g);
            return ++calls == 5 ? Math.BitIncrement(f) : f;
        }, x0, null, new LbfgsbOptions());
        Assert.NotEqual(baseline, perturbed);
    }
}
