namespace Scratch.Backends.Cpu;

/// <summary>
/// How <see cref="Conv2dEngine"/> batches images into GEMMs. The columns of one image number only OH·OW (64 for a
/// 5×5 convolution of a 12×12 map), far too few for a packed GEMM to amortise its packing and loop overhead, so the
/// column matrices of <see cref="ImagesPerGroup"/> consecutive images are laid side by side and multiplied at once
/// (Chetlur et al. 2014, "cuDNN: efficient primitives for deep learning", §3, lowers a whole mini-batch the same way).
/// The group is sized for about <see cref="TargetColumns"/> GEMM columns, with its column matrix kept within
/// <see cref="ColumnBudgetBytes"/>. Groups depend on the geometry alone, never on the thread count, so every result
/// is the same for any number of threads.
/// </summary>
/// <param name="Batch">Images in the batch.</param>
/// <param name="ImagesPerGroup">Images lowered together (G ≥ 1); the last group may hold fewer.</param>
/// <param name="ColumnRows">Rows of a column matrix: C·KH·KW.</param>
/// <param name="ImageColumns">Columns of one image: OH·OW.</param>
/// <param name="OutChannels">Output channels O.</param>
internal readonly record struct Conv2dGrouping(int Batch, int ImagesPerGroup, int ColumnRows, int ImageColumns, int OutChannels)
{
    /// <summary>About this many GEMM columns (G·OH·OW) per group: enough for the packed GEMM to run near its peak.</summary>
    public const int TargetColumns = 512;

    /// <summary>The column matrix of one group (C·KH·KW × G·OH·OW elements) stays within this many bytes.</summary>
    public const long ColumnBudgetBytes = 4L << 20;

    /// <summary>
    /// Partial weight gradients summed in a fixed order: the groups are split into this many lanes (fewer when there
    /// are fewer groups), each lane accumulating its own partial sum, so the result does not depend on the threads.
    /// </summary>
    public const int ReductionLanes = 4;

    /// <summary>The grouping for a geometry whose elements take <paramref name="elementSize"/> bytes.</summary>
    public static Conv2dGrouping For(in Conv2dGeometry g, int elementSize)
    {
        int ckk = g.InChannels * g.KernelHeight * g.KernelWidth, ohw = g.OutHeight * g.OutWidth;
        long wanted = (TargetColumns + ohw - 1) / ohw;
        long affordable = Math.Max(1, ColumnBudgetBytes / ((long)ckk * ohw * elementSize));
        int imagesPerGroup = (int)Math.Clamp(Math.Min(wanted, affordable), 1, Math.Max(1, g.Batch));
        return new Conv2dGrouping(g.Batch, imagesPerGroup, ckk, ohw, g.OutChannels);
    }

    /// <summary>Elements of the O × G·OH·OW staging matrix of a group; 0 when a group is one image (used in place).</summary>
    public int StagingLength => ImagesPerGroup == 1 ? 0 : OutChannels * ImagesPerGroup * ImageColumns;

    /// <summary>Number of groups: ⌈Batch / G⌉.</summary>
    public int GroupCount => (Batch + ImagesPerGroup - 1) / ImagesPerGroup;

    /// <summary>The first image of group <paramref name="group"/> and how many images it holds.</summary>
    public (int First, int Count) Group(int group)
    {
        int first = group * ImagesPerGroup;
        return (first, Math.Min(ImagesPerGroup, Batch - first));
    }

    /// <summary>The groups [first, last) of lane <paramref name="lane"/> out of <paramref name="lanes"/>: contiguous, balanced.</summary>
    public (int First, int Last) Lane(int lane, int lanes) =>
        ((int)((long)GroupCount * lane / lanes), (int)((long)GroupCount * (lane + 1) / lanes));
}
