"""``zhucun diary``, ``leave``, ``attendance`` and ``ledger diary``: what a first secretary types, what the
ledger then holds, and refused commands that change nothing (one Chinese line, exit 2)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from records import make_id_number

from desktop.services.context import Ledger
from desktop.services.households.households import add_household
from desktop.store.models import Village
from desktop.store.writer import ChangeWriter

from .test_cli_records import dump, refused
from .test_cli_records import home as home
from .test_cli_records import zhucun as zhucun


def test_write_correct_list_and_see_the_history(zhucun) -> None:
    result = zhucun("diary", "add", "--date", "2026-11-20", "--kind", "走访", "--place", "二组",
                    "--content", "到二组走访", "--households", "001")  # fmt: skip
    assert result.code == 0, result.err
    entry_id = result.out.split()[-1]
    result = zhucun("diary", "edit", "2026-11-20", "--content", "到二组走访卓嘎家")
    assert result.out.strip() == "已修改：内容=到二组走访卓嘎家"
    listed = zhucun("diary", "list", "--month", "2026-11").out
    assert f"2026-11-20  扎西  走访  二组  到二组走访卓嘎家  涉及 001  [{entry_id}]" in listed
    assert "共 1 条" in listed
    log = zhucun("log", entry_id).out
    assert "到二组走访" in log and "到二组走访卓嘎家" in log
    (row,) = json.loads(zhucun("diary", "list", "--search", "卓嘎", "--json").out)
    assert row["households"] == ["001"]


def test_attendance_counts_the_month_and_leave(zhucun) -> None:
    assert zhucun("leave", "add", "--kind", "事假", "--from", "2026-10-30", "--to", "2026-11-02",
                  "--approver", "乡党委 李书记").code == 0  # fmt: skip
    assert (
        zhucun("leave", "add", "--kind", "乡里开会", "--from", "2026-11-03", "--approver", "李书记").code == 0
    )
    for day in (4, 5, 6):
        assert zhucun("diary", "present", "--date", f"2026-11-0{day}").code == 0
    assert zhucun("diary", "add", "--date", "2026-11-09", "--kind", "培训", "--content", "县里培训",
                  "--place", "县党校", "--away").code == 0  # fmt: skip
    (row,) = json.loads(zhucun("attendance", "--month", "2026-11", "--json").out)
    assert (row["person"], row["present"], row["leave"], row["on_duty"]) == (
        "扎西",
        3,
        {"事假": 2, "乡里开会": 1},
        4,
    )
    assert (row["counted_days"], row["away"], row["required"], row["gap"]) == (30, 24, None, None)
    text = zhucun("attendance", "--month", "2026-11").out
    assert "扎西：在村 3 天，事假 2 天、乡里开会 1 天，不在村 24 天，在岗 4 天；所需在村天数尚未设置" in text
    assert "2026-10-30 至 2026-11-02  扎西  事假  批准人 乡党委 李书记" in zhucun("leave", "list").out
    # a village laptop cannot set the required days: the township does
    refused(zhucun("attendance", "--set-required", "20", "--source", "某文件"), 2, "由乡镇设定")


def test_a_present_mark_and_a_leave_are_corrected_and_removed(zhucun) -> None:
    assert zhucun("diary", "present", "2026-11-05").code == 0
    result = zhucun("diary", "present", "2026-11-05", "--remove")
    assert (result.code, result.out.strip()) == (0, "已取消 2026-11-05 在村（修改记录保留）")
    (row,) = json.loads(zhucun("attendance", "--month", "2026-11", "--json").out)
    assert row["present"] == 0
    refused(zhucun("diary", "present", "2026-11-05", "--remove"), 2, "扎西 2026-11-05 没有记在村，无需取消")

    added = zhucun("leave", "add", "--kind", "事假", "--from", "2026-11-10", "--to", "2026-11-11",
                   "--approver", "李书记")  # fmt: skip
    leave_id = added.out.strip().rsplit("（", 1)[1].rstrip("）")
    result = zhucun("leave", "edit", "2026-11-11", "--kind", "病假", "--to", "2026-11-12")
    assert (result.code, result.out.strip()) == (0, "已修改：类别=病假，截止日期=2026-11-12")
    assert "2026-11-10 至 2026-11-12  扎西  病假  批准人 李书记" in zhucun("leave", "list").out
    assert "事假" in zhucun("log", leave_id).out  # the first version stays in the history
    result = zhucun("leave", "remove", leave_id)
    assert (result.code, result.out.strip()) == (
        0,
        "已删除 扎西 2026-11-10 至 2026-11-12 的病假（变更日志保留）",
    )
    assert "共 0 条" in zhucun("leave", "list").out
    refused(zhucun("leave", "remove", "2026-11-10"), 3, "扎西 2026-11-10 没有请假")


def test_attendance_from_to_lists_each_person_and_month_and_flags_the_gaps(zhucun) -> None:
    for day in range(1, 31):
        assert zhucun("diary", "present", f"2026-09-{day:02d}").code == 0
    assert zhucun("diary", "add", "--date", "2026-10-05", "--kind", "会议", "--content", "村两委会").code == 0
    text = zhucun("attendance", "--from", "2026-09", "--to", "2026-11").out
    assert text.splitlines()[0] == "亚弄村（513301）2026-09 至 2026-11 考勤缺口"
    assert "  扎西 2026-09：在村 30 天，在岗 30 天，所需天数尚未设置；无日志的周：08-31 起" in text
    assert "  扎西 2026-10：在村 1 天，在岗 1 天，所需天数尚未设置；无日志的周：09-28 起、10-12 起" in text
    assert "  扎西 2026-11：在村 0 天" in text and text.count("【缺口】") == 3
    assert text.splitlines()[-1] == "共 3 个人月，其中 3 个有缺口"
    rows = json.loads(zhucun("attendance", "--from", "2026-09", "--to", "2026-11", "--json").out)
    assert [(r["month"], r["present"], r["flagged"]) for r in rows] == [
        ("2026-09", 30, True),
        ("2026-10", 1, True),
        ("2026-11", 0, True),
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--from", "2024-01", "--to", "2026-11"), "2024-01 至 2026-11 共 35 个月，一次最多查 24 个月，请缩短范围"),
        (("--from", "2026-11", "--to", "2026-09"), "开始月份 2026-11 晚于结束月份 2026-09"),
        (("--from", "2026-09", "--to", "2099-01"), "结束月份 2099-01 还没有到"),
        (("--from", "2026-13"), "月份“2026-13”无效"),
        (("--month", "2026-11", "--from", "2026-09"), "--month 与 --from/--to 不能同时使用"),
    ],
)  # fmt: skip
def test_a_bad_attendance_span_is_one_line(zhucun, argv: tuple[str, ...], message: str) -> None:
    result = zhucun("attendance", *argv)
    refused(result, 2, message)


def test_diary_add_and_edit_take_photos(zhucun, tmp_path: Path) -> None:
    from PIL import Image

    first, second = tmp_path / "一.jpg", tmp_path / "二.jpg"
    Image.new("RGB", (640, 480), (30, 120, 200)).save(first, "JPEG")
    Image.new("RGB", (640, 480), (200, 60, 30)).save(second, "JPEG")
    result = zhucun("diary", "add", "--date", "2026-11-20", "--kind", "项目", "--content", "查看水渠",
                    "--photo", str(first))  # fmt: skip
    assert result.code == 0 and result.out.startswith("已记录日志（照片 1 张）"), result.err
    result = zhucun("diary", "edit", "2026-11-20", "--photo", str(second))
    assert (result.code, result.out.strip()) == (0, "已修改：加照片 1 张")
    assert "查看水渠  照片 2 张" in zhucun("diary", "list").out
    (row,) = json.loads(zhucun("diary", "list", "--json").out)
    assert row["photos"] == 2
    bad = tmp_path / "坏.jpg"
    bad.write_bytes(b"not a photo")
    before = dump(zhucun)
    result = zhucun(
        "diary", "add", "--date", "2026-11-21", "--kind", "项目", "--content", "x", "--photo", str(bad)
    )
    refused(result, 2, "坏.jpg")
    assert dump(zhucun) == before


@pytest.fixture
def other_village(ledger: Ledger, home: Path) -> None:
    with ledger.store.session() as session:
        other = ChangeWriter(session).create(Village, {"code": "513302", "name": "德吉村"})
    add_household(
        ledger, number="009", head={"name": "次仁", "id_number": make_id_number(dt.date(1970, 1, 1), 1)},
        village_id=other,
    )  # fmt: skip


@pytest.mark.usefixtures("other_village")
@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("diary", "add", "--date", "FUTURE", "--kind", "走访", "--content", "x"), "之后，不能预先记录"),
        (("diary", "add", "--kind", "下乡", "--content", "x"), "日志类别“下乡”无法识别"),
        (("diary", "add", "--kind", "走访", "--content", "x", "--households", "009"), "农户 009 属于德吉村"),
        (("diary", "add", "--date", "2026-11-10", "--kind", "其他", "--content", "x"), "已有日志（每人每天一条）"),
        (("leave", "add", "--kind", "病假", "--from", "2026-11-09", "--to", "2026-11-11", "--approver", "李"),
         "扎西 2026-11-10 已记在村，不能在这一天请假"),
        (("leave", "add", "--kind", "公休", "--from", "2026-11-14", "--approver", "李"), "的公休重叠"),
        (("leave", "add", "--kind", "年假", "--from", "2026-11-01", "--approver", "李"), "请假类别“年假”无法识别"),
        (("diary", "present", "--date", "2026-11-13"), "公休中，不能同时记在村"),
        (("attendance", "--month", "2026-13"), "月份“2026-13”无效"),
        (("leave", "edit", "2026-11-12", "--to", "2026-11-16"), "扎西 2026-11-16 已记在村，不能在这一天请假"),
        (("leave", "edit", "2026-11-12", "--to", "2026-11-01"), "早于开始日期"),
        (("diary", "present", "2026-11-10", "--remove"), "当天的日志写在村里"),
    ],
)  # fmt: skip
def test_bad_input_is_refused_and_nothing_is_written(zhucun, argv: tuple[str, ...], message: str) -> None:
    assert zhucun("diary", "add", "--date", "2026-11-10", "--kind", "会议", "--content", "村两委会").code == 0
    assert zhucun("leave", "add", "--kind", "公休", "--from", "2026-11-12", "--to", "2026-11-15",
                  "--approver", "李").code == 0  # fmt: skip
    assert zhucun("diary", "present", "2026-11-16").code == 0
    before = dump(zhucun)
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    result = zhucun(*(tomorrow if a == "FUTURE" else a for a in argv))
    refused(result, 2)
    assert message in result.err
    assert dump(zhucun) == before


def test_ledger_diary_prints_the_month_and_the_attendance_sheet(zhucun, tmp_path: Path) -> None:
    from tests.reports.pdf import need_poppler, pages_text, squash

    need_poppler()
    assert zhucun("diary", "add", "--date", "2026-11-03", "--kind", "项目", "--content", "查看水渠工程",
                  "--place", "一组").code == 0  # fmt: skip
    assert zhucun("leave", "add", "--kind", "病假", "--from", "2026-11-10", "--to", "2026-11-11",
                  "--approver", "李书记").code == 0  # fmt: skip
    out = tmp_path / "日志.pdf"
    result = zhucun("ledger", "diary", "--month", "2026-11", "--out", str(out))
    assert result.code == 0, result.err
    pages = [squash(p) for p in pages_text(out)]
    assert len(pages) == 6  # 1 November is a Sunday: six weeks touch the month
    assert "第2周：11月2日至11月8日" in pages[1] and "11-03周二扎西项目一组查看水渠工程" in pages[1]
    assert "请假和外出：扎西病假11-10至11-11（批准人李书记）" in pages[2]
    assert all("记录人签字" in p and "乡镇审核签字" in p for p in pages)
    assert "（本周没有日志）" in pages[0]
    sheet = tmp_path / "考勤.pdf"
    assert zhucun("ledger", "diary", "--month", "2026-11", "--attendance", "--out", str(sheet)).code == 0
    (page,) = [squash(p) for p in pages_text(sheet)]
    assert "驻村工作队考勤表（2026年11月）" in page and "亚弄村（513301）统计30天所需在村天数尚未设置" in page
    assert "扎西1病假2天271尚未设置" in page and "扎西缺缺在缺" in page
