using System.Buffers.Binary;
using Scratch.Data.Sets;

namespace Scratch.Data.Tests.Sets;

public sealed class MnistFolderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scratch-mnist-folder-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // The first `count` examples of the cached training files, as the bundle script writes them: the header's count rewritten, the records cut.
    private void WriteSlice(int count)
    {
        var source = Path.Combine(DataCache.Root(), "mnist");
        Mnist.Load();
        foreach (var (file, header, record) in new[] { (Mnist.Files[0].Name, 16, 784), (Mnist.Files[1].Name, 8, 1) })
        {
            var bytes = File.ReadAllBytes(Path.Combine(source, file)).AsSpan(0, header + count * record).ToArray();
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
            File.WriteAllBytes(Path.Combine(_folder, file), bytes);
        }
        foreach (var f in Mnist.Files.Skip(2))
        {
            File.Copy(Path.Combine(source, f.Name), Path.Combine(_folder, f.Name));
        }
    }

    [Fact]
    public void Load_TrainingSlice_GivesTheFirstExamplesOfTheFullSet()
    {
        WriteSlice(300);
        var (train, test) = MnistFolder.Load(_folder);
        var (fullTrain, fullTest) = Mnist.Load();
        Assert.Equal(300, train.Count);
        Assert.Equal(fullTrain.Labels.Take(300), train.Labels);
        Assert.Equal(fullTrain.Pixels.Take(300 * 784), train.Pixels);
        Assert.Equal(fullTest.Labels, test.Labels);
    }

    [Fact]
    public void Load_CorruptTestFile_ListsItWithoutFetching()
    {
        WriteSlice(10);
        var labels = Path.Combine(_folder, Mnist.Files[3].Name);
        var bytes = File.ReadAllBytes(labels);
        bytes[50] ^= 1;
        File.WriteAllBytes(labels, bytes);
        var error = Assert.Throws<DataNotFoundException>(() => MnistFolder.Load(_folder));
        Assert.Contains(labels, error.Message);
        Assert.Contains("SHA-256", error.Message);
    }

    [Fact]
    public void Load_TruncatedSlice_IsInvalidData()
    {
        WriteSlice(10);
        var images = Path.Combine(_folder, Mnist.Files[0].Name);
        var bytes = File.ReadAllBytes(images);
        File.WriteAllBytes(images, bytes.AsSpan(0, bytes.Length - 1).ToArray());
        Assert.Throws<InvalidDataException>(() => MnistFolder.Load(_folder));
    }

    [Fact]
    public void Load_MissingFolder_NamesItAndTheFix()
    {
        var missing = Path.Combine(_folder, "nope");
        var error = Assert.Throws<DataNotFoundException>(() => MnistFolder.Locate(missing));
        Assert.Contains(missing, error.Message);
        Assert.Contains("gpu-bundle.sh", error.Message);
    }
}
