namespace Scratch.Reports.Images;

/// <summary>One filled cell: its image, how its values become colours, its caption.</summary>
internal sealed record GridCell(ImageData Image, ValueScale Scale, string? Caption);
