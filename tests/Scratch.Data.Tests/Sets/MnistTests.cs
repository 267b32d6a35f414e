using Scratch.Data.Sets;

namespace Scratch.Data.Tests.Sets;

public class MnistTests
{
    [Fact]
    public void Load_RealMnist_HasTheKnownCountsPerClass()
    {
        var (train, test) = Mnist.Load();
        Assert.Equal(60_000, train.Count);
        Assert.Equal(10_000, test.Count);
        Assert.Equal((28, 28), (train.Height, train.Width));
        // The published class frequencies of MNIST's training and test sets.
        Assert.Equal(new[] { 5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949 }, Histogram(train));
        Assert.Equal(new[] { 980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009 }, Histogram(test));
        Assert.InRange(train.Pixels.Max(), 0.99f, 1f);
        Assert.Equal(0f, train.Pixels.Min());
    }

    [Fact]
    public void Load_CorruptCachedFile_IsDetectedAndRefetched()
    {
        var cache = CopyOfTheCache("scratch-mnist-cache-");
        try
        {
            var labels = Path.Combine(cache, "mnist", Mnist.Files[1].Name);
            var bytes = File.ReadAllBytes(labels);
            bytes[100] ^= 0xFF;
            File.WriteAllBytes(labels, bytes);
            Assert.NotNull(Mnist.Files[1].Problem(labels));
            var lines = new List<string>();
            var (train, _) = Mnist.Load(cache, lines.Add);
            Assert.Single(lines);
            Assert.Null(Mnist.Files[1].Problem(labels));
            Assert.Equal(60_000, train.Count);
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public void Load_OneSplit_IsThatPartOfBoth()
    {
        var (train, test) = Mnist.Load();
        foreach (var (split, expected) in new[] { (DataSplit.Train, train), (DataSplit.Test, test) })
        {
            var alone = Mnist.Load(split);
            Assert.Equal(expected.Name, alone.Name);
            Assert.Equal(expected.Labels, alone.Labels);
            Assert.True(expected.Pixels.AsSpan().SequenceEqual(alone.Pixels));
        }
    }

    [Fact]
    public void Load_TestSplit_NeitherChecksNorFetchesTheTrainingFiles()
    {
        // A cache whose training images are corrupt: the test split loads from it as is (nothing fetched, nothing logged).
        var cache = CopyOfTheCache("scratch-mnist-split-");
        try
        {
            var trainImages = Path.Combine(cache, "mnist", Mnist.Files[0].Name);
            using (var stream = File.OpenWrite(trainImages))
            {
                stream.Position = 1000;
                stream.WriteByte(0xAB);
            }
            Assert.NotNull(Mnist.Files[0].Problem(trainImages));
            var lines = new List<string>();
            var test = Mnist.Load(DataSplit.Test, cache, lines.Add);
            Assert.Empty(lines);
            Assert.Equal(10_000, test.Count);
            Assert.NotNull(Mnist.Files[0].Problem(trainImages));
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public void Load_UndefinedSplit_NamesTheArgument()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Mnist.Load((DataSplit)7));
        Assert.Equal("split", e.ParamName);
        Assert.Equal("split", Assert.Throws<ArgumentOutOfRangeException>(() => FashionMnist.Load((DataSplit)7)).ParamName);
    }

    [Fact]
    public void FashionMnist_OneSplitMissingEverywhere_ErrorListsOnlyThatSplitsFiles()
    {
        var cache = Directory.CreateTempSubdirectory("scratch-fashion-split-").FullName;
        try
        {
            if (Directory.Exists(FashionMnist.DebianFolder))
            {
                Assert.Equal(FashionMnist.Load(cache).Test.Labels, FashionMnist.Load(DataSplit.Test, cache).Labels);
                return;
            }
            var e = Assert.Throws<DataNotFoundException>(() => FashionMnist.Load(DataSplit.Test, cache));
            Assert.Contains(FashionMnist.Files[2].Name, e.Message);
            Assert.DoesNotContain(FashionMnist.Files[0].Name, e.Message);
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public void FashionMnist_MissingEverywhere_ErrorListsPlacesAndFix()
    {
        var cache = Directory.CreateTempSubdirectory("scratch-fashion-").FullName;
        try
        {
            if (Directory.Exists(FashionMnist.DebianFolder))
            {
                var (train, test) = FashionMnist.Load(cache);
                Assert.Equal((60_000, 10_000), (train.Count, test.Count));
                return;
            }
            var e = Assert.Throws<DataNotFoundException>(() => FashionMnist.Load(cache));
            Assert.Contains(Path.Combine(cache, "fashion-mnist"), e.Message);
            Assert.Contains(FashionMnist.DebianFolder, e.Message);
            Assert.Contains("apt-get install -y dataset-fashion-mnist", e.Message);
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    // A new cache folder holding a copy of the four verified MNIST files (fetched into the default cache first if needed).
    private static string CopyOfTheCache(string prefix)
    {
        var cache = Directory.CreateTempSubdirectory(prefix).FullName;
        var folder = Path.Combine(cache, "mnist");
        Directory.CreateDirectory(folder);
        var source = Path.Combine(DataCache.Root(), "mnist");
        Mnist.Load();
        foreach (var f in Mnist.Files)
        {
            File.Copy(Path.Combine(source, f.Name), Path.Combine(folder, f.Name));
        }
        return cache;
    }

    private static int[] Histogram(ImageDataset set)
    {
        var h = new int[10];
        foreach (var l in set.Labels)
        {
            h[l]++;
        }
        return h;
    }
}
