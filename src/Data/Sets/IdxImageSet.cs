using System.Numerics.Tensors;
using Scratch.Data.Idx;

namespace Scratch.Data.Sets;

/// <summary>Builds an <see cref="ImageDataset"/> from an IDX image file [N, H, W] and an IDX label file [N], both unsigned bytes.</summary>
public static class IdxImageSet
{
    /// <summary>Reads, validates and pairs the two files; pixels are scaled by 1/255 into [0, 1].</summary>
    /// <exception cref="InvalidDataException">A file is malformed, of the wrong type or rank, or the counts differ.</exception>
    public static ImageDataset Load(string name, string imagesPath, string labelsPath, int classes = 10)
    {
        var images = IdxReader.Read(imagesPath);
        var labels = IdxReader.Read(labelsPath);
        if (images.DataType != IdxDataType.UnsignedByte || images.Dimensions.Length != 3)
        {
            throw new InvalidDataException($"{imagesPath}: expected unsigned-byte images [N, H, W], got {images.DataType} [{string.Join(", ", images.Dimensions)}]");
        }
        if (labels.DataType != IdxDataType.UnsignedByte || labels.Dimensions.Length != 1)
        {
            throw new InvalidDataException($"{labelsPath}: expected unsigned-byte labels [N], got {labels.DataType} [{string.Join(", ", labels.Dimensions)}]");
        }
        if (images.Dimensions[0] != labels.Dimensions[0])
        {
            throw new InvalidDataException($"{imagesPath} has {images.Dimensions[0]} images but {labelsPath} has {labels.Dimensions[0]} labels");
        }
        // pixel / 255 in float32, vectorised: the same conversion and division per element as a scalar loop.
        var pixels = GC.AllocateUninitializedArray<float>(images.Bytes.Length);
        TensorPrimitives.ConvertTruncating<byte, float>(images.Bytes, pixels);
        TensorPrimitives.Divide(pixels, 255f, pixels);
        var labelValues = Array.ConvertAll(labels.Bytes, b => (int)b);
        var bad = Array.FindIndex(labelValues, l => l >= classes);
        if (bad >= 0)
        {
            throw new InvalidDataException($"{labelsPath}: label {labelValues[bad]} of example {bad} is out of range; expected 0..{classes - 1}");
        }
        return new ImageDataset(name, pixels, labelValues, images.Dimensions[1], images.Dimensions[2], classes);
    }
}
