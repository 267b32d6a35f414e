"""Marks one version requirement of an ELF shared library weak (VER_FLG_WEAK in .gnu.version_r), in place.

TorchSharp-cpu 0.107.0's libLibTorchSharp.so was linked by GCC 13 and needs GLIBCXX_3.4.32 for one symbol,
_ZSt21ios_base_library_initv, which <iostream> references only to force a newer libstdc++; Debian 12's libstdc++
stops at GLIBCXX_3.4.30, so glibc refuses to load the library. With the requirement weak, glibc loads it against
3.4.30. bench/run.sh applies this to the benchmark's own copy of the library (never to the NuGet cache).

Usage: python3 weaken_verneed.py LIBRARY [VERSION]     (VERSION defaults to GLIBCXX_3.4.32)
Prints what it changed; exits 0 when the requirement is weak afterwards (also when it already was), 2 when the
file is not a 64-bit little-endian ELF or does not require that version.
"""
import os
import struct
import sys

VER_FLG_WEAK = 0x2


def fail(message):
    print(f"weaken_verneed.py: {message}", file=sys.stderr)
    sys.exit(2)


def sections(data):
    """(name, offset, size, link) of every section, names read from the section-name string table."""
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ValueError("not a 64-bit little-endian ELF file")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
    if shoff == 0 or shentsize != 64 or shoff + shnum * 64 > len(data):
        raise ValueError("section header table missing or outside the file")
    headers = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + k * 64) for k in range(shnum)]
    names_offset = headers[shstrndx][4]

    def name(offset):
        end = data.index(b"\0", names_offset + offset)
        return data[names_offset + offset:end].decode()
    return [(name(h[0]), h[4], h[5], h[6], h) for h in headers], headers


def weaken(data, version):
    """Sets VER_FLG_WEAK on every Vernaux naming `version`; returns the file names it was required from."""
    table, headers = sections(data)
    verneed = [s for s in table if s[0] == ".gnu.version_r"]
    if not verneed:
        raise ValueError("no .gnu.version_r section")
    _, offset, size, link, _ = verneed[0]
    strings = headers[link][4]

    def string(at):
        return data[strings + at:data.index(b"\0", strings + at)].decode()

    changed, entry = [], offset
    while True:
        vn_version, vn_cnt, vn_file, vn_aux, vn_next = struct.unpack_from("<HHIII", data, entry)
        aux = entry + vn_aux
        for _ in range(vn_cnt):
            _, flags, _, vna_name, vna_next = struct.unpack_from("<IHHII", data, aux)
            if string(vna_name) == version:
                struct.pack_into("<H", data, aux + 4, flags | VER_FLG_WEAK)
                changed.append((string(vn_file), bool(flags & VER_FLG_WEAK)))
            aux += vna_next
        if vn_next == 0 or entry + vn_next >= offset + size:
            break
        entry += vn_next
    return changed


def main(argv):
    if len(argv) not in (2, 3):
        fail("usage: weaken_verneed.py LIBRARY [VERSION]")
    path, version = argv[1], argv[2] if len(argv) == 3 else "GLIBCXX_3.4.32"
    try:
        with open(path, "rb") as f:
            data = bytearray(f.read())
        changed = weaken(data, version)
    except (OSError, ValueError, struct.error, IndexError) as e:
        fail(f"{path}: {e}")
    if not changed:
        fail(f"{path} does not require {version}")
    temporary = path + ".weakening"
    with open(temporary, "wb") as f:
        f.write(data)
    os.chmod(temporary, os.stat(path).st_mode)
    os.replace(temporary, path)
    for file, was_weak in changed:
        print(f"{path}: {version} from {file} {'was already' if was_weak else 'is now'} weak")


if __name__ == "__main__":
    main(sys.argv)
