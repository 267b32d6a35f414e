namespace Scratch.Backends.Cpu;

/// <summary>
/// Shape of an NCHW 2-D pooling: input [Batch, Channels, Height, Width], output [Batch, Channels, OutHeight, OutWidth],
/// window KernelH×KernelW moved by the strides over the input padded by PadH/PadW on each side (floor mode).
/// </summary>
/// <param name="Batch">Images in the batch (0 is an empty batch).</param>
/// <param name="Channels">Channels C.</param>
/// <param name="Height">Input height H.</param>
/// <param name="Width">Input width W.</param>
/// <param name="KernelH">Window height.</param>
/// <param name="KernelW">Window width.</param>
/// <param name="StrideH">Vertical stride.</param>
/// <param name="StrideW">Horizontal stride.</param>
/// <param name="PadH">Padding rows above and below (at most KernelH / 2, as in PyTorch).</param>
/// <param name="PadW">Padding columns left and right (at most KernelW / 2, as in PyTorch).</param>
public readonly record struct Pool2dGeometry(
    int Batch, int Channels, int Height, int Width, int KernelH, int KernelW, int StrideH, int StrideW, int PadH, int PadW)
{
    /// <summary>OH = ⌊(H + 2·PadH − KernelH) / StrideH⌋ + 1.</summary>
    public int OutHeight => (Height + 2 * PadH - KernelH) / StrideH + 1;

    /// <summary>OW = ⌊(W + 2·PadW − KernelW) / StrideW⌋ + 1.</summary>
    public int OutWidth => (Width + 2 * PadW - KernelW) / StrideW + 1;

    /// <summary>Elements of the input tensor: Batch·C·H·W.</summary>
    public long InputLength => (long)Batch * Channels * Height * Width;

    /// <summary>Elements of the output tensor: Batch·C·OH·OW.</summary>
    public long OutputLength => (long)Batch * Channels * OutHeight * OutWidth;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field that makes the geometry invalid.</summary>
    public void Validate()
    {
        Check(Batch >= 0, nameof(Batch), Batch, "must be non-negative");
        Check(Channels > 0, nameof(Channels), Channels, "must be positive");
        Check(Height > 0, nameof(Height), Height, "must be positive");
        Check(Width > 0, nameof(Width), Width, "must be positive");
        Check(KernelH > 0, nameof(KernelH), KernelH, "must be positive");
        Check(KernelW > 0, nameof(KernelW), KernelW, "must be positive");
        Check(StrideH > 0, nameof(StrideH), StrideH, "must be positive");
        Check(StrideW > 0, nameof(StrideW), StrideW, "must be positive");
        Check(PadH >= 0 && PadH <= KernelH / 2, nameof(PadH), PadH, $"must be in [0, KernelH / 2 = {KernelH / 2}]");
        Check(PadW >= 0 && PadW <= KernelW / 2, nameof(PadW), PadW, $"must be in [0, KernelW / 2 = {KernelW / 2}]");
        Check(KernelH <= Height + 2L * PadH, nameof(KernelH), KernelH,
            $"must not exceed the padded input height H + 2·PadH = {Height + 2L * PadH}");
        Check(KernelW <= Width + 2L * PadW, nameof(KernelW), KernelW,
            $"must not exceed the padded input width W + 2·PadW = {Width + 2L * PadW}");
        Check(InputLength <= int.MaxValue, nameof(Batch), Batch, "gives a tensor of more than int.MaxValue elements");
    }

    private static void Check(bool ok, string field, long value, string rule)
    {
        if (!ok)
        {
            throw new ArgumentException($"Pool2dGeometry.{field} = {value} {rule}.", field);
        }
    }
}
