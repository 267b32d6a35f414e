namespace Scratch.Data.Sets;

/// <summary>
/// Where fetched data sets are kept: the folder given explicitly (CLI <c>--data-dir</c>), else the
/// environment variable <c>SCRATCH_DATA_DIR</c>, else <c>$XDG_CACHE_HOME/scratch</c>, else <c>~/.cache/scratch</c>.
/// </summary>
public static class DataCache
{
    /// <summary>The environment variable that overrides the cache folder.</summary>
    public const string EnvironmentVariable = "SCRATCH_DATA_DIR";

    /// <summary>The cache root for an optional explicit folder.</summary>
    public static string Root(string? explicitDirectory = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitDirectory))
        {
            return Path.GetFullPath(explicitDirectory);
        }
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var baseDir = !string.IsNullOrWhiteSpace(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(baseDir, "scratch");
    }
}
