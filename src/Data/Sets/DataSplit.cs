namespace Scratch.Data.Sets;

/// <summary>One of a data set's two published parts.</summary>
public enum DataSplit
{
    /// <summary>The training set (MNIST and Fashion-MNIST: 60,000 images).</summary>
    Train,

    /// <summary>The test set (MNIST and Fashion-MNIST: 10,000 images).</summary>
    Test,
}

/// <summary>Which of a data set's files hold a split.</summary>
internal static class DataSplits
{
    /// <summary>The images and labels files of <paramref name="split"/>, from a set's four files in the order train images, train labels, test images, test labels.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="split"/> is not a <see cref="DataSplit"/> value.</exception>
    public static (KnownFile Images, KnownFile Labels) Files(KnownFile[] files, DataSplit split) => split switch
    {
        DataSplit.Train => (files[0], files[1]),
        DataSplit.Test => (files[2], files[3]),
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "expected DataSplit.Train or DataSplit.Test"),
    };

    /// <summary>The name of a set's split as <see cref="ImageDataset.Name"/> gives it ("mnist-train", "fashion-mnist-test").</summary>
    public static string Name(string set, DataSplit split) => split == DataSplit.Train ? $"{set}-train" : $"{set}-test";
}
