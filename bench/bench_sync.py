"""Sync bundle figures for one village (default 500 households and 2,000 photos of about 300 KB).

Prints: the full bundle a village device sends a township (export time and size, import time); the
bundle back (which tells the village what the township holds); 20 edits and the incremental bundle
they make (size, export and import time); and the physical reference, ``zip -0`` of the same photo
files plus ``sha256sum`` of them, timed in the same run, as ratios.

The photos are random-noise JPEGs made with Pillow (noise does not compress, as real photos barely do),
stored through the blob store and referenced by photo records written through the one write path.
Encoding 2,000 of them would dominate the set-up, so 16 noise images are encoded and each photo is one
of them with its own JPEG comment segment: every file is a valid, distinct JPEG.

``--compare DIR`` also times the full export and import with the code in DIR (for example the main
checkout), in a child process, on copies of the same two devices made before the first export: before
and after, with the reference, measured in one run. The full export and import print their CPU seconds
too (every thread of the process): on a shared machine the wall time swings with the others' load.

    .venv/bin/python bench/bench_sync.py [--households 500] [--photos 2000] [--photo-kb 300] [--compare DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from PIL import Image
from sqlalchemy import func, select

from desktop.app import open_ledger
from desktop.media import blob_store
from desktop.media.blob_store import BlobStore
from desktop.services.context import Ledger
from desktop.services.demo import create_demo
from desktop.services.exchange.bundles import ImportReport, Outcome, export_bundle, import_bundle
from desktop.services.exchange.identity import export_card, my_identity, trust_card
from desktop.services.households.households import edit_household
from desktop.services.setup import init_township
from desktop.store.models import Household, Operation, Photo
from desktop.store.writer import ChangeWriter
from desktop.sync import incoming
from desktop.sync.container import BundleWriter

T = TypeVar("T")
BASE_IMAGES = 16
PHOTOS_PER_TRANSACTION = 500
EDITS = 20


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=500)
    parser.add_argument("--photos", type=int, default=2000)
    parser.add_argument("--photo-kb", type=int, default=300, help="approximate size of one photo")
    parser.add_argument("--keep", action="store_true", help="keep the data folders (default: removed)")
    parser.add_argument("--compare", type=Path, help="another checkout whose export + import is timed too")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="zhucun-bench-sync-"))
    try:
        run(
            work,
            households=args.households,
            photos=args.photos,
            photo_bytes=args.photo_kb * 1024,
            compare=args.compare.resolve() if args.compare else None,
        )
    finally:
        if args.keep:
            print(f"data in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def run(work: Path, *, households: int, photos: int, photo_bytes: int, compare: Path | None = None) -> None:
    rows: list[tuple[str, float | None, int | None, str]] = []

    village = open_ledger(work / "village", create=True)
    seconds, summary = timed(lambda: create_demo(village, households=households))
    with village.store.read_session() as session:
        op_count = session.execute(select(func.count()).select_from(Operation)).scalar_one()
    rows.append(("demo village", seconds, None, f"{summary.households} households, {op_count} ops"))

    seconds, stored = timed(lambda: add_photos(village, photos, photo_bytes))
    total_photo_bytes = sum(path.stat().st_size for path in stored)
    rows.append(("photos made and stored", seconds, total_photo_bytes, f"{photos} photo records"))

    township = open_ledger(work / "township", create=True)
    init_township(township, code="513301207", name="姑咱镇", user="洛桑")
    village_fp, township_fp = introduce(work, village, township)
    stick = work / "stick"
    stick.mkdir()
    if compare is not None:  # the same two devices, for the other code, before anything is exported
        for name in ("village", "township"):
            shutil.copytree(work / name, work / f"compare-{name}")

    clock = PhotoClock()
    settle()
    with clock.export():
        started = cpu_seconds()
        seconds, full = timed(lambda: export_bundle(village, township_fp, stick / "full.zcb", full=True))
        export_cpu = cpu_seconds() - started
    export_full = seconds
    rows.append(
        (
            "full export (village)",
            seconds,
            full.size,
            f"{full.ops} ops, {full.blobs} photos, CPU {export_cpu:.2f} s",
        )
    )
    rows.append(("  of which photos", clock.seconds, None, "read, sealed, written (hashing beside)"))
    export_photos, clock.seconds = clock.seconds, 0.0
    settle()
    with clock.import_():
        started = cpu_seconds()
        seconds, report = timed(lambda: import_bundle(township, full.path))
        import_cpu = cpu_seconds() - started
    import_full = seconds
    expect(report, Outcome.APPLIED)
    rows.append(
        ("full import (township)", seconds, None, f"{report.applied} ops applied, CPU {import_cpu:.2f} s")
    )
    rows.append(
        ("  of which photos", clock.seconds, None, "named (proven beside the signature pass), synced")
    )
    import_photos = clock.seconds

    # the bundle back tells the village what the township holds: only then is the next one incremental
    seconds, back = timed(lambda: export_bundle(township, village_fp, stick / "back.zcb"))
    rows.append(("return export (township)", seconds, back.size, f"{back.ops} ops, {back.blobs} photos"))
    seconds, report = timed(lambda: import_bundle(village, back.path))
    expect(report, Outcome.ALREADY_HAD, Outcome.APPLIED)
    rows.append(("return import (village)", seconds, None, report.outcome.value))

    seconds, _ = timed(lambda: edit_some(village, EDITS))
    rows.append((f"{EDITS} edits (village)", seconds, None, "one transaction each"))
    seconds, small = timed(lambda: export_bundle(village, township_fp, stick / "incremental.zcb"))
    export_small = seconds
    rows.append(("incremental export", seconds, small.size, f"{small.ops} ops, {small.blobs} photos"))
    seconds, report = timed(lambda: import_bundle(township, small.path))
    import_small = seconds
    expect(report, Outcome.APPLIED)
    rows.append(("incremental import", seconds, None, f"{report.applied} ops applied"))

    settle()
    reference, tool = physical_reference(work, stored)
    rows.append((f"reference: {tool}", reference.seconds, reference.size, reference.detail))
    other: tuple[float, float, float, float] | None = None
    if compare is not None:
        village.store.close()  # its files are the other code's only in their copies; this frees memory
        settle()
        other = export_import_in_child(compare, work, township_fp)
        rows.append(
            (f"full export ({compare})", other[0], None, f"same devices, copied before, CPU {other[2]:.2f} s")
        )
        rows.append((f"full import ({compare})", other[1], None, f"CPU {other[3]:.2f} s"))

    print(
        f"zhucun sync bundles: {summary.households} households, {photos} photos of "
        f"~{total_photo_bytes / max(photos, 1) / 1024:.0f} KB ({total_photo_bytes / 2**20:.0f} MB)"
    )
    print(f"{'step':<30} {'time':>9} {'size':>11}  detail")
    for name, secs, size, detail in rows:
        print(f"{name:<30} {fmt_time(secs):>9} {fmt_size(size):>11}  {detail}")
    print(
        f"ratios to the reference: full export {export_full / reference.seconds:.1f}x, "
        f"full import {import_full / reference.seconds:.1f}x, "
        f"export + import {(export_full + import_full) / reference.seconds:.1f}x; "
        f"bundle size {full.size / reference.size:.3f}x the zip"
    )
    print(
        f"the photos' part alone: export {export_photos / reference.seconds:.2f}x + import "
        f"{import_photos / reference.seconds:.2f}x = {(export_photos + import_photos) / reference.seconds:.2f}x "
        "the reference (the rest: the one pass over the whole file for its signature on import, beside "
        "which the photos are decrypted, checked and written, and the operations: planning, verifying, "
        "folding)"
    )
    print(
        f"incremental bundle: {small.size / full.size * 100:.3f}% of the full one; "
        f"export {export_small * 1000:.0f} ms + import {import_small * 1000:.0f} ms"
    )
    if other is not None:
        print(
            f"{compare}: full export {other[0] / reference.seconds:.2f}x, "
            f"full import {other[1] / reference.seconds:.2f}x, "
            f"export + import {(other[0] + other[1]) / reference.seconds:.2f}x; this checkout "
            f"{(export_full + import_full) / reference.seconds:.2f}x, "
            f"{(export_full + import_full) / (other[0] + other[1]):.2f}x the time of {compare}; CPU of "
            f"export + import {export_cpu + import_cpu:.2f} s here, {other[2] + other[3]:.2f} s there "
            f"({(export_cpu + import_cpu) / (other[2] + other[3]):.2f}x)"
        )
    if tool.startswith("Python"):
        print("note: `zip` or `sha256sum` not found: the reference used Python's zipfile and hashlib")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (this process: both devices): {peak:.0f} MB")
    if compare is None:
        village.store.close()
    township.store.close()


_CHILD = """
import json, resource, sys, time
from pathlib import Path
from desktop.app import open_ledger
from desktop.services.exchange.bundles import export_bundle, import_bundle
work, township_fp = Path(sys.argv[1]), sys.argv[2]
village = open_ledger(work / "compare-village")
township = open_ledger(work / "compare-township")
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
started, cpu_started = time.perf_counter(), cpu()
full = export_bundle(village, township_fp, work / "compare.zcb", full=True)
exported, export_cpu = time.perf_counter() - started, cpu() - cpu_started
started, cpu_started = time.perf_counter(), cpu()
report = import_bundle(township, full.path)
imported, import_cpu = time.perf_counter() - started, cpu() - cpu_started
print(json.dumps({"export": exported, "import": imported, "export_cpu": export_cpu, "import_cpu": import_cpu,
                  "outcome": report.outcome.value}))
"""


def export_import_in_child(code: Path, work: Path, township_fp: str) -> tuple[float, float, float, float]:
    """The full export and import timed with the code in ``code`` (copies of the same devices): wall
    seconds of each, then CPU seconds of each."""
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(work), township_fp],
        env={**os.environ, "PYTHONPATH": str(code)},
        cwd=code,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{code}: export + import failed: {done.stderr}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if result["outcome"] != Outcome.APPLIED.value:
        raise SystemExit(f"{code}: import {result['outcome']}")
    return result["export"], result["import"], result["export_cpu"], result["import_cpu"]


# --- set-up --------------------------------------------------------------------------------------------


def add_photos(ledger: Ledger, count: int, photo_bytes: int) -> list[Path]:
    """``count`` photo records (about ``photo_bytes`` each) spread over the village's households."""
    bases = noise_jpegs(photo_bytes)
    blobs = BlobStore.of_home(ledger.store.location.home)
    with ledger.store.read_session() as session:
        households = list(session.execute(select(Household.id).order_by(Household.id)).scalars())
    taken = dt.datetime(2026, 6, 1, 9, 0)
    paths = []
    for start in range(0, count, PHOTOS_PER_TRANSACTION):
        with ledger.store.session() as session:
            writer = ChangeWriter(session)
            for number in range(start, min(count, start + PHOTOS_PER_TRANSACTION)):
                width, height, base = bases[number % len(bases)]
                sha = blobs.put(with_comment(base, f"zhucun bench photo {number}"))
                paths.append(blobs.path(sha))
                writer.create(
                    Photo,
                    {
                        "sha256": sha,
                        "household_id": households[number % len(households)],
                        "caption": f"入户照片 {number}",
                        "taken_at": taken + dt.timedelta(minutes=number),
                        "width": width,
                        "height": height,
                        "mime": "image/jpeg",
                    },
                )
    return paths


def noise_jpegs(photo_bytes: int) -> list[tuple[int, int, bytes]]:
    """Random-noise JPEGs of about ``photo_bytes``: the size is found from one trial image."""
    rng = random.Random(2016)

    def encode(width: int, height: int) -> bytes:
        image = Image.frombytes("RGB", (width, height), rng.randbytes(width * height * 3))
        out = io.BytesIO()
        image.save(out, "JPEG", quality=90)
        return out.getvalue()

    trial = len(encode(400, 300))
    scale = (photo_bytes / trial) ** 0.5
    width, height = max(8, round(400 * scale)), max(6, round(300 * scale))
    return [(width, height, encode(width, height)) for _ in range(BASE_IMAGES)]


def with_comment(jpeg: bytes, text: str) -> bytes:
    """The same image with a COM segment right after SOI: a valid JPEG with bytes of its own."""
    payload = text.encode("ascii")
    return jpeg[:2] + b"\xff\xfe" + (len(payload) + 2).to_bytes(2, "big") + payload + jpeg[2:]


def introduce(work: Path, village: Ledger, township: Ledger) -> tuple[str, str]:
    """Each trusts the other's card (what the phone call with fingerprints does)."""
    cards = {}
    for name, ledger in (("village", village), ("township", township)):
        cards[name] = work / f"{name}.zcid"
        export_card(ledger, cards[name])
    village_fp, township_fp = my_identity(village).fingerprint, my_identity(township).fingerprint
    trust_card(village, cards["township"], township_fp)
    trust_card(township, cards["village"], village_fp)
    return village_fp, township_fp


def edit_some(ledger: Ledger, count: int) -> None:
    with ledger.store.read_session() as session:
        households = list(session.execute(select(Household.id).order_by(Household.id)).scalars())
    for number, household in enumerate(households[:count]):
        edit_household(ledger, household, {"phone": f"139{number:08d}", "note": f"第 {number} 次走访后更新"})


def expect(report: ImportReport, *outcomes: Outcome) -> None:
    if report.outcome not in outcomes:
        raise SystemExit(f"import {report.path.name}: {report.outcome} {report.message}")


def settle() -> None:
    """Write back what earlier steps left dirty (the photos just made, the copies for ``--compare``, the
    reference's zip), so no timed step pays for another's disk writes."""
    if hasattr(os, "sync"):
        os.sync()


class PhotoClock:
    """The seconds an export or import of this checkout spends in its photo steps (the rest: the import's
    one pass over the whole file for its signature, and the operations: planning, verifying, folding),
    by wrapping those steps for the length of a block."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def _wrap(self, owner: Any, name: str) -> Callable[[], None]:
        original = getattr(owner, name)

        def timed_step(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started

        setattr(owner, name, timed_step)
        return lambda: setattr(owner, name, original)

    @contextmanager
    def export(self) -> Iterator[None]:
        undo = [self._wrap(BlobStore, "read"), self._wrap(BundleWriter, "add_photo")]
        try:
            yield
        finally:
            for step in undo:
                step()

    @contextmanager
    def import_(self) -> Iterator[None]:
        undo = [self._wrap(incoming, "_prove_photos"), self._wrap(blob_store._Batch, "finish")]
        try:
            yield
        finally:
            for step in undo:
                step()


# --- the physical reference ----------------------------------------------------------------------------


class Reference:
    def __init__(self, seconds: float, size: int, detail: str) -> None:
        self.seconds, self.size, self.detail = seconds, size, detail


def physical_reference(work: Path, files: list[Path]) -> tuple[Reference, str]:
    """``zip -0`` of the photo files plus ``sha256sum`` of them (Python's zipfile and hashlib without
    those tools)."""
    target = work / "reference.zip"
    root = files[0].parents[1] if files else work
    names = [str(path.relative_to(root)) for path in files]
    if shutil.which("zip") and shutil.which("sha256sum"):
        started = time.perf_counter()
        subprocess.run(
            ["zip", "-0", "-q", "-@", str(target)], cwd=root, input="\n".join(names).encode(), check=True
        )
        zipped = time.perf_counter() - started
        started = time.perf_counter()
        subprocess.run(["sha256sum", *names], cwd=root, check=True, stdout=subprocess.DEVNULL)
        hashed = time.perf_counter() - started
        tool = "zip -0 + sha256sum"
    else:
        started = time.perf_counter()
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_STORED) as archive:
            for path, name in zip(files, names, strict=True):
                archive.write(path, name)
        zipped = time.perf_counter() - started
        started = time.perf_counter()
        for path in files:
            hashlib.sha256(path.read_bytes()).hexdigest()
        hashed = time.perf_counter() - started
        tool = "Python zipfile + hashlib"
    detail = f"zip {fmt_time(zipped)}, sha256 {fmt_time(hashed)}"
    return Reference(zipped + hashed, target.stat().st_size, detail), tool


# --- output --------------------------------------------------------------------------------------------


def cpu_seconds() -> float:
    """CPU seconds of this process so far, every thread's."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed(action: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def fmt_time(seconds: float | None) -> str:
    if seconds is None:
        return ""
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def fmt_size(size: int | None) -> str:
    if size is None:
        return ""
    if size >= 2**20:
        return f"{size / 2**20:.1f} MB"
    return f"{size / 1024:.1f} KB"


if __name__ == "__main__":
    main()
