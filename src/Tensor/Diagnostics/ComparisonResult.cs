using System.Globalization;

namespace Scratch.Diagnostics;

/// <summary>The outcome of one <see cref="KernelComparison"/> on one device.</summary>
/// <param name="Family">The comparison's family.</param>
/// <param name="Name">The comparison's name (op, dtype, layout, shape).</param>
/// <param name="Device">The device under test.</param>
/// <param name="Against">The trusted device it was compared with.</param>
/// <param name="Passed">Whether every element agreed within the tolerance (or bit for bit where required).</param>
/// <param name="WorstRatio">
/// The largest |actual − expected| / (atol + rtol·|expected|) over the elements: at most 1 when the comparison
/// passes on tolerance, 0 when every element is equal; infinity after an error.
/// </param>
/// <param name="Detail">Empty when passed; otherwise the worst element (index, shape, both values) or the error raised.</param>
public sealed record ComparisonResult(KernelFamily Family, string Name, Device Device, Device Against, bool Passed, double WorstRatio, string Detail)
{
    /// <summary>One line: family, name, devices, and the verdict with its detail.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Family} {Name}: {Device} vs {Against}: {(Passed ? "ok" : "FAILED")}{(Detail.Length > 0 ? ": " + Detail : "")}");
}
