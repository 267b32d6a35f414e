using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace Scratch.Backends.Cpu;

/// <summary>
/// The element-type-generic convolution behind <see cref="Conv2dKernels"/>, lowered to our GEMM through im2col
/// (Chellapilla, Puri &amp; Simard 2006). Per image b, with cols_b = im2col(x_b) of shape (C·KH·KW) × (OH·OW):
/// forward      y_b = W · cols_b + bias,
/// input grad   dx_b = col2im(Wᵀ · dy_b),
/// weight grad  dW = Σ_b dy_b · cols_bᵀ,   dbias[o] = Σ_b Σ_(oh,ow) dy_b[o, oh, ow].
/// The batch is split into one contiguous chunk per thread (each with its own column buffer and single-threaded
/// GEMMs); with one image or one thread the GEMM itself runs on all threads instead.
/// </summary>
internal static unsafe class Conv2dEngine
{
    /// <summary>The work done for images [first, last) with a column buffer of C·KH·KW·OH·OW elements.</summary>
    private delegate void ChunkBody<T>(int chunk, int first, int last, int gemmThreads, T* cols) where T : unmanaged;

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

        var geometry = g;
        int ckk = g.InChannels * g.KernelHeight * g.KernelWidth, ohw = g.OutHeight * g.OutWidth;
        var width = GemmEngine.ResolveWidth((options ??= GemmOptions.Default).Width);
        bool hasBias = !bias.IsEmpty;
        long imageLength = (long)g.InChannels * g.Height * g.Width;
        fixed (T* px = input, pw = weight, pbias = bias, py = output)
        {
            T* x = px, w = pw, bi = pbias, y = py;
            ForEachChunk<T>(g.Batch, GemmEngine.ResolveThreads(options), ckk * ohw, (_, first, last, gemmThreads, cols) =>
            {
                for (int b = first; b < last; b++)
                {
                    Im2Col.Lower(geometry, x + b * imageLength, cols);
                    T* yb = y + (long)b * geometry.OutChannels * ohw;
                    if (hasBias)
                    {
                        for (int o = 0; o < geometry.OutChannels; o++)
                        {
                            new Span<T>(yb + (long)o * ohw, ohw).Fill(bi[o]);
                        }
                    }

                    var call = new GemmCall<T>(false, false, geometry.OutChannels, ohw, ckk, T.One, w, ckk, cols, ohw,
                        hasBias ? T.One : T.Zero, yb, ohw);
                    GemmEngine.Run(call, width, gemmThreads);
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

        var geometry = g;
        int ckk = g.InChannels * g.KernelHeight * g.KernelWidth, ohw = g.OutHeight * g.OutWidth;
        long imageLength = (long)g.InChannels * g.Height * g.Width;
        var width = GemmEngine.ResolveWidth((options ??= GemmOptions.Default).Width);
        fixed (T* pdy = gradOutput, pw = weight, pdx = gradInput)
        {
            T* dy = pdy, w = pw, dx = pdx;
            ForEachChunk<T>(g.Batch, GemmEngine.ResolveThreads(options), ckk * ohw, (_, first, last, gemmThreads, cols) =>
            {
                for (int b = first; b < last; b++)
                {
                    // cols = Wᵀ · dy_b, then dx_b = col2im(cols).
                    var call = new GemmCall<T>(true, false, ckk, ohw, geometry.OutChannels, T.One, w, ckk,
                        dy + (long)b * geometry.OutChannels * ohw, ohw, T.Zero, cols, ohw);
                    GemmEngine.Run(call, width, gemmThreads);
                    T* dxb = dx + b * imageLength;
                    new Span<T>(dxb, (int)imageLength).Clear();
                    Im2Col.Raise(geometry, cols, dxb);
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

        var geometry = g;
        int ckk = g.InChannels * g.KernelHeight * g.KernelWidth, ohw = g.OutHeight * g.OutWidth;
        int o = g.OutChannels, weightLength = (int)g.WeightLength;
        long imageLength = (long)g.InChannels * g.Height * g.Width;
        var width = GemmEngine.ResolveWidth((options ??= GemmOptions.Default).Width);
        int threads = GemmEngine.ResolveThreads(options);
        int chunks = ChunkCount(g.Batch, threads);
        gradWeight.Clear();

        // Chunk 0 accumulates straight into gradWeight, the others into partial sums added at the end.
        var partials = chunks > 1 ? ArrayPool<T>.Shared.Rent((chunks - 1) * weightLength) : [];
        try
        {
            fixed (T* px = input, pdy = gradOutput, pdw = gradWeight, pPartials = partials)
            {
                T* x = px, dy = pdy, dw = pdw, part = pPartials;
                ForEachChunk<T>(g.Batch, threads, ckk * ohw, (chunk, first, last, gemmThreads, cols) =>
                {
                    T* target = chunk == 0 ? dw : part + (long)(chunk - 1) * weightLength;
                    for (int b = first; b < last; b++)
                    {
                        // dW += dy_b · cols_bᵀ; the first image of a chunk overwrites (beta = 0).
                        Im2Col.Lower(geometry, x + b * imageLength, cols);
                        var call = new GemmCall<T>(false, true, o, ckk, ohw, T.One, dy + (long)b * o * ohw, ohw,
                            cols, ohw, b == first ? T.Zero : T.One, target, ckk);
                        GemmEngine.Run(call, width, gemmThreads);
                    }
                });
            }

            for (int chunk = 1; chunk < chunks; chunk++)
            {
                TensorPrimitives.Add(gradWeight, partials.AsSpan((chunk - 1) * weightLength, weightLength), gradWeight);
            }
        }
        finally
        {
            if (chunks > 1)
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

    private static int ChunkCount(int batch, int threads) => Math.Max(1, Math.Min(batch, threads));

    /// <summary>Runs <paramref name="body"/> over the batch: one chunk per thread, or one chunk with a parallel GEMM.</summary>
    private static void ForEachChunk<T>(int batch, int threads, int colsLength, ChunkBody<T> body) where T : unmanaged
    {
        int chunks = ChunkCount(batch, threads);
        if (chunks == 1)
        {
            RunChunk(0, 0, batch, threads, colsLength, body);
            return;
        }

        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks }, chunk =>
            RunChunk(chunk, (int)((long)batch * chunk / chunks), (int)((long)batch * (chunk + 1) / chunks), 1, colsLength, body));
    }

    private static void RunChunk<T>(int chunk, int first, int last, int gemmThreads, int colsLength, ChunkBody<T> body)
        where T : unmanaged
    {
        var cols = ArrayPool<T>.Shared.Rent(colsLength);
        try
        {
            fixed (T* pCols = cols)
            {
                body(chunk, first, last, gemmThreads, pCols);
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(cols);
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
