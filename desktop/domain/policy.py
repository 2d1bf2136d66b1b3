"""Year-dependent and locally set figures, read from the TOML files in ``resources/policy``.

Townships edit those files; code holds no figure. A lookup says which year's figure it used, whether the
figure's source (document and year), and in Chinese why an older year stood in, so a screen or printout can show it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path
from typing import Any

from desktop.domain.errors import InvalidInput
from desktop.domain.income import format_amount

POVERTY_LINES_FILE = "poverty_lines.toml"
MONITORING_FILE = "monitoring.toml"
CHECKLIST_FILE = "checklist.toml"
VILLAGE_EXIT_FILE = "village_exit.toml"

NATIONAL = "全国"
TOWNSHIP = "乡镇设置"


class PolicyFileError(InvalidInput):
    """A policy file is missing or cannot be read; the message names the file."""


@dataclass(frozen=True)
class PolicyFigure:
    amount: Decimal
    year_used: int
    note: str  # empty when there is nothing to say
    scope: str = NATIONAL  # "全国" or the province whose own figure this is
    source: str = ""  # the document (and year) the figure comes from

    @property
    def cited(self) -> str:
        return cite(self.source)

    def explain(self, year: int) -> str:
        """What a screen or printout says beside the figure used for ``year``: the older year it stands
        in for, or its source."""
        if self.year_used != year:
            return self.note
        basis = f"，{self.note}" if self.note else ""
        return f"来源：{self.cited}{basis}"

    def labelled(self, what: str, year: int) -> str:
        """``explain`` as a note of its own beside other figures: "扶贫标准（来源：…）", or the sentence
        naming the year that stands in (which already names ``what``)."""
        return self.note if self.year_used != year else f"{what}（{self.explain(year)}）"


def cite(source: str) -> str:
    """The document's name, without the quoted passage: what a screen or printout names as 来源."""
    return source.split("：", 1)[0].strip()


@dataclass(frozen=True)
class YearFigure:
    year: int
    amount: Decimal
    note: str
    source: str


@dataclass(frozen=True)
class YearTable:
    """Figures by year, national and per province; ``what`` names them in messages (扶贫标准, 监测标准)."""

    what: str
    national: tuple[YearFigure, ...]
    provinces: tuple[tuple[str, tuple[YearFigure, ...]], ...] = ()
    settings: tuple[YearFigure, ...] = ()  # set by the township, synced to its villages

    def lookup(self, year: int, province: str | None = None) -> PolicyFigure:
        """The most recent figure for ``year`` or before; the township's own setting wins a tie, then a
        province's own figure, then the national one, so a province that has not yet set this year's
        figure gets the national one."""
        province = province.strip() if province else None
        candidates: list[tuple[YearFigure, str]] = [(f, TOWNSHIP) for f in self.settings if f.year <= year]
        own = self._province(province)
        if own is not None and province is not None:
            candidates += [(f, province) for f in own if f.year <= year]
        candidates += [(f, NATIONAL) for f in self.national if f.year <= year]
        if not candidates:
            first = min((f.year for f in (*self.settings, *self.national)), default=None)
            if first is not None and first > year:
                raise InvalidInput(f"{year} 年早于{self.what}表中最早的 {first} 年，无法确定{self.what}")
            raise InvalidInput(f"{year} 年{self.what}尚未设置，请乡镇在 设置 → 政策标准 中按本省文件填写")
        # max() keeps the first of equal years: township settings first, then province figures.
        figure, scope = max(candidates, key=lambda c: c[0].year)
        notes: list[str] = []
        if figure.year != year:
            basis = f"，{figure.note}" if figure.note else ""
            notes.append(
                f"{year} 年{self.what}尚未设置，沿用 {figure.year} 年标准 {format_amount(figure.amount)} 元"
                f"（来源：{cite(figure.source)}{basis}）"
            )
        elif figure.note:
            notes.append(figure.note)
        return PolicyFigure(figure.amount, figure.year, "；".join(notes), scope, figure.source)

    def with_settings(self, figures: Sequence[YearFigure]) -> YearTable:
        """The same table with the township's own figures (设置 → 政策标准) in front of the files'."""
        return replace(self, settings=tuple(sorted(figures, key=lambda f: f.year)))

    def _province(self, province: str | None) -> tuple[YearFigure, ...] | None:
        for name, figures in self.provinces:
            if name == province:
                return figures
        return None


@dataclass(frozen=True)
class SchoolAges:
    """Compulsory-school age in full years, both ends included, reached by the enrolment cut-off
    (e.g. 31 August) of the school year: a school year runs from the day after the cut-off."""

    min_age: int
    max_age: int
    cutoff_month: int = 8
    cutoff_day: int = 31
    source: str = ""

    def covers(self, age: int) -> bool:
        return self.min_age <= age <= self.max_age

    def cutoff_for(self, on: date) -> date:
        """The cut-off day of the school year that ``on`` falls in."""
        this_year = date(on.year, self.cutoff_month, self.cutoff_day)
        return this_year if on > this_year else date(on.year - 1, self.cutoff_month, self.cutoff_day)

    def school_age(self, birth: date, on: date) -> int:
        """Full years reached by the cut-off of the school year ``on`` falls in."""
        cutoff = self.cutoff_for(on)
        return cutoff.year - birth.year - ((cutoff.month, cutoff.day) < (birth.month, birth.day))

    def describe(self) -> str:
        return f"{self.min_age}–{self.max_age} 岁，按 {self.cutoff_month} 月 {self.cutoff_day} 日前已满周岁计"


@dataclass(frozen=True)
class WaterThresholds:
    min_litres_per_day: Decimal
    min_litres_per_day_water_short: Decimal
    max_fetch_minutes: int
    min_reliability: Decimal  # 0.90: water on at least 90% of the days in a year
    source: str = ""

    @property
    def max_days_without(self) -> int:
        # 365 × (1 − 0.90) = 36.5; a household with 37 days has less than 90%.
        return int((365 * (1 - self.min_reliability)).to_integral_value(ROUND_FLOOR))


@dataclass(frozen=True)
class MedicalRequirements:
    require_medical_insurance: bool
    require_serious_illness_insurance: bool
    require_family_doctor: bool
    source: str = ""


@dataclass(frozen=True)
class VillageExitRules:
    standard: str  # e.g. 一低五有
    items: tuple[str, ...]
    incidence: tuple[tuple[str, Decimal], ...]  # region (西部, 中部) → highest incidence allowed
    source: str
    incidence_source: str

    def incidence_threshold(self, region: str) -> Decimal:
        for name, threshold in self.incidence:
            if name == region:
                return threshold
        known = "、".join(name for name, _ in self.incidence)
        raise InvalidInput(f"地区“{region}”没有配置贫困发生率标准，可选：{known}")


@dataclass(frozen=True)
class PolicyTables:
    poverty_lines: YearTable
    monitoring: YearTable
    default_school_ages: SchoolAges
    province_school_ages: tuple[tuple[str, SchoolAges], ...]
    water: WaterThresholds
    medical: MedicalRequirements
    village_exit: VillageExitRules

    def poverty_line(self, year: int, province: str | None = None) -> PolicyFigure:
        return self.poverty_lines.lookup(year, province)

    def monitoring_threshold(self, year: int, province: str | None = None) -> PolicyFigure:
        return self.monitoring.lookup(year, province)

    def with_settings(
        self, poverty_lines: Sequence[YearFigure], monitoring: Sequence[YearFigure]
    ) -> PolicyTables:
        """The tables with the township's own figures (设置 → 政策标准) in front of the files'."""
        return replace(
            self,
            poverty_lines=self.poverty_lines.with_settings(poverty_lines),
            monitoring=self.monitoring.with_settings(monitoring),
        )

    def school_ages(self, province: str | None = None) -> SchoolAges:
        for name, ages in self.province_school_ages:
            if province is not None and name == province.strip():
                return ages
        return self.default_school_ages


def load_policy(directory: Path) -> PolicyTables:
    poverty = _read(directory, POVERTY_LINES_FILE)
    monitoring = _read(directory, MONITORING_FILE)
    checklist = _read(directory, CHECKLIST_FILE)
    village = _read(directory, VILLAGE_EXIT_FILE)
    education = checklist.table("compulsory_education")
    province_ages = education.optional_table("province")
    return PolicyTables(
        poverty_lines=_year_table(poverty, "扶贫标准"),
        monitoring=_year_table(monitoring, "监测标准"),
        default_school_ages=_school_ages(education),
        province_school_ages=tuple(
            (name, _school_ages(province_ages.table(name))) for name in province_ages.names()
        ),
        water=_water(checklist.table("water")),
        medical=_medical(checklist.table("medical")),
        village_exit=_village_exit(village),
    )


# --- reading -------------------------------------------------------------------------------------------


class _Table:
    """A TOML table that reports a missing or mistyped key in Chinese, naming the file and the key."""

    def __init__(self, file_name: str, data: Mapping[str, Any], path: str = "") -> None:
        self.file_name = file_name
        self.data = data
        self.path = path

    def names(self) -> list[str]:
        return list(self.data)

    def table(self, key: str) -> _Table:
        value = self._get(key)
        if not isinstance(value, dict):
            raise self._wrong(key, "一节（表）")
        return _Table(self.file_name, value, self.qualified(key))

    def optional_table(self, key: str) -> _Table:
        return self.table(key) if key in self.data else _Table(self.file_name, {}, self.qualified(key))

    def integer(self, key: str) -> int:
        value = self._get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self._wrong(key, "整数")
        return value

    def decimal(self, key: str) -> Decimal:
        value = self._get(key)
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            raise self._wrong(key, "数字")
        if value < 0:
            raise self._wrong(key, "不小于 0 的数字")
        return Decimal(value)

    def boolean(self, key: str, default: bool | None = None) -> bool:
        if default is not None and key not in self.data:
            return default
        value = self._get(key)
        if not isinstance(value, bool):
            raise self._wrong(key, "true 或 false")
        return value

    def text(self, key: str, default: str | None = None) -> str:
        if default is not None and key not in self.data:
            return default
        value = self._get(key)
        if not isinstance(value, str):
            raise self._wrong(key, "文字")
        return value

    def text_list(self, key: str) -> tuple[str, ...]:
        value = self._get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self._wrong(key, "文字列表")
        return tuple(value)

    def _get(self, key: str) -> Any:
        if key not in self.data:
            raise PolicyFileError(f"政策文件 {self.file_name} 缺少 {self.qualified(key)} 一项")
        return self.data[key]

    def _wrong(self, key: str, expected: str) -> PolicyFileError:
        return PolicyFileError(f"政策文件 {self.file_name} 中 {self.qualified(key)} 应为{expected}")

    def qualified(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key


_LINE = re.compile(r"line (\d+)")


def _read(directory: Path, file_name: str) -> _Table:
    path = Path(directory) / file_name
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise PolicyFileError(f"找不到政策文件 {file_name}（应在 {path.parent} 中）") from None
    except OSError:
        raise PolicyFileError(f"无法读取政策文件 {file_name}，请检查文件权限") from None
    try:
        text = raw.decode("utf-8-sig")  # Notepad on older Windows saves a BOM
    except UnicodeDecodeError:
        raise PolicyFileError(f"政策文件 {file_name} 不是 UTF-8 编码，请另存为 UTF-8") from None
    try:
        # Floats as Decimal: 0.90 must stay 0.90, not 0.9000000000000000222.
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        line = _LINE.search(str(error))
        where = f"第 {line.group(1)} 行" if line else ""
        raise PolicyFileError(f"政策文件 {file_name} {where}格式有误，请检查引号、等号和括号") from error
    return _Table(file_name, data)


def _year_table(table: _Table, what: str) -> YearTable:
    provinces = table.optional_table("province")
    return YearTable(
        what=what,
        national=_year_figures(table.table("national")),
        provinces=tuple((name, _year_figures(provinces.table(name))) for name in provinces.names()),
    )


def _year_figures(table: _Table) -> tuple[YearFigure, ...]:
    figures = []
    for key in table.names():
        if not re.fullmatch(r"\d{4}", key):
            raise PolicyFileError(f"政策文件 {table.file_name} 中 {table.qualified(key)} 不是四位年份")
        entry = table.table(key)
        figures.append(
            YearFigure(
                year=int(key),
                amount=entry.decimal("amount"),
                note=entry.text("note", default=""),
                # a figure nobody can source is not shipped as fact: the township sets it instead
                source=_required_text(entry, "source"),
            )
        )
    return tuple(sorted(figures, key=lambda f: f.year))


def _school_ages(table: _Table) -> SchoolAges:
    ages = SchoolAges(
        table.integer("min_age"),
        table.integer("max_age"),
        table.integer("cutoff_month"),
        table.integer("cutoff_day"),
        _required_text(table, "source"),
    )
    if not 0 <= ages.min_age <= ages.max_age:
        raise PolicyFileError(f"政策文件 {table.file_name} 中 {table.path} 的适龄范围不合理")
    try:
        date(2001, ages.cutoff_month, ages.cutoff_day)  # not a leap year: 2 月 29 日 is refused
    except ValueError:
        raise PolicyFileError(
            f"政策文件 {table.file_name} 中 {table.path} 的入学截止日不是有效日期"
        ) from None
    return ages


def _required_text(table: _Table, key: str) -> str:
    value = table.text(key).strip()
    if not value:
        raise PolicyFileError(f"政策文件 {table.file_name} 中 {table.qualified(key)} 不能为空")
    return value


def _water(table: _Table) -> WaterThresholds:
    reliability = table.decimal("min_reliability")
    if reliability > 1:
        raise PolicyFileError(f"政策文件 {table.file_name} 中 water.min_reliability 应为 0 到 1 之间的小数")
    return WaterThresholds(
        min_litres_per_day=table.decimal("min_litres_per_day"),
        min_litres_per_day_water_short=table.decimal("min_litres_per_day_water_short"),
        max_fetch_minutes=table.integer("max_fetch_minutes"),
        min_reliability=reliability,
        source=_required_text(table, "source"),
    )


def _medical(table: _Table) -> MedicalRequirements:
    return MedicalRequirements(
        require_medical_insurance=table.boolean("require_medical_insurance"),
        require_serious_illness_insurance=table.boolean("require_serious_illness_insurance"),
        require_family_doctor=table.boolean("require_family_doctor"),
        source=_required_text(table, "source"),
    )


def _village_exit(table: _Table) -> VillageExitRules:
    incidence = table.table("incidence")
    return VillageExitRules(
        standard=table.text("standard"),
        items=table.text_list("items"),
        incidence=tuple((region, incidence.decimal(region)) for region in incidence.names()),
        source=_required_text(table, "source"),
        incidence_source=_required_text(table, "incidence_source"),
    )
