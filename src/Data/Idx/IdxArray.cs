using System.Buffers.Binary;

namespace Scratch.Data.Idx;

/// <summary>The contents of an IDX file: element type, dimensions, and the raw big-endian element bytes.</summary>
/// <param name="DataType">The element type.</param>
/// <param name="Dimensions">The sizes, outermost first (e.g. [60000, 28, 28]).</param>
/// <param name="Bytes">prod(Dimensions) elements, each <see cref="ElementSize"/> bytes, big-endian.</param>
public sealed record IdxArray(IdxDataType DataType, int[] Dimensions, byte[] Bytes)
{
    /// <summary>The number of elements (checked: an array whose sizes multiply past <see cref="int.MaxValue"/> throws <see cref="OverflowException"/>).</summary>
    public int Count => checked((int)Dimensions.Aggregate(1L, (p, d) => checked(p * d)));

    /// <summary>Bytes per element of a type.</summary>
    public static int SizeOf(IdxDataType type) => type switch
    {
        IdxDataType.UnsignedByte or IdxDataType.SignedByte => 1,
        IdxDataType.Int16 => 2,
        IdxDataType.Int32 or IdxDataType.Float32 => 4,
        IdxDataType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown IDX type"),
    };

    /// <summary>Bytes per element.</summary>
    public int ElementSize => SizeOf(DataType);

    /// <summary>Element i as a double.</summary>
    public double this[int i] => DataType switch
    {
        IdxDataType.UnsignedByte => Bytes[i],
        IdxDataType.SignedByte => (sbyte)Bytes[i],
        IdxDataType.Int16 => BinaryPrimitives.ReadInt16BigEndian(Bytes.AsSpan(2 * i)),
        IdxDataType.Int32 => BinaryPrimitives.ReadInt32BigEndian(Bytes.AsSpan(4 * i)),
        IdxDataType.Float32 => BinaryPrimitives.ReadSingleBigEndian(Bytes.AsSpan(4 * i)),
        _ => BinaryPrimitives.ReadDoubleBigEndian(Bytes.AsSpan(8 * i)),
    };
}
