"""The allowed values of coded fields. The national code lists (在校情况, 与户主关系 …) come from
``resources/codes`` (desktop/domain/codes.py); the other vocabularies are plain data here.

Input validation, pick lists and the demo village read these tuples, so the order of each tuple is the
order a user sees.
"""

from __future__ import annotations

from enum import StrEnum

from desktop.domain.codes import national_lists

_LISTS = national_lists()

# Pick lists (national order; local additions such as 送教上门 after the national values). Validation
# accepts more: every variant and every value an earlier version stored (see desktop/domain/codes.py).
HOUSEHOLD_CATEGORIES: tuple[str, ...] = _LISTS["household_category"].choices
POVERTY_STATUS: tuple[str, ...] = _LISTS["poverty_status"].choices

IDENTIFICATION_STANDARDS: tuple[str, ...] = ("国家", "省定", "市定")

POVERTY_CAUSES: tuple[str, ...] = _LISTS["poverty_cause"].choices
RELATIONS: tuple[str, ...] = _LISTS["relation"].choices
ETHNICITIES: tuple[str, ...] = _LISTS["ethnicity"].choices  # GB 3304 order
EDUCATION: tuple[str, ...] = _LISTS["education"].choices
SCHOOLING: tuple[str, ...] = _LISTS["schooling"].choices
HEALTH: tuple[str, ...] = _LISTS["health"].choices
LABOUR: tuple[str, ...] = _LISTS["labour"].choices
WORK_STATUS: tuple[str, ...] = _LISTS["work_status"].choices

# The head of the household: 本人或户主 is stored for new input, 户主 (earlier versions, older exports)
# means the same.
HEAD_RELATION: str = _LISTS["relation"].values[0].value
HEAD_RELATIONS: frozenset[str] = _LISTS["relation"].same_as({HEAD_RELATION})

# Rule sets hold every stored spelling of their values (variants and older values too).
# A child of compulsory-school age is covered when in primary or junior school (七–九年级; 初中 as
# earlier versions stored it), or taught at home (送教上门) when illness or disability keeps the child
# from school. 学前教育 at 6 is not covered: the child is of age and should be in primary school.
ATTENDING_SCHOOL: frozenset[str] = _LISTS["schooling"].same_as(
    {"小学", "七年级", "八年级", "九年级", "初中", "送教上门"}
)

# Statuses that mean compulsory education is already completed (a 15-year-old in 高中一年级 is fine).
PAST_COMPULSORY_SCHOOL: frozenset[str] = _LISTS["schooling"].same_as(
    {
        "高中一年级", "高中二年级", "高中三年级", "中职一年级", "中职二年级", "中职三年级",
        "高职一年级", "高职二年级", "高职三年级", "大专及以上", "高中", "中职", "高职",
    }
)  # fmt: skip

# Full labour capacity, as the 特困 and 因务工就业不稳 rules understand it.
ABLE_LABOUR: frozenset[str] = _LISTS["labour"].same_as({"普通劳动力", "技能劳动力"})
NO_LABOUR: frozenset[str] = _LISTS["labour"].same_as({"丧失劳动力", "无劳动力"})

# Serious illness (大病; 患有大病 as older exports and earlier versions wrote it).
SERIOUS_ILLNESS: frozenset[str] = _LISTS["health"].same_as({"大病"})

# Not working away from home: nothing recorded, or 未务工.
NOT_WORKING_AWAY: frozenset[str] = _LISTS["work_status"].same_as({"未务工"})

SEXES: tuple[str, ...] = ("男", "女")

HOUSE_STRUCTURES: tuple[str, ...] = ("钢混", "砖混", "砖木", "土木", "其他")

# A and B are safe; C (局部危险) and D (整体危险) are 危房.
HOUSE_GRADES: tuple[str, ...] = ("A", "B", "C", "D")
SAFE_HOUSE_GRADES: frozenset[str] = frozenset({"A", "B"})

WATER_SOURCES: tuple[str, ...] = ("自来水", "受保护井泉", "不受保护井泉", "江河湖", "雨水", "桶装", "其他")

RELOCATION_MODES: tuple[str, ...] = ("集中安置", "分散安置")

MEASURE_GROUPS: tuple[str, ...] = (
    "产业",
    "就业",
    "易地搬迁",
    "公益岗位",
    "教育",
    "健康",
    "危房改造",
    "金融",
    "生活条件",
    "综合保障",
    "生态",
    "退耕还林",
    "其他",
)

PUBLIC_WELFARE_POSTS: tuple[str, ...] = ("护林", "护路", "护水", "护边", "护草", "护理", "护洁", "治安协管")

UNIT_LEVELS: tuple[str, ...] = ("省直", "市直", "县直", "乡镇", "村级")

MONITORING_CATEGORIES: tuple[str, ...] = ("脱贫不稳定户", "边缘易致贫户", "突发严重困难户")

RISK_TYPES: tuple[str, ...] = (
    "因病",
    "因残",
    "因学",
    "因自然灾害",
    "因意外事故",
    "因产业失败",
    "因务工就业不稳",
    "缺劳动力",
    "住房安全",
    "饮水安全",
    "其他",
)

# The kind of disaster recorded with 因自然灾害.
NATURAL_DISASTER_KINDS: tuple[str, ...] = ("洪涝", "地质", "旱", "生物", "气象", "地震", "其他")

VISIT_KINDS: tuple[str, ...] = ("入户", "电话", "微信")

EVENT_KINDS: tuple[str, ...] = (
    "出生",
    "死亡",
    "婚入",
    "婚出",
    "迁入",
    "迁出",
    "分户",
    "合户",
    "易地搬迁",
    "其他",
)


class Dimension(StrEnum):
    """两不愁三保障 plus 饮水安全, in the order forms list them."""

    FOOD = "不愁吃"
    CLOTHING = "不愁穿"
    EDUCATION = "义务教育"
    MEDICAL = "基本医疗"
    HOUSING = "住房安全"
    WATER = "饮水安全"


class Status(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {Status.MET: "达标", Status.NOT_MET: "未达标", Status.UNKNOWN: "待核实"}
