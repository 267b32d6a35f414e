namespace Scratch.Data.Sets;

/// <summary>A data set could not be found or fetched; the message lists every place looked and the command that fixes it.</summary>
public sealed class DataNotFoundException : Exception
{
    /// <summary>Creates the exception from what was tried and how to fix it.</summary>
    public DataNotFoundException(string dataset, IReadOnlyList<string> tried, string fix, Exception? inner = null)
        : base($"{dataset} not found. Looked in:\n  - {string.Join("\n  - ", tried)}\nTo fix: {fix}", inner)
    {
        Tried = tried;
        Fix = fix;
    }

    /// <summary>Every location or method tried, with why it failed.</summary>
    public IReadOnlyList<string> Tried { get; }

    /// <summary>The command that would make the data available.</summary>
    public string Fix { get; }
}
