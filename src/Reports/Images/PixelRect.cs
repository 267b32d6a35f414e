namespace Scratch.Reports.Images;

/// <summary>A rectangle of whole pixels in an image: left column <see cref="X"/>, top row <see cref="Y"/>, and its size.</summary>
public readonly record struct PixelRect(int X, int Y, int Width, int Height);
