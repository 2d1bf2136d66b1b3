"""驻村工作日志, leave and presence travel village → township in bundles (SQLite and PostgreSQL township):
the township reads every team's diary (with its photos) and month table, sets the required days, and the village sees them."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PIL import Image

from desktop.domain.errors import InvalidInput
from desktop.services.diary import (
    add_entry,
    add_leave,
    attendance,
    edit_entry,
    list_entries,
    list_leaves,
    mark_present,
    set_required_days,
)
from desktop.services.exchange.bundles import Outcome
from desktop.services.households.history import record_history
from desktop.services.photos import photo_bytes, photos_of_entry

from .devices import join, township_device, village_device

D = dt.date


@pytest.mark.parametrize("database", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_diary_leave_and_presence_round_trip(
    tmp_path: Path, database: str, request: pytest.FixtureRequest
) -> None:
    url = None
    if database == "postgresql":
        server = request.getfixturevalue("postgres")
        url = server.create_database(f"zhucun_diary_{os.getpid()}")  # type: ignore[attr-defined]
    township = township_device(tmp_path, db_url=url)
    yanong = village_device(tmp_path, "yanong")
    rila = village_device(tmp_path, "rila", code="513302", village="日拉村", user="王强")
    for village in (yanong, rila):
        join(village, township)
    picture = tmp_path / "一组.jpg"
    Image.new("RGB", (640, 480), (30, 120, 200)).save(picture, "JPEG", quality=90)
    entry = add_entry(
        yanong.ledger, day=D(2026, 11, 2), kind="走访", content="到一组走访", place="一组", photos=[picture]
    )
    edit_entry(yanong.ledger, entry, content="到一组走访五户")
    mark_present(yanong.ledger, day=D(2026, 11, 3))
    add_leave(yanong.ledger, kind="县里开会", start=D(2026, 11, 4), end=D(2026, 11, 5), approver="李书记")
    add_entry(rila.ledger, day=D(2026, 11, 9), kind="项目", content="修水渠", place="二组")
    for village in (yanong, rila):
        assert township.receive(village.send(township)).outcome is Outcome.APPLIED

    # the township reads every team's diary, read-only
    assert [(e.village_name, e.person, e.content) for e in list_entries(township.ledger)] == [
        ("亚弄村", "扎西", "到一组走访五户"),
        ("日拉村", "王强", "修水渠"),
    ]
    assert len(record_history(township.ledger, entry)) == 2  # the correction's history came along
    (photo,) = photos_of_entry(township.ledger, entry)  # the entry's photo, its image with it
    assert photo_bytes(township.ledger, photo.sha256) == photo_bytes(yanong.ledger, photo.sha256) is not None
    assert list_entries(township.ledger)[0].photos == 1
    assert [(r.village_code, r.kind) for r in list_leaves(township.ledger)] == [("513301", "县里开会")]
    with pytest.raises(InvalidInput, match="乡镇设备只能查看各村的驻村日志"):
        add_entry(township.ledger, day=D(2026, 11, 2), kind="走访", content="x")

    # until the township sets the required days, nobody has a gap; then both villages get it
    rows = attendance(township.ledger, year=2026, month=11)
    assert [(r.village_code, r.person, r.present, r.on_duty, r.gap) for r in rows] == [
        ("513301", "扎西", 2, 4, None),
        ("513302", "王强", 1, 1, None),
    ]
    assert (
        set_required_days(township.ledger, year=2026, days=20, source="某县驻村干部管理办法（2026 年）") == 2
    )
    rows = attendance(township.ledger, year=2026, month=11, village_code="513302")
    assert [(r.person, r.required, r.gap) for r in rows] == [("王强", 20, 19)]
    assert yanong.receive(township.send(yanong)).outcome is Outcome.APPLIED
    (mine,) = attendance(yanong.ledger, year=2026, month=11)
    assert (mine.required, mine.gap) == (20, 16)
    assert yanong.dump() == township.dump("513301")
    for device in (township, yanong, rila):
        device.close()
