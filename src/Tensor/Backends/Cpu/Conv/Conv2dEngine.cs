using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace Scratch.Backends.Cpu;

/// <summary>
/// The element-type-generic convolution behind <see cref="Conv2dKernels"/>, lowered to our GEMM through im2col
/// (Chellapilla, Puri &amp; Simard 2006) for a group of G images at once (<see cref="Conv2dGrouping"/>). With
/// cols_g = [im2col(x_b) for b in the group] side by side, of shape (C·KH·KW) × (G·OH·OW), and dy_g the output
/// gradients of the group gathered the same way as O × (G·OH·OW):
/// forward      y_g = W · cols_g + bias, then scattered back to NCHW,
/// input grad   dx_g = col2im(Wᵀ · dy_g), the GEMM's tiles added onto dx as they come (<see cref="Col2ImTarget{T}"/>),
/// weight grad  dW = Σ_g dy_g · cols_gᵀ,   dbias[o] = Σ_b Σ_(oh,ow) dy_b[o, oh, ow].
/// cols_g is never written out: the forward and weight-gradient GEMMs pack their blocks straight from the images
/// (<see cref="Im2ColSource{T}"/>, <see cref="Im2ColTransposedSource{T}"/>, "implicit im2col"), and the input
/// gradient's GEMM hands each finished tile to col2im while it is in L1 (single-threaded, as tiles overlap in dx).
/// The groups are split into contiguous lanes run on the threads as they come free (each lane with its own buffers and
/// single-threaded GEMMs; the forward and input gradient take one lane per group, so a core slowed by other work
/// holds up little); with one lane the forward and weight-gradient GEMMs run on all threads. The weight gradient always uses the same
/// lanes (<see cref="Conv2dGrouping.ReductionLanes"/>) and sums their partials in lane order, whatever the thread count.
/// </summary>
internal static unsafe class Conv2dEngine
{
    /// <summary>The work of groups [firstGroup, lastGroup) with an O × G·OH·OW staging buffer.</summary>
    private delegate void LaneBody<T>(int lane, int firstGroup, int lastGroup, int gemmThreads, T* staging)
        where T : unmanaged;

    public static void Forward<T>(in Conv2dGeometry g, ReadOnlySpan<T> input, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias,
        Span<T> output, GemmOptions? options) where T : unmanaged, INumber<T>
    {
        g.Validate();
        CheckLength(input.Length, g.InputLength, nameof(input), "Batch·C·H·W");
        CheckLength(weight.Length, g.WeightLength, nameof(weight), "O·C·KH·KW");
        CheckLength(output.Length, g.OutputLength, nameof(output), "Batch·O·OH·OW");
        if (!bias.IsEmpty)
        {
            CheckLength(bias.Length, g.OutChannels, nameof(bias), "O (or empty for no bias)");
        }

        var layout = new Im2ColLayout(g);
        var grouping = Conv2dGrouping.For(g, sizeof(T));
        int ckk = g.InChannels * g.KernelHeight * g.KernelWidth, ohw = g.OutHeight * g.OutWidth, o = g.OutChannels;
        var width = GemmEngine.ResolveWidth((options ??= GemmOptions.Default).Width);
        int threads = GemmEngine.ResolveThreads(options);
        bool hasBias = !bias.IsEmpty;
        fixed (T* px = input, pw = weight, pbias = bias, py = output)
        {
            T* x = px, w = pw, bi = pbias, y = py;
            ForEachLane<T>(grouping, grouping.GroupCount, threads, (_, firstGroup, lastGroup, gemmThreads, staging) =>
            {
                for (int group = firstGroup; group < lastGroup; group++)
                {
                    var (first, count) = grouping.Group(group);
                    int n = count * ohw;
                    var cols = new Im2ColSource<T>(layout, x + first * layout.ImageLength);
                    T* yg = y + (long)first * o * ohw;
                    if (grouping.ImagesPerGroup == 1)
                    {
                        // One image: the GEMM writes its NCHW output in place, on top of the bias.
                        if (hasBias)
                        {
                            for (int c = 0; c < o; c++)
                            {
                                new Span<T>(yg + (long)c * ohw, ohw).Fill(bi[c]);
                            }
                        }

                        GemmEngine.Run(new GemmCall<T>(false, false, o, n, ckk, T.One, w, ckk, null, 0,
                            hasBias ? T.One : T.Zero, yg, n), cols, width, gemmThreads);
                        continue;
                    }

                    GemmEngine.Run(new GemmCall<T>(false, false, o, n, ckk, T.One, w, ckk, null, 0, T.Zero, staging, n),
                        cols, width, gemmThreads);
                    for (int i = 0; i < count; i++)
                    {
                        for (int c = 0; c < o; c++)
                        {
                            var source = new ReadOnlySpan<T>(staging + (long)c * n + i * ohw, ohw);
                            var target = new Span<T>(yg + ((long)i * o + c) * ohw, ohw);
                            if (hasBias)
                            {
                                TensorPrimitives.Add(source, bi[c], target);
                            }
                            else
                            {
                                source.CopyTo(target);
                            }
                        }
                    }
                }
            });
        }
    }

    public static void BackwardInput<T>(in Conv2dGeometry g, ReadOnlySpan<T> gradOutput, ReadOnlySpan<T> weight,
        Span<T> gradInput, GemmOptions? options) where T : unmanaged, INumber<T>
    {
        g.Validate();
        CheckLength(gradOutput.Length, g.OutputLength, nameof(gradOutput), "Batch·O·OH·OW");
        CheckLength(weight.Length, g.WeightLength, nameof(weight), "O·C·KH·KW");
        CheckLength(gradInput.Length, g.InputLength, nameof(gradInput), "Batch·C·H·W");

        var layout = new Im2ColLayout(g);
        var grouping = Conv2dGrouping.For(g, sizeof(T));
        int ckk = g.InChannels * g.KernelHeight * g.KernelWidth, ohw = g.OutHeight * g.OutWidth, o = g.OutChannels;
        var width = GemmEngine.ResolveWidth((options ??= GemmOptions.Default).Width);
        int threads = GemmEngine.ResolveThreads(options);

        // Wᵀ with its rows in the kernel-major order of the col2im target: permuted[o, i'] = W[o, rows[i']].
        var (rows, offsets) = Col2ImTarget<T>.KernelMajorRows(layout, g.InChannels);
        var permuted = ArrayPool<T>.Shared.Rent((int)g.WeightLength);
        for (int oc = 0; oc < o; oc++)
        {
            for (int i = 0; i < ckk; i++)
            {
                permuted[oc * ckk + i] = weight[oc * ckk + rows[i]];
            }
        }

        try
        {
            BackwardInputGroups(grouping, layout, rows, offsets, gradOutput, permuted, gradInput, width, threads);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(permuted);
        }
    }

    private static void BackwardInputGroups<T>(Conv2dGrouping grouping, Im2ColLayout layout, int[] rows, int[] offsets,
        ReadOnlySpan<T> gradOutput, T[] permutedWeight, Span<T> gradInput, SimdWidth width, int threads)
        where T : unmanaged, INumber<T>
    {
        int ckk = grouping.ColumnRows, ohw = grouping.ImageColumns, o = grouping.OutChannels;
        fixed (T* pdy = gradOutput, pw = permutedWeight, pdx = gradInput)
        {
            T* dy = pdy, w = pw, dx = pdx;
            ForEachLane<T>(grouping, grouping.GroupCount, threads, (_, firstGroup, lastGroup, _, staging) =>
            {
                for (int group = firstGroup; group < lastGroup; group++)
                {
                    // dx_g = col2im(Wᵀ · dy_g), each tile of Wᵀ · dy_g added onto dx_g as it is computed.
                    var (first, count) = grouping.Group(group);
                    int n = count * ohw;
                    T* dyg = GroupRows(dy, first, count, o, ohw, staging);
                    T* dxg = dx + first * layout.ImageLength;
                    for (int i = 0; i < count; i++)
                    {
                        new Span<T>(dxg + i * layout.ImageLength, (int)layout.ImageLength).Clear();
                    }

                    GemmEngine.RunToTarget(new GemmCall<T>(true, false, ckk, n, o, T.One, w, ckk, dyg, n, T.Zero, null, 0),
                        new Col2ImTarget<T>(layout, rows, offsets, dxg), width);
                }
            });
        }
    }

    public static void BackwardWeight<T>(in Conv2dGeometry g, ReadOnlySpan<T> input, ReadOnlySpan<T> gradOutput,
        Span<T> gradWeight, Span<T> gradBias, GemmOptions? options) where T : unmanaged, INumber<T>
    {
        g.Validate();
        CheckLength(input.Length, g.InputLength, nameof(input), "Batch·C·H·W");
        CheckLength(gradOutput.Length, g.OutputLength, nameof(gradOutput), "Batch·O·OH·OW");
        CheckLength(gradWeight.Length, g.WeightLength, nameof(gradWeight), "O·C·KH·KW");
        if (!gradBias.IsEmpty)
        {
            CheckLength(gradBias.Length, g.OutChannels, nameof(gradBias), "O (or empty to skip it)");
        }

        var layout = new Im2ColLayout(g);
        var grouping = Conv2dGrouping.For(g, sizeof(T));
        int ckk = g.InChannels * g.KernelHeight * g.KernelWidth, ohw = g.OutHeight * g.OutWidth;
        int o = g.OutChannels, weightLength = (int)g.WeightLength;
        var width = GemmEngine.ResolveWidth((options ??= GemmOptions.Default).Width);
        int lanes = Math.Min(Conv2dGrouping.ReductionLanes, grouping.GroupCount);
        gradWeight.Clear();

        // Lane 0 accumulates straight into gradWeight, the others into partial sums added in lane order at the end.
        var partials = lanes > 1 ? ArrayPool<T>.Shared.Rent((lanes - 1) * weightLength) : [];
        try
        {
            fixed (T* px = input, pdy = gradOutput, pdw = gradWeight, pPartials = partials)
            {
                T* x = px, dy = pdy, dw = pdw, part = pPartials;
                ForEachLane<T>(grouping, lanes, GemmEngine.ResolveThreads(options), (lane, firstGroup, lastGroup, gemmThreads, staging) =>
                {
                    T* target = lane == 0 ? dw : part + (long)(lane - 1) * weightLength;
                    for (int group = firstGroup; group < lastGroup; group++)
                    {
                        // dW += dy_g · cols_gᵀ; the first group of a lane overwrites (beta = 0).
                        var (first, count) = grouping.Group(group);
                        int n = count * ohw;
                        T* dyg = GroupRows(dy, first, count, o, ohw, staging);
                        GemmEngine.Run(new GemmCall<T>(false, false, o, ckk, n, T.One, dyg, n, null, 0,
                            group == firstGroup ? T.Zero : T.One, target, ckk),
                            new Im2ColTransposedSource<T>(layout, x + first * layout.ImageLength), width, gemmThreads);
                    }
                });
            }

            for (int lane = 1; lane < lanes; lane++)
            {
                TensorPrimitives.Add(gradWeight, partials.AsSpan((lane - 1) * weightLength, weightLength), gradWeight);
            }
        }
        finally
        {
            if (lanes > 1)
            {
                ArrayPool<T>.Shared.Return(partials);
            }
        }

        if (!gradBias.IsEmpty)
        {
            gradBias.Clear();
            for (int b = 0; b < g.Batch; b++)
            {
                for (int c = 0; c < o; c++)
                {
                    gradBias[c] += TensorPrimitives.Sum(gradOutput.Slice((b * o + c) * ohw, ohw));
                }
            }
        }
    }

    /// <summary>
    /// The O × count·OH·OW matrix of images [first, first + count) of an NCHW tensor: in place for one image, else
    /// gathered into <paramref name="staging"/> (image i at column offset i·OH·OW).
    /// </summary>
    private static T* GroupRows<T>(T* nchw, int first, int count, int o, int ohw, T* staging) where T : unmanaged
    {
        T* images = nchw + (long)first * o * ohw;
        if (count == 1)
        {
            return images;
        }

        long n = (long)count * ohw;
        for (int i = 0; i < count; i++)
        {
            for (int c = 0; c < o; c++)
            {
                new ReadOnlySpan<T>(images + ((long)i * o + c) * ohw, ohw).CopyTo(new Span<T>(staging + c * n + i * ohw, ohw));
            }
        }

        return staging;
    }

    /// <summary>
    /// Runs <paramref name="body"/> over the groups split into <paramref name="lanes"/> contiguous lanes, at most
    /// <paramref name="threads"/> at a time; the threads left over go to each lane's GEMMs.
    /// </summary>
    private static void ForEachLane<T>(Conv2dGrouping grouping, int lanes, int threads, LaneBody<T> body)
        where T : unmanaged
    {
        if (lanes <= 0)
        {
            return;
        }

        int concurrent = Math.Min(lanes, threads), gemmThreads = Math.Max(1, threads / concurrent);
        if (concurrent == 1)
        {
            for (int lane = 0; lane < lanes; lane++)
            {
                RunLane(grouping, lane, lanes, gemmThreads, body);
            }

            return;
        }

        CpuParallel.Run(lanes, concurrent, lane => RunLane(grouping, lane, lanes, gemmThreads, body));
    }

    private static void RunLane<T>(Conv2dGrouping grouping, int lane, int lanes, int gemmThreads, LaneBody<T> body)
        where T : unmanaged
    {
        var (firstGroup, lastGroup) = grouping.Lane(lane, lanes);
        var staging = ArrayPool<T>.Shared.Rent(grouping.StagingLength);
        try
        {
            fixed (T* pStaging = staging)
            {
                body(lane, firstGroup, lastGroup, gemmThreads, pStaging);
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(staging);
        }
    }

    private static void CheckLength(int actual, long expected, string name, string formula)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{name} has {actual} elements, but the geometry needs {formula} = {expected}.", name);
        }
    }
}
