"""The roster's values: a household's row and the keys of every household listed (what the 农户 list
shows), apart from the queries that make them, so the first screen's reader (services/first_screen)
makes the same values without the store's models."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

NO_VILLAGE = ("", "（未归村）")  # (code, name) of a household of no village


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

    @classmethod
    def listed(cls, found: Sequence[Any], villages: Mapping[str, tuple[str, str]]) -> HouseholdRow:
        """The row of (id, 户编号, 小组, 类别, 脱贫属性, 电话, archived, village id, members, 户主) as read,
        with ``villages``' (code, name) of its village."""
        hid, number, group_name, category, poverty_status, phone, archived, village, count, head = found
        village_code, village_name = villages.get(village or "", NO_VILLAGE)
        return cls(
            id=hid,
            number=number or "",
            head_name=head or "",
            group_name=group_name or "",
            category=category or "",
            poverty_status=poverty_status or "",
            member_count=count,
            phone=phone or "",
            archived=bool(archived),
            village_id=village or "",
            village_code=village_code,
            village_name=village_name,
        )


@dataclass(frozen=True)
class HouseholdKeys:
    """The households ``list_households`` would list, in its order, without their members: what a
    roster needs before it shows any row (the ids, and what it sorts and filters by). Parallel lists."""

    ids: list[str]
    numbers: list[str]
    group_names: list[str]
    categories: list[str]
    village_names: list[str]
