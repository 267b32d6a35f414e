namespace Scratch.Diagnostics;

/// <summary>One row of a GPU check's table.</summary>
/// <param name="Section">The step it comes from ("devices", "kernels", "sgemm", ...).</param>
/// <param name="Item">What was checked or measured.</param>
/// <param name="Result">The figure or verdict.</param>
/// <param name="Detail">How it was obtained, against what, and its spread.</param>
/// <param name="Status">Whether it is a figure, a pass or a failure.</param>
public sealed record CheckRow(string Section, string Item, string Result, string Detail, CheckStatus Status);
