namespace Scratch.Diagnostics;

/// <summary>What every step of a GPU check is given.</summary>
/// <param name="Device">The GPU-kind device under test; results are compared with <see cref="Device.Cpu"/>.</param>
/// <param name="Small">Small sizes (a test on ILGPU's CPU accelerator) instead of the sizes of real work.</param>
/// <param name="Log">Receives a progress line as each part starts or ends.</param>
public sealed record GpuCheckContext(Device Device, bool Small, Action<string> Log)
{
    /// <summary>Timed repetitions of each measurement after its untimed first run: 5, or 3 with small sizes.</summary>
    public int Repetitions => Small ? 3 : 5;

    /// <summary>The scale of the kernel comparisons.</summary>
    public ComparisonScale Scale => Small ? ComparisonScale.Small : ComparisonScale.Representative;
}
