using Scratch.Backends.Gpu.Kernels;

namespace Scratch.Backends.Gpu;

/// <summary>
/// Turns layouts that are walked together (same dims, one flat index) into <see cref="StridedView"/>s
/// with as few dimensions as possible: size-1 dimensions are dropped, and two neighbouring dimensions
/// merge when every layout steps across them evenly (stride[i] = stride[i+1] · dim[i+1]), so a
/// contiguous, offset or broadcast-scalar view needs no division in the kernel.
/// </summary>
internal static class ViewCollapse
{
    /// <summary>Collapses views over the same dims; each entry is (strides, offset) for one operand.</summary>
    public static StridedView[] Joint(ReadOnlySpan<int> dims, params (int[] Strides, int Offset)[] operands)
    {
        var keptDims = new List<int>();
        var keptStrides = operands.Select(_ => new List<int>()).ToArray();
        for (var d = 0; d < dims.Length; d++)
        {
            if (dims[d] == 1)
            {
                continue;
            }
            var inner = dims[d];
            var merge = keptDims.Count > 0;
            for (var k = 0; k < operands.Length && merge; k++)
            {
                merge = keptStrides[k][^1] == operands[k].Strides[d] * inner;
            }
            if (merge)
            {
                keptDims[^1] *= dims[d];
                for (var k = 0; k < operands.Length; k++)
                {
                    keptStrides[k][^1] = operands[k].Strides[d];
                }
                continue;
            }
            keptDims.Add(dims[d]);
            for (var k = 0; k < operands.Length; k++)
            {
                keptStrides[k].Add(operands[k].Strides[d]);
            }
        }
        var dimArray = keptDims.ToArray();
        return operands.Select((o, k) => StridedView.Of(dimArray, keptStrides[k].ToArray(), o.Offset)).ToArray();
    }

    /// <summary>Views of layouts that share one shape.</summary>
    public static StridedView[] Joint(params Layout[] layouts) =>
        Joint(layouts[0].Shape.AsSpan(), layouts.Select(l => (l.Strides.ToArray(), l.Offset)).ToArray());

    /// <summary>The view of one layout.</summary>
    public static StridedView Of(Layout layout) => Joint(layout)[0];
}
