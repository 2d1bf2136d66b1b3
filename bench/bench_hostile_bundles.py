"""Hostile bundles against a real township: every single-byte flip of a small real bundle, cuts at many
points, appended bytes, and manifests and control members with fields of the wrong type (signed
again with the sender's real key). Prints, per class: tried / refused with one clear Chinese line /
accepted / changed data / exit 70 (an exception escaping ``import_bundle``: what the CLI turns into 70).

    PYTHONPATH=. .venv/bin/python bench/bench_hostile_bundles.py            # this checkout
    PYTHONPATH=/work/main .venv/bin/python bench/bench_hostile_bundles.py   # another checkout's code

The crafting lives in tests/sync/hostile.py (loaded by path, so the code measured is whatever
``desktop`` is on PYTHONPATH).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import io
import json
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path
from types import ModuleType

from PIL import Image

from desktop.app import open_ledger
from desktop.media.blob_store import BlobStore
from desktop.services.context import Ledger
from desktop.services.exchange.bundles import Outcome, export_bundle, import_bundle
from desktop.services.exchange.identity import export_card, my_identity, trust_card
from desktop.services.households.households import add_household
from desktop.services.maintenance.dump import dump_ledger
from desktop.services.setup import init_township, init_village
from desktop.store.models import Photo
from desktop.store.writer import ChangeWriter
from desktop.sync import container
from desktop.sync.keys import load_keys

ROOT = Path(__file__).resolve().parents[1]


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


hostile = _load("hostile", ROOT / "tests" / "sync" / "hostile.py")
records = _load("records", ROOT / "tests" / "records.py")


def _ledger(home: Path) -> Ledger:
    ledger = open_ledger(home, create=True)
    ledger.today = lambda: dt.date(2026, 11, 23)
    return ledger


class Township:
    def __init__(self, home: Path, snapshot: Path) -> None:
        self.home, self.snapshot = home, snapshot
        self.ledger = open_ledger(home)
        self.clean = dump_ledger(self.ledger)

    def reset(self) -> None:
        self.ledger.store.close()
        shutil.rmtree(self.home)
        shutil.copytree(self.snapshot, self.home)
        self.ledger = open_ledger(self.home)


def setup(root: Path) -> tuple[Path, Township, Path, object, object]:
    village = _ledger(root / "village")
    init_village(village, code="513301", name="亚弄村", user="扎西", province="四川省", township="姑咱镇",
                 groups=["一组"])  # fmt: skip
    township = _ledger(root / "township")
    init_township(township, code="513301100", name="姑咱镇", user="洛桑")
    for ledger, other, name in ((village, township, "t"), (township, village, "v")):
        card = root / f"{name}.zcid"
        export_card(other, card)
        trust_card(ledger, card, my_identity(other).fingerprint)
    add_household(
        village,
        number="001",
        head={"name": "卓嘎", "id_number": records.make_id_number(dt.date(1970, 1, 1), 1)},
    )
    buffer = io.BytesIO()
    Image.effect_noise((16, 12), 80).convert("RGB").save(buffer, "JPEG", quality=60)
    sha = BlobStore.of_home(root / "village").put(buffer.getvalue())
    with village.store.session() as session:
        ChangeWriter(session).create(Photo, {"sha256": sha, "caption": "危房改造后", "mime": "image/jpeg"})
    bundle = export_bundle(village, my_identity(township).fingerprint, root / "real.zcb").path
    village.store.close()
    township.store.close()
    shutil.copytree(root / "township", root / "township-snapshot")
    return bundle, Township(root / "township", root / "township-snapshot"), root / "try.zcb", \
        load_keys(root / "village"), load_keys(root / "township")  # fmt: skip


def attempt(township: Township, path: Path, data: bytes) -> tuple[str, bool]:
    """(refused-clear | refused-unclear | accepted | exit70, data changed)"""
    path.write_bytes(data)
    try:
        report = import_bundle(township.ledger, path)
    except Exception:  # what the CLI would report as 内部错误, exit 70
        kind = "exit70"
    else:
        if report.outcome == Outcome.REJECTED:
            one_line = "\n" not in report.message and any("\u4e00" <= c <= "\u9fff" for c in report.message)
            kind = "refused" if one_line else "refused-unclear"
        else:
            kind = "accepted"
    changed = dump_ledger(township.ledger) != township.clean
    if changed or kind in ("accepted", "exit70"):
        township.reset()
    return kind, changed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--flips", type=int, default=0, help="flip only this many evenly spaced bytes (0: all)"
    )
    parser.add_argument("--verbose", action="store_true", help="name every variant that was not refused")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bundle, township, trial, sender, recipient = setup(Path(tmp))
        data = bundle.read_bytes()
        manifest, members = hostile.read_manifest_and_members(bundle, recipient)
        control = json.loads(next(plain for m, plain in members if m.name == "control.bin"))
        recipient_box = my_identity(township.ledger).box_key
        step = 1 if not args.flips else max(1, len(data) // args.flips)
        classes: dict[str, list[tuple[str, bytes]]] = {
            "flip one byte": [
                (f"flip byte {i}", data[:i] + bytes([data[i] ^ 0x01]) + data[i + 1 :])
                for i in range(0, len(data), step)
            ],
            "truncate": [
                (f"cut at {n}", data[:n])
                for n in sorted({*range(0, len(data), max(1, len(data) // 97)), len(data) - 1})
            ],
            "append": [
                (f"append {len(extra)} bytes", data + extra)
                for extra in (b"\0", b"x" * 10, b"PK\x05\x06" + b"\0" * 18, data[-200:])
            ],
            "manifest fields": [
                (label, hostile.with_manifest(data, value, sender))
                for label, value in hostile.manifest_cases(manifest)
            ],
            "control fields": [
                (label, hostile.with_control(manifest, members, value, sender, recipient_box))
                for label, value in hostile.control_cases(control)
            ],
        }
        print(f"format version {container.FORMAT_VERSION}; real bundle {len(data)} bytes, "
              f"{len(members)} members")  # fmt: skip
        print(
            f"{'class':<18}{'tried':>7}{'refused, 1 line':>17}{'accepted':>10}{'changed data':>14}{'exit 70':>9}"
        )
        for name, variants in classes.items():
            counts: Counter[str] = Counter()
            for label, variant in variants:
                kind, changed = attempt(township, trial, variant)
                counts[kind] += 1
                counts["changed"] += changed
                if kind != "refused" and args.verbose:
                    print(f"  {kind}: {label}")
            print(
                f"{name:<18}{len(variants):>7}{counts['refused']:>17}{counts['accepted']:>10}"
                f"{counts['changed']:>14}{counts['exit70']:>9}"
                + (
                    f"  (refused without a clear line: {counts['refused-unclear']})"
                    if counts["refused-unclear"]
                    else ""
                )
            )
        township.ledger.store.close()


if __name__ == "__main__":
    main()
