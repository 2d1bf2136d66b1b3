"""The cost of encryption at rest: the same ledger plain and encrypted (SQLCipher, the data key raw).

Both stores are opened as the app opens them. The encrypted one has an 8 MB page cache (pinned in
``make_engine``; Python's sqlite3 default is 2 MB) and the conversion leaves a compacted file, so its
reads can be as fast as the plain one's or faster: pages are decrypted only on a cache miss. With the
same 2 MB cache on both, encrypted search measured about 1.5x plain.

Prints, for each, as times and as ratios encrypted / plain: household search (median and p95 of many,
through the service the CLI and GUI use, in one village and across the township); operations folded
into a fresh store in one transaction (what importing a bundle costs); single edits, each its own
durable transaction (what typing in the GUI costs). Also the one-off costs: converting the plain folder
(``security enable``) and unlocking (the production Argon2id setting).

    .venv/bin/python bench/bench_encryption.py [--households 2000] [--villages 2] [--searches 200] [--edits 100]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from desktop.app import open_ledger
from desktop.services.context import Ledger
from desktop.services.demo import create_demo
from desktop.services.households.households import edit_household, list_households
from desktop.services.security.encryption import enable_encryption
from desktop.services.security.users import unlock
from desktop.store.database import Store, StoreLocation, open_store
from desktop.store.fold import apply_ops
from desktop.store.keyring import Keyring, new_data_key, write_keyring
from desktop.store.models import Household, Operation
from desktop.store.oplog import Op

SEARCHES = ["zg", "卓嘎", "次仁", "0012", "1380", "zx", "格桑拉姆", "5133011980"]
PASSPHRASE = "bench-口令-2026"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=2000)
    parser.add_argument("--villages", type=int, default=2)
    parser.add_argument("--searches", type=int, default=200)
    parser.add_argument("--edits", type=int, default=100)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="zhucun-bench-enc-"))

    ledger = open_ledger(work / "plain", create=True)
    create_demo(ledger, households=args.households, villages=args.villages)
    with ledger.store.read_session() as session:
        ops = [Op.from_row(r) for r in session.execute(select(Operation).order_by(Operation.hlc)).scalars()]
    ledger.store.close()
    print(f"ledger: {args.households} households in {args.villages} villages, {len(ops)} operations")

    shutil.copytree(work / "plain", work / "encrypted")
    t0 = time.perf_counter()
    enable_encryption(work / "encrypted", user="扎西", passphrase=PASSPHRASE)
    print(f"security enable (convert in place, production Argon2id): {time.perf_counter() - t0:.2f} s")
    t0 = time.perf_counter()
    unlocked = unlock(work / "encrypted", PASSPHRASE)
    print(f"unlock (Argon2id m=64 MiB t=3 p=4): {time.perf_counter() - t0:.2f} s")

    plain = open_ledger(work / "plain")
    encrypted = open_ledger(work / "encrypted", unlocked=unlocked)
    rows: list[tuple[str, float, float, str]] = []
    try:
        for scope, everywhere in (("one village", False), ("whole township", True)):
            p, e = _searches(plain, encrypted, args.searches, everywhere)
            rows.append(
                (f"household search, {scope}: median", statistics.median(p), statistics.median(e), "ms")
            )
            rows.append((f"household search, {scope}: p95", _p95(p), _p95(e), "ms"))
        edit_plain, edit_encrypted = _edits(plain, encrypted, args.edits)
        rows.append(("single edit (one durable transaction): median", edit_plain, edit_encrypted, "ms"))
    finally:
        plain.store.close()
        encrypted.store.close()

    key = new_data_key()
    folds: tuple[list[float], list[float]] = ([], [])
    for attempt in range(2):  # alternating, fresh stores each time; the better of two
        folds[0].append(_fold(StoreLocation(work / f"fold-plain-{attempt}"), ops))
        write_keyring(work / f"fold-encrypted-{attempt}", Keyring(()).with_user("扎西", PASSPHRASE, key))
        folds[1].append(_fold(StoreLocation(work / f"fold-encrypted-{attempt}", data_key=key), ops))
    rows.append((f"fold {len(ops)} operations into a fresh store", min(folds[0]), min(folds[1]), "s"))

    print(f"{'':52} {'plain':>10} {'encrypted':>10} {'ratio':>7}")
    for label, plain_s, encrypted_s, unit in rows:
        scale = 1000 if unit == "ms" else 1
        print(
            f"{label:52} {plain_s * scale:>8.2f}{unit:>2} {encrypted_s * scale:>8.2f}{unit:>2}"
            f" {encrypted_s / plain_s:>6.2f}x"
        )
    print(f"data in {work}")


def _searches(
    plain: Ledger, encrypted: Ledger, count: int, everywhere: bool
) -> tuple[list[float], list[float]]:
    """The same searches on both, alternating (after one warm-up round each), so neither gets the
    warmer machine."""
    timings: tuple[list[float], list[float]] = ([], [])
    for i in range(-len(SEARCHES), count):
        for side, ledger in enumerate((plain, encrypted) if i % 2 else (encrypted, plain)):
            t0 = time.perf_counter()
            list_households(ledger, search=SEARCHES[i % len(SEARCHES)], all_villages=everywhere)
            if i >= 0:
                timings[side if i % 2 else 1 - side].append(time.perf_counter() - t0)
    return timings


def _edits(plain: Ledger, encrypted: Ledger, count: int) -> tuple[float, float]:
    """Median time of one household edit on each, alternating."""
    ids = []
    for ledger in (plain, encrypted):
        with ledger.store.read_session() as session:
            ids.append(
                list(session.execute(select(Household.id).order_by(Household.id).limit(count)).scalars())
            )
    timings: tuple[list[float], list[float]] = ([], [])
    for number in range(min(len(ids[0]), len(ids[1]))):
        for side in (0, 1) if number % 2 else (1, 0):
            ledger = (plain, encrypted)[side]
            t0 = time.perf_counter()
            edit_household(ledger, ids[side][number], {"phone": f"1380000{number:04d}"})
            timings[side].append(time.perf_counter() - t0)
    return statistics.median(timings[0]), statistics.median(timings[1])


def _fold(location: StoreLocation, ops: list[Op]) -> float:
    store = open_store(location, create=True)
    try:
        return _timed(lambda: _apply(store, ops))
    finally:
        store.close()


def _apply(store: Store, ops: list[Op]) -> None:
    with store.session() as session:
        apply_ops(session, ops)


def _timed(work: Callable[[], None]) -> float:
    t0 = time.perf_counter()
    work()
    return time.perf_counter() - t0


def _p95(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.95)]


if __name__ == "__main__":
    main()
