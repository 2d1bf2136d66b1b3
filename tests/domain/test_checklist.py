from datetime import date
from decimal import Decimal

import pytest

from desktop.domain.checklist import AssessmentFacts, HouseholdFacts, MemberFacts, Verdict, evaluate
from desktop.domain.enums import Dimension, Status

from .facts import ON, assessment, child, household, member
from .policy_files import real_policy

POLICY = real_policy()
MET, NOT_MET, UNKNOWN = Status.MET, Status.NOT_MET, Status.UNKNOWN


def verdict(
    dim: Dimension,
    h: HouseholdFacts | None = None,
    members: list[MemberFacts] | None = None,
    a: AssessmentFacts | None = None,
) -> Verdict:
    result = evaluate(h or household(), members if members is not None else [member("次仁")], a, POLICY, ON)
    return result[dim]


def test_every_dimension_always_has_a_verdict_with_reasons() -> None:
    result = evaluate(household(), [], None, POLICY, ON)
    assert list(result) == list(Dimension)
    assert all(v.reasons and all(v.reasons) for v in result.values())


def test_all_met() -> None:
    result = evaluate(household(), [member("次仁"), child("卓嘎", 13, "初中")], assessment(), POLICY, ON)
    assert {d: v.status for d, v in result.items()} == dict.fromkeys(Dimension, MET)


def test_status_labels() -> None:
    assert [s.label for s in Status] == ["达标", "未达标", "待核实"]
    assert [d.value for d in Dimension] == [
        "不愁吃",
        "不愁穿",
        "义务教育",
        "基本医疗",
        "住房安全",
        "饮水安全",
    ]


# --- 不愁吃 / 不愁穿 -------------------------------------------------------------------------------------


def test_food_and_clothing_without_assessment() -> None:
    for dim in (Dimension.FOOD, Dimension.CLOTHING):
        assert verdict(dim) == Verdict(UNKNOWN, ("尚无核查记录",))


def test_food_met() -> None:
    assert verdict(Dimension.FOOD, a=assessment()) == Verdict(MET, ("主粮够吃", "有肉蛋奶豆"))


def test_food_not_met() -> None:
    v = verdict(Dimension.FOOD, a=assessment(food_protein_ok=False))
    assert v == Verdict(NOT_MET, ("缺少肉蛋奶豆",))


def test_food_unknown() -> None:
    v = verdict(Dimension.FOOD, a=assessment(food_staple_ok=None))
    assert v == Verdict(UNKNOWN, ("主粮是否够吃未填",))


def test_clothing() -> None:
    assert verdict(Dimension.CLOTHING, a=assessment()).status is MET
    v = verdict(Dimension.CLOTHING, a=assessment(clothes_bedding_ok=False, clothes_seasonal_ok=None))
    assert v == Verdict(NOT_MET, ("缺少御寒被褥", "应季衣物情况未填"))
    v = verdict(Dimension.CLOTHING, a=assessment(clothes_seasonal_ok=None))
    assert v == Verdict(UNKNOWN, ("应季衣物情况未填",))


# --- 义务教育 ------------------------------------------------------------------------------------------


def test_education_no_children() -> None:
    v = verdict(Dimension.EDUCATION)
    assert v.status is MET
    assert v.reasons[0].startswith("无义务教育阶段适龄儿童")


def test_education_met() -> None:
    v = verdict(
        Dimension.EDUCATION, members=[member("次仁"), child("卓嘎", 13, "初中"), child("格桑", 8, "小学")]
    )
    assert v == Verdict(MET, ("卓嘎 13 岁，初中在读", "格桑 8 岁，小学在读"))


def test_education_home_teaching_and_past_compulsory_count() -> None:
    v = verdict(Dimension.EDUCATION, members=[child("卓嘎", 12, "送教上门"), child("格桑", 15, "高中")])
    assert v == Verdict(MET, ("卓嘎 12 岁，送教上门", "格桑 15 岁，高中在读"))


def test_education_out_of_school() -> None:
    v = verdict(Dimension.EDUCATION, members=[member("次仁"), child("卓嘎", 13, "非在校生")])
    assert v == Verdict(NOT_MET, ("卓嘎 13 岁，非在校生",))


def test_education_out_of_school_with_disability_suggests_home_teaching() -> None:
    v = verdict(Dimension.EDUCATION, members=[child("卓嘎", 10, "非在校生", health="残疾")])
    assert v == Verdict(NOT_MET, ("卓嘎 10 岁，非在校生（残疾，应安排送教上门）",))


def test_education_six_year_old_in_preschool_is_not_attending() -> None:
    # born 2019-01-01: six by 31 August 2025, so of school age in the school year 2025/26
    v = verdict(Dimension.EDUCATION, members=[child("达瓦", 7, "学前教育")])
    assert v == Verdict(NOT_MET, ("达瓦 7 岁，仍在学前教育，未入小学",))


def test_education_ages_outside_range_are_ignored() -> None:
    # 达瓦 turned 6 after 31 August 2025 and 卓嘎 was 16 by then: neither is of school age in 2025/26
    members = [child("达瓦", 6, "学前教育"), child("卓嘎", 17, "非在校生")]
    assert verdict(Dimension.EDUCATION, members=members).status is MET


def test_education_unknown_schooling() -> None:
    v = verdict(Dimension.EDUCATION, members=[child("格桑", 12, None)])
    assert v == Verdict(UNKNOWN, ("格桑 12 岁，在校情况未填",))


def test_education_unknown_birth_date_of_a_child() -> None:
    kid = child("格桑", 12, "非在校生", birth_date=None)
    v = verdict(Dimension.EDUCATION, members=[member("次仁", birth_date=None), kid])
    assert v == Verdict(UNKNOWN, ("格桑 出生日期未填，无法判断是否为义务教育适龄儿童",))


def test_education_failure_lists_open_questions_too() -> None:
    members = [child("卓嘎", 13, "非在校生"), child("格桑", 12, None)]
    v = verdict(Dimension.EDUCATION, members=members)
    assert v == Verdict(NOT_MET, ("卓嘎 13 岁，非在校生", "格桑 12 岁，在校情况未填"))


def test_archived_members_are_ignored() -> None:
    members = [member("次仁"), child("卓嘎", 13, "非在校生", archived=True, medical_insurance=False)]
    assert verdict(Dimension.EDUCATION, members=members).status is MET
    assert verdict(Dimension.MEDICAL, members=members).status is MET


def test_household_with_no_members() -> None:
    assert verdict(Dimension.MEDICAL, members=[]) == Verdict(UNKNOWN, ("户内没有在册成员",))


# --- 基本医疗 ------------------------------------------------------------------------------------------


def test_medical_met() -> None:
    v = verdict(Dimension.MEDICAL, members=[member("次仁"), member("卓嘎", relation="配偶")])
    assert v == Verdict(MET, ("全部 2 人均已落实城乡居民医保、大病保险",))


def test_medical_not_met() -> None:
    v = verdict(Dimension.MEDICAL, members=[member("次仁", medical_insurance=False)])
    assert v == Verdict(NOT_MET, ("次仁 未参加城乡居民医保",))
    v = verdict(Dimension.MEDICAL, members=[member("次仁", serious_illness_insurance=False)])
    assert v == Verdict(NOT_MET, ("次仁 未参加大病保险",))


def test_medical_unknown() -> None:
    v = verdict(Dimension.MEDICAL, members=[member("次仁"), member("卓嘎", medical_insurance=None)])
    assert v == Verdict(UNKNOWN, ("卓嘎 医保参保情况未填",))


def test_family_doctor_is_not_required_by_default() -> None:
    assert verdict(Dimension.MEDICAL, members=[member("次仁", family_doctor=False)]).status is MET


# --- 住房安全 ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("grade", ["A", "B", "b"])
def test_housing_safe_grades(grade: str) -> None:
    v = verdict(Dimension.HOUSING, household(house_grade=grade))
    assert v == Verdict(MET, (f"住房鉴定为 {grade.upper()} 级",))


@pytest.mark.parametrize("grade", ["C", "D"])
def test_housing_dangerous(grade: str) -> None:
    v = verdict(Dimension.HOUSING, household(house_grade=grade))
    assert v == Verdict(NOT_MET, (f"住房鉴定为 {grade} 级危房",))


def test_housing_unknown() -> None:
    assert verdict(Dimension.HOUSING, household(house_grade=None)) == Verdict(
        UNKNOWN, ("住房安全等级未鉴定",)
    )
    v = verdict(Dimension.HOUSING, household(house_grade="E"))
    assert v == Verdict(UNKNOWN, ("住房等级“E”无法识别",))


def test_relocated_household_is_safe_whatever_the_old_grade() -> None:
    h = household(house_grade="D", relocation_mode="集中安置", relocation_date=date(2019, 6, 30))
    v = verdict(Dimension.HOUSING, h)
    assert v == Verdict(MET, ("已易地搬迁（集中安置，2019-06-30 入住），原住房不再计入",))


def test_relocation_not_yet_done() -> None:
    h = household(house_grade="D", relocation_mode="分散安置", relocation_date=date(2026, 9, 1))
    v = verdict(Dimension.HOUSING, h)
    assert v == Verdict(
        NOT_MET, ("住房鉴定为 D 级危房", "易地搬迁（分散安置）尚未完成，计划 2026-09-01 入住")
    )


def test_relocation_on_the_day_counts() -> None:
    h = household(house_grade=None, relocation_mode="分散安置", relocation_date=ON)
    assert verdict(Dimension.HOUSING, h).status is MET


def test_relocation_without_date() -> None:
    h = household(house_grade=None, relocation_mode="集中安置")
    v = verdict(Dimension.HOUSING, h)
    assert v == Verdict(UNKNOWN, ("住房安全等级未鉴定", "已登记易地搬迁（集中安置），搬迁日期未填"))


# --- 饮水安全 ------------------------------------------------------------------------------------------


def test_water_met() -> None:
    v = verdict(Dimension.WATER)
    assert v == Verdict(
        MET, ("每人每天用水 50 升", "水质无色无味无杂质", "取水往返 10 分钟", "全年断水 5 天")
    )


def test_water_quantity_too_low() -> None:
    v = verdict(Dimension.WATER, household(water_lpd=18))
    assert v.status is NOT_MET
    assert v.reasons == ("每人每天用水 18 升，低于 35 升",)


def test_water_quantity_in_water_short_area() -> None:
    assert verdict(Dimension.WATER, household(water_lpd=22, water_short_area=True)).status is MET
    v = verdict(Dimension.WATER, household(water_lpd=Decimal("18.5"), water_short_area=True))
    assert v.reasons == ("每人每天用水 18.5 升，低于缺水地区 20 升",)


def test_water_quantity_when_water_short_area_unknown() -> None:
    v = verdict(Dimension.WATER, household(water_lpd=28, water_short_area=None, water_safe=None))
    assert v == Verdict(UNKNOWN, ("每人每天用水 28 升，低于 35 升，是否属于缺水地区未填",))


def test_water_too_far() -> None:
    v = verdict(Dimension.WATER, household(water_fetch_minutes=30))
    assert v == Verdict(NOT_MET, ("取水往返 30 分钟，超过 20 分钟",))


def test_piped_water_is_convenient_whatever_the_minutes() -> None:
    v = verdict(Dimension.WATER, household(water_source="自来水", water_fetch_minutes=45))
    assert v.status is MET
    assert "自来水入户" in v.reasons


def test_water_quality_bad() -> None:
    v = verdict(Dimension.WATER, household(water_quality_ok=False))
    assert v == Verdict(NOT_MET, ("水质不达标（有色、有味或有杂质）",))


def test_water_reliability() -> None:
    assert verdict(Dimension.WATER, household(water_days_without=36)).status is MET
    v = verdict(Dimension.WATER, household(water_days_without=37))
    assert v == Verdict(NOT_MET, ("全年断水 37 天，超过 36 天（供水保证率低于 90%）",))


def test_water_unknown() -> None:
    h = household(water_lpd=None, water_fetch_minutes=None, water_safe=None)
    v = verdict(Dimension.WATER, h)
    assert v == Verdict(UNKNOWN, ("每人每天用水量未填", "取水往返时间未填"))


def test_roster_flag_settles_unfilled_fields() -> None:
    v = verdict(Dimension.WATER, household(water_lpd=None, water_safe=True))
    assert v.status is MET
    assert v.reasons[0] == "台账登记为饮水安全"


def test_roster_flag_unsafe() -> None:
    v = verdict(Dimension.WATER, household(water_safe=False))
    assert v == Verdict(NOT_MET, ("台账登记为饮水不安全",))


# --- combining with an assessment -----------------------------------------------------------------------


def test_assessment_not_met_wins_over_derived_met() -> None:
    a = assessment({Dimension.HOUSING: NOT_MET}, {Dimension.HOUSING: "墙体开裂，屋顶漏雨"})
    v = verdict(Dimension.HOUSING, a=a)
    assert v == Verdict(NOT_MET, ("核查 2026-05-01：墙体开裂，屋顶漏雨",))


def test_assessment_not_met_without_evidence() -> None:
    v = verdict(Dimension.HOUSING, a=assessment({Dimension.HOUSING: NOT_MET}))
    assert v == Verdict(NOT_MET, ("核查 2026-05-01 认定未达标",))


def test_assessment_not_met_adds_to_derived_not_met() -> None:
    a = assessment({Dimension.HOUSING: NOT_MET}, {Dimension.HOUSING: "墙体开裂"})
    v = verdict(Dimension.HOUSING, household(house_grade="C"), a=a)
    assert v == Verdict(NOT_MET, ("住房鉴定为 C 级危房", "核查 2026-05-01：墙体开裂"))


def test_derived_not_met_wins_over_assessment_met() -> None:
    a = assessment({Dimension.MEDICAL: MET}, {Dimension.MEDICAL: "已参保"})
    v = verdict(Dimension.MEDICAL, members=[member("次仁", medical_insurance=False)], a=a)
    assert v == Verdict(NOT_MET, ("次仁 未参加城乡居民医保", "核查 2026-05-01 记为达标，与台账数据不符"))


def test_assessment_met_resolves_derived_unknown() -> None:
    a = assessment({Dimension.HOUSING: MET}, {Dimension.HOUSING: "新建砖混房，结构安全"})
    v = verdict(Dimension.HOUSING, household(house_grade=None), a=a)
    assert v == Verdict(MET, ("核查 2026-05-01：新建砖混房，结构安全",))


def test_assessment_met_adds_to_derived_met() -> None:
    v = verdict(Dimension.HOUSING, a=assessment({Dimension.HOUSING: MET}))
    assert v == Verdict(MET, ("住房鉴定为 B 级", "核查 2026-05-01 认定达标"))


@pytest.mark.parametrize("answer", [None, UNKNOWN])
def test_assessment_without_answer_keeps_derived(answer: Status | None) -> None:
    v = verdict(Dimension.HOUSING, household(house_grade="C"), a=assessment({Dimension.HOUSING: answer}))
    assert v == Verdict(NOT_MET, ("住房鉴定为 C 级危房",))


def test_assessment_answer_applies_to_food_too() -> None:
    a = assessment({Dimension.FOOD: NOT_MET}, {Dimension.FOOD: "存粮只够两个月"})
    assert verdict(Dimension.FOOD, a=a) == Verdict(NOT_MET, ("核查 2026-05-01：存粮只够两个月",))
    a = assessment({Dimension.FOOD: MET}, food_protein_ok=None)
    assert verdict(Dimension.FOOD, a=a) == Verdict(MET, ("核查 2026-05-01 认定达标",))


def education_on(day: date, birth: date, schooling: str) -> Verdict:
    kid = member("达瓦", birth_date=birth, relation="之女", schooling=schooling, labour="无劳动力")
    return evaluate(household(), [member("次仁"), kid], None, POLICY, day)[Dimension.EDUCATION]


def test_school_age_turns_on_the_enrolment_cut_off_not_the_birthday() -> None:
    born = date(2019, 8, 20)  # six on 2025-08-20, before the 31 August cut-off
    # the day before and after the sixth birthday: the school year 2024/25 still counts her as five
    assert education_on(date(2025, 8, 19), born, "学前教育").status is MET
    assert education_on(date(2025, 8, 21), born, "学前教育").status is MET
    # 31 August ends the school year; from 1 September she is of school age and must be in 小学
    assert education_on(date(2025, 8, 31), born, "学前教育").status is MET
    after = education_on(date(2025, 9, 1), born, "学前教育")
    assert after == Verdict(NOT_MET, ("达瓦 6 岁，仍在学前教育，未入小学",))


def test_a_child_born_after_the_cut_off_waits_a_year() -> None:
    on = date(2025, 9, 15)
    assert education_on(on, date(2019, 8, 31), "学前教育").status is NOT_MET  # six by 31 August
    late = education_on(on, date(2019, 9, 1), "学前教育")  # six on 1 September: next school year
    assert late.status is MET
    assert late.reasons == ("无义务教育阶段适龄儿童（6–15 岁，按 8 月 31 日前已满周岁计）",)


def test_the_last_compulsory_year_ends_with_the_school_year() -> None:
    born = date(2010, 3, 10)  # 15 by 31 August 2025, 16 on her birthday in March 2026
    before_birthday = education_on(date(2026, 3, 9), born, "非在校生")
    after_birthday = education_on(date(2026, 3, 11), born, "非在校生")
    assert before_birthday == Verdict(NOT_MET, ("达瓦 15 岁，非在校生",))
    assert after_birthday == Verdict(NOT_MET, ("达瓦 16 岁，非在校生",))  # still the school year 2025/26
    assert education_on(date(2026, 9, 1), born, "非在校生").status is MET  # 16 by 31 August 2026
