using System.Net.Sockets;
using Scratch.IO;
using Scratch.Tests.Support;

namespace Scratch.Tests.IO;

public sealed class FileProbeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scratch-probe-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Kind_OfEachEntry_IsWhatItIs()
    {
        var file = Path.Combine(_folder, "file");
        File.WriteAllText(file, "x");
        var link = Path.Combine(_folder, "link");
        File.CreateSymbolicLink(link, file);
        var dangling = Path.Combine(_folder, "dangling");
        File.CreateSymbolicLink(dangling, Path.Combine(_folder, "nothing"));

        Assert.Equal(FileKind.Regular, FileProbe.Kind(file));
        Assert.Equal(FileKind.Regular, FileProbe.Kind(link));
        Assert.Equal(FileKind.Missing, FileProbe.Kind(dangling));
        Assert.Equal(FileKind.Missing, FileProbe.Kind(Path.Combine(_folder, "nothing")));
        Assert.Equal(FileKind.Missing, FileProbe.Kind(Path.Combine(file, "below-a-file")));
        Assert.Equal(FileKind.Directory, FileProbe.Kind(_folder));
        Assert.Equal(FileKind.Directory, FileProbe.Kind("/"));
        Assert.Equal(FileKind.CharacterDevice, FileProbe.Kind("/dev/null"));
        Assert.Equal(FileKind.CharacterDevice, FileProbe.Kind("/dev/zero"));
        Assert.Equal(FileKind.Fifo, FileProbe.Kind(SpecialFiles.Fifo(Path.Combine(_folder, "fifo"))));
    }

    [Fact]
    public void Kind_OfAUnixSocket_IsSocket()
    {
        var path = Path.Combine(_folder, "socket");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        Assert.Equal(FileKind.Socket, FileProbe.Kind(path));
    }
}
