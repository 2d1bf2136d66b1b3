"""Compound files (OLE2 / CFB, [MS-CFB]) built byte by byte for the tests: what Excel saves for a
workbook with an open password (an ``EncryptionInfo`` and an ``EncryptedPackage`` stream, [MS-OFFCRYPTO]
2.3.4.10 and 2.3.4.4, no ZIP at all) and what an old .xls is (a ``Workbook`` stream).

Version 3 layout, 512-byte sectors: sector 0 is the FAT, sector 1 the directory, then each stream in
4096-byte runs of sectors (at the mini-stream cutoff, so no mini stream is needed)."""

from __future__ import annotations

import struct
from pathlib import Path

SECTOR = 512
STREAM_BYTES = 4096
FREE, END, FAT_SECTOR, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
AGILE_INFO = (
    b"\x04\x00\x04\x00\x40\x00\x00\x00"  # EncryptionInfo version 4.4, agile ([MS-OFFCRYPTO] 2.3.4.10)
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    b'<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" '
    b'xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password">'
    b'<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" '
    b'cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/>'
    b"</encryption>"
)


def _entry(name: str, kind: int, color: int, right: int, child: int, start: int, size: int) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        encoded, len(encoded), kind, color, NO_STREAM, right, child, b"", 0, 0, 0, start, size,
    )  # fmt: skip


def compound_file(path: Path, streams: dict[str, bytes]) -> Path:
    """A compound file whose root storage holds ``streams`` (at most three, each ≤ 4096 bytes)."""
    names = sorted(streams, key=lambda n: (len(n), n.upper()))  # the directory's own order
    per_stream = STREAM_BYTES // SECTOR
    fat = [FAT_SECTOR, END]
    body = b""
    starts = []
    for name in names:
        starts.append(len(fat))
        first = len(fat)
        fat += [first + i + 1 for i in range(per_stream - 1)] + [END]
        body += streams[name].ljust(STREAM_BYTES, b"\0")
    fat += [FREE] * (SECTOR // 4 - len(fat))
    # a chain to the right: the first stream black, every later one red under it, as a valid tree
    entries = [_entry("Root Entry", 5, 1, NO_STREAM, 1, END, 0)]
    for index, name in enumerate(names, start=1):
        right = index + 1 if index < len(names) else NO_STREAM
        entries.append(
            _entry(name, 2, 1 if index == 1 else 0, right, NO_STREAM, starts[index - 1], len(streams[name]))
        )
    entries += [
        b"\0" * 64 + struct.pack("<HBBIII", 0, 0, 0, NO_STREAM, NO_STREAM, NO_STREAM) + b"\0" * 48
    ] * (4 - len(entries))
    header = (
        MAGIC
        + b"\0" * 16
        + struct.pack("<HHHHH6sIIIIIIIII", 0x3E, 3, 0xFFFE, 9, 6, b"", 0, 1, 1, 0, 4096, END, 0, END, 0)
    )
    header += struct.pack("<I", 0) + struct.pack("<I", FREE) * 108
    assert len(header) == SECTOR
    path.write_bytes(header + struct.pack(f"<{SECTOR // 4}I", *fat) + b"".join(entries) + body)
    return path


def encrypted_xlsx(path: Path) -> Path:
    """What Excel saves for 文件 → 信息 → 保护工作簿 → 用密码进行加密."""
    package = struct.pack("<Q", 12_345) + bytes(range(256)) * 15  # the stream size, then ciphertext
    return compound_file(path, {"EncryptionInfo": AGILE_INFO, "EncryptedPackage": package[:STREAM_BYTES]})


def old_xls(path: Path) -> Path:
    """An Excel 97-2003 workbook (a BIFF8 ``Workbook`` stream), saved under an .xlsx name."""
    bof = struct.pack("<HHHHHHII", 0x0809, 16, 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 0x06)
    return compound_file(path, {"Workbook": bof})
