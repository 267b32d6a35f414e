namespace Scratch.Data.Idx;

/// <summary>The element types of the IDX format (LeCun et al.), by their type byte.</summary>
public enum IdxDataType : byte
{
    /// <summary>unsigned byte (MNIST pixels and labels)</summary>
    UnsignedByte = 0x08,
    /// <summary>signed byte</summary>
    SignedByte = 0x09,
    /// <summary>big-endian 16-bit integer</summary>
    Int16 = 0x0B,
    /// <summary>big-endian 32-bit integer</summary>
    Int32 = 0x0C,
    /// <summary>big-endian 32-bit float</summary>
    Float32 = 0x0D,
    /// <summary>big-endian 64-bit float</summary>
    Float64 = 0x0E,
}
