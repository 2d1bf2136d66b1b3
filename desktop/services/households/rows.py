"""The roster's values: a household's row and the keys of every household listed (what the 农户 list
shows), apart from the queries that make them, so the first screen's reader (services/first_screen)
makes the same values without the store's models."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HouseholdRow:
    id: str
    number: str
    head_name: str
    group_name: str
    category: str
    poverty_status: str
    member_count: int
    phone: str
    archived: bool
    village_id: str = ""
    village_code: str = ""
    village_name: str = ""  # ``（未归村）`` for a household of no village (``check --repair-village``)


@dataclass(frozen=True)
class HouseholdKeys:
    """The households ``list_households`` would list, in its order, without their members: what a
    roster needs before it shows any row (the ids, and what it sorts and filters by). Parallel lists."""

    ids: list[str]
    numbers: list[str]
    group_names: list[str]
    categories: list[str]
    village_names: list[str]
