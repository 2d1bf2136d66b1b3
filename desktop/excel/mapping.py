"""The ``--mapping`` file: which field a header the importer does not know names, in TOML.

sheet = "花名册"          # optional: the sheet to read
header_row = 3           # optional: the row holding the headers
[columns]
"身份证号（新）" = "证件号码"   # a header -> a field (any accepted header, label or 表.字段)
"家庭住址" = "户.住址"
"K" = "联系电话"           # a column by its letter, when its header is empty
"序号" = ""               # leave the column out
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from desktop.domain.errors import InvalidInput, NotFound
from desktop.excel.headers import IGNORED, Target, normalize_header, resolve_field

_LETTERS = re.compile(r"[A-Z]{1,3}")
_LEAVE_OUT = {"", "忽略", "不导入", "ignore"}


@dataclass(frozen=True)
class ColumnMapping:
    by_header: dict[str, Target] = field(default_factory=dict)  # normalized header -> target
    by_letter: dict[str, Target] = field(default_factory=dict)
    sheet: str | None = None
    header_row: int | None = None

    def lookup(self, header: object, letter: str) -> Target | None:
        if letter in self.by_letter:
            return self.by_letter[letter]
        return self.by_header.get(normalize_header(header))


def load_mapping(path: Path) -> ColumnMapping:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise NotFound(f"找不到映射文件 {path}") from None
    except UnicodeDecodeError:
        raise InvalidInput(f"映射文件 {path} 不是 UTF-8 文本，请用记事本另存为 UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(f"映射文件 {path} 格式有误（{exc}），写法见 docs/xlsx-import.md") from None
    unknown = sorted(set(data) - {"sheet", "header_row", "columns"})
    if unknown:
        raise InvalidInput(
            f"映射文件 {path} 中有不认识的项：{'、'.join(unknown)}（可用 sheet、header_row、[columns]）"
        )
    sheet = data.get("sheet")
    if sheet is not None and not isinstance(sheet, str):
        raise InvalidInput(f"映射文件 {path}：sheet 应为工作表名称（文字）")
    header_row = data.get("header_row")
    if header_row is not None and (not isinstance(header_row, int) or header_row < 1):
        raise InvalidInput(f"映射文件 {path}：header_row 应为表头所在的行号（从 1 起的整数）")
    columns = data.get("columns", {})
    if not isinstance(columns, dict):
        raise InvalidInput(f'映射文件 {path}：[columns] 应写成 "列名" = "字段" 的形式')
    by_header: dict[str, Target] = {}
    by_letter: dict[str, Target] = {}
    for column, name in columns.items():
        if not isinstance(name, str):
            raise InvalidInput(f'映射文件 {path}：列“{column}”对应的字段应为文字，如 "证件号码"')
        if name.strip() in _LEAVE_OUT:
            target = IGNORED
        else:
            found = resolve_field(name)
            if found is None:
                raise InvalidInput(
                    f"映射文件 {path}：列“{column}”对应的字段“{name}”不存在"
                    "（可写表头名如 证件号码，或 户.住址、成员.备注）"
                )
            target = found
        key = column.strip()
        if _LETTERS.fullmatch(key):
            by_letter[key] = target
        else:
            by_header[normalize_header(key)] = target
    return ColumnMapping(by_header, by_letter, sheet, header_row)
