"""Importing again is safe: the same file changes nothing, an edited file changes exactly what was
edited (through the change log, so it shows in ``log`` and syncs), and a dry run writes nothing."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from desktop.services.context import Ledger
from desktop.services.households.detail import show_household
from desktop.services.households.history import record_history
from desktop.services.maintenance.dump import dump_ledger
from desktop.services.xlsx.importing import import_roster
from desktop.store.models import Operation

from .sheets import NATIONAL, family, write_rows


def operations(ledger: Ledger) -> int:
    with ledger.store.read_session() as session:
        return int(session.scalar(select(func.count()).select_from(Operation)) or 0)


def rows_for(count: int) -> list[dict[str, object]]:
    return [row for index in range(count) for row in family(f"{index + 1:03d}", index)]


def test_a_second_import_of_the_same_file_changes_nothing(ledger: Ledger, tmp_path: Path) -> None:
    path = write_rows(tmp_path / "台账.xlsx", rows_for(5))
    first = import_roster(ledger, path)
    assert (len(first.added_households), first.members_added) == (5, 20)
    dump, ops = dump_ledger(ledger), operations(ledger)

    second = import_roster(ledger, path)
    assert second.written and second.problems == []
    assert (second.added_households, second.added_members, second.changes) == ([], [], [])
    assert (second.unchanged_households, second.unchanged_members) == (5, 20)
    assert dump_ledger(ledger) == dump and operations(ledger) == ops


def test_an_edited_file_changes_only_what_was_edited(ledger: Ledger, tmp_path: Path) -> None:
    rows = rows_for(4)
    import_roster(ledger, write_rows(tmp_path / "台账.xlsx", rows))
    ops = operations(ledger)

    rows[4]["联系电话"] = "13912345678"  # household 002's head row
    rows[6]["在校生状况"] = "非在校生"  # 002's son
    rows[7]["文化程度"] = "初中"
    rows[8]["联系电话"] = None  # an emptied cell never erases what the ledger holds
    newborn = dict(rows[15], 姓名="小格桑", 证件号码=None, 与户主关系="之孙子", 民族="藏族")
    rows.insert(16, newborn)  # a grandchild for 004, registered without an ID number yet
    edited = write_rows(tmp_path / "台账-修改.xlsx", rows)

    trial = import_roster(ledger, edited, dry_run=True)
    assert not trial.written and operations(ledger) == ops
    assert [c.describe() for c in trial.changes] == [
        "户 002：联系电话 13800000001 → 13912345678",
        "户 002 成员1-2：在校生状况 （空） → 非在校生",
        "户 002 成员1-3：文化程度 （空） → 初中",
    ]
    assert trial.added_members == ["户 004：小格桑"]
    assert (trial.changed_households, trial.changed_members) == (1, 2)
    assert (trial.unchanged_households, trial.unchanged_members) == (3, 14)

    done = import_roster(ledger, edited)
    assert done.written and [c.describe() for c in done.changes] == [c.describe() for c in trial.changes]
    assert operations(ledger) == ops + 4  # one household, two members changed, one member added
    assert show_household(ledger, "002").fields["phone"] == "13912345678"
    assert show_household(ledger, "003").fields["phone"] == "13800000002"
    assert "小格桑" in [m["name"] for m in show_household(ledger, "004").members]
    (entry,) = [e for e in record_history(ledger, "002") if any(c.field == "phone" for c in e.changes)][-1:]
    assert entry.author == "扎西"
    assert [(c.label, c.old, c.new) for c in entry.changes] == [("联系电话", "13800000001", "13912345678")]

    # the grandchild has no ID number: the next import finds him by name, not as a second grandchild
    again = import_roster(ledger, edited)
    assert (again.added_members, again.changes, again.unchanged_members) == ([], [], 17)


def test_a_dry_run_lists_what_would_be_added_and_writes_nothing(ledger: Ledger, tmp_path: Path) -> None:
    path = write_rows(tmp_path / "台账.xlsx", rows_for(2), [h for h in NATIONAL if h != "人数"])
    before = dump_ledger(ledger)
    report = import_roster(ledger, path, dry_run=True)
    assert report.added_households == ["户 001（户主 户主0，4 人）", "户 002（户主 户主1，4 人）"]
    assert report.members_added == 8 and not report.written
    assert dump_ledger(ledger) == before
