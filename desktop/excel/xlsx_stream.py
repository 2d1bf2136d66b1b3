"""Reading an .xlsx without trusting it: a bounded, streaming reader of the parts a roster needs.

An .xlsx is a ZIP of XML parts, and both layers can lie: a 5 KB file may claim a cell at XFD1048576, a
1.5 MB file may inflate to a 377 MB shared-strings part. So the ZIP is checked before anything is
inflated (number of parts, total size, each part's size and compression ratio), every XML part is
parsed as a stream by expat with no DOCTYPE (no entity expansion), and reading stops, with a line
saying what is too big, at the first row, column, cell or string past the limits below. No grid is
ever made from a size the file claims: only cells that hold a value are kept.

Values follow openpyxl's ``data_only`` reading: a formula cell gives its cached value, numbers styled
as dates become dates. What a file says about itself beyond that (dimension, styles other than number
formats, drawings) is not read.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from xml.parsers import expat

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel, from_ISO8601

from desktop.domain.errors import InvalidInput

MB = 1024 * 1024
# A real village roster is hundreds to a few thousand rows (one per person) of fewer than 100 columns;
# its .xlsx is a few MB at most. The limits leave ten times that room and keep a hostile file's cost
# (time and memory) to seconds and well under 300 MB.
MAX_PARTS = 2_000  # an .xlsx has 10-40 parts (one per sheet, drawing, image …)
MAX_TOTAL_BYTES = 256 * MB  # all parts inflated; only the XML parts named below are ever inflated
MAX_RATIO = 200  # inflated / compressed for one part: sheet XML compresses 10-50x, a bomb 1000x
RATIO_CHECKED_ABOVE = 4 * MB  # small parts may compress as they like
MAX_SHEET_BYTES = 128 * MB  # one worksheet's XML inflated (a 10,000-person roster: ~15 MB)
MAX_SHARED_BYTES = 64 * MB  # sharedStrings.xml inflated
MAX_SMALL_PART_BYTES = 16 * MB  # workbook.xml, styles.xml, relationships
MAX_SHEETS = 255
MAX_ROWS = 50_000  # the last row holding a value
MAX_COLUMNS = 200  # the last column holding a value (GR)
MAX_CELLS = 1_000_000  # cells holding a value, in one sheet
MAX_CELL_CHARS = 32_767  # Excel's own limit for the text of one cell
MAX_SHARED_STRINGS = 500_000  # a 10,000-person roster has some 40,000 distinct texts
MAX_SHARED_CHARS = 10_000_000  # all shared strings together
MAX_MERGES = 50_000
_CHUNK = 64 * 1024

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
# ECMA-376 Part 1, 18.8.30 numFmt: ids 27-36 and 50-58 are locale built-in date formats; in a Chinese
# Excel they are yyyy"年"m"月" and the like, and the file does not spell them out.
_CJK_DATE_FORMAT_IDS = frozenset(range(27, 37)) | frozenset(range(50, 59))
_CELL_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")
_REL_TYPES = ("officeDocument", "worksheet", "sharedStrings", "styles")


def _part_name(part: str) -> str:
    if part.endswith("sharedStrings.xml"):
        return f"共享字符串（{part}）"
    if "worksheets/" in part:
        return f"工作表部件 {part} "
    return f"部件 {part} "


def _count_parts(path: Path) -> int | None:
    """The number of parts the ZIP's end record gives, read before zipfile builds one object per part
    (None when the record is not where a plain ZIP has it; zipfile then finds it)."""
    with path.open("rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        start = max(0, size - 22 - 65_535)
        handle.seek(start)
        tail = handle.read()
        at = tail.rfind(b"PK\x05\x06")
        if at < 0 or at + 22 > len(tail):
            return None
        count = int.from_bytes(tail[at + 10 : at + 12], "little")
        if count != 0xFFFF or at < 20 or tail[at - 20 : at - 16] != b"PK\x06\x07":
            return count
        # ZIP64 (more than 65,535 parts): the locator before the end record points at the real count
        handle.seek(int.from_bytes(tail[at - 12 : at - 4], "little"))
        record = handle.read(56)
        if len(record) < 40 or record[:4] != b"PK\x06\x06":
            return None
        return int.from_bytes(record[32:40], "little")


def too_large(what: str) -> InvalidInput:
    return InvalidInput(f"表格过大：{what}；不是一个村的花名册，未导入（请只留花名册那张表另存后再导入）")


def _invalid(name: str, why: str) -> InvalidInput:
    return InvalidInput(f"无法读取 {name}：不是有效的 .xlsx 文件（{why}）")


def refuse_non_zip(path: Path) -> None:
    """A password-protected .xlsx or an old .xls is an OLE2 compound file, not a ZIP: name which."""
    with path.open("rb") as handle:
        if handle.read(8) != _OLE2_MAGIC:
            return
        handle.seek(0)
        tail = b""
        while chunk := handle.read(1024 * 1024):
            if _ENCRYPTED_STREAM in tail + chunk:
                raise InvalidInput("这个 Excel 文件设置了打开密码，请在 Excel 中取消密码后另存再导入")
            tail = chunk[-len(_ENCRYPTED_STREAM) :]
    raise InvalidInput(f"{path.name} 是旧版 Excel（.xls）文件，请在 Excel 或 WPS 中另存为 .xlsx 后再导入")


@dataclass(frozen=True)
class SheetPart:
    name: str
    part: str  # the worksheet's path inside the ZIP


@dataclass
class RawSheet:
    """The cells of one sheet that hold a value, by row, and its merged ranges."""

    name: str
    rows: dict[int, dict[int, Any]] = field(default_factory=dict)  # row -> column -> value, 1-based
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # top, bottom, left, right
    last_row: int = 0
    last_column: int = 0

    def grid(self, rows: int | None = None) -> list[list[Any]]:
        """Rows 1..last_row (or ``rows``) as lists as wide as the widest; small by the limits above."""
        count = self.last_row if rows is None else min(rows, self.last_row)
        empty: dict[int, Any] = {}
        return [
            [self.rows.get(r, empty).get(c) for c in range(1, self.last_column + 1)]
            for r in range(1, count + 1)
        ]


class XlsxReader:
    """One .xlsx opened for reading; ``sheets`` in workbook order, ``read`` one at a time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name
        try:
            parts = _count_parts(path)
            if parts is not None and parts > MAX_PARTS:
                raise too_large(f"{self.name} 有 {parts} 个部件，超过 {MAX_PARTS} 个")
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise _invalid(self.name, type(exc).__name__) from None
        try:
            self._check_zip()
            self._parts = {info.filename: info for info in self.zip.infolist()}
            workbook = self._target(self._relationships(""), "officeDocument", "xl/workbook.xml")
            rels = self._relationships(workbook)
            self.sheets, self.epoch = self._workbook(workbook, rels)
            self._styles = self._target(rels, "styles", "")
            self._shared_part = self._target(rels, "sharedStrings", "")
            self._dates: tuple[frozenset[int], frozenset[int]] | None = None
            self._shared: list[str] | None = None
        except BaseException:
            self.zip.close()
            raise

    def close(self) -> None:
        self.zip.close()

    def __enter__(self) -> XlsxReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the ZIP ---------------------------------------------------------------------------------------

    def _check_zip(self) -> None:
        infos = self.zip.infolist()
        if len(infos) > MAX_PARTS:
            raise too_large(f"{self.name} 有 {len(infos)} 个部件，超过 {MAX_PARTS} 个")
        for info in infos:
            if info.file_size > RATIO_CHECKED_ABOVE and info.file_size > MAX_RATIO * max(
                info.compress_size, 1
            ):
                ratio = info.file_size // max(info.compress_size, 1)
                raise too_large(
                    f"{_part_name(info.filename)}压缩了 {ratio} 倍（解压后 {info.file_size // MB} MB），"
                    f"超过 {MAX_RATIO} 倍"
                )
        total = sum(info.file_size for info in infos)
        if total > MAX_TOTAL_BYTES:
            raise too_large(f"{self.name} 解压后有 {total // MB} MB，超过 {MAX_TOTAL_BYTES // MB} MB")

    def _open(self, part: str, limit: int, what: str) -> IO[bytes] | None:
        info = self._parts.get(part)
        if info is None:
            return None
        if info.file_size > limit:
            raise too_large(f"{what}解压后有 {info.file_size // MB} MB，超过 {limit // MB} MB")
        return self.zip.open(info)

    def _parse(self, part: str, limit: int, what: str, handler: _Handler) -> bool:
        """Stream ``part`` through ``handler``; False when the part is missing."""
        try:
            source = self._open(part, limit, what)
            if source is None:
                return False
            with source:
                parser = handler.parser()
                read = 0
                while not handler.done and (chunk := source.read(_CHUNK)):
                    read += len(chunk)
                    if read > limit:  # the size the ZIP claimed was a lie
                        raise too_large(f"{what}解压后超过 {limit // MB} MB")
                    parser.Parse(chunk, False)
                if not handler.done:
                    parser.Parse(b"", True)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError) as exc:
            raise _invalid(self.name, f"{part}：{type(exc).__name__}") from None
        except expat.ExpatError as exc:
            raise _invalid(self.name, f"{part} 的 XML 损坏：{expat.ErrorString(exc.code)}") from None
        return True

    # --- workbook, relationships, styles, shared strings -------------------------------------------

    def _relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id -> (type's last word, target part) of ``part`` ("" for the package)."""
        folder, base = posixpath.split(part)
        rels_part = posixpath.join(folder, "_rels", base + ".rels")
        found: dict[str, tuple[str, str]] = {}

        def start(name: str, attrs: dict[str, str]) -> None:
            if name == "Relationship" and attrs.get("TargetMode") != "External":
                target = attrs.get("Target", "")
                target = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
                kind = attrs.get("Type", "").rsplit("/", 1)[-1]
                found[attrs.get("Id", "")] = (kind, posixpath.normpath(target))

        self._parse(rels_part, MAX_SMALL_PART_BYTES, f"关系部件 {rels_part} ", _Handler(start))
        return found

    @staticmethod
    def _target(rels: dict[str, tuple[str, str]], kind: str, default: str) -> str:
        return next((target for k, target in rels.values() if k == kind), default)

    def _workbook(self, part: str, rels: dict[str, tuple[str, str]]) -> tuple[list[SheetPart], dt.datetime]:
        sheets: list[SheetPart] = []
        epoch = [CALENDAR_WINDOWS_1900]

        def start(name: str, attrs: dict[str, str]) -> None:
            if name == "sheet":
                if len(sheets) >= MAX_SHEETS:
                    raise too_large(f"{self.name} 有超过 {MAX_SHEETS} 张工作表")
                kind, target = rels.get(attrs.get("id", ""), ("", ""))
                if kind == "worksheet":  # chart sheets and dialog sheets hold no roster
                    sheets.append(SheetPart(attrs.get("name", ""), target))
            elif name == "workbookPr" and attrs.get("date1904", "").lower() in ("1", "true"):
                epoch[0] = CALENDAR_MAC_1904

        if not self._parse(part, MAX_SMALL_PART_BYTES, "workbook.xml ", _Handler(start)):
            raise _invalid(self.name, f"缺少 {part or 'workbook.xml'}")
        if not sheets:
            raise InvalidInput(f"{self.name} 中没有工作表")
        return sheets, epoch[0]

    def _date_styles(self) -> tuple[frozenset[int], frozenset[int]]:
        """Indexes of the cell styles whose number format is a date, and a duration."""
        if self._dates is not None:
            return self._dates
        custom: dict[int, str] = {}
        styles: list[int] = []
        depth = {"cellXfs": 0}

        def start(name: str, attrs: dict[str, str]) -> None:
            if name == "numFmt":
                custom[_int(attrs.get("numFmtId"))] = attrs.get("formatCode", "")
            elif name == "cellXfs":
                depth["cellXfs"] += 1
            elif name == "xf" and depth["cellXfs"]:
                if len(styles) > 1_000_000:
                    raise too_large("styles.xml 的单元格样式超过 100 万个")
                styles.append(_int(attrs.get("numFmtId")))

        def end(name: str) -> None:
            if name == "cellXfs":
                depth["cellXfs"] -= 1

        if self._styles:
            self._parse(self._styles, MAX_SMALL_PART_BYTES, "styles.xml ", _Handler(start, end))
        dates, durations = set(), set()
        for index, number in enumerate(styles):
            code = custom.get(number) or BUILTIN_FORMATS.get(number)
            if is_date_format(code) or (code is None and number in _CJK_DATE_FORMAT_IDS):
                dates.add(index)
            if is_timedelta_format(code):
                durations.add(index)
        self._dates = (frozenset(dates), frozenset(durations))
        return self._dates

    def _shared_strings(self) -> list[str]:
        if self._shared is None:
            shared = _SharedStrings()
            if self._shared_part:
                where = "共享字符串（sharedStrings.xml）"
                self._parse(self._shared_part, MAX_SHARED_BYTES, where, shared.handler)
            self._shared = shared.strings
        return self._shared

    # --- a worksheet -----------------------------------------------------------------------------------

    def read(self, sheet: SheetPart, *, max_row: int | None = None) -> RawSheet:
        """The sheet's values (up to ``max_row``) and merged ranges, within the limits."""
        shared = self._shared_strings()
        dates, durations = self._date_styles()
        raw = RawSheet(sheet.name)
        cells = _SheetCells(self, sheet.name, raw, shared, dates, durations, max_row)
        if not self._parse(sheet.part, MAX_SHEET_BYTES, f"工作表“{sheet.name}”", cells.handler):
            raise _invalid(self.name, f"缺少工作表“{sheet.name}”的部件 {sheet.part}")
        return raw


class _Handler:
    """Element callbacks by local name (namespace prefixes dropped); any DOCTYPE is refused, so no
    entity can be declared or expanded."""

    def __init__(
        self,
        start: Callable[[str, dict[str, str]], None],
        end: Callable[[str], None] | None = None,
        data: Callable[[str], None] | None = None,
        *,
        raw: bool = False,
    ) -> None:
        self.start, self.end, self.data, self.raw = start, end, data, raw
        self.done = False

    def parser(self) -> Any:
        parser = expat.ParserCreate()
        parser.buffer_text = True
        if self.raw:  # the handlers drop prefixes themselves: these run for every cell
            parser.StartElementHandler = self.start
            parser.EndElementHandler = self.end
        else:
            start, end = self.start, self.end
            parser.StartElementHandler = lambda name, attrs: start(_local(name), _local_keys(attrs))
            if end is not None:
                parser.EndElementHandler = lambda name: end(_local(name))
        if self.data is not None:
            parser.CharacterDataHandler = self.data
        parser.StartDoctypeDeclHandler = _no_doctype
        parser.EntityDeclHandler = _no_doctype
        return parser


def _no_doctype(*_args: object) -> None:
    raise InvalidInput("无法读取表格：不是有效的 .xlsx 文件（XML 中有 DOCTYPE 声明）")


def _local(name: str) -> str:
    """``x:sheet`` -> ``sheet``: a producer may put any prefix on SpreadsheetML names."""
    return name.rpartition(":")[2] if ":" in name else name


def _local_keys(attrs: dict[str, str]) -> dict[str, str]:
    return {_local(k): v for k, v in attrs.items()} if attrs else attrs


def _int(text: str | None) -> int:
    try:
        return int(text or 0)
    except ValueError:
        return -1


class _SharedStrings:
    """sharedStrings.xml as a stream: each <si>'s text (its <t> parts, not the phonetic <rPh>)."""

    def __init__(self) -> None:
        self.strings: list[str] = []
        self.parts: list[str] = []
        self.length = 0
        self.total = 0
        self.phonetic = 0
        self.collect = False
        self.handler = _Handler(self.start, self.end, self.data, raw=True)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if ":" in name:
            name = name.rpartition(":")[2]
        if name == "t":
            self.collect = not self.phonetic
        elif name == "si":
            self.parts = []
            self.length = 0
        elif name == "rPh":
            self.phonetic += 1

    def end(self, name: str) -> None:
        if ":" in name:
            name = name.rpartition(":")[2]
        if name == "t":
            self.collect = False
        elif name == "si":
            if len(self.strings) >= MAX_SHARED_STRINGS:
                raise too_large(f"共享字符串超过 {MAX_SHARED_STRINGS} 条")
            self.total += self.length
            if self.total > MAX_SHARED_CHARS:
                raise too_large(f"共享字符串共超过 {MAX_SHARED_CHARS} 个字")
            self.strings.append("".join(self.parts))
        elif name == "rPh":
            self.phonetic -= 1

    def data(self, chunk: str) -> None:
        if self.collect:
            self.length += len(chunk)
            if self.length > MAX_CELL_CHARS:
                raise too_large(f"共享字符串第 {len(self.strings) + 1} 条超过 {MAX_CELL_CHARS} 个字")
            self.parts.append(chunk)


class _Text:
    """Text gathered from character data, refused as soon as it passes ``limit`` characters."""

    def __init__(self, limit: int, where: Callable[[], str]) -> None:
        self.limit, self.where = limit, where
        self.parts: list[str] = []
        self.length = 0

    def clear(self) -> None:
        self.parts, self.length = [], 0

    def add(self, chunk: str) -> None:
        self.length += len(chunk)
        if self.length > self.limit:
            raise too_large(f"{self.where()}超过 {self.limit} 个字")
        self.parts.append(chunk)

    def value(self) -> str:
        return "".join(self.parts)


def column_letter(index: int) -> str:
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index


class _SheetCells:
    """The state of one worksheet's stream: the current row and cell, and what is kept."""

    def __init__(
        self,
        reader: XlsxReader,
        name: str,
        raw: RawSheet,
        shared: list[str],
        dates: frozenset[int],
        durations: frozenset[int],
        max_row: int | None,
    ) -> None:
        self.reader, self.name, self.raw, self.shared = reader, name, raw, shared
        self.dates, self.durations, self.max_row = dates, durations, max_row
        self.handler = _Handler(self.start, self.end, self.data, raw=True)
        self.row = 0
        self.column = 0
        self.cell: dict[str, str] | None = None
        self.text = _Text(MAX_CELL_CHARS, self.where)
        self.collect = False  # inside <v>, or a <t> of an inline string (not its phonetic <rPh>)
        self.inline = False
        self.phonetic = 0
        self.cells = 0

    def where(self) -> str:
        return f"工作表“{self.name}”{column_letter(self.column)}{self.row} 单元格"

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if ":" in name:
            name = name.rpartition(":")[2]
        if name == "row":
            number = attrs.get("r")
            self.row = _int(number) if number else self.row + 1
            if self.row < 1:
                raise _invalid(self.reader.name, f"工作表“{self.name}”的行号“{number}”无效")
            if self.max_row is not None and self.row > self.max_row:
                self.handler.done = True
            self.column = 0
        elif name == "c":
            reference = attrs.get("r")
            if reference:
                match = _CELL_REF.fullmatch(reference)
                if match is None:
                    raise _invalid(self.reader.name, f"工作表“{self.name}”的单元格位置“{reference[:20]}”无效")
                self.column, self.row = _column_index(match[1]), int(match[2])
                if self.row < 1:
                    raise _invalid(self.reader.name, f"工作表“{self.name}”的单元格位置“{reference}”无效")
            else:
                self.column += 1
            self.cell = attrs
            self.text.clear()
        elif self.cell is not None:
            if name == "v":
                self.collect = True
            elif name == "is":
                self.inline = True
            elif name == "rPh":
                self.phonetic += 1
            elif name == "t" and self.inline and not self.phonetic:
                self.collect = True
        elif name == "mergeCell":
            if len(self.raw.merged) >= MAX_MERGES:
                raise too_large(f"工作表“{self.name}”的合并单元格超过 {MAX_MERGES} 处")
            merged = _range(attrs.get("ref", ""))
            if merged is not None:
                self.raw.merged.append(merged)

    def end(self, name: str) -> None:
        if ":" in name:
            name = name.rpartition(":")[2]
        if name == "c" and self.cell is not None:
            self._keep(self.cell, self.text.value() if self.text.parts else None)
            self.cell = None
            self.collect = self.inline = False
            self.phonetic = 0
        elif name in ("v", "t"):
            self.collect = False
        elif name == "rPh":
            self.phonetic -= 1
        elif name == "is":
            self.inline = False

    def data(self, chunk: str) -> None:
        if self.collect:
            self.text.add(chunk)

    def _keep(self, attrs: dict[str, str], text: str | None) -> None:
        kind = attrs.get("t", "n")
        if text is None or (text == "" and kind != "inlineStr"):
            return  # a styled cell without a value
        if self.max_row is not None and self.row > self.max_row:
            return
        value = self._value(kind, attrs, text)
        if value is None or value == "":
            return
        if self.row > MAX_ROWS:
            raise too_large(f"{self.where()}有内容，在第 {self.row} 行，超过 {MAX_ROWS} 行")
        if self.column > MAX_COLUMNS:
            raise too_large(f"{self.where()}有内容，在第 {self.column} 列，超过 {MAX_COLUMNS} 列")
        self.cells += 1
        if self.cells > MAX_CELLS:
            raise too_large(f"工作表“{self.name}”有内容的单元格超过 {MAX_CELLS} 个")
        self.raw.rows.setdefault(self.row, {})[self.column] = value
        self.raw.last_row = max(self.raw.last_row, self.row)
        self.raw.last_column = max(self.raw.last_column, self.column)

    def _value(self, kind: str, attrs: dict[str, str], text: str) -> Any:
        if kind in ("str", "inlineStr", "e"):
            return text
        if kind == "s":
            index = _int(text.strip())
            if not 0 <= index < len(self.shared):
                raise _invalid(self.reader.name, f"{self.where()}引用的共享字符串“{text[:20]}”不存在")
            return self.shared[index]
        if kind == "b":
            return text.strip() in ("1", "true")
        if kind == "d":
            try:
                return from_ISO8601(text.strip())
            except (ValueError, TypeError, OverflowError):
                return text
        try:
            number: int | float = float(text) if any(ch in text for ch in ".eEnN") else int(text)
        except ValueError:
            raise _invalid(self.reader.name, f"{self.where()}的数值“{text[:20]}”无效") from None
        style = _int(attrs.get("s"))
        if style in self.dates and number == number:
            try:
                return from_excel(number, self.reader.epoch, timedelta=style in self.durations)
            except (OverflowError, ValueError):
                return number  # a serial outside the calendar: shown as the number it is
        return number


def _range(ref: str) -> tuple[int, int, int, int] | None:
    first, _, last = ref.partition(":")
    a, b = _CELL_REF.fullmatch(first), _CELL_REF.fullmatch(last or first)
    if a is None or b is None:
        return None
    top, bottom = sorted((int(a[2]), int(b[2])))
    left, right = sorted((_column_index(a[1]), _column_index(b[1])))
    return (top, bottom, left, right) if top >= 1 else None
