"""The national code lists (在校情况, 务工情况, 与户主关系 …), read from the TOML files in ``resources/codes``.

Each list keeps the national order, each value's national code (``01``, ``02`` …) and the spellings
accepted for it (variants: 户主 for 本人或户主, 患有大病 for 大病, the half-width brackets of older exports).
Matching folds full-/half-width forms (brackets, digits) and drops spaces. A value stored by an earlier
version of the ledger stays valid: it is a variant of a national value (户主, 乡内务工) or an ``older``
value of its own (初中 as 在校情况): never rewritten, shown as stored, and rules treat it as its
canonical value. New input stores the canonical national value.

Kinds: ``national`` (in the national list, has a code), ``local`` (a documented local addition such
as 送教上门: offered for input, no national code) and ``older`` (accepted, not offered for new input).
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import sys
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.errors import InvalidInput

NATIONAL, LOCAL, OLDER = "national", "local", "older"
_KINDS = (NATIONAL, LOCAL, OLDER)


def normalise(text: str) -> str:
    """``" 乡（镇）内务工 "`` -> ``"乡(镇)内务工"``: half-width brackets and digits, no spaces."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@dataclass(frozen=True)
class CodeValue:
    value: str  # the canonical spelling, stored for new input
    code: str | None  # the national code; None for a local or older value
    variants: tuple[str, ...] = ()
    kind: str = NATIONAL
    source: str = ""  # where a local or older value comes from; national values share the list's

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.value, *self.variants)


@dataclass(frozen=True)
class CodeList:
    key: str  # the file's stem: "schooling"
    name: str  # 在校情况
    field: str  # "member.schooling"
    source: str
    values: tuple[CodeValue, ...]
    note: str = ""
    refused: dict[str, str] = dataclasses.field(
        default_factory=dict
    )  # a word that is no value -> what to do instead
    _index: dict[str, CodeValue] = dataclasses.field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for entry in self.values:
            for spelling in entry.spellings:
                key = normalise(spelling)
                other = self._index.get(key)
                if other is not None and other is not entry:
                    raise InvalidInput(
                        f"代码表“{self.name}”中“{spelling}”同时属于“{other.value}”和“{entry.value}”"
                    )
                self._index[key] = entry

    def entry(self, text: str | None) -> CodeValue | None:
        return self._index.get(normalise(text)) if text else None

    def canonical(self, text: str | None) -> str | None:
        """The value to store for ``text``, or None when the list has no such value."""
        found = self.entry(text)
        return found.value if found else None

    def code_of(self, text: str | None) -> str | None:
        found = self.entry(text)
        return found.code if found else None

    def value_of_code(self, code: str) -> str | None:
        """The value of a national code (``01``, ``1``, ``０１``), or None."""
        code = normalise(code)
        if not code.isdigit():
            return None
        code = code.zfill(2)
        return next((e.value for e in self.values if e.code == code), None)

    def closest(self, text: str) -> str:
        """The national value a mistyped ``text`` most likely means (for messages)."""
        offered = self.choices
        keys = {normalise(s): e.value for e in self.values for s in e.spellings if e.kind != OLDER}
        found = difflib.get_close_matches(normalise(text), list(keys), n=1, cutoff=0.0)
        if found:
            return keys[found[0]]
        return offered[0]

    @property
    def choices(self) -> tuple[str, ...]:
        """What a pick list offers: the national values and local additions, in national order."""
        return tuple(e.value for e in self.values if e.kind != OLDER)

    @property
    def accepted(self) -> frozenset[str]:
        """Every spelling that may be stored (canonical, older and variants), as written in the file."""
        return frozenset(s for e in self.values for s in e.spellings)

    def same_as(self, values: Iterable[str]) -> frozenset[str]:
        """``values`` with every spelling that means one of them: a rule set over stored values."""
        found: set[str] = set()
        for value in values:
            entry = self.entry(value)
            if entry is None:
                raise InvalidInput(f"代码表“{self.name}”中没有“{value}”")
            found.update(entry.spellings)
        return frozenset(found)

    def refusal(self, label: str, text: str) -> str:
        """One Chinese line: the field, the value, the national list and the closest national value."""
        if normalise(text) in self.refused:
            return f"{label}不能是“{text}”：{self.refused[normalise(text)]}"
        return f"{label}“{text}”不在国家代码表“{self.name}”中，最接近的是“{self.closest(text)}”"


@dataclass(frozen=True)
class CodeLists:
    lists: dict[str, CodeList]

    def __getitem__(self, key: str) -> CodeList:
        return self.lists[key]

    def by_field(self, table: str, name: str) -> CodeList | None:
        wanted = f"{table}.{name}"
        return next((c for c in self.lists.values() if c.field == wanted), None)


def load_code_lists(directory: Path) -> CodeLists:
    """Every ``*.toml`` list in ``directory``; read once per directory."""
    return _load(str(Path(directory).resolve()))


@functools.lru_cache(maxsize=8)
def _load(directory: str) -> CodeLists:
    paths = sorted(Path(directory).glob("*.toml"))
    if not paths:
        raise InvalidInput(f"找不到代码表：{directory} 中没有 .toml 文件")
    return CodeLists({path.stem: _read(path) for path in paths})


def _read(path: Path) -> CodeList:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        values = tuple(
            CodeValue(
                value=str(item["value"]),
                code=str(item["code"]) if "code" in item else None,
                variants=tuple(str(v) for v in item.get("variants", ())),
                kind=str(item.get("kind", NATIONAL)),
                source=str(item.get("source", "")),
            )
            for item in data["values"]
        )
        refused = {normalise(k): str(v) for k, v in data.get("refused", {}).items()}
        found = CodeList(path.stem, str(data["name"]), str(data["field"]), str(data["source"]), values,
                         str(data.get("note", "")), refused)  # fmt: skip
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise InvalidInput(f"代码表 {path} 无法读取（{exc}）") from None
    # a list whose national codes no source gives (coded = false) has none: a position is not a code
    coded = data.get("coded", True) is not False
    for entry in found.values:
        if entry.kind not in _KINDS or (entry.kind == NATIONAL and coded) != (entry.code is not None):
            raise InvalidInput(f"代码表 {path}：“{entry.value}”的 kind 与 code 不符")
        if entry.kind != NATIONAL and not entry.source:
            raise InvalidInput(f"代码表 {path}：非国家值“{entry.value}”须写明 source")
    return found


def default_directory() -> Path:
    """``resources/codes`` of this checkout or bundle: the same place desktop/resources.py names (the
    domain imports nothing of ours, so it repeats those two lines)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    root = Path(frozen_root) if frozen_root else Path(__file__).resolve().parents[2]
    return root / "resources" / "codes"


def national_lists() -> CodeLists:
    """The shipped lists: what validation, rules and pick lists read."""
    return load_code_lists(default_directory())


def code_list(key: str) -> CodeList:
    return national_lists()[key]


def canonical(key: str, text: str | None) -> str | None:
    return code_list(key).canonical(text)


def code_of(key: str, text: str | None) -> str | None:
    return code_list(key).code_of(text)


def closest(key: str, text: str) -> str:
    return code_list(key).closest(text)
