"""Which field a column header names: the national export's headers, their common variants, every
Chinese label of a household or member field, and the roster's column order.

A target is ``(table, field)``. Besides ``household`` and ``member`` there are ``head`` (the head's
name or ID number on a one-row-per-household sheet), ``village`` (县/乡/行政村, checked against the
ledger's village) and ``derived`` (人数, 危房户, 人均纯收入: figures the ledger computes itself).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from desktop.domain.fields import LABELS

Target = tuple[str, str]

IGNORED: Final[Target] = ("ignore", "")  # a mapping file says: leave this column out

# The national 扶贫开发信息系统 export, in its column order (DOMAIN §8).
NATIONAL_ROSTER: tuple[tuple[str, Target], ...] = (
    ("县", ("village", "county")),
    ("乡", ("village", "township")),
    ("行政村", ("village", "name")),
    ("自然村", ("household", "natural_village")),
    ("户编号", ("household", "number")),
    ("人编号", ("member", "number")),
    ("姓名", ("member", "name")),
    ("证件号码", ("member", "id_number")),
    ("人数", ("derived", "people")),
    ("与户主关系", ("member", "relation")),
    ("民族", ("member", "ethnicity")),
    ("文化程度", ("member", "education")),
    ("在校生状况", ("member", "schooling")),
    ("健康状况", ("member", "health")),
    ("劳动技能", ("member", "labour")),
    ("务工状况", ("member", "work_status")),
    ("务工时间", ("member", "work_months")),
    ("参加大病医疗", ("member", "serious_illness_insurance")),
    ("脱贫属性", ("household", "poverty_status")),
    ("贫困户属性", ("household", "category")),
    ("主要致贫原因", ("household", "main_cause")),
    ("危房户", ("derived", "dangerous_house")),
    ("饮水安全", ("household", "water_safe")),
    ("饮水困难", ("household", "water_difficult")),
    ("人均纯收入", ("derived", "income_per_person")),
    ("联系电话", ("household", "phone")),
)

# Spellings seen in county and township spreadsheets, WPS templates and older exports.
VARIANTS: dict[Target, tuple[str, ...]] = {
    ("village", "county"): ("县", "县(市、区)", "县(市区)", "县(区)", "县区", "县市区", "县(市)", "区县"),
    ("village", "township"): ("乡", "乡(镇)", "乡镇", "乡(镇、街道)", "镇", "乡镇(街道)"),
    ("village", "name"): ("行政村", "村", "村名", "所在村", "行政村名称"),
    ("household", "natural_village"): ("自然村", "自然村(组)"),
    ("household", "group_name"): ("村民小组", "组", "小组", "社", "村民组", "组别"),
    ("household", "number"): ("户编号", "户号", "农户编号", "家庭编号", "户代码"),
    ("member", "number"): ("人编号", "成员编号", "人员编号", "个人编号"),
    ("member", "name"): ("姓名", "成员姓名", "家庭成员姓名", "人员姓名", "户成员姓名"),
    ("member", "id_number"): (
        "证件号码",
        "身份证号",
        "身份证号码",
        "公民身份号码",
        "公民身份证号码",
        "身份证",
        "证件号",
        "身份证件号码",
        "证件号码(身份证号)",
        "身份证号(残疾证号)",
        "证件号码(身份证或残疾证)",
    ),
    ("member", "sex"): ("性别",),
    ("member", "birth_date"): ("出生日期", "出生年月", "出生年月日"),
    ("derived", "people"): ("人数", "家庭人数", "家庭人口", "家庭人口数", "户人数", "户人口数", "人口数"),
    ("member", "relation"): ("与户主关系", "与户主的关系", "家庭关系", "关系"),
    ("member", "ethnicity"): ("民族",),
    ("member", "political_status"): ("政治面貌",),
    ("member", "education"): ("文化程度", "学历"),
    ("member", "schooling"): ("在校生状况", "在校生情况", "在校状况", "在校情况"),
    ("member", "health"): ("健康状况", "健康情况"),
    ("member", "labour"): ("劳动技能", "劳动能力", "劳动力状况"),
    ("member", "work_status"): ("务工状况", "务工情况"),
    ("member", "work_months"): ("务工时间", "务工时间(月)", "务工月数", "务工时长"),
    ("member", "serious_illness_insurance"): ("参加大病医疗", "参加大病保险", "大病保险", "大病医疗"),
    ("member", "medical_insurance"): (
        "参加城乡居民基本医疗保险",
        "城乡居民基本医疗保险",
        "基本医疗保险",
        "参加新农合",
        "新农合",
        "医保",
        "参加医保",
    ),
    ("member", "pension_insurance"): (
        "参加城乡居民基本养老保险",
        "城乡居民基本养老保险",
        "养老保险",
        "参加养老保险",
    ),
    ("member", "phone"): ("本人联系电话", "成员联系电话", "本人电话", "个人电话"),
    ("member", "note"): ("备注",),
    ("household", "poverty_status"): ("脱贫属性", "脱贫状态", "脱贫情况"),
    ("household", "category"): ("贫困户属性", "贫困户类别", "农户属性", "户类别", "户属性"),
    ("household", "main_cause"): ("主要致贫原因", "致贫原因"),
    ("household", "other_causes"): ("其他致贫原因", "次要致贫原因"),
    ("derived", "dangerous_house"): ("危房户", "是否危房户", "危房", "是否危房"),
    ("household", "water_safe"): ("饮水安全", "饮水是否安全"),
    ("household", "water_difficult"): ("饮水困难", "饮水是否困难"),
    ("derived", "income_per_person"): ("人均纯收入", "人均收入", "家庭人均纯收入", "人均纯收入(元)"),
    ("household", "phone"): ("联系电话", "电话", "电话号码", "手机", "手机号", "手机号码", "联系方式"),
    ("household", "note"): ("户备注",),
    ("household", "address"): ("住址", "家庭住址", "家庭地址", "地址", "现住址"),
    ("household", "bank_account"): ("银行账号", "银行卡号", "一卡通账号", "惠农一卡通账号"),
    ("household", "identified_year"): ("识别年度", "识别年份", "识别时间", "建档立卡年度"),
    ("household", "exit_year"): ("脱贫年度", "脱贫年份", "脱贫时间"),
    ("head", "name"): ("户主姓名", "户主"),
    ("head", "id_number"): ("户主证件号码", "户主身份证号", "户主身份证号码", "户主身份证"),
}

# Fields only their own commands change (moving a member, archiving), or that a spreadsheet cannot hold.
_NOT_FROM_SHEETS: frozenset[Target] = frozenset(
    {
        ("household", "village_id"),
        ("household", "archived"),
        ("household", "archive_reason"),
        ("household", "exit_steps"),
        ("member", "household_id"),
        ("member", "archived"),
        ("member", "archive_reason"),
        ("member", "left_on"),
    }
)

_TARGET_LABELS: dict[Target, str] = {
    ("village", "county"): "县",
    ("village", "township"): "乡",
    ("village", "name"): "行政村",
    ("derived", "people"): "人数",
    ("derived", "dangerous_house"): "危房户",
    ("derived", "income_per_person"): "人均纯收入",
    ("head", "name"): "户主姓名",
    ("head", "id_number"): "户主证件号码",
    ("household", "note"): "户备注",
    ("member", "phone"): "本人联系电话",
}

_BRACKETS = re.compile(r"\([^()]*\)")
_MARKS = re.compile(r"[*＊★☆※:：.。]")


def normalize_header(text: object) -> str:
    """``" 身份证号\\n（18位）* "`` -> ``"身份证号(18位)"``: half-width, no spaces or line breaks, no marks."""
    if text is None:
        return ""
    folded = unicodedata.normalize("NFKC", str(text))
    return _MARKS.sub("", "".join(folded.split()))


PROBLEM_HEADER: Final = "问题"  # the column a problems copy adds; reading that copy back leaves it out


def _build_lookup() -> dict[str, Target]:
    found: dict[str, Target] = {PROBLEM_HEADER: IGNORED, "序号": IGNORED}
    for target, names in VARIANTS.items():
        for name in names:
            found.setdefault(normalize_header(name), target)
    # then every label, members first (a per-person roster is the common case)
    for table in ("member", "household"):
        for field, text in LABELS[table].items():
            if (table, field) not in _NOT_FROM_SHEETS:
                found.setdefault(normalize_header(text), (table, field))
    return found


_LOOKUP: Final[dict[str, Target]] = _build_lookup()


def match_header(text: object) -> Target | None:
    """The field a header names, or None. Tolerates notes in brackets (``务工时间（月）``, ``电话(必填)``)
    and a leading 是否 (``是否饮水安全``)."""
    key = normalize_header(text)
    if not key:
        return None
    for candidate in (key, _BRACKETS.sub("", key)):
        if candidate in _LOOKUP:
            return _LOOKUP[candidate]
        if candidate.startswith("是否") and candidate[2:] in _LOOKUP:
            return _LOOKUP[candidate[2:]]
    return None


def resolve_field(name: str) -> Target | None:
    """A field as a mapping file names it: any accepted header (``身份证号``), ``表.字段`` in English or
    Chinese (``household.phone``, ``户.联系电话``, ``成员.备注``), or a plain field name (``id_number``)."""
    text = name.strip()
    if "." in text:
        table_text, field_text = (part.strip() for part in text.split(".", 1))
        table = _TABLE_NAMES.get(table_text)
        if table is None:
            return None
        if table == "head":
            found = resolve_field(field_text)
            return ("head", found[1]) if found and found[1] in ("name", "id_number") else None
        for field, label_text in LABELS[table].items():
            if field_text in (field, label_text) and (table, field) not in _NOT_FROM_SHEETS:
                return (table, field)
        return None
    matched = match_header(text)
    if matched is not None:
        return matched
    for table in ("member", "household"):
        if text in LABELS[table] and (table, text) not in _NOT_FROM_SHEETS:
            return (table, text)
    return None


_TABLE_NAMES = {
    "household": "household",
    "户": "household",
    "农户": "household",
    "member": "member",
    "成员": "member",
    "家庭成员": "member",
    "head": "head",
    "户主": "head",
}


def target_label(target: Target) -> str:
    """What a report calls the column's field: ``证件号码``, ``户主姓名``, ``联系电话``."""
    if target in _TARGET_LABELS:
        return _TARGET_LABELS[target]
    table, field = target
    return LABELS.get(table, {}).get(field, field)
