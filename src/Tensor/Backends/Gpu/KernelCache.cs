using System.Collections.Concurrent;
using System.Reflection;
using ILGPU;
using ILGPU.Runtime;

namespace Scratch.Backends.Gpu;

/// <summary>
/// Kernels compiled once per accelerator: the first request for a kernel (a generic instantiation of a
/// kernel method) compiles and loads it, later requests get the same launcher delegate.
/// </summary>
internal sealed class KernelCache(Accelerator accelerator)
{
    private readonly ConcurrentDictionary<MethodInfo, Lazy<Delegate>> _loaded = new();

    /// <summary>How many kernels have been compiled.</summary>
    public int Count => _loaded.Count;

    /// <summary>The kernel methods (generic instantiations) compiled so far.</summary>
    public IReadOnlyList<MethodInfo> Methods => [.. _loaded.Keys];

    public Action<Index1D, T1, T2, T3> Auto<T1, T2, T3>(Action<Index1D, T1, T2, T3> kernel)
        where T1 : struct where T2 : struct where T3 : struct =>
        Get(kernel, () => accelerator.LoadAutoGroupedStreamKernel(kernel));

    public Action<Index1D, T1, T2, T3, T4> Auto<T1, T2, T3, T4>(Action<Index1D, T1, T2, T3, T4> kernel)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct =>
        Get(kernel, () => accelerator.LoadAutoGroupedStreamKernel(kernel));

    public Action<Index1D, T1, T2, T3, T4, T5> Auto<T1, T2, T3, T4, T5>(Action<Index1D, T1, T2, T3, T4, T5> kernel)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct =>
        Get(kernel, () => accelerator.LoadAutoGroupedStreamKernel(kernel));

    public Action<Index1D, T1, T2, T3, T4, T5, T6> Auto<T1, T2, T3, T4, T5, T6>(Action<Index1D, T1, T2, T3, T4, T5, T6> kernel)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct =>
        Get(kernel, () => accelerator.LoadAutoGroupedStreamKernel(kernel));

    public Action<Index1D, T1, T2, T3, T4, T5, T6, T7> Auto<T1, T2, T3, T4, T5, T6, T7>(Action<Index1D, T1, T2, T3, T4, T5, T6, T7> kernel)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct where T7 : struct =>
        Get(kernel, () => accelerator.LoadAutoGroupedStreamKernel(kernel));

    public Action<Index1D, T1, T2, T3, T4, T5, T6, T7, T8> Auto<T1, T2, T3, T4, T5, T6, T7, T8>(Action<Index1D, T1, T2, T3, T4, T5, T6, T7, T8> kernel)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct where T7 : struct where T8 : struct =>
        Get(kernel, () => accelerator.LoadAutoGroupedStreamKernel(kernel));

    public Action<Index1D, T1, T2, T3, T4, T5, T6, T7, T8, T9> Auto<T1, T2, T3, T4, T5, T6, T7, T8, T9>(Action<Index1D, T1, T2, T3, T4, T5, T6, T7, T8, T9> kernel)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct where T7 : struct where T8 : struct where T9 : struct =>
        Get(kernel, () => accelerator.LoadAutoGroupedStreamKernel(kernel));

    public Action<KernelConfig, T1, T2, T3, T4, T5> Grouped<T1, T2, T3, T4, T5>(Action<T1, T2, T3, T4, T5> kernel)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct =>
        Get(kernel, () => accelerator.LoadStreamKernel(kernel));

    public Action<KernelConfig, T1, T2, T3, T4, T5, T6> Grouped<T1, T2, T3, T4, T5, T6>(Action<T1, T2, T3, T4, T5, T6> kernel)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct =>
        Get(kernel, () => accelerator.LoadStreamKernel(kernel));

    public Action<KernelConfig, T1, T2, T3, T4, T5, T6, T7, T8> Grouped<T1, T2, T3, T4, T5, T6, T7, T8>(Action<T1, T2, T3, T4, T5, T6, T7, T8> kernel)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct where T7 : struct where T8 : struct =>
        Get(kernel, () => accelerator.LoadStreamKernel(kernel));

    public Action<KernelConfig, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12> Grouped<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12>(
        Action<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12> kernel)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct
        where T7 : struct where T8 : struct where T9 : struct where T10 : struct where T11 : struct where T12 : struct =>
        Get(kernel, () => accelerator.LoadStreamKernel(kernel));

    private TLauncher Get<TLauncher>(Delegate kernel, Func<TLauncher> load) where TLauncher : Delegate =>
        (TLauncher)_loaded.GetOrAdd(kernel.Method, _ => new Lazy<Delegate>(load)).Value;
}
