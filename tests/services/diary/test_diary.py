"""驻村工作日志 and 在岗考勤: entries through the change log, corrections with history, the month counts
across a month boundary and leave, and the bad inputs that write nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from records import make_id_number

from desktop.domain.errors import InvalidInput, NotFound, UserError
from desktop.services.context import Ledger
from desktop.services.diary import (
    NOT_SET,
    add_entry,
    add_leave,
    attendance,
    attendance_gaps,
    edit_entry,
    edit_leave,
    list_entries,
    list_leaves,
    mark_present,
    remove_leave,
    restore_leave,
    unmark_present,
)
from desktop.services.households.history import record_history
from desktop.services.households.households import add_household
from desktop.services.maintenance.dump import dump_ledger
from desktop.store.models import Village
from desktop.store.writer import ChangeWriter

D = dt.date


def test_an_entry_is_written_corrected_and_keeps_its_history(ledger: Ledger) -> None:
    household = add_household(
        ledger, number="001", head={"name": "卓嘎", "id_number": make_id_number(D(1980, 1, 1), 2)}
    )
    entry_id = add_entry(
        ledger, day=D(2026, 11, 20), kind="走访", place="二组", content="到二组走访", households=["001"]
    )
    (entry,) = list_entries(ledger)
    assert (entry.id, entry.person, entry.kind, entry.in_village, entry.households) == (
        entry_id,
        "扎西",
        "走访",
        True,
        ("001",),
    )
    assert edit_entry(ledger, "2026-11-20", content="到二组走访卓嘎家，了解冬季取暖") == {
        "content": "到二组走访卓嘎家，了解冬季取暖"
    }
    first, correction = record_history(ledger, entry_id)  # zhucun log ID shows both
    assert {c.label: c.new for c in first.changes}["内容"] == "到二组走访"
    assert [(c.label, c.old, c.new) for c in correction.changes] == [
        ("内容", "到二组走访", "到二组走访卓嘎家，了解冬季取暖")
    ]
    # the entry shows among the household's records
    assert [e.id for e in list_entries(ledger, household_id=household.id)] == [entry_id]
    assert [e.id for e in list_entries(ledger, search="取暖")] == [entry_id]
    assert list_entries(ledger, search="修路") == []


def test_a_second_entry_for_the_day_is_refused_and_points_to_edit(ledger: Ledger) -> None:
    add_entry(ledger, day=D(2026, 11, 20), kind="会议", content="村两委会")
    before = dump_ledger(ledger)
    with pytest.raises(
        InvalidInput, match=r"扎西 2026-11-20 已有日志（每人每天一条），请用 zhucun diary edit"
    ):
        add_entry(ledger, day=D(2026, 11, 20), kind="走访", content="又一条")
    # another team member writes his own entry for that day
    add_entry(ledger, day=D(2026, 11, 20), kind="项目", content="看水渠", person="王强")
    assert [e.person for e in list_entries(ledger)] == ["扎西", "王强"]
    assert before != dump_ledger(ledger)


@pytest.mark.parametrize(
    ("write", "message"),
    [
        (lambda lg: add_entry(lg, day=D(2026, 11, 24), kind="走访", content="x"), "在今天（2026-11-23）之后"),
        (lambda lg: add_entry(lg, day=D(2026, 11, 2), kind="下乡", content="x"), "日志类别“下乡”无法识别"),
        (lambda lg: add_entry(lg, day=D(2026, 11, 2), kind="走访", content="  "), "请填写日志内容"),
        (lambda lg: mark_present(lg, day=D(2026, 12, 1)), "在村日期 2026-12-01 在今天"),
        (
            lambda lg: add_leave(lg, kind="年假", start=D(2026, 11, 2), end=D(2026, 11, 3), approver="李"),
            "请假类别“年假”无法识别",
        ),
        (
            lambda lg: add_leave(lg, kind="事假", start=D(2026, 11, 5), end=D(2026, 11, 3), approver="李"),
            "早于开始日期",
        ),
        (
            lambda lg: add_leave(lg, kind="事假", start=D(2026, 11, 9), end=D(2026, 11, 11), approver="李"),
            "扎西 2026-11-10 已记在村，不能在这一天请假",
        ),
        (
            lambda lg: add_leave(lg, kind="病假", start=D(2026, 11, 14), end=D(2026, 11, 16), approver="李"),
            "与 扎西 2026-11-12 至 2026-11-15 的公休重叠",
        ),
        (lambda lg: mark_present(lg, day=D(2026, 11, 13)), "在2026-11-12 至 2026-11-15 的公休中"),
        (
            lambda lg: add_entry(lg, day=D(2026, 11, 12), kind="其他", content="x", place="一组"),
            "不能同时记在村",
        ),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(ledger: Ledger, write: object, message: str) -> None:
    mark_present(ledger, day=D(2026, 11, 10))
    add_leave(ledger, kind="公休", start=D(2026, 11, 12), end=D(2026, 11, 15), approver="乡党委 李书记")
    before = dump_ledger(ledger)
    with pytest.raises(UserError) as caught:
        write(ledger)  # type: ignore[operator]
    assert message in caught.value.message and "\n" not in caught.value.message
    assert caught.value.exit_code == 2
    assert dump_ledger(ledger) == before


def test_a_household_of_another_village_is_refused(ledger: Ledger) -> None:
    with ledger.store.session() as session:
        other = ChangeWriter(session).create(Village, {"code": "513302", "name": "德吉村"})
    add_household(
        ledger,
        number="009",
        head={"name": "次仁", "id_number": make_id_number(D(1970, 1, 1), 1)},
        village_id=other,
    )
    before = dump_ledger(ledger)
    with pytest.raises(
        InvalidInput, match=r"^农户 009 属于德吉村（513302），不是亚弄村的农户，不能记在本村日志里$"
    ):
        add_entry(ledger, day=D(2026, 11, 2), kind="走访", content="x", households=["009"])
    with pytest.raises(NotFound, match="没有找到户编号为 099 的农户"):
        add_entry(ledger, day=D(2026, 11, 2), kind="走访", content="x", households=["099"])
    assert dump_ledger(ledger) == before


def test_month_counts_across_a_month_boundary_and_leave(ledger: Ledger) -> None:
    # a leave from 28 October to 3 November counts 4 days in October and 3 in November
    add_leave(ledger, kind="事假", start=D(2026, 10, 28), end=D(2026, 11, 3), approver="李书记")
    add_leave(ledger, kind="县里开会", start=D(2026, 11, 4), end=D(2026, 11, 5), approver="李书记")
    for day in range(6, 21):
        add_entry(ledger, day=D(2026, 11, day), kind="走访", content=f"第 {day} 天", place="一组")
    add_entry(ledger, day=D(2026, 11, 21), kind="会议", content="乡里开会", place="乡政府")
    mark_present(ledger, day=D(2026, 11, 22))
    mark_present(ledger, day=D(2026, 11, 20))  # a diary day marked again counts once
    (nov,) = attendance(ledger, year=2026, month=11)
    assert (nov.counted_days, nov.present, nov.leave, nov.away) == (23, 16, {"事假": 3, "县里开会": 2}, 2)
    assert nov.on_duty == 18  # meetings are work days away
    assert nov.required is None and nov.gap is None and nov.required_text == NOT_SET
    # 1 November (a Sunday) is on leave, the week of the 23rd is still running: no gap yet
    assert nov.weeks_without_diary == ()
    (october,) = attendance(ledger, year=2026, month=10)
    assert (october.counted_days, october.present, october.leave, october.away) == (31, 0, {"事假": 4}, 27)
    assert october.weeks_without_diary[0] == D(2026, 9, 28) and len(october.weeks_without_diary) == 5
    (leave, meeting) = list_leaves(ledger, start=D(2026, 11, 1), end=D(2026, 11, 30))
    assert meeting.kind == "县里开会"
    assert (leave.kind, leave.start, leave.end, leave.approver) == (
        "事假",
        D(2026, 10, 28),
        D(2026, 11, 3),
        "李书记",
    )
    with pytest.raises(InvalidInput, match="2026 年 12 月还没有到"):
        attendance(ledger, year=2026, month=12)


def test_a_present_mark_is_removed_and_put_back_with_its_history(ledger: Ledger) -> None:
    mark_id = mark_present(ledger, day=D(2026, 11, 10))
    assert unmark_present(ledger, day=D(2026, 11, 10)) == mark_id
    (nov,) = attendance(ledger, year=2026, month=11)
    assert nov.present == 0 and nov.days[D(2026, 11, 10)] == "不在村"
    # the same record comes back: mark, removal and mark again are three changes in its history
    assert mark_present(ledger, day=D(2026, 11, 10)) == mark_id
    assert attendance(ledger, year=2026, month=11)[0].present == 1
    assert len(record_history(ledger, mark_id)) == 3
    # a day present because of its diary entry is corrected on the entry, not here
    add_entry(ledger, day=D(2026, 11, 11), kind="走访", content="到一组", place="一组")
    before = dump_ledger(ledger)
    with pytest.raises(InvalidInput, match=r"^扎西 2026-11-11 记为在村是因为当天的日志写在村里"):
        unmark_present(ledger, day=D(2026, 11, 11))
    with pytest.raises(InvalidInput, match=r"^扎西 2026-11-12 没有记在村，无需取消$"):
        unmark_present(ledger, day=D(2026, 11, 12))
    assert dump_ledger(ledger) == before


def test_a_leave_is_corrected_and_removed_keeping_its_history(ledger: Ledger) -> None:
    leave_id = add_leave(ledger, kind="事假", start=D(2026, 11, 10), end=D(2026, 11, 12), approver="李书记")
    mark_present(ledger, day=D(2026, 11, 14))
    # by a day it covers: the kind and the last day change; the history keeps the first entry
    assert edit_leave(ledger, "2026-11-11", kind="病假", end=D(2026, 11, 13)) == {
        "kind": "病假",
        "until": D(2026, 11, 13),
    }
    (leave,) = list_leaves(ledger)
    assert (leave.id, leave.kind, leave.start, leave.end) == (
        leave_id,
        "病假",
        D(2026, 11, 10),
        D(2026, 11, 13),
    )
    _first, correction = record_history(ledger, leave_id)
    assert ("类别", "事假", "病假") in [(c.label, c.old, c.new) for c in correction.changes]
    assert attendance(ledger, year=2026, month=11)[0].leave == {"病假": 4}

    # a correction running into a present day or another leave is refused, nothing written
    add_leave(ledger, kind="公休", start=D(2026, 11, 16), end=D(2026, 11, 17), approver="李书记")
    before = dump_ledger(ledger)
    with pytest.raises(InvalidInput, match=r"^扎西 2026-11-14 已记在村，不能在这一天请假$"):
        edit_leave(ledger, leave_id, end=D(2026, 11, 15))
    with pytest.raises(InvalidInput, match=r"^与 扎西 2026-11-16 至 2026-11-17 的公休重叠$"):
        edit_leave(ledger, leave_id, start=D(2026, 11, 15), end=D(2026, 11, 16))
    with pytest.raises(InvalidInput, match="早于开始日期"):
        edit_leave(ledger, leave_id, end=D(2026, 11, 1))
    with pytest.raises(NotFound, match=r"^扎西 2026-11-20 没有请假$"):
        edit_leave(ledger, "2026-11-20", kind="事假")
    assert dump_ledger(ledger) == before

    # removed: gone from the lists and the counts, kept in the change log; undo puts it back
    removed = remove_leave(ledger, "2026-11-10")
    assert removed.id == leave_id and [r.kind for r in list_leaves(ledger)] == ["公休"]
    assert attendance(ledger, year=2026, month=11)[0].leave == {"公休": 2}
    assert len(record_history(ledger, leave_id)) == 3
    with pytest.raises(NotFound):
        remove_leave(ledger, leave_id)
    mark_present(ledger, day=D(2026, 11, 11))  # the day is taken meanwhile: the leave cannot come back
    with pytest.raises(InvalidInput, match="2026-11-11 已记在村"):
        restore_leave(ledger, leave_id)
    unmark_present(ledger, day=D(2026, 11, 11))
    restore_leave(ledger, leave_id)
    assert [r.kind for r in list_leaves(ledger)] == ["病假", "公休"]


def test_the_gaps_month_by_month_flag_a_person_below_the_required_days(ledger: Ledger) -> None:
    with ledger.store.session() as session:
        village_id = session.query(Village.id).scalar()
    for day in range(1, 31):  # September: in the village every day
        mark_present(ledger, day=D(2026, 9, day))
    add_entry(ledger, day=D(2026, 9, 7), kind="走访", content="一组走访")
    for day in range(1, 11):  # October: ten days, one diary entry
        mark_present(ledger, day=D(2026, 10, day))
    add_entry(ledger, day=D(2026, 10, 2), kind="会议", content="村两委会")
    set_required(ledger, village_id, 20)
    sept, october, november = attendance_gaps(ledger, start=(2026, 9), end=(2026, 11))
    assert [(g.label, g.counts.present, g.counts.gap) for g in (sept, october, november)] == [
        ("2026-09", 30, 0),
        ("2026-10", 10, 10),
        ("2026-11", 0, 20),
    ]
    assert not sept.below_required and october.below_required and november.below_required
    # September: weeks with no entry besides the one of the 7th are flagged, although the days are met
    assert sept.counts.weeks_without_diary and sept.flagged
    assert october.as_json()["month"] == "2026-10" and october.as_json()["flagged"] is True
    assert attendance_gaps(ledger, start=(2026, 11), end=(2026, 11), person="王强") == []


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ((2024, 11), (2026, 11), "2024-11 至 2026-11 共 25 个月，一次最多查 24 个月，请缩短范围"),
        ((2026, 11), (2026, 9), "开始月份 2026-11 晚于结束月份 2026-09"),
        ((2026, 11), (2026, 12), "结束月份 2026-12 还没有到，最晚可查到本月（2026-11）"),
    ],
)
def test_a_gaps_span_beyond_two_years_or_the_present_is_one_line(
    ledger: Ledger, start: tuple[int, int], end: tuple[int, int], message: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        attendance_gaps(ledger, start=start, end=end)
    assert caught.value.message == message
    assert len(attendance_gaps(ledger, start=(2024, 12), end=(2026, 11))) == 24  # two years is allowed


def set_required(ledger: Ledger, village_id: str, days: int) -> None:
    """The township's figure, as it arrives in a bundle (a 政策标准 record for the village)."""
    from decimal import Decimal

    from desktop.services.diary import REQUIRED_DAYS
    from desktop.store.ids import natural_id
    from desktop.store.models import PolicySetting

    with ledger.store.session() as session:
        ChangeWriter(session).create(
            PolicySetting,
            {"village_id": village_id, "kind": REQUIRED_DAYS, "year": 2026, "amount": Decimal(days),
             "source": "某县驻村干部管理办法（2026 年）"},
            natural_id("policy_setting", village_id, REQUIRED_DAYS, "2026"),
        )  # fmt: skip


def jpeg(path: Path, colour: tuple[int, int, int]) -> Path:
    from PIL import Image

    Image.new("RGB", (640, 480), colour).save(path, "JPEG", quality=90)
    return path


def test_an_entry_has_photos_added_with_it_and_later(ledger: Ledger, tmp_path: Path) -> None:
    from desktop.services.photos import photo_bytes, photos_of_entry

    first = jpeg(tmp_path / "一组.jpg", (30, 120, 200))
    entry_id = add_entry(ledger, day=D(2026, 11, 20), kind="项目", content="查看水渠", photos=[first])
    (entry,) = list_entries(ledger)
    assert entry.photos == 1
    (photo,) = photos_of_entry(ledger, entry_id)
    assert (photo.width, photo.height, photo.household_id) == (640, 480, "")
    assert photo_bytes(ledger, photo.sha256) is not None
    second = jpeg(tmp_path / "二组.jpg", (200, 60, 30))
    # the same image again is not recorded twice; a new one is added, the text unchanged
    assert edit_entry(ledger, entry_id, photos=[first, second]) == {"photos": 1}
    assert list_entries(ledger)[0].photos == 2


def test_a_bad_photo_file_writes_neither_the_entry_nor_a_photo(ledger: Ledger, tmp_path: Path) -> None:
    good = jpeg(tmp_path / "好.jpg", (30, 120, 200))
    bad = tmp_path / "坏.jpg"
    bad.write_bytes(b"not a photo")
    before = dump_ledger(ledger)
    with pytest.raises(InvalidInput) as caught:
        add_entry(ledger, day=D(2026, 11, 20), kind="项目", content="查看水渠", photos=[good, bad])
    assert "坏.jpg" in caught.value.message and "\n" not in caught.value.message
    with pytest.raises(UserError, match=r"没有\.jpg：找不到这个文件"):
        add_entry(ledger, day=D(2026, 11, 20), kind="项目", content="x", photos=[tmp_path / "没有.jpg"])
    assert dump_ledger(ledger) == before


def test_photos_read_in_first_are_saved_with_the_entry_and_a_cancel_saves_nothing(
    ledger: Ledger, tmp_path: Path
) -> None:
    from desktop.services.photos import read_photos

    files = [jpeg(tmp_path / "一.jpg", (30, 120, 200)), jpeg(tmp_path / "二.jpg", (200, 60, 30))]
    seen: list[tuple[int, int]] = []
    with pytest.raises(InvalidInput, match=r"^已取消读取照片，日志和照片都没有保存$"):
        read_photos(ledger, files, progress=lambda done, total: seen.append((done, total)) or done < 1)
    assert seen == [(0, 2), (1, 2)]
    ready = read_photos(ledger, files)  # as the GUI's worker reads them, before the entry is written
    add_entry(ledger, day=D(2026, 11, 20), kind="项目", content="查看水渠", photos=ready)
    assert list_entries(ledger)[0].photos == 2
