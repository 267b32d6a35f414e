using System.Runtime.InteropServices;

namespace Scratch.Diagnostics;

/// <summary>
/// Why no CUDA device may have been found: ILGPU imports the driver API as "cuda", which the .NET runtime
/// looks up as libcuda.so on Linux; containers often carry only libcuda.so.1. This says which names load.
/// </summary>
internal static class CudaDriverProbe
{
    public static string Describe()
    {
        if (OperatingSystem.IsWindows())
        {
            return "nvcuda.dll " + (TryLoad("nvcuda.dll") ? "loads" : "does not load");
        }
        var names = new[] { "libcuda.so", "libcuda.so.1" };
        return string.Join(", ", names.Select(n => $"{n} {(TryLoad(n) ? "loads" : "does not load")}"))
            + "; LD_LIBRARY_PATH=" + (Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") is { Length: > 0 } path ? path : "(unset)");
    }

    private static bool TryLoad(string name)
    {
        if (!NativeLibrary.TryLoad(name, out var handle))
        {
            return false;
        }
        NativeLibrary.Free(handle);
        return true;
    }
}
