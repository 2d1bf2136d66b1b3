"""Records to the domain's fact types, so the rules never see an ORM row."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from typing import Any

from sqlalchemy import Row

from desktop.domain.checklist import AssessmentFacts, HouseholdFacts, MemberFacts
from desktop.domain.enums import Dimension, Status
from desktop.domain.income import IncomeFigures
from desktop.store.models import DIMENSION_COLUMNS, Assessment, Household, Income, Member
from desktop.store.queries import tuple_getter

_MISSING = object()


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _pick(cls: type, row: Any, **extra: Any) -> Any:
    """The dataclass ``cls`` from the attributes of ``row`` it has (an ORM record or a plain row)."""
    fields = getattr(row, "_fields", None)
    if fields is not None:  # a plain row (a tuple with names): its values taken by place, in one call
        names, take = _row_picker(cls, fields, tuple(extra))
        return cls(**dict(zip(names, take(row), strict=True)), **extra)
    values = {}
    for name in _field_names(cls):
        if name not in extra:
            value = getattr(row, name, _MISSING)
            if value is not _MISSING:
                values[name] = value
    return cls(**values, **extra)


@functools.cache
def _row_picker(
    cls: type, fields: tuple[str, ...], extra: tuple[str, ...]
) -> tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]]:
    """The fields of ``cls`` a row with the columns ``fields`` holds (``extra`` given apart), and a
    getter of their values by place: judging a county's members looked each value up by name, a
    tenth of a 10,000-household village's import."""
    places = {name: place for place, name in enumerate(fields)}
    names = tuple(name for name in _field_names(cls) if name not in extra and name in places)
    return names, tuple_getter([places[name] for name in names])


def member_facts(member: Member | Row[Any]) -> MemberFacts:
    result: MemberFacts = _pick(MemberFacts, member, name=member.name or "", archived=bool(member.archived))
    return result


def household_facts(household: Household, province: str | None) -> HouseholdFacts:
    result: HouseholdFacts = _pick(HouseholdFacts, household, province=province)
    return result


def assessment_facts(assessment: Assessment | Row[Any] | None) -> AssessmentFacts | None:
    if assessment is None or assessment.assessed_on is None:
        return None
    answers: dict[Dimension, Status | None] = {}
    evidence: dict[Dimension, str | None] = {}
    for dimension in Dimension:
        prefix = DIMENSION_COLUMNS[dimension.value]
        answer = getattr(assessment, f"{prefix}_answer")
        answers[dimension] = Status(answer) if answer else None
        evidence[dimension] = getattr(assessment, f"{prefix}_evidence")
    return AssessmentFacts(
        assessed_on=assessment.assessed_on,
        food_staple_ok=assessment.food_staple_ok,
        food_protein_ok=assessment.food_protein_ok,
        clothes_seasonal_ok=assessment.clothes_seasonal_ok,
        clothes_bedding_ok=assessment.clothes_bedding_ok,
        answers=answers,
        evidence=evidence,
    )


def income_figures(income: Income | Row[Any]) -> IncomeFigures:
    return IncomeFigures(
        wage=income.wage,
        business=income.business,
        property=income.property,
        transfer=income.transfer,
        business_costs=income.business_costs,
    )
