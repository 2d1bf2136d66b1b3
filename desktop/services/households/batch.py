"""Batch edits of the households chosen in the 农户 list: one transaction each way, through the change log."""

from __future__ import annotations

from desktop.domain.errors import InvalidInput
from desktop.services.context import Ledger
from desktop.services.households.lookup import resolve_household
from desktop.store.models import Household

GROUP_LIMIT = 40


def set_group(ledger: Ledger, households: list[str], group: str) -> dict[str, str | None]:
    """Put every household given (户编号 or id) in 村民小组 ``group``, all or none; returns each changed
    household's previous group (what ``restore_groups`` needs to undo it)."""
    group = group.strip()
    if not group:
        raise InvalidInput("请填写村民小组，例如：一组")
    if len(group) > GROUP_LIMIT:
        raise InvalidInput(f"村民小组最长 {GROUP_LIMIT} 个字")
    if not households:
        raise InvalidInput("请先在列表中选择农户（按住 Ctrl 或 Shift 可以多选）")
    from desktop.store.writer import ChangeWriter  # on use: the roster's first screen only reads

    before: dict[str, str | None] = {}
    with ledger.store.session() as session:
        writer = ChangeWriter(session)
        for ref in households:
            household = resolve_household(session, ref, ledger.current_village_id())
            if household.group_name != group and household.id not in before:
                before[household.id] = household.group_name
                writer.update(Household, household.id, {"group_name": group})
    return before


def restore_groups(ledger: Ledger, before: dict[str, str | None]) -> None:
    """Undo of ``set_group``: each household back in the group it was in."""
    from desktop.store.writer import ChangeWriter

    with ledger.store.session() as session:
        writer = ChangeWriter(session)
        for household_id, group in before.items():
            writer.update(Household, household_id, {"group_name": group})
