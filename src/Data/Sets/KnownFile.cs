using System.Security.Cryptography;

namespace Scratch.Data.Sets;

/// <summary>A data file we know: its name, exact size and SHA-256, checked before the file is used.</summary>
/// <param name="Name">File name.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file's bytes.</param>
public sealed record KnownFile(string Name, long Size, string Sha256)
{
    /// <summary>Null when the file at <paramref name="path"/> is this file, else why not.</summary>
    public string? Problem(string path)
    {
        if (!File.Exists(path))
        {
            return "missing";
        }
        var length = new FileInfo(path).Length;
        if (length != Size)
        {
            return $"size {length} bytes, expected {Size}";
        }
        using var stream = File.OpenRead(path);
        var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        return hash == Sha256 ? null : $"SHA-256 {hash}, expected {Sha256}";
    }
}
