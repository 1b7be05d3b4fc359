"""Shrink the ICU data library Qt brings (30 MB) to the parts Qt can use.

Qt Core calls ICU for four things only (``nm -D --undefined-only
libQt6Core.so.6``): case mapping (data compiled into libicuuc), collation
(``ucol_*``, e.g. the file dialog's sorting), time zones (``ucal_*``) and
legacy text encodings (``ucnv_*``, which jobdesk never asks for: it reads
and writes text through Python). Most of libicudata is locale display data
for units, currencies, language and region names, transliteration, number
spelling and line-break dictionaries that Qt never reads, and the large
tables of multi-byte East Asian and EBCDIC encodings.

``trim(library, output)`` reads the data package out of ``libicudata.so.N``
(one symbol, ``icudtN_dat``, holding ICU's "common data" format: a header,
a table of contents sorted by name, then 16-byte aligned items), drops the
unused items, and builds a replacement library of the same name around the
rest with the C compiler. Items that remain are copied byte for byte.

Run on its own: ``python packaging/trim_icu.py LIBICUDATA [OUTPUT]``.
"""

from __future__ import annotations

import re
import struct
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

# Whole trees of the package Qt never reads (paths below "icudtNNl/").
UNUSED_TREES = ("brkitr/", "curr/", "lang/", "rbnf/", "region/", "translit/", "unit/")
# Time-zone display names: Qt asks ICU for them only in QTimeZone::displayName,
# which jobdesk does not use; the root and English names stay as a fallback.
KEPT_ZONE_NAMES = ("zone/root.res", "zone/en.res", "zone/pool.res", "zone/res_index.res")
# Character names (u_charName), unused by Qt.
UNUSED_FILES = ("unames.icu",)
# Single-byte encoding tables (Windows-125x, ISO-8859-x, KOI8...) are a few
# kilobytes each and stay; the multi-byte ones run to hundreds of kilobytes.
LARGEST_KEPT_CONVERTER = 16 * 1024

HEADER_MAGIC = (0xDA, 0x27)
ALIGNMENT = 16


@dataclass(frozen=True)
class Package:
    header: bytes  # the data header, copied unchanged
    items: list[tuple[str, bytes]]  # (name with the "icudtNNl/" prefix, bytes)


def read_package(data: bytes) -> Package:
    """Parse ICU common data ("CmnD"); raise ValueError if it is not that."""
    if len(data) < 32:
        raise ValueError("too short for ICU common data")
    header_size, magic1, magic2 = struct.unpack_from("<HBB", data, 0)
    if (magic1, magic2) != HEADER_MAGIC or data[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    if data[8] != 0:  # UDataInfo.isBigEndian
        raise ValueError("big-endian ICU data is not supported")
    base = header_size
    (count,) = struct.unpack_from("<I", data, base)
    entries = [struct.unpack_from("<II", data, base + 4 + 8 * i) for i in range(count)]
    items = []
    for index, (name_offset, data_offset) in enumerate(entries):
        name_end = data.index(b"\0", base + name_offset)
        name = data[base + name_offset : name_end].decode("ascii")
        end = entries[index + 1][1] if index + 1 < count else len(data) - base
        items.append((name, data[base + data_offset : base + end]))
    return Package(header=data[:header_size], items=items)


def write_package(package: Package) -> bytes:
    """The package in ICU common data format, items 16-byte aligned."""
    count = len(package.items)
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in package.items)
    names_offset = 4 + 8 * count
    data_offset = _aligned(names_offset + len(names))
    table = [struct.pack("<I", count)]
    name_offset, offset = names_offset, data_offset
    for name, item in package.items:
        table.append(struct.pack("<II", name_offset, offset))
        name_offset += len(name) + 1
        offset += _aligned(len(item))
    toc = b"".join(table) + names
    body = [toc, b"\xaa" * (data_offset - len(toc))]
    for _, item in package.items:
        body.append(item + b"\xaa" * (_aligned(len(item)) - len(item)))
    return package.header + b"".join(body)


def is_used(name: str, size: int) -> bool:
    """Whether to keep the item *name* ("icudt73l/coll/de.res") of *size* bytes."""
    path = name.split("/", 1)[1] if "/" in name else name
    if path.startswith(UNUSED_TREES) or path in UNUSED_FILES:
        return False
    if path.startswith("zone/"):
        return path in KEPT_ZONE_NAMES
    # (The alias table, cnvalias.icu, stays whole: asking for a dropped
    # encoding then fails cleanly, as for an unknown one.)
    return not path.endswith(".cnv") or size <= LARGEST_KEPT_CONVERTER


def data_symbol(library: Path) -> tuple[str, int, int]:
    """(name, file offset, size) of the icudtNN_dat symbol in *library*."""
    symbols = subprocess.run(
        ["nm", "-D", "-S", "--defined-only", str(library)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    match = re.search(r"^([0-9a-f]+) ([0-9a-f]+) R (icudt\d+_dat)$", symbols, re.M)
    if match is None:
        raise ValueError(f"{library} holds no icudtNN_dat symbol")
    address, size, name = int(match[1], 16), int(match[2], 16), match[3]
    return name, _file_offset(library, address), size


def trim(library: Path, output: Path) -> tuple[int, int]:
    """Write a trimmed copy of *library* to *output*; return (items before, after)."""
    symbol, offset, size = data_symbol(library)
    package = read_package(library.read_bytes()[offset : offset + size])
    kept = Package(
        package.header, [(name, item) for name, item in package.items if is_used(name, len(item))]
    )
    soname = _soname(library)
    with tempfile.TemporaryDirectory(prefix="jobdesk-icu-") as work:
        data_file = Path(work) / "icudata.dat"
        data_file.write_bytes(write_package(kept))
        source = Path(work) / "icudata.S"
        source.write_text(
            "\t.section .rodata\n"
            f"\t.globl {symbol}\n"
            f"\t.type {symbol}, @object\n"
            f"\t.balign {ALIGNMENT}\n"
            f"{symbol}:\n"
            f'\t.incbin "{data_file}"\n'
            f"\t.size {symbol}, . - {symbol}\n"
            '\t.section .note.GNU-stack,"",@progbits\n',
            encoding="ascii",
        )
        subprocess.run(
            ["cc", "-shared", "-nostdlib", f"-Wl,-soname,{soname}", "-o", str(output), str(source)],
            check=True,
        )
    return len(package.items), len(kept.items)


def _aligned(length: int) -> int:
    return (length + ALIGNMENT - 1) // ALIGNMENT * ALIGNMENT


def _soname(library: Path) -> str:
    dynamic = subprocess.run(
        ["readelf", "-d", str(library)], check=True, capture_output=True, text=True
    ).stdout
    match = re.search(r"\(SONAME\)\s+Library soname: \[(.+)\]", dynamic)
    return match[1] if match else library.name


def _file_offset(library: Path, address: int) -> int:
    """The file offset of virtual *address*, from the program headers."""
    headers = subprocess.run(
        ["readelf", "-lW", str(library)], check=True, capture_output=True, text=True
    ).stdout
    for line in headers.splitlines():
        fields = line.split()
        if fields[:1] == ["LOAD"]:
            file_offset, virtual, _, file_size = (int(value, 16) for value in fields[1:5])
            if virtual <= address < virtual + file_size:
                return address - virtual + file_offset
    raise ValueError(f"address {address:#x} is not loaded from {library}")


if __name__ == "__main__":
    source_library = Path(sys.argv[1])
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else source_library.with_suffix(".trimmed")
    before, after = trim(source_library, target)
    print(
        f"{source_library.name}: {before} items, {after} kept; "
        f"{source_library.stat().st_size / 1e6:.1f} MB -> {target.stat().st_size / 1e6:.1f} MB"
    )
