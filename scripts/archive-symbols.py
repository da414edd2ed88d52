#!/usr/bin/env python3
"""Prints the symbols a static library's archive index lists, one per line.

    scripts/archive-symbols.py LIB.a

Reads only the index (`ar`'s symbol table), so it works for any object format inside: the
GNU/System V index (`/`, `/SYM64/`) of ELF archives (Android) and the BSD index (`__.SYMDEF`,
`__.SYMDEF SORTED`, `__.SYMDEF_64`) of Mach-O archives (iOS), which Debian's `nm` cannot read.
Exits 1, naming the file and the problem, when the file is not an archive or has no index.
"""

from __future__ import annotations

import struct
import sys

MAGIC = b"!<arch>\n"
HEADER = 60


def members(data: bytes):
    """(name, body) of each member, in order; BSD `#1/N` long names resolved."""
    pos = len(MAGIC)
    while pos + HEADER <= len(data):
        header = data[pos : pos + HEADER]
        if header[58:60] != b"`\n":
            raise ValueError(f"bad member header at byte {pos}")
        name = header[:16].decode("ascii", "replace").rstrip()
        size = int(header[48:58].decode("ascii").strip())
        body = data[pos + HEADER : pos + HEADER + size]
        if name.startswith("#1/"):
            length = int(name[3:])
            name, body = body[:length].rstrip(b"\0").decode("ascii", "replace"), body[length:]
        yield name, body
        pos += HEADER + size + (size & 1)


def gnu_index(body: bytes, wide: bool) -> list[str]:
    """The GNU index: a big-endian count, that many offsets, then NUL-terminated names."""
    word = 8 if wide else 4
    (count,) = struct.unpack(">Q" if wide else ">I", body[:word])
    names = body[word + count * word :].split(b"\0")
    return [n.decode("ascii", "replace") for n in names[:count]]


def bsd_index(body: bytes, wide: bool) -> list[str]:
    """The BSD index: the size of the (name offset, member offset) pairs, the pairs, the size
    of the string table, the strings. Little-endian, as both Apple targets are."""
    word = 8 if wide else 4
    fmt = "<Q" if wide else "<I"
    (pairs_size,) = struct.unpack(fmt, body[:word])
    pairs = body[word : word + pairs_size]
    strings_at = word + pairs_size + word
    strings = body[strings_at:]
    out = []
    for i in range(0, len(pairs), 2 * word):
        (offset,) = struct.unpack(fmt, pairs[i : i + word])
        end = strings.find(b"\0", offset)
        out.append(strings[offset : end if end >= 0 else None].decode("ascii", "replace"))
    return out


def symbols(data: bytes) -> list[str]:
    if not data.startswith(MAGIC):
        raise ValueError("not an ar archive (no !<arch> header)")
    for name, body in members(data):
        if name in ("/", "/SYM64/"):
            return gnu_index(body, name == "/SYM64/")
        if name in ("__.SYMDEF", "__.SYMDEF SORTED", "__.SYMDEF_64", "__.SYMDEF_64 SORTED"):
            return bsd_index(body, name.startswith("__.SYMDEF_64"))
    raise ValueError("the archive has no symbol index (run ranlib on it)")


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: archive-symbols.py LIB.a", file=sys.stderr)
        return 2
    path = sys.argv[1]
    try:
        with open(path, "rb") as f:
            names = symbols(f.read())
    except (OSError, ValueError, struct.error) as e:
        print(f"archive-symbols: {path}: {e}", file=sys.stderr)
        return 1
    for n in names:
        print(n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
