"""``zhucun init`` (encrypted) killed anywhere: the data folder is either without a ledger (``init`` again
succeeds, nothing left over) or a complete encrypted ledger that opens with the passphrase (``init``
again says so, and how to get a recovery code that was never shown).

The real command (``tests/security/light_cli.py --home HOME init …``) kills its own process (SIGKILL) at
its N-th step when ``ZHUCUN_TEST_KILL_INIT_AT=N``, for N = 1, 2, … until a run finishes on its own.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.app import open_ledger
from desktop.domain.errors import StoreProblem
from desktop.services.security.users import is_encrypted, unlock
from desktop.services.setup import STAGING
from desktop.services.village.info import village_summary
from desktop.store.switchover import JOURNAL

from .conftest import PASSPHRASE
from .light_cli import KILL_ENV

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name == "nt", reason="SIGKILL")]

REPO = Path(__file__).resolve().parents[2]
LIGHT_CLI = Path(__file__).with_name("light_cli.py")
INIT = ["init", "--village-code", "513301", "--village-name", "亚弄村", "--user", "扎西"]
MIN_STEPS = 8  # staging … committed, the moves after it, done: fewer means the hooks went missing


def zhucun(home: Path, *argv: str, kill_at: int | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != KILL_ENV}
    env["ZHUCUN_PASSPHRASE"] = PASSPHRASE
    if kill_at is not None:
        env[KILL_ENV] = str(kill_at)
    return subprocess.run(
        [sys.executable, str(LIGHT_CLI), "--home", str(home), *argv],
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )


def readable(home: Path, text: str) -> list[str]:
    return [p.name for p in home.rglob("*") if p.is_file() and text.encode("utf-8") in p.read_bytes()]


def opens_with_the_passphrase(home: Path) -> bool:
    """Settles the folder (as every open does) and tells whether it holds the initialised ledger."""
    if not is_encrypted(home):
        with pytest.raises(StoreProblem, match="还没有台账"):
            open_ledger(home)
        return False
    ledger = open_ledger(home, unlocked=unlock(home, PASSPHRASE))
    try:
        assert ledger.this_device().user_name == "扎西"
        assert village_summary(ledger).name == "亚弄村"
    finally:
        ledger.store.close()
    return True


def test_init_killed_at_every_step_leaves_no_ledger_or_a_complete_one(tmp_path: Path) -> None:
    outcomes: list[str] = []
    for step in range(1, 100):
        home = tmp_path / f"kill-{step}"
        killed = zhucun(home, *INIT, kill_at=step)
        if killed.returncode == 0:
            assert "恢复码" in killed.stdout  # ran to the end: no more steps to kill at
            break
        assert killed.returncode == -signal.SIGKILL, killed.stderr

        assert readable(home, "亚弄村") == []  # what the kill left: nothing of the ledger in clear
        if opens_with_the_passphrase(home):
            outcomes.append("complete")
            again = zhucun(home, *INIT)
            assert again.returncode == 2
            assert "已经有加密的台账" in again.stderr and "new-recovery-code" in again.stderr
        else:
            outcomes.append("none")
            again = zhucun(home, *INIT)
            assert again.returncode == 0, again.stderr
            assert "恢复码" in again.stdout
            assert opens_with_the_passphrase(home)
        # whichever it was, nothing half-made is left, and nothing was ever plain
        assert not (home / STAGING).exists() and not (home / JOURNAL).exists()
        assert not list(home.glob("*.staged")) and not list(home.rglob("*.partial"))
        assert readable(home, "亚弄村") == []
    else:
        pytest.fail("init never finished")
    assert len(outcomes) >= MIN_STEPS, outcomes
    # the commit divides them: none before it, complete after it
    assert outcomes == sorted(outcomes, key=lambda o: o == "complete"), outcomes
    assert "none" in outcomes and "complete" in outcomes
