"""What each field of a record is called in Chinese, and which values a coded field allows.

The command line accepts a field by its name or its Chinese label (``--set 类别=低保贫困户``), the GUI
shows the labels, and input is validated against the allowed values here.
"""

from __future__ import annotations

from desktop.domain import enums

TABLE_LABELS: dict[str, str] = {
    "village": "村", "household": "农户", "member": "家庭成员", "assessment": "核查", "visit": "走访",
    "follow_up": "走访后续事项", "income": "收入", "measure": "帮扶措施", "pairing": "帮扶责任人",
    "monitoring": "防返贫监测", "photo": "照片", "household_event": "农户变动", "work_log": "驻村日志",
    "village_indicator": "村年度指标",
}  # fmt: skip

LABELS: dict[str, dict[str, str]] = {
    "village": {
        "code": "村代码",
        "name": "村名",
        "province": "省",
        "city": "市",
        "county": "县",
        "township": "乡镇",
        "township_code": "乡镇代码",
        "altitude_m": "海拔",
        "groups": "村民小组",
        "natural_villages": "自然村",
        "west": "西部地区",
    },
    "household": {
        "village_id": "所属村",
        "number": "户编号",
        "group_name": "村民小组",
        "natural_village": "自然村",
        "address": "住址",
        "phone": "联系电话",
        "bank_account": "银行账号",
        "standard": "识别标准",
        "category": "贫困户属性",
        "poverty_status": "脱贫属性",
        "identified_year": "识别年度",
        "exit_year": "脱贫年度",
        "main_cause": "主要致贫原因",
        "other_causes": "其他致贫原因",
        "military_family": "军烈属",
        "coop_member": "加入合作社",
        "house_area": "住房面积",
        "house_structure": "住房结构",
        "house_built_year": "建房年份",
        "house_grade": "住房鉴定等级",
        "house_appraiser": "鉴定单位",
        "house_appraised_on": "鉴定日期",
        "renovation_year": "危改年份",
        "renovation_subsidy": "危改补助",
        "relocation_mode": "搬迁安置方式",
        "relocation_site": "安置点",
        "relocation_date": "搬迁入住日期",
        "water_source": "饮水水源",
        "water_lpd": "人均日用水量",
        "water_quality_ok": "水质达标",
        "water_fetch_minutes": "取水往返时间",
        "water_days_without": "年断水天数",
        "water_short_area": "缺水地区",
        "water_safe": "饮水安全",
        "water_difficult": "饮水困难",
        "has_power": "通生活用电",
        "production_power": "通生产用电",
        "tv": "通广播电视",
        "road_distance_km": "距主干路里程",
        "fuel": "燃料类型",
        "toilet": "厕所",
        "farmland_mu": "耕地面积",
        "irrigated_mu": "有效灌溉面积",
        "forest_mu": "林地面积",
        "grain_to_forest_mu": "退耕还林面积",
        "pasture_mu": "牧草地面积",
        "exit_steps": "退出程序",
        "note": "备注",
        "archived": "已注销",
        "archive_reason": "注销原因",
    },
    "member": {
        "household_id": "所属户",
        "number": "人编号",
        "name": "姓名",
        "sex": "性别",
        "id_number": "证件号码",
        "relation": "与户主关系",
        "ethnicity": "民族",
        "political_status": "政治面貌",
        "birth_date": "出生日期",
        "education": "文化程度",
        "schooling": "在校生状况",
        "school_name": "就读学校",
        "health": "健康状况",
        "disability": "残疾类别等级",
        "labour": "劳动技能",
        "work_status": "务工状况",
        "work_months": "务工时间",
        "medical_insurance": "参加城乡居民基本医疗保险",
        "serious_illness_insurance": "参加大病保险",
        "pension_insurance": "参加城乡居民基本养老保险",
        "family_doctor": "签约家庭医生",
        "chronic_card": "慢病卡",
        "dibao": "享受低保",
        "tekun": "特困供养",
        "soldier": "现役军人",
        "phone": "联系电话",
        "left_on": "减员日期",
        "note": "备注",
        "archived": "已减员",
        "archive_reason": "减员原因",
    },
}

LABELS["assessment"] = {
    "household_id": "所属户", "assessed_on": "核查日期", "assessors": "核查人",
    "food_staple_ok": "主粮充足", "food_protein_ok": "有肉蛋奶豆", "clothes_seasonal_ok": "四季衣物齐备",
    "clothes_bedding_ok": "被褥充足", "note": "备注",
    **{
        f"{prefix}_{part}": f"{dimension}{text}"
        for dimension, prefix in (("不愁吃", "food"), ("不愁穿", "clothes"), ("义务教育", "education"),
                                  ("基本医疗", "medical"), ("住房安全", "housing"), ("饮水安全", "water"))
        for part, text in (("answer", "核查结论"), ("evidence", "核查依据"))
    },
}  # fmt: skip

LABELS["income"] = {
    "year": "收入年度",
    "wage": "工资性收入",
    "business": "生产经营性收入",
    "property": "财产性收入",
    "transfer": "转移性收入",
    "transfer_family_planning": "计划生育金",
    "transfer_dibao": "低保金",
    "transfer_tekun": "特困供养金",
    "transfer_pension": "养老金",
    "transfer_eco": "生态补偿金",
    "transfer_other": "其他转移性收入",
    "business_costs": "生产经营性支出",
    "note": "备注",
}
LABELS["measure"] = {
    "group_name": "措施类别",
    "project": "帮扶项目",
    "scale": "规模",
    "unit": "实施单位",
    "funds": "资金",
    "start_on": "开始日期",
    "deadline": "完成期限",
    "expected_gain": "预计增收",
    "result": "帮扶成效",
    "result_signed": "成效户主签字",
}
LABELS["pairing"] = {
    "helper_name": "帮扶责任人姓名",
    "work_unit": "工作单位",
    "unit_level": "单位级别",
    "post": "职务",
    "phone": "联系电话",
    "start_on": "帮扶开始日期",
    "end_on": "帮扶结束日期",
}
LABELS["work_log"] = {
    "day": "日期",
    "author": "记录人",
    "kind": "类别",
    "in_village": "在村",
    "leave_approved": "已批准",
    "content": "内容",
    "place": "地点",
    "household_ids": "涉及农户",
    "until": "截止日期",
    "approver": "批准人",
}

CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("household", "standard"): enums.IDENTIFICATION_STANDARDS,
    ("household", "category"): enums.HOUSEHOLD_CATEGORIES,
    ("household", "poverty_status"): enums.POVERTY_STATUS,
    ("household", "main_cause"): enums.POVERTY_CAUSES,
    ("household", "other_causes"): enums.POVERTY_CAUSES,
    ("household", "house_structure"): enums.HOUSE_STRUCTURES,
    ("household", "house_grade"): enums.HOUSE_GRADES,
    ("household", "relocation_mode"): enums.RELOCATION_MODES,
    ("household", "water_source"): enums.WATER_SOURCES,
    ("member", "sex"): enums.SEXES,
    ("member", "relation"): enums.RELATIONS,
    ("member", "ethnicity"): enums.ETHNICITIES,
    ("member", "education"): enums.EDUCATION,
    ("member", "schooling"): enums.SCHOOLING,
    ("member", "health"): enums.HEALTH,
    ("member", "labour"): enums.LABOUR,
    ("member", "work_status"): enums.WORK_STATUS,
    ("visit", "kind"): enums.VISIT_KINDS,
    ("measure", "group_name"): enums.MEASURE_GROUPS,
    ("pairing", "unit_level"): enums.UNIT_LEVELS,
    ("monitoring", "category"): enums.MONITORING_CATEGORIES,
    ("monitoring", "risk_types"): enums.RISK_TYPES,
    ("household_event", "kind"): enums.EVENT_KINDS,
}


def label(table: str, field: str) -> str:
    return LABELS.get(table, {}).get(field, field)


def field_by_name_or_label(table: str, name: str) -> str | None:
    labels = LABELS.get(table, {})
    if name in labels:
        return name
    for field, text in labels.items():
        if text == name:
            return field
    return None
