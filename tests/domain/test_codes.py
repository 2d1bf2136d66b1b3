"""The national code lists in resources/codes: order, codes, variants, sources."""

from pathlib import Path

import pytest

from desktop.domain import codes
from desktop.domain.errors import InvalidInput
from desktop.domain.field_values import CODE_LISTS, choice_value

LISTS = codes.national_lists()


def test_every_list_has_a_source_and_the_national_codes() -> None:
    assert set(LISTS.lists) >= {
        "schooling", "work_status", "health", "labour", "education", "relation", "poverty_cause",
        "household_category", "ethnicity", "poverty_status",
    }  # fmt: skip
    # §10 gives the codes of these lists; the others have none, and no position stands in for one
    coded = {"schooling", "work_status", "relation", "poverty_cause", "ethnicity"}
    for key, found in LISTS.lists.items():
        assert found.source
        national = [e for e in found.values if e.kind == codes.NATIONAL]
        assert all(e.code for e in national) if key in coded else not any(e.code for e in found.values)
        assert all(e.source for e in found.values if e.kind != codes.NATIONAL)
    schooling = LISTS["schooling"]
    assert [e.code for e in schooling.values if e.code] == [f"{i:02d}" for i in range(1, 17)]
    assert schooling.code_of("八年级") == "05" and schooling.code_of("大专及以上") == "16"
    relation = LISTS["relation"]
    assert relation.code_of("之外祖母") == "20" and relation.code_of("其他") == "99"
    assert relation.code_of("户主") == "01"
    assert LISTS["work_status"].code_of("其他") == "05"
    assert LISTS["poverty_cause"].code_of("缺劳力") == "08"
    ethnicity = LISTS["ethnicity"]
    assert ethnicity.code_of("汉族") == "01" and ethnicity.code_of("藏族") == "04"
    assert ethnicity.code_of("基诺族") == "56" and len([e for e in ethnicity.values if e.code]) == 56


@pytest.mark.parametrize(
    ("key", "typed", "stored"),
    [
        ("relation", "户主", "本人或户主"),
        ("relation", "本人或户主", "本人或户主"),
        ("relation", "之兄弟姐妹", "之兄弟姐妹"),  # an earlier version's value: still valid, as is
        ("work_status", "乡(镇)内务工", "乡（镇）内务工"),
        ("work_status", " 乡 （镇） 外县内务工", "乡（镇）外县内务工"),
        ("work_status", "乡内务工", "乡（镇）内务工"),
        ("work_status", "县内务工", "乡（镇）外县内务工"),
        ("work_status", "省内务工", "县外省内务工"),
        ("work_status", "省外", "省外务工"),
        ("health", "患有大病", "大病"),
        ("education", "学前教育", "学龄前儿童"),
        ("poverty_cause", "缺劳力", "缺劳动力"),
        ("household_category", "五保贫困户", "特困供养贫困户"),
        ("ethnicity", "藏", "藏族"),
        ("schooling", "八年级", "八年级"),  # the national granularity is kept
        ("schooling", "初中", "初中"),
        ("labour", "弱劳动力或半劳动力", "弱劳动力或半劳动力"),
    ],
)
def test_variants_map_to_the_canonical_value(key: str, typed: str, stored: str) -> None:
    assert codes.canonical(key, typed) == stored


def test_full_width_digits_and_unknown_values() -> None:
    assert codes.code_list("relation").value_of_code("０１") == "本人或户主"
    assert codes.code_list("relation").value_of_code("1") == "本人或户主"
    assert codes.canonical("health", "死亡") is None  # an event, not a health value
    assert codes.canonical("schooling", "八年纪") is None
    assert codes.closest("schooling", "八年纪") == "八年级"
    assert codes.closest("relation", "外孙子") == "之外孙子"


def test_choice_value_refuses_in_one_line_naming_the_list_and_closest_value() -> None:
    with pytest.raises(InvalidInput) as caught:
        choice_value("member", "schooling", "八年纪")
    assert caught.value.message == "在校生状况“八年纪”不在国家代码表“在校情况”中，最接近的是“八年级”"
    assert choice_value("member", "relation", "户主") == "本人或户主"
    assert set(CODE_LISTS.values()) <= set(LISTS.lists)


def test_a_spelling_in_two_values_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x.toml").write_text(
        'name = "甲"\nfield = "member.x"\nsource = "s"\n'
        '[[values]]\ncode = "01"\nvalue = "甲"\n[[values]]\ncode = "02"\nvalue = "乙"\nvariants = ["甲"]\n',
        encoding="utf-8",
    )
    with pytest.raises(InvalidInput, match="同时属于"):
        codes.load_code_lists(tmp_path)


def test_older_values_are_valid_but_not_offered() -> None:
    schooling = LISTS["schooling"]
    assert "初中" in schooling.accepted and "初中" not in schooling.choices
    assert schooling.choices[-1] == "送教上门"


def test_death_is_no_health_value_and_the_refusal_says_what_to_do() -> None:
    with pytest.raises(InvalidInput) as caught:
        choice_value("member", "health", "死亡")
    assert (
        caught.value.message
        == "健康状况不能是“死亡”：死亡不是健康状况，而是人员变更：请用 zhucun event death 登记死亡"
    )
