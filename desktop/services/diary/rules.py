"""The shipped lists for the diary and attendance (resources/policy/attendance.toml, a local list with
its source) and the township's required days in the village per month (set on the 日志 page by the township and kept as a 政策标准 record)."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from desktop.domain.errors import InvalidInput
from desktop.resources import resources_dir
from desktop.services.context import Ledger
from desktop.store.ids import natural_id
from desktop.store.models import PolicySetting, Village
from desktop.store.queries import live
from desktop.store.writer import ChangeWriter

PRESENT = "在村"  # the kind of a bare presence mark (no diary written that day)
REQUIRED_DAYS = "在村天数"  # the PolicySetting kind: days a month in the village, set by the township
NOT_SET = "所需在村天数尚未设置（由乡镇按本省文件在 日志 页或用 zhucun attendance --set-required 设定）"


@dataclass(frozen=True)
class AttendanceRules:
    kinds: tuple[str, ...]
    leave_kinds: tuple[str, ...]
    counted_as_work: tuple[str, ...]
    in_village_places: tuple[str, ...]
    source: str


@functools.cache
def rules() -> AttendanceRules:
    with open(resources_dir() / "policy" / "attendance.toml", "rb") as file:
        data = tomllib.load(file)
    return AttendanceRules(
        kinds=tuple(data["kinds"]),
        leave_kinds=tuple(data["leave_kinds"]),
        counted_as_work=tuple(data["counted_as_work"]),
        in_village_places=tuple(data["in_village_places"]),
        source=str(data["source"]),
    )


def required_days(ledger: Ledger, village_id: str, year: int) -> int | None:
    """The township's figure for the village and year; an earlier year's stands in; None: not set."""
    with ledger.store.read_session() as session:
        rows = session.execute(
            select(PolicySetting.year, PolicySetting.amount).where(
                PolicySetting.kind == REQUIRED_DAYS,
                PolicySetting.village_id == village_id,
                PolicySetting.year <= year,
                live(PolicySetting),
            )
        ).all()
    if not rows:
        return None
    return int(max(rows, key=lambda r: r[0] or 0)[1] or 0)


def set_required_days(ledger: Ledger, *, year: int, days: int, source: str) -> int:
    """The township sets the days a month in the village for every village it holds (a synced
    政策标准 record per village, like the poverty lines); returns how many villages got it."""
    if ledger.this_device().role != "township":
        raise InvalidInput("所需在村天数由乡镇设定，村里的电脑不能修改")
    if not 1 <= days <= 31:
        raise InvalidInput(f"每月所需在村天数 {days} 不合理，应在 1–31 之间")
    if not source.strip():
        raise InvalidInput("请填写来源：文件名称和年份")
    with ledger.store.session() as session:
        writer = ChangeWriter(session)
        villages = list(session.execute(select(Village.id).where(Village.code.is_not(None))).scalars())
        for village_id in villages:
            fields = {
                "village_id": village_id,
                "kind": REQUIRED_DAYS,
                "year": year,
                "amount": Decimal(days),
                "source": source.strip(),
                "archived": None,
            }
            record_id = natural_id("policy_setting", village_id, REQUIRED_DAYS, str(year))
            if session.get(PolicySetting, record_id) is None:
                writer.create(PolicySetting, fields, record_id)
            else:
                writer.update(PolicySetting, record_id, fields)
        return len(villages)
