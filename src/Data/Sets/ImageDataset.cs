namespace Scratch.Data.Sets;

/// <summary>
/// An in-memory labelled image set: pixels scaled to [0, 1] (row-major, one image after another) and
/// int labels. Subsets, splits and shuffles return new datasets over copied arrays; nothing is shared mutably.
/// The set owns its arrays and never changes them, and callers must not either: <see cref="Images"/> and
/// <see cref="LabelTensor"/> of the whole set are tensors over these very arrays (<see cref="Tensor.Wrap(float[], int[])"/>).
/// </summary>
public sealed class ImageDataset
{
    /// <summary>Creates a dataset; pixels must hold count·height·width values and labels must lie in 0..classes−1.</summary>
    /// <exception cref="ArgumentException">A size is not positive, an image has more than <see cref="int.MaxValue"/> pixels, the array lengths disagree, or a label is out of range.</exception>
    public ImageDataset(string name, float[] pixels, int[] labels, int height, int width, int classes)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        if (height < 1 || width < 1 || classes < 1)
        {
            throw new ArgumentException($"{name}: images of {height}×{width} pixels in {classes} classes; expected positive sizes", nameof(height));
        }
        // Each factor is below 2³¹, so these products of two or three fit a long exactly.
        var imageSize = (long)height * width;
        if (imageSize > int.MaxValue)
        {
            throw new ArgumentException($"{name}: images of {height}×{width} = {imageSize} pixels; at most {int.MaxValue} fit", nameof(height));
        }
        if (pixels.Length != labels.Length * imageSize)
        {
            throw new ArgumentException($"{name}: {pixels.Length} pixels for {labels.Length} labels of {height}×{width} images; expected {labels.Length * imageSize}", nameof(pixels));
        }
        for (var i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes)
            {
                throw new ArgumentException($"{name}: label {labels[i]} of example {i} is out of range; expected 0..{classes - 1}", nameof(labels));
            }
        }
        Name = name;
        Pixels = pixels;
        Labels = labels;
        Height = height;
        Width = width;
        Classes = classes;
    }

    /// <summary>A name for messages and reports ("mnist-train", "mnist-train[P1]").</summary>
    public string Name { get; }

    /// <summary>count·height·width pixel values in [0, 1]; never to be changed (see the class summary).</summary>
    public float[] Pixels { get; }

    /// <summary>The label of each example; never to be changed (see the class summary).</summary>
    public int[] Labels { get; }

    /// <summary>Image height in pixels.</summary>
    public int Height { get; }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; }

    /// <summary>Number of classes (labels lie in 0..Classes−1).</summary>
    public int Classes { get; }

    /// <summary>Number of examples.</summary>
    public int Count => Labels.Length;

    /// <summary>Pixels per image.</summary>
    public int ImageSize => Height * Width;

    /// <summary>The examples at the given positions, in that order.</summary>
    public ImageDataset Subset(IReadOnlyList<int> indices, string? name = null)
    {
        var pixels = new float[(long)indices.Count * ImageSize];
        var labels = new int[indices.Count];
        for (var i = 0; i < indices.Count; i++)
        {
            var j = indices[i];
            if ((uint)j >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), j, $"{Name}: example index {j} is out of range; expected 0..{Count - 1}");
            }
            Array.Copy(Pixels, (long)j * ImageSize, pixels, (long)i * ImageSize, ImageSize);
            labels[i] = Labels[j];
        }
        return new ImageDataset(name ?? $"{Name}[subset]", pixels, labels, Height, Width, Classes);
    }

    /// <summary>Examples start..start+count−1.</summary>
    public ImageDataset Range(int start, int count, string? name = null)
    {
        if (start < 0 || count < 0 || count > Count - start)
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, $"{Name}: range [{start}, {(long)start + count}) is outside 0..{Count}");
        }
        return Subset(Enumerable.Range(start, count).ToArray(), name ?? $"{Name}[{start}:{start + count}]");
    }

    /// <summary>The first <paramref name="firstCount"/> examples and the rest (e.g. train / validation).</summary>
    public (ImageDataset First, ImageDataset Second) Split(int firstCount) =>
        (Range(0, firstCount), Range(firstCount, Count - firstCount));

    /// <summary>Szegedy et al.'s two disjoint halves of a training set: P1 the first half, P2 the second.</summary>
    public (ImageDataset P1, ImageDataset P2) Halves()
    {
        var half = Count / 2;
        return (Range(0, half, $"{Name}[P1]"), Range(half, Count - half, $"{Name}[P2]"));
    }

    /// <summary>Only the examples of the given classes, relabelled by their position in the list (e.g. [3, 7] → 3 ↦ 0, 7 ↦ 1).</summary>
    public ImageDataset WithClasses(params int[] classes)
    {
        var map = new Dictionary<int, int>();
        for (var i = 0; i < classes.Length; i++)
        {
            if ((uint)classes[i] >= (uint)Classes || !map.TryAdd(classes[i], i))
            {
                throw new ArgumentException($"{Name}: class {classes[i]} is out of range 0..{Classes - 1} or repeated", nameof(classes));
            }
        }
        var keep = Enumerable.Range(0, Count).Where(i => map.ContainsKey(Labels[i])).ToArray();
        var subset = Subset(keep);
        var labels = subset.Labels.Select(l => map[l]).ToArray();
        return new ImageDataset($"{Name}[{string.Join("-vs-", classes)}]", subset.Pixels, labels, Height, Width, classes.Length);
    }

    /// <summary>A copy in a seeded random order.</summary>
    public ImageDataset Shuffled(Generator generator)
    {
        var order = Enumerable.Range(0, Count).ToArray();
        generator.Shuffle<int>(order);
        return Subset(order, Name);
    }

    /// <summary>
    /// Images as a [N, 1, H, W] float32 tensor (all examples, or the given ones). For the whole set it is a view of
    /// <see cref="Pixels"/>, not a copy: on the VMs of Dec 2026 a fresh copy of 60,000 images cost ≈ 0.7 s of page
    /// faults, and the reproduction converts its sets many times.
    /// </summary>
    public Tensor Images(IReadOnlyList<int>? indices = null)
    {
        var set = indices is null ? this : Subset(indices);
        return Tensor.Wrap(set.Pixels, set.Count, 1, Height, Width);
    }

    /// <summary>Labels as an int32 tensor [N] (all examples, or the given ones); for the whole set a view of <see cref="Labels"/>.</summary>
    public Tensor LabelTensor(IReadOnlyList<int>? indices = null) =>
        Tensor.Wrap(indices is null ? Labels : indices.Select(i => Labels[i]).ToArray());

    /// <summary>
    /// Mini-batches (images [B, 1, H, W], labels [B]) in order, or in a fresh seeded permutation per call
    /// when a generator is given. The last batch is smaller unless <paramref name="dropLast"/>. Each batch is made
    /// as an op's result (<see cref="Tensor.Create{T, TState}"/>): drawn inside a <see cref="DeviceScope"/> (as the
    /// trainer draws them), it is recycled when the scope ends; drawn outside every scope, it lives until collected.
    /// </summary>
    public IEnumerable<(Tensor Images, Tensor Labels)> Batches(int batchSize, Generator? shuffle = null, bool dropLast = false)
    {
        if (batchSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batch size must be >= 1");
        }
        var order = Enumerable.Range(0, Count).ToArray();
        shuffle?.Shuffle<int>(order);
        for (var start = 0; start < Count; start += batchSize)
        {
            var size = Math.Min(batchSize, Count - start);
            if (size < batchSize && dropLast)
            {
                yield break;
            }
            var picks = (Set: this, Examples: new ArraySegment<int>(order, start, size));
            var pixels = Tensor.Create<float, (ImageDataset Set, ArraySegment<int> Examples)>([size, 1, Height, Width], picks, static (rows, p) =>
            {
                var length = p.Set.ImageSize;
                for (var i = 0; i < p.Examples.Count; i++)
                {
                    p.Set.Pixels.AsSpan(p.Examples[i] * length, length).CopyTo(rows.Slice(i * length, length));
                }
            });
            var labels = Tensor.Create<int, (ImageDataset Set, ArraySegment<int> Examples)>([size], picks, static (values, p) =>
            {
                for (var i = 0; i < p.Examples.Count; i++)
                {
                    values[i] = p.Set.Labels[p.Examples[i]];
                }
            });
            yield return (pixels, labels);
        }
    }
}
