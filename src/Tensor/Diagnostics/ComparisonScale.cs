namespace Scratch.Diagnostics;

/// <summary>Which shapes <see cref="KernelComparisons"/> includes.</summary>
public enum ComparisonScale
{
    /// <summary>Small, awkward shapes (sizes 0, 1, 3, 7, 33, ... and every layout): seconds on ILGPU's CPU accelerator, what the tests run.</summary>
    Small,

    /// <summary>The small shapes plus shapes of real work (rows of 1,000, a 513×1024 by 1024×767 product, MNIST-sized convolutions): for a real GPU.</summary>
    Representative,
}
