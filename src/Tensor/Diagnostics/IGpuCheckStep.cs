namespace Scratch.Diagnostics;

/// <summary>
/// One section of <see cref="GpuCheck"/>: compares or measures something on the device under test and adds
/// its rows to the report. Steps live with what they exercise (kernels and throughput in Scratch.Tensor, a
/// training epoch in Scratch.Nn, an attack in Scratch.Attacks), and the caller lists the steps to run; a new
/// section is a new implementation of this interface added to that list.
/// </summary>
public interface IGpuCheckStep
{
    /// <summary>The section name its rows carry.</summary>
    string Section { get; }

    /// <summary>Runs the step and adds its rows to <paramref name="report"/> as they are obtained.</summary>
    /// <remarks>An exception ends the step: <see cref="GpuCheck"/> records it as a failed row, keeps the rows added so far and goes on with the next step.</remarks>
    void Run(GpuCheckContext context, GpuCheckReport report);
}
