using System.Buffers.Binary;
using System.Text;

namespace Scratch.BenchSuite.Tests;

/// <summary>One Vernaux entry of an ELF file's .gnu.version_r: the version, the file it is required from, its flags and where they lie.</summary>
public sealed record VersionNeed(string File, string Version, ushort Flags, int FlagsOffset);

/// <summary>
/// A reader of the version requirements (.gnu.version_r, SHT_GNU_verneed) of a 64-bit little-endian ELF file,
/// written apart from bench/TorchSharp/weaken_verneed.py so that the test does not check the script with itself.
/// Layout (System V gABI, GNU extensions): Elf64_Shdr of 64 bytes from e_shoff (0x28), e_shnum at 0x3C;
/// Elf64_Verneed {vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32};
/// Elf64_Vernaux {vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32}.
/// </summary>
public static class ElfVersionNeeds
{
    private const uint ShtGnuVerneed = 0x6fff_fffe;

    /// <summary>VER_FLG_WEAK: the requirement may be missing.</summary>
    public const ushort Weak = 0x2;

    /// <summary>Every Vernaux entry of the file, in file order.</summary>
    /// <exception cref="InvalidDataException">The file is not a 64-bit little-endian ELF or has no .gnu.version_r.</exception>
    public static List<VersionNeed> Read(byte[] elf)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != 'E' || elf[2] != 'L' || elf[3] != 'F' || elf[4] != 2 || elf[5] != 1)
        {
            throw new InvalidDataException("not a 64-bit little-endian ELF file");
        }
        long sectionHeaders = checked((long)U64(elf, 0x28));
        int count = U16(elf, 0x3C);
        for (int k = 0; k < count; k++)
        {
            int header = checked((int)(sectionHeaders + 64L * k));
            if (U32(elf, header + 4) != ShtGnuVerneed)
            {
                continue;
            }
            int offset = checked((int)U64(elf, header + 0x18)), link = (int)U32(elf, header + 0x28);
            int strings = checked((int)U64(elf, checked((int)(sectionHeaders + 64L * link)) + 0x18));
            return Entries(elf, offset, strings);
        }
        throw new InvalidDataException("no SHT_GNU_verneed section");
    }

    private static List<VersionNeed> Entries(byte[] elf, int offset, int strings)
    {
        var needs = new List<VersionNeed>();
        int entry = offset;
        while (true)
        {
            int auxCount = U16(elf, entry + 2);
            string file = String(elf, strings + (int)U32(elf, entry + 4));
            int aux = checked(entry + (int)U32(elf, entry + 8));
            for (int a = 0; a < auxCount; a++)
            {
                needs.Add(new VersionNeed(file, String(elf, strings + (int)U32(elf, aux + 8)), U16(elf, aux + 4), aux + 4));
                aux = checked(aux + (int)U32(elf, aux + 12));
            }
            uint next = U32(elf, entry + 12);
            if (next == 0)
            {
                return needs;
            }
            entry = checked(entry + (int)next);
        }
    }

    private static ushort U16(byte[] b, int at) => BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(at));

    private static uint U32(byte[] b, int at) => BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at));

    private static ulong U64(byte[] b, int at) => BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(at));

    private static string String(byte[] b, int at) => Encoding.ASCII.GetString(b, at, Array.IndexOf(b, (byte)0, at) - at);
}
