"""``security enable`` killed anywhere: the data folder always opens and holds every record, either
still plain (and can be converted again) or encrypted (and, once unlocked, finishes sealing itself).

A small demo village with photos, two backups and an old crash report is converted by the real command
(``tests/security/light_cli.py --home COPY security enable``) in a fresh copy for each kill point:

- every step of the conversion, in order: the conversion module kills its own process (SIGKILL) at its
  N-th step when ``ZHUCUN_TEST_KILL_CONVERSION_AT=N`` (N = 1, 2, … until a run finishes on its own);
- and at spread times after the switchover journal appears, as seen from outside, to land between the
  steps too (inside the export, an fsync, a rename).

After each kill, in this process: opening settles the folder; if it is plain, it holds exactly the
records from before and converting it again succeeds; then, unlocked, it holds exactly the records from
before, every photo reads back to its SHA-256, every backup is still there and encrypted, no staged or
leftover file remains, and no member's name or ID number is readable in any file.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from media.pictures import busy_scene, phone_jpeg, write
from sqlalchemy import select

from desktop.app import open_ledger
from desktop.domain.errors import StoreProblem
from desktop.media.blob_store import BlobStore
from desktop.services.demo import create_demo
from desktop.services.maintenance.dump import dump_ledger
from desktop.services.photos import add_photos
from desktop.services.security.encryption import enable_encryption
from desktop.services.security.users import is_encrypted, unlock
from desktop.store.backup import list_backups
from desktop.store.models import Household, Member
from desktop.store.sqlite_header import SQLITE_HEADER

from .conftest import TODAY
from .light_cli import KILL_ENV

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name == "nt", reason="SIGKILL")]

REPO = Path(__file__).resolve().parents[2]
LIGHT_CLI = Path(__file__).with_name("light_cli.py")
PASSPHRASE = "村委会的新口令2026"
USER = "第一书记"
MIN_STEP_KILLS = 20
TIMED_KILLS = 10
WORKERS = 2


@dataclass(frozen=True)
class Scene:
    work: Path
    plain: Path  # the pristine plain folder, copied for every run
    records: str
    photos: list[str]
    backups: int
    needles: dict[str, bytes]


@pytest.fixture(scope="module")
def scene(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scene]:
    root = tmp_path_factory.mktemp("convert")
    home = root / "plain"
    ledger = open_ledger(home, create=True)
    ledger.today = lambda: TODAY
    create_demo(ledger, households=10)
    photos = []
    with ledger.store.read_session() as session:
        numbers = list(
            session.execute(select(Household.number).order_by(Household.number).limit(3)).scalars()
        )
        members = session.execute(select(Member.name, Member.id_number)).all()
    for number, household in enumerate(numbers):
        path = write(root / "camera", f"{number}.jpg", phone_jpeg(busy_scene(400 + number, 300)))
        (added,) = add_photos(ledger, household, [path])
        assert added.sha256 is not None
        photos.append(added.sha256)
    ledger.store.backup("manual")
    records = dump_ledger(ledger)
    ledger.store.close()
    needles = {
        v: v.encode("utf-8") for name, id_number in members for v in (name, id_number) if v and len(v) >= 2
    }
    (home / "logs").mkdir()
    (home / "logs" / "crash-20261101-101010.txt").write_text(
        f"IntegrityError {members[0][1]}", encoding="utf-8"
    )
    yield Scene(root, home, records, photos, len(list_backups(home / "backups")), needles)


def convert(home: Path, *, kill_at: int | None = None, kill_after: float | None = None) -> tuple[int, float]:
    """Run ``security enable`` in its own process; returns (exit code, seconds the journal existed)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZHUCUN_")}
    env["ZHUCUN_PASSPHRASE"] = PASSPHRASE
    if kill_at is not None:
        env[KILL_ENV] = str(kill_at)
    command = [sys.executable, str(LIGHT_CLI), "--home", str(home), "security", "enable", "--user", USER]
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    journal, seen = home / "switchover.json", None
    while process.poll() is None:
        if seen is None and journal.exists():
            seen = time.perf_counter()
        if seen is not None and kill_after is not None and time.perf_counter() - seen >= kill_after:
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.0005)
    _, err = process.communicate()
    code = process.returncode
    assert code in (0, -signal.SIGKILL), err.decode("utf-8", "replace")
    return code, (time.perf_counter() - seen) if seen else 0.0


def check(scene: Scene, home: Path, where: str) -> str:
    """The folder after a kill: it opens, holds every record, and ends encrypted with nothing readable."""
    left = "encrypted" if is_encrypted(home) else "plain"  # settles an interrupted switchover
    assert not (home / "switchover.json").exists() and not list(home.rglob("*.staged")), where
    if left == "plain":
        assert (home / "zhucun.sqlite3").read_bytes()[:16] == SQLITE_HEADER, where
        ledger = open_ledger(home)
        try:
            assert dump_ledger(ledger) == scene.records, f"{where}: the plain folder lost records"
        finally:
            ledger.store.close()
        enable_encryption(home, user=USER, passphrase=PASSPHRASE)  # the user simply runs it again
    else:
        with pytest.raises(StoreProblem, match="已加密"):
            open_ledger(home)
    ledger = open_ledger(home, unlocked=unlock(home, PASSPHRASE))
    try:
        assert dump_ledger(ledger) == scene.records, f"{where}: the encrypted folder lost records"
        blobs = BlobStore.of_home(home)
        for sha in scene.photos:
            assert hashlib.sha256(blobs.read(sha)).hexdigest() == sha, f"{where}: photo {sha[:8]}"
    finally:
        ledger.store.close()
    backups = list_backups(home / "backups")
    assert len(backups) == scene.backups, f"{where}: backups {len(backups)} of {scene.backups}"
    assert all(b.read_bytes()[:16] != SQLITE_HEADER for b in backups), f"{where}: a plain backup"
    leftovers = [*home.rglob("*.old"), *home.rglob("*.partial"), home / "encryption-unfinished"]
    assert not [p for p in leftovers if p.exists()], f"{where}: left {leftovers}"
    readable = [
        f"{path.relative_to(home)}: {label}"
        for path in home.rglob("*")
        if path.is_file()
        for label, value in scene.needles.items()
        if value in path.read_bytes()
    ]
    assert readable == [], f"{where}: readable in clear: {readable[:5]}"
    return left


def test_conversion_killed_anywhere_never_loses_the_ledger(scene: Scene) -> None:
    lock = threading.Lock()
    outcomes: list[tuple[str, str]] = []

    def run(name: str, **kill: float) -> bool:
        home = scene.work / name
        shutil.copytree(scene.plain, home)
        code, _ = convert(home, **kill)  # type: ignore[arg-type]
        with lock:
            try:
                if code == 0:
                    check(scene, home, f"{name} (finished)")
                    return False
                outcomes.append((name, check(scene, home, name)))
                return True
            finally:
                shutil.rmtree(home, ignore_errors=True)

    # every step in order, two runs at a time, until a run gets to the end before its step comes
    steps, number, running = 0, 0, []
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        finished = False
        while running or not finished:
            while not finished and len(running) < WORKERS:
                number += 1
                running.append(pool.submit(run, f"step-{number:02d}", kill_at=number))
            killed = running.pop(0).result()
            steps += killed
            finished = finished or not killed
    assert steps >= MIN_STEP_KILLS, f"only {steps} steps"

    # and at spread times inside the switchover, as the outside sees it
    calibration = scene.work / "calibration"
    shutil.copytree(scene.plain, calibration)
    code, span = convert(calibration)
    assert code == 0 and span > 0
    check(scene, calibration, "calibration")
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        list(pool.map(lambda i: run(f"timed-{i:02d}", kill_after=span * i / TIMED_KILLS), range(TIMED_KILLS)))

    kinds = {left for _, left in outcomes}
    assert kinds == {"plain", "encrypted"}, outcomes  # the kills landed on both sides of the commit
    assert len(outcomes) >= MIN_STEP_KILLS
