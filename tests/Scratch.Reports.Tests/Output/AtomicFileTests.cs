using Scratch.Reports.Images;
using Scratch.Reports.Output;

namespace Scratch.Reports.Tests.Output;

public class AtomicFileTests
{
    [Fact]
    public void Write_WriterFailsHalfway_TargetNotCreatedAndNoTemporaryLeft()
    {
        using var folder = new TempFolder();
        var target = folder.File("figure.png");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(target, stream =>
        {
            stream.Write(new byte[1000]);
            throw new InvalidOperationException("encoder failed");
        }));
        Assert.Empty(folder.Names());
    }

    [Fact]
    public void Write_WriterFailsOverAnExistingFile_OldContentKept()
    {
        using var folder = new TempFolder();
        var target = folder.File("figure.png");
        File.WriteAllText(target, "old");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(target, stream =>
        {
            stream.Write("new, half"u8);
            throw new InvalidOperationException("encoder failed");
        }));
        Assert.Equal("old", File.ReadAllText(target));
        Assert.Equal(["figure.png"], folder.Names());
    }

    [Fact]
    public void Write_RenameFails_IOExceptionNamesThePathAndTemporaryRemoved()
    {
        using var folder = new TempFolder();
        var target = folder.File("taken");
        Directory.CreateDirectory(target);
        var e = Assert.Throws<IOException>(() => AtomicFile.Write(target, stream => stream.Write("data"u8)));
        Assert.Contains(target, e.Message);
        Assert.Equal(["taken"], folder.Names());
    }

    [Fact]
    public void Save_OverExistingPng_ReplacesItAndLeavesOnlyIt()
    {
        using var folder = new TempFolder();
        var target = folder.File("grid.png");
        File.WriteAllText(target, "not a png");
        var grid = new ImageGrid(1, 1);
        grid.Set(0, 0, Tensor.Ones(new Shape(3, 3)));
        grid.Save(target);
        using var png = Png.Read(target);
        Assert.Equal((11, 11), (png.Width, png.Height));
        Assert.Equal(["grid.png"], folder.Names());
    }

    [Fact]
    public void Save_UnusablePaths_ThrowNamingThePathAndCreateNothing()
    {
        using var folder = new TempFolder();
        var grid = new ImageGrid(1, 1);
        grid.Set(0, 0, Tensor.Ones(new Shape(3, 3)));

        var missing = Path.Combine(folder.Path, "no-such-folder", "grid.png");
        Assert.Contains("no-such-folder", Assert.Throws<DirectoryNotFoundException>(() => grid.Save(missing)).Message);
        var jpeg = Assert.Throws<ArgumentException>(() => grid.Save(folder.File("grid.jpg")));
        Assert.Equal("path", jpeg.ParamName);
        Assert.Contains("grid.jpg", jpeg.Message);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => grid.Save(" ")).ParamName);
        Directory.CreateDirectory(folder.File("dir.png"));
        Assert.Contains("dir.png", Assert.Throws<IOException>(() => grid.Save(folder.File("dir.png"))).Message);
        Assert.Equal(["dir.png"], folder.Names());
    }
}
