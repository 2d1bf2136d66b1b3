"""A roster shaped like an export of the national 扶贫开发 / 防返贫监测 system, for the tests and the bench.

Title rows (the table's name, ``导出时间：2025-09-01 10:12``), the national column order (DOMAIN §8), one
row per person, 户编号 and the household columns merged down each household's rows, valid ID numbers
with their check characters, and every value of every national code list (resources/codes) in use:
every relation (01–20, 99), every 在校情况 grade at an age that fits it on the export date, every
务工情况, 健康状况, 劳动能力, 文化程度, 主要致贫原因, 贫困户属性 (五保贫困户 too), 脱贫属性 and all 56 民族.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from records import make_id_number

from desktop.domain.codes import NATIONAL, code_list
from desktop.excel.headers import NATIONAL_ROSTER

HEADERS = [header for header, _ in NATIONAL_ROSTER]
EXPORT_DAY = dt.date(2025, 9, 1)
VILLAGE = ("康定市", "甲根坝乡", "亚弄村")
REGIONS = ("513301", "513321", "513322", "513323", "513324", "513325", "513326", "513327")
# household columns a national export merges down a household's rows
MERGED = ("县", "乡", "行政村", "自然村", "户编号", "人数", "脱贫属性", "贫困户属性", "主要致贫原因", "危房户",
          "饮水安全", "饮水困难", "人均纯收入", "联系电话")  # fmt: skip
_MALE = {"之子", "之女婿", "之孙子", "之外孙子", "之父", "之岳父", "之公公", "之祖父", "之外祖父"}
# relation -> age relative to a young (30) or an old (62) head
_YOUNG = {"之子": -24, "之女": -22, "之父": 26, "之母": 25, "之岳父": 27, "之岳母": 26, "之公公": 28,
          "之婆婆": 27, "之祖父": 52, "之祖母": 50, "之外祖父": 53, "之外祖母": 51}  # fmt: skip
_OLD = {"之子": -28, "之女": -30, "之儿媳": -29, "之女婿": -31, "之孙子": -50, "之孙女": -48, "之外孙子": -47,
        "之外孙女": -51, "其他": -10}  # fmt: skip
_NAMES = ("扎西", "卓嘎", "次仁", "央金", "格桑", "拉姆", "多吉", "德吉", "尼玛", "卓玛", "达瓦", "曲珍", "旦增",
          "白玛", "平措", "仁青", "洛桑", "益西", "边巴", "贡布")  # fmt: skip


def national(key: str) -> list[str]:
    return [e.value for e in code_list(key).values if e.kind == NATIONAL]


@dataclass
class Person:
    row: dict[str, Any]
    deceased: bool = False


@dataclass
class NationalRoster:
    path: Path
    households: int
    people: list[Person] = field(default_factory=list)  # the living, in sheet order

    @property
    def rows(self) -> int:
        return len(self.people)


class _Cycle:
    def __init__(self, values: list[str]) -> None:
        self.values, self.index = values, 0

    def next(self) -> str:
        value = self.values[self.index % len(self.values)]
        self.index += 1
        return value


def _schooling(age: int, turn: int) -> tuple[str, str]:
    """(在校情况, 文化程度) that fit ``age`` on the export date."""
    if age <= 2:
        return "非在校生", "学龄前儿童"
    if age <= 5:
        return "学前教育", "学龄前儿童"
    if age <= 11:
        return "小学", "小学"
    if age <= 14:
        return ("七年级", "八年级", "九年级")[age - 12], "小学"
    if age <= 17:
        stage = "高中" if turn % 2 else "中职"
        return f"{stage}{'一二三'[age - 15]}年级", "初中"
    if age <= 20:
        return f"高职{'一二三'[age - 18]}年级", "高中"
    if age <= 22:
        return "大专及以上", "高中"
    return "非在校生", ""


def write_national_roster(
    path: Path, households: int = 500, *, seed: int = 13, deaths: int = 0, day: dt.date = EXPORT_DAY
) -> NationalRoster:
    rng = random.Random(seed)
    relations_young = _Cycle(list(_YOUNG))
    relations_old = _Cycle(list(_OLD))
    ethnicities = _Cycle(national("ethnicity"))
    health = _Cycle(national("health"))
    labour = _Cycle([*national("labour"), "弱劳动力或半劳动力"])
    work = _Cycle([*national("work_status"), ""])
    adult_education = _Cycle(["文盲或半文盲", "小学", "初中", "高中", "大专及以上"])
    status = _Cycle(national("poverty_status"))
    category = _Cycle([*national("household_category"), "五保贫困户"])
    causes = _Cycle(national("poverty_cause"))
    child_ages = _Cycle(list(range(0, 23)))
    roster = NationalRoster(path, households)
    serial = 0
    sheet_rows: list[list[dict[str, Any]]] = []
    for h in range(households):
        number = f"5133012072{h + 1:06d}"
        old = h % 2 == 1
        head_age = 62 if old else 30
        size = 1 + h % 7  # 1–7 people
        members: list[tuple[str, int, bool]] = [("本人或户主", head_age + rng.randint(-3, 3), h % 3 != 0)]
        if size > 1:
            members.append(("配偶", head_age + rng.randint(-3, 3), not members[0][2]))
        relations = relations_old if old else relations_young
        for _ in range(size - 2):
            relation = relations.next()
            offset = (_OLD if old else _YOUNG)[relation]
            if relation in ("之孙子", "之孙女", "之外孙子", "之外孙女") or (not old and offset < 0):
                age = child_ages.next()  # children: every school age in turn
            else:
                age = head_age + offset + rng.randint(-2, 2)
            members.append((relation, age, relation in _MALE if relation != "其他" else bool(h % 2)))
        household = {
            "县": VILLAGE[0], "乡": VILLAGE[1], "行政村": VILLAGE[2], "自然村": f"{1 + h % 5}组",
            "户编号": number, "人数": len(members), "脱贫属性": status.next(), "贫困户属性": category.next(),
            "主要致贫原因": causes.next(), "危房户": "否" if h % 9 else "是", "饮水安全": "是" if h % 11 else "否",
            "饮水困难": "否" if h % 13 else "是", "人均纯收入": round(6000 + rng.random() * 9000, 2),
            "联系电话": f"138{h:08d}",
        }  # fmt: skip
        rows: list[dict[str, Any]] = []
        for k, (relation, age, male) in enumerate(members):
            born = dt.date(day.year - age - 1, 9 + serial % 4, 2 + serial % 27)  # birthday after the day
            sequence = (serial * 2 + (1 if male else 0)) % 1000
            id_number = make_id_number(born, sequence, REGIONS[(serial * 2) // 1000 % len(REGIONS)])
            serial += 1
            schooling, education = _schooling(age, serial)
            person_health = health.next()
            if schooling == "小学" and serial % 17 == 0:
                schooling, person_health = "送教上门", "残疾"  # the local addition
            able = 16 <= age < 65
            person_labour = labour.next() if able else ("无劳动力" if age < 16 else "丧失劳动力")
            away = work.next() if able and person_labour in ("普通劳动力", "技能劳动力") else ""
            row = {
                **household,
                "人编号": f"{number}{k + 1:02d}",
                "姓名": _NAMES[serial % len(_NAMES)] + _NAMES[(serial // len(_NAMES)) % len(_NAMES)],
                "证件号码": id_number,
                "与户主关系": relation,
                "民族": ethnicities.next(),
                "文化程度": education or adult_education.next(),
                "在校生状况": schooling,
                "健康状况": person_health,
                "劳动技能": person_labour,
                "务工状况": away or None,
                "务工时间": (1 + serial % 12) if away else None,
                "参加大病医疗": "是" if serial % 10 else "否",
            }
            rows.append(row)
            roster.people.append(Person(row))
        if h < deaths:  # a member who died since: 死亡 in 健康状况
            born = dt.date(day.year - 95, 10, 3)  # older than any living person of the roster
            rows.append(
                {
                    **household,
                    "人编号": f"{number}{len(rows) + 1:02d}",
                    "姓名": "故去的老人",
                    "证件号码": make_id_number(born, 900 + h * 2 + 1, "513301"),
                    "与户主关系": "之父" if not old else "其他",
                    "民族": "藏族",
                    "健康状况": "死亡",
                }
            )
        sheet_rows.append(rows)
    _write(path, sheet_rows, day)
    return roster


def _write(path: Path, households: list[list[dict[str, Any]]], day: dt.date) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "贫困人口明细"
    width = len(HEADERS)
    sheet.append([f"{VILLAGE[0]}{VILLAGE[1]}{VILLAGE[2]}建档立卡贫困人口明细表"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.append(
        [f"导出时间：{day.isoformat()} 10:12", None, None, None, None, None, "导出单位：甲根坝乡人民政府"]
    )
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=6)
    sheet.append(HEADERS)
    merged = [HEADERS.index(h) + 1 for h in MERGED]
    row_number = 4
    for rows in households:
        first = row_number
        for index, row in enumerate(rows):
            values = [row.get(h) for h in HEADERS]
            if index:  # a merged range keeps only its top-left value
                for column in merged:
                    values[column - 1] = None
            sheet.append(values)
            row_number += 1
        if len(rows) > 1:
            for column in merged:
                sheet.merge_cells(
                    start_row=first, start_column=column, end_row=row_number - 1, end_column=column
                )
    workbook.save(path)
