"""The import process killed at random points: the database passes ``PRAGMA integrity_check``, holds
either the state before or the state after, and the user is told exactly what happened.

A village device (the demo village at 30 households: ~350 operations, and six photos) exports a full
bundle to a township that trusts it. For each kill point a fresh copy of the township's data folder runs the real
command, ``python -m desktop --home COPY bundle import BUNDLE``, and is killed (SIGKILL) there. The
points are deterministic and cover the whole run. An un-killed calibration run gives the moments to
aim at, observed from outside as a user's disk would show them:

- ``start``   seconds after the process started: interpreter start-up and imports, before the ledger
              is opened;
- ``opened``  seconds after the database's ``-wal`` file appeared (the ledger is open): checking the
              bundle and applying it, inside the import's one transaction;
- ``wal``     the moment the ``-wal`` file reaches N bytes: the commit being written (a transaction
              this size spills no page before it);
- ``written`` seconds after the ``-wal`` file reached its full size: after the commit (closing,
              checkpoint, exit).

After each kill: the ledger opens as the application opens it; ``PRAGMA integrity_check`` is ok; every
row of every synced table (the whole township: before the import it does not even know the village)
and the sync bookkeeping (operations, links, signed heads, peers, journal, clock, conflicts) equal
exactly the state before or the state after; no photo file exists under its final name with other bytes. Then the import
runs again through the command-line entry point: exit 0 and "N 条新操作" if the kill left the state
before, exit 10 and "已于 … 导入过" if it left the state after, and the records are the state after
either way, with every photo's bytes present and the bundle journaled as applied exactly once.

Kill runs go two at a time (a subprocess each, one core each); the checks of one run while the other
is running. About 45 s on two idle cores, most of it the interpreter start-up of 56 processes.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop import cli
from desktop.app import open_ledger
from desktop.media.blob_store import BlobStore
from desktop.services.demo import create_demo
from desktop.store.base import synced_models
from desktop.store.database import DB_FILE
from desktop.store.models import Household, Photo
from desktop.store.writer import ChangeWriter
from desktop.sync.incoming import read_manifest

from .devices import TODAY, Device, join, township_device

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
WAL_HEADER = 32  # a -wal file this size holds no frame yet
HOUSEHOLDS = 30  # the demo village at its smallest size still has every kind of record: ~350 operations
PHOTOS = 6
PHOTO_BYTES = 150_000
# how many points aim at each part of the run (56 in all: a few may find the process already gone)
START_POINTS, OPENED_POINTS, WAL_POINTS, WRITTEN_POINTS = 4, 30, 14, 8
MIN_KILLS = 50
POLL = 0.0005
POLL_FAST = 0.0001
WORKERS = 2  # kill runs at once: each a subprocess on its own core, while the other one is checked


@dataclass(frozen=True)
class KillPoint:
    anchor: str  # start / opened / wal / written
    at: float  # seconds after the anchor; bytes for "wal"

    def __str__(self) -> str:
        return f"wal≥{int(self.at)}B" if self.anchor == "wal" else f"{self.anchor}+{self.at * 1000:.0f}ms"


@dataclass
class Run:
    returncode: int
    output: str
    killed: bool
    elapsed: float
    opened: float | None = None  # when the -wal file appeared
    first_frame: float | None = None  # when it first held more than its header
    full: float | None = None  # when it first reached its largest size
    largest: int = 0
    wal_at_kill: int | None = None


def run_import(home: Path, bundle: Path, point: KillPoint | None = None, *, full_wal: int = 0) -> Run:
    """Run the import command on ``home``; kill it at ``point`` (None: let it finish and observe)."""
    wal = home / f"{DB_FILE}-wal"
    command = [sys.executable, "-m", "desktop", "--home", str(home), "bundle", "import", str(bundle)]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
    )
    run = Run(returncode=0, output="", killed=False, elapsed=0.0)
    size: int | None = None
    while process.poll() is None:
        now = time.perf_counter() - started
        try:
            size = wal.stat().st_size
        except FileNotFoundError:
            size = None
        if size is not None:
            if run.opened is None:
                run.opened = now
            if size > WAL_HEADER and run.first_frame is None:
                run.first_frame = now
            if size > run.largest:
                run.largest = size
                if point is None:
                    run.full = now
            if point is not None and full_wal and size >= full_wal and run.full is None:
                run.full = now
        if point is not None and _due(point, now, run, size):
            process.kill()  # SIGKILL
            run.killed, run.wal_at_kill = True, size
            break
        if point is None or point.anchor != "wal" or size is None:
            time.sleep(POLL)
        else:
            time.sleep(POLL_FAST)  # the commit writes its frames within milliseconds
    output, _ = process.communicate()
    run.elapsed = time.perf_counter() - started
    run.returncode = process.returncode
    run.output = output.decode("utf-8", "replace")
    if run.killed and run.returncode != -9 and os.name != "nt":
        run.killed = False  # it had finished on its own just before the signal
    return run


def _due(point: KillPoint, now: float, run: Run, size: int | None) -> bool:
    if point.anchor == "start":
        return now >= point.at
    if point.anchor == "opened":
        return run.opened is not None and now >= run.opened + point.at
    if point.anchor == "wal":
        return size is not None and size >= point.at
    return run.full is not None and now >= run.full + point.at


# --- what a data folder holds ------------------------------------------------------------------------


@dataclass(frozen=True)
class State:
    records: tuple[tuple[object, ...], ...]  # the rows of every synced table
    bookkeeping: tuple[tuple[object, ...], ...]  # operations, links, heads, peers, journal, clock

    def differences(self, other: State) -> list[str]:
        tables = [t for t, a, b in zip(SYNCED, self.records, other.records, strict=True) if a != b]
        names = ("operations", "links", "signed heads", "peers", "journal", "device clock", "conflicts")
        return tables + [
            n for n, a, b in zip(names, self.bookkeeping, other.bookkeeping, strict=True) if a != b
        ]


SYNCED = sorted(synced_models())
BOOKKEEPING = (
    "SELECT origin, seq, hash FROM op_log ORDER BY origin, seq",
    "SELECT origin, seq, hash FROM op_link ORDER BY origin, seq",
    "SELECT origin, seq, hash FROM signed_head ORDER BY origin, seq",
    "SELECT device_id, trusted_via, has_vector, last_bundle_in, revoked_after_seq FROM peer ORDER BY device_id",
    "SELECT direction, bundle_id, status, op_count, applied_count, blob_count, byte_size FROM bundle_record"
    " ORDER BY id",
    "SELECT device_id, last_seq, last_hlc, chain_head FROM device_state",
    "SELECT id, winner_origin, loser_origin FROM conflict ORDER BY id",
)


def read_state(home: Path, *, app_first: bool = True) -> State:
    """``PRAGMA integrity_check`` and every row, read with plain SQL (a dump through a new engine each
    time costs more than the import: SQLAlchemy compiles its statements once per engine).

    With ``app_first`` the ledger is first opened as the application opens it (a look without writing
    and quick_check, then the engine, which recovers the -wal file a killed process left)."""
    if app_first:
        open_ledger(home).store.close()
    connection = sqlite3.connect(home / DB_FILE)
    try:
        check = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        assert check == ["ok"], f"integrity_check: {check[:5]}"
        records = tuple(
            tuple(connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()) for table in SYNCED
        )
        bookkeeping = tuple(tuple(connection.execute(query).fetchall()) for query in BOOKKEEPING)
    finally:
        connection.close()
    return State(records, bookkeeping)


def torn_photo_files(home: Path) -> list[str]:
    """Files under a photo's final name whose bytes are not that photo (a write caught half-way)."""
    torn = []
    for path in sorted((home / "photos").glob("*/*.bin")):
        if hashlib.sha256(path.read_bytes()).hexdigest() != path.stem:
            torn.append(path.name)
    return torn


def import_again(home: Path, bundle: Path) -> tuple[int, str]:
    """The import once more, through the command line's entry point (in this process: start-up costs
    more than the import, and the killed runs already went through the real command)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["--home", str(home), "bundle", "import", str(bundle)])
    return code, out.getvalue() + err.getvalue()


def journal(home: Path, bundle_id: str) -> list[tuple[str, int]]:
    connection = sqlite3.connect(home / DB_FILE)
    try:
        rows = connection.execute(
            "SELECT status, applied_count FROM bundle_record WHERE direction = 'in' AND bundle_id = ?"
            " ORDER BY id",
            (bundle_id,),
        ).fetchall()
    finally:
        connection.close()
    return [(str(status), int(applied)) for status, applied in rows]


def settle(home: Path) -> None:
    """Leave the folder as a closed ledger with nothing in its -wal file: no -wal or -shm file, so the
    moment a run opens the database shows (the -wal file appears)."""
    connection = sqlite3.connect(home / DB_FILE)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    for suffix in ("-wal", "-shm"):
        extra = home / f"{DB_FILE}{suffix}"
        assert not extra.exists() or suffix == "-shm" or extra.stat().st_size == 0
        extra.unlink(missing_ok=True)


# --- the scene: built once -----------------------------------------------------------------------------


@dataclass
class Scene:
    work: Path
    township: Path  # the pristine data folder, copied for every run
    bundle: Path
    bundle_id: str
    op_count: int
    photos: list[str]
    before: State
    after: State
    calibration: list[Run]

    def fresh_copy(self, name: str) -> Path:
        target = self.work / name
        shutil.copytree(self.township, target)
        return target


@pytest.fixture(scope="module")
def scene(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scene]:
    root = tmp_path_factory.mktemp("kill")
    village_home = root / "village"
    ledger = open_ledger(village_home, create=True)
    ledger.today = lambda: TODAY
    create_demo(ledger, households=HOUSEHOLDS)
    village = Device("village", village_home, ledger)
    blobs = BlobStore.of_home(village_home)
    photos = []
    with ledger.store.session() as session:
        households = session.execute(select(Household.id).order_by(Household.id).limit(PHOTOS)).scalars()
        writer = ChangeWriter(session)
        for number, household_id in enumerate(list(households)):
            sha = blobs.put(hashlib.sha256(str(number).encode()).digest() + os.urandom(PHOTO_BYTES))
            writer.create(Photo, {"sha256": sha, "household_id": household_id, "mime": "image/jpeg"})
            photos.append(sha)
    township = township_device(root)
    join(village, township)
    bundle = village.send(township, full=True)
    op_count = int(read_manifest(bundle)["counts"]["ops"])
    township.ledger.store.backup("daily")  # as a township in use has: no first-run backup in the runs
    township.close()
    village.close()
    work = root / "runs"
    work.mkdir()
    settle(township.home)
    before = read_state(shutil.copytree(township.home, work / "before"))
    calibration = []
    for number in range(2):
        home = work / f"calibration-{number}"
        shutil.copytree(township.home, home)
        run = run_import(home, bundle)
        assert run.returncode == 0, run.output
        assert f"导入 {op_count} 条新操作" in run.output, run.output
        calibration.append(run)
    after = read_state(work / "calibration-0")
    assert after.records != before.records
    yield Scene(
        work=work,
        township=township.home,
        bundle=bundle,
        bundle_id=str(read_manifest(bundle)["bundle_id"]),
        op_count=op_count,
        photos=photos,
        before=before,
        after=after,
        calibration=calibration,
    )


def kill_points(calibration: list[Run]) -> list[KillPoint]:
    """Spread over the whole run, as the un-killed runs timed it (the faster of two, so the points land
    early rather than past the end when the machine is busy)."""

    def fastest(values: list[float | None]) -> float:
        known = [v for v in values if v is not None]
        assert known, "the calibration run never showed that moment"
        return min(known)

    opened = fastest([r.opened for r in calibration])
    transaction = fastest([(r.first_frame or 0) - (r.opened or 0) for r in calibration])
    after_commit = fastest([r.elapsed - (r.full or 0) for r in calibration])
    largest = max(r.largest for r in calibration)
    points = [KillPoint("start", opened * (i + 0.5) / START_POINTS) for i in range(START_POINTS)]
    points += [KillPoint("opened", transaction * (i + 0.5) / OPENED_POINTS) for i in range(OPENED_POINTS)]
    points += [KillPoint("wal", largest * (i + 1) / WAL_POINTS) for i in range(WAL_POINTS)]
    # closer together just after the commit, where the checkpoint copies the -wal file into the database
    points += [KillPoint("written", after_commit / 2 ** (WRITTEN_POINTS - i)) for i in range(WRITTEN_POINTS)]
    return points


# --- the test ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Killed:
    point: KillPoint
    run: Run
    left: str  # before / after


def kill_and_check(
    scene: Scene, number: int, point: KillPoint, full_wal: int, lock: threading.Lock
) -> Killed | None:
    """One kill point: the run in a fresh copy, then the checks (one at a time: they share this
    process, while the other worker's subprocess runs on the other core)."""
    home = scene.fresh_copy(f"kill-{number:02d}")
    run = run_import(home, scene.bundle, point, full_wal=full_wal)
    where = f"kill point {number} ({point}, process ended after {run.elapsed * 1000:.0f} ms)"
    with lock:
        try:
            if not run.killed:
                # the process got there first: it must have finished the import properly
                assert run.returncode == 0, f"{where}: not killed, and failed: {run.output}"
                return None
            return Killed(point, run, check_after_kill(scene, home, where))
        finally:
            shutil.rmtree(home, ignore_errors=True)


def check_after_kill(scene: Scene, home: Path, where: str) -> str:
    state = read_state(home)
    if state == scene.before:
        left = "before"
    elif state == scene.after:
        left = "after"
    else:
        pytest.fail(
            f"{where}: neither the state before nor after; differs from before in "
            f"{state.differences(scene.before)}, from after in {state.differences(scene.after)}"
        )
    assert not torn_photo_files(home), f"{where}: a photo file holds other bytes than its name says"

    # the user runs the import again and is told exactly what happened
    code, message = import_again(home, scene.bundle)
    if left == "before":
        assert code == 0, f"{where}: the import again should apply it: exit {code} {message}"
        assert f"导入 {scene.op_count} 条新操作" in message and "本机已有" not in message, (
            f"{where}: {message}"
        )
    else:
        assert code == 10, f"{where}: the import again should find it already had: exit {code} {message}"
        assert "导入过" in message and "没有新内容" in message, f"{where}: {message}"
    again = read_state(home, app_first=False)
    assert again.records == scene.after.records, f"{where}: the import again gave other records"
    assert again.bookkeeping[0] == scene.after.bookkeeping[0], (
        f"{where}: the import again gave other operations"
    )
    entries = journal(home, scene.bundle_id)
    assert [e for e in entries if e[0] == "applied"] == [("applied", scene.op_count)], (
        f"{where}: journal {entries}"
    )
    blobs = BlobStore.of_home(home)
    assert all(blobs.has(sha) for sha in scene.photos), f"{where}: a photo's bytes are missing"
    return left


def test_import_killed_anywhere_leaves_before_or_after(scene: Scene) -> None:
    points = kill_points(scene.calibration)
    full_wal = max(r.largest for r in scene.calibration)
    lock = threading.Lock()
    switch = sys.getswitchinterval()
    sys.setswitchinterval(POLL)  # the polling worker gets its turn while the other one checks
    try:
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            futures = [
                pool.submit(kill_and_check, scene, number, point, full_wal, lock)
                for number, point in enumerate(points)
            ]
            try:
                results = [future.result() for future in futures]
            except BaseException:
                for future in futures:
                    future.cancel()
                raise
    finally:
        sys.setswitchinterval(switch)

    outcomes = [result for result in results if result is not None]
    inside = [o for o in outcomes if o.run.opened is not None and o.left == "before"]
    assert len(outcomes) >= MIN_KILLS, (
        f"only {len(outcomes)} of {len(points)} kill points caught the import running"
    )
    assert len(inside) >= 20, f"only {len(inside)} kills inside the transaction"
    assert any(o.left == "after" for o in outcomes), "no kill after the commit"
