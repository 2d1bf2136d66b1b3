"""村基本信息: the village's profile (name, place, altitude, 村民小组, 自然村, 西部) to view and edit.

The 村代码 is not editable: the village's id derives from it, so every device of the village merges.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.domain.errors import InvalidInput, NotFound
from desktop.services.context import Ledger
from desktop.store.models import Village
from desktop.store.writer import ChangeWriter

EDITABLE = (
    "name",
    "province",
    "city",
    "county",
    "township",
    "altitude_m",
    "groups",
    "natural_villages",
    "west",
)


@dataclass(frozen=True)
class VillageProfile:
    village_id: str
    code: str
    fields: dict[str, Any]  # EDITABLE fields, as stored (lists for groups, bool or None for west)


def village_profile(ledger: Ledger, *, village_id: str | None = None) -> VillageProfile:
    village_id = village_id or ledger.current_village_id()
    with ledger.store.read_session() as session:
        village = session.get(Village, village_id) if village_id else None
        if village is None:
            raise NotFound("这台设备没有本村台账（乡镇设备请在“各村”页选择一个村）")
        return VillageProfile(village.id, village.code or "", {f: getattr(village, f) for f in EDITABLE})


def edit_village_profile(
    ledger: Ledger, changes: dict[str, Any], *, village_id: str | None = None
) -> dict[str, Any]:
    """Change profile fields; returns those that really changed (nothing is written when none did)."""
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise InvalidInput(f"村基本信息中没有这些项：{'、'.join(unknown)}")
    if "name" in changes and not str(changes["name"] or "").strip():
        raise InvalidInput("村名不能为空")
    altitude = changes.get("altitude_m")
    if altitude is not None and not (isinstance(altitude, int) and -500 <= altitude <= 9000):
        raise InvalidInput(f"海拔应为 -500 到 9000 之间的整数（米），实为 {altitude}")
    village_id = village_id or ledger.current_village_id()
    with ledger.store.session() as session:
        village = session.get(Village, village_id) if village_id else None
        if village is None:
            raise NotFound("这台设备没有本村台账")
        return ChangeWriter(session).update(Village, village.id, changes)
