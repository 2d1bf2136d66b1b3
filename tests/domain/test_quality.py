from datetime import date
from decimal import Decimal
from typing import Any

from desktop.domain.checklist import MemberFacts
from desktop.domain.income import IncomeFigures
from desktop.domain.quality import household_problems

from .facts import ON, child, member

HEAD = member("次仁")
SPOUSE = member("卓嘎", relation="配偶", sex="女")
FAMILY = [HEAD, SPOUSE]


def problems(
    members: list[MemberFacts] | None = None,
    income: IncomeFigures | None = None,
    per_person: Decimal | None = Decimal("6000"),
    **changes: Any,
) -> list[str]:
    arguments: dict[str, Any] = {"household_category": "脱贫户", "farmland_mu": 4, "forest_mu": 10, "on": ON}
    arguments |= changes
    return household_problems(
        members=FAMILY if members is None else members, income=income, per_person=per_person, **arguments
    )


def test_clean_household() -> None:
    income = IncomeFigures(business=Decimal("5000"), business_costs=Decimal("1000"), transfer=Decimal("800"))
    assert problems(income=income) == []


def test_business_income_without_costs() -> None:
    assert problems(income=IncomeFigures(business=Decimal("12000"))) == [
        "有生产经营性收入 12000 元，但未填生产经营性支出"
    ]
    assert problems(income=IncomeFigures(business=Decimal("12000"), business_costs=Decimal(0))) == [
        "有生产经营性收入 12000 元，但未填生产经营性支出"
    ]


def test_per_person_income_out_of_range() -> None:
    assert problems(per_person=Decimal("0")) == ["人均纯收入 0 元，不大于 0，请核实"]
    assert problems(per_person=Decimal("-150.50")) == ["人均纯收入 -150.5 元，不大于 0，请核实"]
    assert problems(per_person=Decimal("120000")) == ["人均纯收入 120000 元，超过 10 万元，请核实"]
    assert problems(per_person=Decimal("100000")) == []
    assert problems(per_person=None) == []


def test_wage_without_anyone_working() -> None:
    assert problems(income=IncomeFigures(wage=Decimal("20000"))) == [
        "有工资性收入 20000 元，但没有成员登记务工"
    ]


def test_working_without_wage() -> None:
    worker = member("次仁", work_status="省外务工", work_months=6)
    assert problems([worker, SPOUSE], income=IncomeFigures(transfer=Decimal("800"))) == [
        "次仁 登记务工，但工资性收入为 0"
    ]
    assert problems([worker, SPOUSE], income=IncomeFigures(wage=Decimal("20000"))) == []


def test_work_months_out_of_range() -> None:
    members = [
        member("次仁", work_status="省外务工", work_months=13),
        member("卓嘎", relation="配偶", sex="女", work_months=-1),
    ]
    assert problems(members) == [
        "次仁 务工时间 13 个月，应在 0–12 个月之间",
        "卓嘎 务工时间 -1 个月，应在 0–12 个月之间",
    ]


def test_head_and_spouse_of_same_sex() -> None:
    members = [HEAD, member("扎西", relation="配偶")]
    assert problems(members) == ["户主 次仁 与配偶 扎西 性别相同（均为男）"]
    assert problems([HEAD, member("扎西", relation="配偶", sex=None)]) == []


def test_more_than_one_head() -> None:
    assert problems([HEAD, member("扎西", sex="女")]) == ["户内有 2 名户主：次仁、扎西"]


def test_no_head() -> None:
    assert problems([SPOUSE]) == ["户内没有户主"]


def test_tekun_household_with_able_member() -> None:
    members = [
        member("次仁", birth_date=date(1981, 6, 1)),
        member("卓嘎", relation="配偶", sex="女", labour="无劳动力"),
    ]
    assert problems(members, household_category="特困供养贫困户") == ["特困供养户中 次仁 44 岁，为普通劳动力"]
    # The same people in an ordinary household, or an able member past 65, raise nothing.
    assert problems(members) == []
    old = [member("次仁", birth_date=date(1950, 1, 1), labour="技能劳动力")]
    assert problems(old, household_category="特困供养贫困户") == []


def test_land_per_person() -> None:
    assert problems(farmland_mu=Decimal("101")) == ["人均耕地 50.5 亩，超过 50 亩，请核实"]
    assert problems(farmland_mu=100) == []
    assert problems(forest_mu=Decimal("150")) == ["人均林地 75 亩，超过 70 亩，请核实"]
    assert problems(forest_mu=None, farmland_mu=None) == []


def test_archived_members_are_ignored() -> None:
    gone = member("扎西", archived=True, work_months=20)
    assert problems([*FAMILY, gone]) == []


def test_children_do_not_trip_the_rules() -> None:
    assert problems([*FAMILY, child("格桑", 12, "小学")]) == []
