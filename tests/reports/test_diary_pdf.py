"""The township's monthly 考勤表 for all villages (one section per village, a bookmark each) and a
village's 驻村工作日志, read back with pdftotext; the required days once the township set them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop.services.diary import add_entry, add_leave, set_required_days
from desktop.services.diary.printing import print_attendance, print_diary
from desktop.services.exchange.bundles import Outcome
from tests.sync.devices import join, township_device, village_device

from .pdf import need_poppler, pages_text, squash

D = dt.date


def test_the_township_prints_every_village_one_section_each(tmp_path: Path) -> None:
    need_poppler()
    township = township_device(tmp_path)
    yanong = village_device(tmp_path, "yanong")
    rila = village_device(tmp_path, "rila", code="513302", village="日拉村", user="王强")
    add_entry(yanong.ledger, day=D(2026, 11, 2), kind="走访", content="到一组走访", place="一组")
    add_leave(yanong.ledger, kind="县里开会", start=D(2026, 11, 3), end=D(2026, 11, 4), approver="李书记")
    add_entry(rila.ledger, day=D(2026, 11, 9), kind="项目", content="修水渠", place="二组")
    for village in (yanong, rila):
        join(village, township)
        assert township.receive(village.send(township)).outcome is Outcome.APPLIED
    set_required_days(township.ledger, year=2026, days=20, source="某县驻村干部管理办法（2026 年）")

    sheet = tmp_path / "考勤表.pdf"
    assert print_attendance(township.ledger, sheet, year=2026, month=11) == 2
    first, second = (squash(p) for p in pages_text(sheet))
    assert "亚弄村（513301）统计23天所需在村天数由乡镇按本省文件设定" in first
    assert "扎西1县里开会2天20320天差17天" in first
    assert "日拉村（513302）" in second and "王强1无22120天差19天" in second
    assert all(p.startswith("姑咱镇驻村工作队考勤表（2026年11月）") for p in (first, second))

    diary = tmp_path / "日志.pdf"
    assert print_diary(township.ledger, diary, year=2026, month=11, village_code="513301") == 5
    pages = [squash(p) for p in pages_text(diary)]
    assert "11-02周一扎西走访一组到一组走访" in pages[1]
    assert "请假和外出：扎西县里开会11-03至11-04（批准人李书记）" in pages[1]
    assert "修水渠" not in "".join(pages)  # the other village's diary stays out
    for device in (township, yanong, rila):
        device.close()
