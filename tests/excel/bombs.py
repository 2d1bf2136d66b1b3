"""Hostile .xlsx files, made the way an attacker (or a broken exporter) would: small on disk, huge when
believed. Each is a real ZIP of real SpreadsheetML that Excel or openpyxl would open; the parts are
streamed into the ZIP so that making a 380 MB part never holds it in memory.

Used by tests/excel/test_xlsx_bombs.py and by bench/bench_xlsx_bombs.py (before/after figures)."""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from openpyxl import Workbook

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
HEADERS = ("户编号", "姓名", "证件号码", "与户主关系")
_TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
_ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"""
_WORKBOOK = f"""<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>"""
_WORKBOOK_RELS = f"""<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>"""


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def header_row() -> str:
    return (
        '<row r="1">' + "".join(_inline(f"{c}1", h) for c, h in zip("ABCD", HEADERS, strict=True)) + "</row>"
    )


def _batched(items: Iterable[str]) -> Iterator[bytes]:
    batch: list[str] = []
    for item in items:
        batch.append(item)
        if len(batch) == 10_000:
            yield "".join(batch).encode()
            batch = []
    yield "".join(batch).encode()


def sheet_xml(rows: Iterable[str], dimension: str = "A1:D2", merged: Iterable[str] = ()) -> Iterator[bytes]:
    yield f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="{MAIN}" xmlns:r="{REL}">'.encode()
    yield f'<dimension ref="{dimension}"/><sheetData>{header_row()}'.encode()
    yield from _batched(rows)
    yield b"</sheetData><mergeCells>"
    yield from _batched(f'<mergeCell ref="{ref}"/>' for ref in merged)
    yield b"</mergeCells></worksheet>"


def shared_xml(strings: Iterable[str], *, repeat: int = 1) -> Iterator[bytes]:
    """The shared strings; with ``repeat``, all of them that many times over (a bomb made fast)."""
    yield f'<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="{MAIN}">'.encode()
    blocks = list(_batched(f"<si><t>{text}</t></si>" for text in strings))
    for _ in range(repeat):
        yield from blocks
    yield b"</sst>"


def package(
    path: Path,
    sheet: Iterable[bytes],
    shared: Iterable[bytes] | None = None,
    *,
    compression: int = zipfile.ZIP_DEFLATED,
    extra_parts: int = 0,
) -> Path:
    """A workbook of one sheet 花名册 with the given sheet and shared-strings XML, streamed."""
    with zipfile.ZipFile(path, "w", compression) as archive:
        archive.writestr("[Content_Types].xml", _TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        parts = (("xl/worksheets/sheet1.xml", sheet), ("xl/sharedStrings.xml", shared or shared_xml([])))
        for name, chunks in parts:
            with archive.open(name, "w", force_zip64=True) as out:
                for chunk in chunks:
                    out.write(chunk)
        for index in range(extra_parts):
            archive.writestr(f"xl/media/part{index}.bin", b"x", zipfile.ZIP_STORED)
    return path


def _person(row: int, number: str = "001") -> str:
    return f'<row r="{row}">{_inline(f"A{row}", number)}{_inline(f"B{row}", "卓嘎")}</row>'


# --- the bombs ---------------------------------------------------------------------------------------


def far_cell(path: Path) -> Path:
    """5 KB: a roster header and one cell at XFD1048576 (the sheet claims 16384 x 1048576 cells)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "花名册"
    sheet.append(list(HEADERS))
    sheet.append(["001", "卓嘎", None, "户主"])
    sheet["XFD1048576"] = "x"
    workbook.save(path)
    return path


def huge_shared_strings(path: Path) -> Path:
    """~1 MB on disk, 374 MB of sharedStrings.xml inflated (17 million short strings)."""
    return package(path, sheet_xml([_person(2)]), shared_xml(["张三"] * 10_000, repeat=1_700))


def many_shared_strings(path: Path) -> Path:
    """50 MB of sharedStrings.xml stored uncompressed (so the ZIP's ratio says nothing): 2.5 million
    strings, past the count of strings a roster can have."""
    strings = (f"{i:x}" for i in range(2_500_000))
    return package(path, sheet_xml([_person(2)]), shared_xml(strings), compression=zipfile.ZIP_STORED)


def claimed_rows(path: Path) -> Path:
    """A dimension of A1:D2000000 and a value in row 2,000,000."""
    return package(path, sheet_xml([_person(2), _person(2_000_000)], "A1:D2000000"))


def many_rows(path: Path) -> Path:
    """200,000 real rows, a number in each: read as a stream until the limit."""
    rows = (f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(2, 200_002))
    return package(path, sheet_xml(rows, "A1:D200001"))


def many_parts(path: Path) -> Path:
    """A valid roster plus 100,000 one-byte parts (a ZIP64 archive), written by hand: zipfile would
    take ten seconds over it."""
    package(path, sheet_xml([_person(2)]))
    with zipfile.ZipFile(path) as archive:
        parts = [(info.filename, archive.read(info)) for info in archive.infolist()]
    parts += [(f"xl/media/part{index}.bin", b"x") for index in range(100_000)]
    local, central = bytearray(), bytearray()
    for name, data in parts:
        encoded, crc, offset = name.encode(), zlib.crc32(data), len(local)
        sizes = struct.pack("<IIIHH", crc, len(data), len(data), len(encoded), 0)
        local += b"PK\x03\x04" + struct.pack("<HHHHH", 20, 0, 0, 0, 0) + sizes + encoded + data
        central += b"PK\x01\x02" + struct.pack("<HHHHHH", 45, 20, 0, 0, 0, 0) + sizes
        central += struct.pack("<HHHII", 0, 0, 0, 0, offset) + encoded
    count, start = len(parts), len(local)
    end64 = struct.pack("<4sQHHIIQQQQ", b"PK\x06\x06", 44, 45, 45, 0, 0, count, count, len(central), start)
    locator = struct.pack("<4sIQI", b"PK\x06\x07", 0, start + len(central), 1)
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    path.write_bytes(bytes(local + central) + end64 + locator + end)
    return path


def long_cell(path: Path) -> Path:
    """A name of 10 MB of text (3.5 million characters), inline, stored uncompressed."""
    row = f'<row r="2">{_inline("A2", "001")}{_inline("B2", "卓" * (10 * 1024 * 1024 // 3))}</row>'
    return package(path, sheet_xml([row]), compression=zipfile.ZIP_STORED)


def overlapping_merges(path: Path) -> Path:
    """50,000 merged ranges, each over nearly the whole sheet (A1:GR50000, A1:GR49999 …): real ranges
    never overlap; filling these would write 500 billion cells."""
    rows = [_person(2), '<row r="50000"><c r="GR50000"><v>1</v></c></row>']
    return package(path, sheet_xml(rows, "A1:GR50000", (f"A1:GR{50_000 - i}" for i in range(50_000))))


BOMBS: dict[str, Callable[[Path], Path]] = {
    "far_cell": far_cell,
    "huge_shared_strings": huge_shared_strings,
    "many_shared_strings": many_shared_strings,
    "claimed_rows": claimed_rows,
    "many_rows": many_rows,
    "many_parts": many_parts,
    "long_cell": long_cell,
    "overlapping_merges": overlapping_merges,
}
