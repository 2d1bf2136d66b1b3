"""The allowed values of coded fields, spelled as the national 扶贫开发 / 防返贫监测 systems spell them.

Plain data: input validation, pick lists and the demo village all read these tuples, so the order of each
tuple is the order a user sees.
"""

from __future__ import annotations

from enum import StrEnum

HOUSEHOLD_CATEGORIES: tuple[str, ...] = (
    "一般贫困户",
    "低保贫困户",
    "特困供养贫困户",
    "非贫困户",
    "脱贫户",
    "监测户",
)

POVERTY_STATUS: tuple[str, ...] = ("未脱贫", "已脱贫", "返贫")

IDENTIFICATION_STANDARDS: tuple[str, ...] = ("国家", "省定", "市定")

POVERTY_CAUSES: tuple[str, ...] = (
    "因病",
    "因残",
    "因学",
    "因灾",
    "缺土地",
    "缺水",
    "缺技术",
    "缺劳力",
    "缺资金",
    "交通条件落后",
    "自身发展动力不足",
    "其他",
)

RELATIONS: tuple[str, ...] = (
    "户主",
    "配偶",
    "之子",
    "之女",
    "之儿媳",
    "之女婿",
    "之孙子",
    "之孙女",
    "之父",
    "之母",
    "之兄弟姐妹",
    "其他",
)

# 汉族 first and 藏族 second because the ledger is used mostly in Han and Tibetan areas; the rest follow
# the order of GB 3304.
ETHNICITIES: tuple[str, ...] = (
    "汉族",
    "藏族",
    "蒙古族",
    "回族",
    "维吾尔族",
    "苗族",
    "彝族",
    "壮族",
    "布依族",
    "朝鲜族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "土家族",
    "哈尼族",
    "哈萨克族",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "高山族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜族",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克族",
    "怒族",
    "乌孜别克族",
    "俄罗斯族",
    "鄂温克族",
    "德昂族",
    "保安族",
    "裕固族",
    "京族",
    "塔塔尔族",
    "独龙族",
    "鄂伦春族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
    "其他",
)

EDUCATION: tuple[str, ...] = ("文盲或半文盲", "学前教育", "小学", "初中", "高中", "中专", "大专及以上")

SCHOOLING: tuple[str, ...] = (
    "学前教育",
    "小学",
    "初中",
    "高中",
    "中职",
    "高职",
    "大专及以上",
    "送教上门",
    "非在校生",
)

# A child of compulsory-school age is covered when in primary or junior school, or taught at home
# (送教上门) when illness or disability keeps the child from school. 学前教育 at 6 is not covered: the
# child is of age and should be in primary school.
ATTENDING_SCHOOL: frozenset[str] = frozenset({"小学", "初中", "送教上门"})

# Statuses that mean compulsory education is already completed (a 15-year-old in 高中 is fine).
PAST_COMPULSORY_SCHOOL: frozenset[str] = frozenset({"高中", "中职", "高职", "大专及以上"})

HEALTH: tuple[str, ...] = ("健康", "长期慢性病", "患有大病", "残疾")

LABOUR: tuple[str, ...] = ("普通劳动力", "技能劳动力", "弱劳动力或半劳动力", "丧失劳动力", "无劳动力")

# Full labour capacity, as the 特困 and 因务工就业不稳 rules understand it.
ABLE_LABOUR: frozenset[str] = frozenset({"普通劳动力", "技能劳动力"})
NO_LABOUR: frozenset[str] = frozenset({"丧失劳动力", "无劳动力"})

WORK_STATUS: tuple[str, ...] = ("乡内务工", "县内务工", "省内务工", "省外务工", "未务工")

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
