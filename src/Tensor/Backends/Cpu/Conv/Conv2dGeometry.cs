namespace Scratch.Backends.Cpu;

/// <summary>
/// Shape of an NCHW 2-D convolution (cross-correlation, as in PyTorch): input [Batch, InChannels, Height, Width],
/// weight [OutChannels, InChannels, KernelHeight, KernelWidth], output [Batch, OutChannels, OutHeight, OutWidth],
/// with per-axis stride and zero padding; no dilation, no groups.
/// </summary>
/// <param name="Batch">Images in the batch (0 is an empty batch).</param>
/// <param name="InChannels">Input channels C.</param>
/// <param name="Height">Input height H.</param>
/// <param name="Width">Input width W.</param>
/// <param name="OutChannels">Output channels O (filters).</param>
/// <param name="KernelHeight">Filter height KH.</param>
/// <param name="KernelWidth">Filter width KW.</param>
/// <param name="StrideH">Vertical stride.</param>
/// <param name="StrideW">Horizontal stride.</param>
/// <param name="PadH">Zero rows added above and below.</param>
/// <param name="PadW">Zero columns added left and right.</param>
public readonly record struct Conv2dGeometry(
    int Batch, int InChannels, int Height, int Width, int OutChannels, int KernelHeight, int KernelWidth,
    int StrideH, int StrideW, int PadH, int PadW)
{
    /// <summary>OH = ⌊(H + 2·PadH − KH) / StrideH⌋ + 1.</summary>
    public int OutHeight => (Height + 2 * PadH - KernelHeight) / StrideH + 1;

    /// <summary>OW = ⌊(W + 2·PadW − KW) / StrideW⌋ + 1.</summary>
    public int OutWidth => (Width + 2 * PadW - KernelWidth) / StrideW + 1;

    /// <summary>Elements of the input tensor: Batch·C·H·W.</summary>
    public long InputLength => (long)Batch * InChannels * Height * Width;

    /// <summary>Elements of the weight tensor: O·C·KH·KW.</summary>
    public long WeightLength => (long)OutChannels * InChannels * KernelHeight * KernelWidth;

    /// <summary>Elements of the output tensor: Batch·O·OH·OW.</summary>
    public long OutputLength => (long)Batch * OutChannels * OutHeight * OutWidth;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field that makes the geometry invalid.</summary>
    public void Validate()
    {
        Check(Batch >= 0, nameof(Batch), Batch, "must be non-negative");
        Check(InChannels > 0, nameof(InChannels), InChannels, "must be positive");
        Check(Height > 0, nameof(Height), Height, "must be positive");
        Check(Width > 0, nameof(Width), Width, "must be positive");
        Check(OutChannels > 0, nameof(OutChannels), OutChannels, "must be positive");
        Check(KernelHeight > 0, nameof(KernelHeight), KernelHeight, "must be positive");
        Check(KernelWidth > 0, nameof(KernelWidth), KernelWidth, "must be positive");
        Check(StrideH > 0, nameof(StrideH), StrideH, "must be positive");
        Check(StrideW > 0, nameof(StrideW), StrideW, "must be positive");
        Check(PadH >= 0, nameof(PadH), PadH, "must be non-negative");
        Check(PadW >= 0, nameof(PadW), PadW, "must be non-negative");
        Check(KernelHeight <= Height + 2L * PadH, nameof(KernelHeight), KernelHeight,
            $"must not exceed the padded input height H + 2·PadH = {Height + 2L * PadH}");
        Check(KernelWidth <= Width + 2L * PadW, nameof(KernelWidth), KernelWidth,
            $"must not exceed the padded input width W + 2·PadW = {Width + 2L * PadW}");
        Check((long)InChannels * KernelHeight * KernelWidth * OutHeight * OutWidth <= int.MaxValue, nameof(InChannels), InChannels,
            "gives an im2col matrix (C·KH·KW × OH·OW) of more than int.MaxValue elements");
        Check(InputLength <= int.MaxValue && OutputLength <= int.MaxValue && WeightLength <= int.MaxValue,
            nameof(Batch), Batch, "gives a tensor of more than int.MaxValue elements");
    }

    private static void Check(bool ok, string field, long value, string rule)
    {
        if (!ok)
        {
            throw new ArgumentException($"Conv2dGeometry.{field} = {value} {rule}.", field);
        }
    }
}
