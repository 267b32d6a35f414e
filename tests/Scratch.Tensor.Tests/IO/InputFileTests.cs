using Scratch.IO;
using Scratch.Tests.Support;

namespace Scratch.Tests.IO;

public sealed class InputFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scratch-input-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void OpenRead_RegularFileWithinLimits_ReadsIt()
    {
        var path = Path.Combine(_folder, "ok");
        File.WriteAllBytes(path, [1, 2, 3]);
        using var stream = InputFile.OpenRead(path, "test file", minBytes: 3, maxBytes: 3);
        Assert.Equal(1, stream.ReadByte());
    }

    [Fact]
    public void OpenRead_Missing_FileNotFoundNamingThePath()
    {
        var path = Path.Combine(_folder, "missing");
        var e = Assert.Throws<FileNotFoundException>(() => InputFile.OpenRead(path, "test file", 0, 10));
        Assert.Contains($"test file '{path}' does not exist", e.Message);
    }

    [Theory]
    [InlineData("/dev/zero", "a character device")]
    [InlineData("/dev/null", "a character device")]
    [InlineData("/", "a directory")]
    public void OpenRead_NotARegularFile_Rejected(string path, string kind)
    {
        var e = Assert.Throws<InvalidDataException>(() => InputFile.OpenRead(path, "test file", 0, long.MaxValue));
        Assert.Contains($"'{path}' is {kind}, not a regular file", e.Message);
    }

    [Fact]
    public void OpenRead_Fifo_RejectedWithoutBlocking()
    {
        var fifo = SpecialFiles.Fifo(Path.Combine(_folder, "fifo"));
        SpecialFiles.FinishesWithoutBlocking(() =>
        {
            var e = Assert.Throws<InvalidDataException>(() => InputFile.OpenRead(fifo, "test file", 0, long.MaxValue));
            Assert.Contains("a FIFO (named pipe), not a regular file", e.Message);
        });
    }

    [Theory]
    [InlineData(2, 10, "it needs at least 4")]
    [InlineData(11, 10, "more than the 10 bytes")]
    public void OpenRead_LengthOutOfRange_Rejected(int length, long max, string fragment)
    {
        var path = Path.Combine(_folder, "sized");
        File.WriteAllBytes(path, new byte[length]);
        var e = Assert.Throws<InvalidDataException>(() => InputFile.OpenRead(path, "test file", minBytes: 4, maxBytes: max));
        Assert.Contains($"is {length} bytes", e.Message);
        Assert.Contains(fragment, e.Message);
    }
}
