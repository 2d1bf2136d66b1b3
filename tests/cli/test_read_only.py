"""Commands that only read open the database read-only: not a byte of it changes (so they work on a
full disk and never wait for a writer), and a ledger whose search texts an older program made is
still brought up to date by them."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy import update

from desktop.cli import main
from desktop.store.database import StoreLocation, open_store
from desktop.store.models import HouseholdSearch, LocalSetting
from desktop.store.search_index import STAMP_KEY


def run(capsys: pytest.CaptureFixture[str], home: Path, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--home", str(home), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_reading_commands_leave_the_database_file_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    assert run(capsys, home, "demo", "--households", "10")[0] == 0
    n = json.loads(run(capsys, home, "household", "list", "--json")[1])[0]["number"]
    db = home / "zhucun.sqlite3"
    before = digest(db)
    for argv in (
        ("check",),
        ("dump",),
        ("household", "list", "--search", "zx"),
        ("household", "show", n),
        ("log", n),
        ("event", "list", n),
        ("income", "list", n),
        ("measure", "list", n),
        ("helper", "list", n),
    ):
        code, _, err = run(capsys, home, *argv)
        assert code == 0, (argv, err)
        assert digest(db) == before, argv
        assert (
            not db.with_name(db.name + "-wal").exists() or db.with_name(db.name + "-wal").stat().st_size == 0
        )


def test_a_reading_command_still_rebuilds_search_texts_an_older_program_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    assert run(capsys, home, "demo", "--households", "10")[0] == 0
    store = open_store(StoreLocation(home))
    try:
        with store.session() as session:
            session.execute(update(HouseholdSearch).values(text=" stale "))
            session.execute(LocalSetting.__table__.delete().where(LocalSetting.key == STAMP_KEY))
    finally:
        store.close()
    code, out, err = run(capsys, home, "household", "list", "--json")
    assert code == 0, err
    head = json.loads(out)[0]
    code, out, _ = run(capsys, home, "household", "list", "--search", head["number"], "--json")
    assert code == 0 and [h["number"] for h in json.loads(out)] == [head["number"]]
