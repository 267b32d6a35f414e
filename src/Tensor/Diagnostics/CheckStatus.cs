namespace Scratch.Diagnostics;

/// <summary>What a row of a GPU check says: a figure to read, or a comparison that passed or failed.</summary>
public enum CheckStatus
{
    /// <summary>A measurement or a fact (a device, a time): nothing to pass.</summary>
    Info,

    /// <summary>A comparison that agreed.</summary>
    Pass,

    /// <summary>A comparison that disagreed, or a step that could not run.</summary>
    Fail,
}
