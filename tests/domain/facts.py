"""Small builders for the value types, so a test states only what it is about."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from desktop.domain.checklist import AssessmentFacts, HouseholdFacts, MemberFacts
from desktop.domain.enums import Dimension, Status

ON = date(2026, 5, 1)


def member(name: str, **changes: Any) -> MemberFacts:
    """An insured adult head of household unless told otherwise."""
    base = MemberFacts(
        id=f"m-{name}",
        name=name,
        sex="男",
        birth_date=date(1980, 1, 1),
        relation="户主",
        schooling="非在校生",
        health="健康",
        labour="普通劳动力",
        work_status="未务工",
        work_months=0,
        medical_insurance=True,
        serious_illness_insurance=True,
        pension_insurance=True,
        family_doctor=True,
    )
    return replace(base, **changes)


def child(name: str, age: int, schooling: str | None, **changes: Any) -> MemberFacts:
    settings: dict[str, Any] = {
        "birth_date": date(ON.year - age, 1, 1),
        "relation": "之女",
        "schooling": schooling,
        "labour": "无劳动力",
    }
    return member(name, **(settings | changes))


def household(**changes: Any) -> HouseholdFacts:
    """A household that meets every derived rule unless told otherwise."""
    base = HouseholdFacts(
        id="h-1",
        number="5133000001",
        category="脱贫户",
        province="四川省",
        house_grade="B",
        water_source="受保护井泉",
        water_lpd=50,
        water_quality_ok=True,
        water_fetch_minutes=10,
        water_days_without=5,
        water_short_area=False,
        water_safe=True,
        has_power=True,
        tv=True,
    )
    return replace(base, **changes)


def assessment(
    answers: dict[Dimension, Status | None] | None = None,
    evidence: dict[Dimension, str | None] | None = None,
    **changes: Any,
) -> AssessmentFacts:
    base = AssessmentFacts(
        assessed_on=ON,
        food_staple_ok=True,
        food_protein_ok=True,
        clothes_seasonal_ok=True,
        clothes_bedding_ok=True,
        answers=answers or {},
        evidence=evidence or {},
    )
    return replace(base, **changes)
