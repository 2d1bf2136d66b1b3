"""A conversion killed while it writes its switchover journal: the journal is written to a temporary file
and renamed, so a kill leaves that temporary file beside the journal as it was before (or, at the first
write, no journal at all). Opening settles the switchover and removes the temporary file of a writer that
is gone; converting again then leaves nothing behind. (The timed kills of test_conversion_kill land here
only now and then; this lands here every time.)"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from media.test_partial_sweep import dead_pid

from desktop.app import open_ledger
from desktop.services.maintenance.dump import dump_ledger
from desktop.services.security.encryption import _moves, enable_encryption
from desktop.services.security.users import is_encrypted
from desktop.store import switchover
from desktop.store.database import StoreLocation

from .conftest import PASSPHRASE, plain_village

pytestmark = pytest.mark.skipif(os.name == "nt", reason="asks whether the writer's process still runs")


def cut_off_journal_write(home: Path, pid: int, state: str) -> Path:
    """What a writer killed between writing the journal's temporary file and renaming it leaves."""
    partial = home / f".{switchover.JOURNAL}.{pid}.partial"
    partial.write_text(json.dumps({"state": state, "moves": []}), encoding="utf-8")
    return partial


def leftovers(home: Path) -> list[str]:
    return sorted(str(p.relative_to(home)) for p in home.rglob("*") if p.name.endswith((".partial", ".staged")))


@pytest.mark.parametrize("journal", ["none yet", "preparing"])
def test_a_journal_write_cut_off_leaves_the_folder_plain_and_nothing_behind(
    tmp_path: Path, journal: str
) -> None:
    home = plain_village(tmp_path / "home", tmp_path).home
    ledger = open_ledger(home)
    before = dump_ledger(ledger)
    ledger.store.close()
    if journal == "preparing":  # killed while arming the commit: the first journal is still there
        moves = _moves(StoreLocation(home))
        switchover.prepare(home, moves)
        switchover.staged_path(home / moves[0].target).write_bytes(b"half an encrypted export")
    partial = cut_off_journal_write(home, dead_pid(), "committing" if journal == "preparing" else "preparing")

    ledger = open_ledger(home)  # every open settles an interrupted switchover first
    try:
        assert dump_ledger(ledger) == before
    finally:
        ledger.store.close()
    assert not partial.exists() and not (home / switchover.JOURNAL).exists()
    assert leftovers(home) == []

    enable_encryption(home, user="扎西", passphrase=PASSPHRASE)  # the user runs it again
    assert is_encrypted(home)
    assert leftovers(home) == [] and not (home / "encryption-unfinished").exists()


def test_the_journal_being_written_by_a_running_conversion_is_left_alone(tmp_path: Path) -> None:
    home = plain_village(tmp_path / "home", tmp_path).home
    writing = cut_off_journal_write(home, os.getpid(), "preparing")  # this process still runs
    assert switchover.recover(home) is None
    assert writing.exists()
