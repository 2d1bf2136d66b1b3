"""Bad bundles: every kind is refused with a Chinese reason and changes nothing."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from records import make_id_number
from sqlalchemy import text

from desktop.media.blob_store import BlobStore
from desktop.services.exchange.bundles import Outcome, export_bundle
from desktop.services.households.households import add_household
from desktop.store.models import Photo
from desktop.store.oplog import Op
from desktop.store.types import canonical_json
from desktop.store.writer import ChangeWriter
from desktop.sync.container import BundleWriter
from desktop.sync.keys import DeviceKeys, load_keys

from .devices import Device, join, township_device, village_device


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Device, Device]:
    village, township = village_device(tmp_path, "v1"), township_device(tmp_path)
    join(village, township)
    for n in range(3):
        add_household(
            village.ledger,
            number=f"00{n}",
            head={"name": f"卓嘎{n}", "id_number": make_id_number(dt.date(1970, 1, 1), n + 1)},
        )
    yield village, township
    village.close()
    township.close()


def add_photo(device: Device, size: tuple[int, int] = (64, 48)) -> str:
    image = Image.effect_noise(size, 80).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    sha = BlobStore.of_home(device.home).put(buffer.getvalue())
    with device.ledger.store.session() as session:
        ChangeWriter(session).create(Photo, {"sha256": sha, "caption": "危房改造后", "mime": "image/jpeg"})
    return sha


def rewrite(
    source: Path,
    target: Path,
    change: dict[str, bytes | None],
    *,
    keys: DeviceKeys | None = None,
    compression: int = zipfile.ZIP_STORED,
) -> Path:
    """Copy a bundle's members into a new ZIP, replacing (or with None dropping) some. With ``keys``
    the file is signed again (a sender's own key: what its content checks must catch); without, it
    ends in the original signature, which no longer matches."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", compression) as zout:
        for info in zin.infolist():
            data = change.get(info.filename, zin.read(info.filename))
            if data is not None:
                zout.writestr(info.filename, data)
        for name, data in change.items():
            if name not in zin.namelist() and data is not None:
                zout.writestr(name, data)
        zout.comment = zin.comment
    if keys is not None:
        sign_file(target, keys)
    return target


def sign_file(path: Path, keys: DeviceKeys) -> Path:
    """Sign a file that ends in a bundle signature (docs/bundle-format.md §2) with ``keys``."""
    data = path.read_bytes()
    assert data[-155:-128] == b"zhucun-bundle-v2 signature "
    digest = hashlib.sha256(data[:-128]).digest()
    path.write_bytes(data[:-128] + keys.sign(b"zhucun-bundle-v2\n" + digest).hex().encode())
    return path


def member_offsets(bundle: Path) -> dict[str, int]:
    """Where each member's bytes start in the file."""
    offsets = {}
    with zipfile.ZipFile(bundle) as archive, open(bundle, "rb") as raw:
        for info in archive.infolist():
            raw.seek(info.header_offset + 26)
            name_len, extra_len = int.from_bytes(raw.read(2), "little"), int.from_bytes(raw.read(2), "little")
            offsets[info.filename] = info.header_offset + 30 + name_len + extra_len
    return offsets


def flipped(bundle: Path, offset: int, target: Path) -> Path:
    data = bytearray(bundle.read_bytes())
    data[offset] ^= 0x01
    target.write_bytes(bytes(data))
    return target


def assert_rejected(township: Device, bundle: Path, *words: str) -> str:
    before = township.dump()
    report = township.receive(bundle)
    assert report.outcome == Outcome.REJECTED, report.message
    for word in words:
        assert word in report.message
    assert township.dump() == before
    return report.message


def test_a_flipped_byte_in_any_member_is_refused(pair: tuple[Device, Device], tmp_path: Path) -> None:
    village, township = pair
    add_photo(village)
    bundle = village.send(township)
    offsets = member_offsets(bundle)
    sizes = {info.filename: info.file_size for info in zipfile.ZipFile(bundle).infolist()}
    assert {"manifest.json", "control.bin"} <= set(offsets)
    assert any(name.startswith("ops/") for name in offsets) and any(
        name.startswith("blobs/") for name in offsets
    )
    for name, start in offsets.items():
        for position in (start, start + sizes[name] // 2, start + sizes[name] - 1):
            message = assert_rejected(township, flipped(bundle, position, tmp_path / "bad.zcb"))
            assert message  # a reason, in Chinese
            assert any("\u4e00" <= ch <= "\u9fff" for ch in message)
    assert township.receive(bundle).outcome == Outcome.APPLIED  # the original is still good


def test_a_flipped_byte_anywhere_never_changes_what_is_imported(
    pair: tuple[Device, Device], tmp_path: Path
) -> None:
    village, township = pair
    bundle = village.send(township)
    reference_home = tmp_path / "reference"
    shutil.copytree(township.home, reference_home)
    size = bundle.stat().st_size
    outcomes = set()
    for offset in range(0, size, max(1, size // 60)):
        report = township.receive(flipped(bundle, offset, tmp_path / "bad.zcb"))
        outcomes.add(report.outcome)
        assert report.outcome in (Outcome.REJECTED, Outcome.APPLIED, Outcome.ALREADY_HAD)
    township.receive(bundle)
    # whatever was accepted is exactly the untampered content
    from desktop.app import open_ledger

    clean = Device("ref", reference_home, open_ledger(reference_home))
    clean.receive(bundle)
    assert township.dump() == clean.dump()
    assert Outcome.REJECTED in outcomes
    clean.close()


@pytest.mark.parametrize("keep", [0.0, 0.1, 0.5, 0.9, 0.999])
def test_a_truncated_bundle_is_refused(pair: tuple[Device, Device], tmp_path: Path, keep: float) -> None:
    village, township = pair
    bundle = village.send(township)
    data = bundle.read_bytes()
    cut = tmp_path / "cut.zcb"
    cut.write_bytes(data[: int(len(data) * keep)])
    message = assert_rejected(township, cut)
    assert "不是同步包" in message or "不完整" in message or "损坏" in message


@pytest.mark.parametrize(
    "content",
    [b"", b"hello", "台账".encode() * 100, b"PK\x03\x04" + b"\0" * 100],
    ids=["empty", "text", "chinese", "zip-header"],
)
def test_a_file_that_is_not_a_bundle_is_refused(
    pair: tuple[Device, Device], tmp_path: Path, content: bytes
) -> None:
    _, township = pair
    path = tmp_path / "not-a-bundle.zcb"
    path.write_bytes(content)
    assert_rejected(township, path, "不是同步包")


def test_a_jpeg_is_not_a_bundle(pair: tuple[Device, Device], tmp_path: Path) -> None:
    _, township = pair
    path = tmp_path / "photo.zcb"
    Image.new("RGB", (10, 10)).save(path, "JPEG")
    assert_rejected(township, path, "不是同步包")


@pytest.mark.parametrize(
    "name", ["../evil.bin", "/etc/evil.bin", "ops/../../evil.bin", "C:\\evil.bin", "blobs/x.bin"]
)
def test_member_paths_that_escape_are_refused(pair: tuple[Device, Device], tmp_path: Path, name: str) -> None:
    village, township = pair
    bundle = village.send(township)
    evil = rewrite(bundle, tmp_path / "evil.zcb", {name: b"x"}, keys=load_keys(village.home))
    assert_rejected(township, evil, "不允许的成员名")
    assert not (tmp_path / "evil.bin").exists()


def test_a_compressed_member_is_refused(pair: tuple[Device, Device], tmp_path: Path) -> None:
    village, township = pair
    bundle = village.send(township)
    target = rewrite(
        bundle, tmp_path / "deflated.zcb", {}, keys=load_keys(village.home), compression=zipfile.ZIP_DEFLATED
    )
    assert_rejected(township, target, "压缩")


def test_a_member_far_larger_than_declared_is_refused(pair: tuple[Device, Device], tmp_path: Path) -> None:
    """A signed bundle (a stolen key, or a bug) whose control member inflates to 200 MB while the
    manifest declares 1 KB: decompression stops at the declared size."""
    village, township = pair
    keys = load_keys(village.home)
    from desktop.services.exchange.identity import my_identity

    recipient = my_identity(township.ledger)
    target = tmp_path / "bomb.zcb"
    with open(target, "w+b") as handle:
        writer = BundleWriter(
            handle, bundle_id="01a20000-0000-7000-8000-000000000001", recipient_box_key=recipient.box_key
        )
        writer.add("control.bin", "control", b" " * (200 * 1024 * 1024))
        writer.members[0] = dataclasses.replace(writer.members[0], plain_size=1024)
        manifest = json.loads(zipfile.ZipFile(village.send(township)).read("manifest.json"))
        for key in ("format", "format_version", "encryption", "members"):
            del manifest[key]
        writer.finish({**manifest, "bundle_id": "01a20000-0000-7000-8000-000000000001"}, keys)
    assert target.stat().st_size < 1024 * 1024  # the bomb is small on disk
    assert_rejected(township, target, "control.bin")


def test_a_newer_bundle_names_the_version_to_install(pair: tuple[Device, Device], tmp_path: Path) -> None:
    village, township = pair
    bundle = village.send(township)
    with zipfile.ZipFile(bundle) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    keys = load_keys(village.home)
    manifest.update(schema="0099", app_version="0.9.0")
    data = canonical_json(manifest).encode()
    newer = rewrite(bundle, tmp_path / "newer.zcb", {"manifest.json": data}, keys=keys)
    assert_rejected(township, newer, "请安装 Zhucun 0.9.0")
    manifest.update(schema="0002", format_version=4)
    data = canonical_json(manifest).encode()
    newer = rewrite(bundle, tmp_path / "newer2.zcb", {"manifest.json": data}, keys=keys)
    assert_rejected(township, newer, "请安装 Zhucun 0.9.0", "第 4 版")
    # a later format that signs differently still names the version when its manifest is readable
    later = bytearray(newer.read_bytes())
    later[-155:-128] = b"zhucun-bundle-v4 signature "
    newer.write_bytes(bytes(later))
    assert_rejected(township, newer, "请安装 Zhucun 0.9.0", "第 4 版")


def test_a_version_1_bundle_is_refused_with_what_to_do(pair: tuple[Device, Device], tmp_path: Path) -> None:
    """Version 1 signed only the manifest; its ZIP headers could be changed unnoticed. Decided: refused
    (docs/bundle-format.md §8), with a line saying the sender should update and export again."""
    village, township = pair
    bundle = village.send(township)
    with zipfile.ZipFile(bundle) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    manifest["format_version"] = 1
    data = canonical_json(manifest).encode()
    signature = base64.b64encode(load_keys(village.home).sign(b"zhucun-bundle-v1\n" + data))
    old = rewrite(bundle, tmp_path / "v1.zcb", {"manifest.json": data, "manifest.sig": signature})
    with zipfile.ZipFile(old, "a") as archive:
        archive.comment = b""
    assert_rejected(township, old, "旧版", "重新导出")


def test_an_edited_manifest_breaks_the_signature(pair: tuple[Device, Device], tmp_path: Path) -> None:
    village, township = pair
    bundle = village.send(township)
    with zipfile.ZipFile(bundle) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    manifest["counts"]["ops"] += 1
    edited = rewrite(bundle, tmp_path / "edited.zcb", {"manifest.json": canonical_json(manifest).encode()})
    assert_rejected(township, edited, "签名不对")


def test_a_missing_member_is_refused(pair: tuple[Device, Device], tmp_path: Path) -> None:
    village, township = pair
    bundle = village.send(township)
    dropped = rewrite(
        bundle, tmp_path / "dropped.zcb", {"ops/000001.bin": None}, keys=load_keys(village.home)
    )
    assert_rejected(township, dropped, "缺少成员")


def test_a_cloned_device_forks_its_chain_and_is_refused(pair: tuple[Device, Device], tmp_path: Path) -> None:
    """Someone copies the village's data folder to a second laptop and both keep writing."""
    village, township = pair
    clone_home = tmp_path / "clone"
    village.ledger.store.close()
    shutil.copytree(village.home, clone_home)
    from desktop.app import open_ledger

    village.ledger = open_ledger(village.home)
    clone = Device("clone", clone_home, open_ledger(clone_home))
    add_household(
        village.ledger,
        number="100",
        head={"name": "原机", "id_number": make_id_number(dt.date(1980, 1, 1), 7)},
    )
    add_household(
        clone.ledger,
        number="200",
        head={"name": "复制机", "id_number": make_id_number(dt.date(1981, 1, 1), 8)},
    )
    township.receive(village.send(township))
    message = assert_rejected(township, clone.send(township), "分叉")
    assert "复制" in message
    clone.close()


def test_cancelled_export_leaves_no_file(pair: tuple[Device, Device], tmp_path: Path) -> None:
    village, township = pair
    target = tmp_path / "stick" / "cancelled.zcb"
    target.parent.mkdir()
    from desktop.domain.errors import UserError

    with pytest.raises(UserError, match="已取消"):
        export_bundle(village.ledger, township.fingerprint, target, progress=lambda done, total: False)
    assert list(target.parent.iterdir()) == []


FULL_DISK_SCRIPT = """
import resource, signal, sys
from pathlib import Path
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[3]), int(sys.argv[3])))
from desktop.cli import main
sys.exit(main(["--home", sys.argv[1], "bundle", "export", "--to", sys.argv[2], "--out", sys.argv[4]]))
"""


@pytest.mark.skipif(os.name == "nt", reason="RLIMIT_FSIZE is POSIX")
def test_a_full_disk_while_exporting_leaves_no_partial_bundle(
    pair: tuple[Device, Device], tmp_path: Path
) -> None:
    village, township = pair
    for _ in range(3):
        add_photo(village, (900, 700))  # ~ 3 × 250 KB of noise
    database = village.home / "zhucun.sqlite3"
    village.ledger.store.close()  # its write-ahead log folded in: the file at its full size
    limit = max(database.stat().st_size * 2, 400_000)  # room for the database, not for the bundle
    stick = tmp_path / "stick"
    stick.mkdir()
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            FULL_DISK_SCRIPT,
            str(village.home),
            township.fingerprint,
            str(limit),
            str(stick / "full.zcb"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    assert result.returncode == 4, result.stderr
    assert "磁盘空间不足" in result.stderr
    assert list(stick.iterdir()) == []
    from desktop.app import open_ledger

    village.ledger = open_ledger(village.home)
    assert township.receive(village.send(township)).outcome == Outcome.APPLIED
    hashes = {
        hashlib.sha256(p.read_bytes()).hexdigest()
        for p in BlobStore.of_home(township.home).root.rglob("*.bin")
    }
    assert len(hashes) == 3


LIST_SCRIPT = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[2]), int(sys.argv[2])))
from desktop.cli import main
sys.exit(main(["--home", sys.argv[1], "household", "list"]))
"""


@pytest.mark.skipif(os.name == "nt", reason="RLIMIT_FSIZE is POSIX")
def test_a_day_whose_backup_cannot_be_written_still_runs_the_command(
    pair: tuple[Device, Device], tmp_path: Path
) -> None:
    """The day's backup is the program's own extra: a disk that cannot take it (here a file size
    limit below the ledger's) skips it and leaves no partial file; the secretary's command runs."""
    village, _township = pair
    database = village.home / "zhucun.sqlite3"
    village.ledger.store.close()
    for old in (village.home / "backups").glob("*"):
        old.unlink()  # the day's backup is due
    result = subprocess.run(
        [sys.executable, "-c", LIST_SCRIPT, str(village.home), str(database.stat().st_size // 2)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    assert result.returncode == 0, result.stderr
    assert "卓嘎0" in result.stdout and "共 3 户" in result.stdout
    assert list((village.home / "backups").glob("*")) == []
    from desktop.app import open_ledger

    village.ledger = open_ledger(village.home)  # the next opening with room makes it
    assert len(list((village.home / "backups").glob("*daily*"))) == 1


def test_a_bundle_from_an_older_schema_is_accepted(pair: tuple[Device, Device], tmp_path: Path) -> None:
    """Operations are never rewritten (their hashes must verify); fields an older schema wrote are
    folded as they are, and fields a newer one dropped are kept in the log and ignored."""
    village, township = pair
    bundle = village.send(township)
    with zipfile.ZipFile(bundle) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    manifest["schema"] = "0001"
    data = canonical_json(manifest).encode()
    older = rewrite(bundle, tmp_path / "older.zcb", {"manifest.json": data}, keys=load_keys(village.home))
    assert township.receive(older).outcome == Outcome.APPLIED
    assert township.dump("513301") == village.dump("513301")


@pytest.mark.parametrize(
    ("wrong", "reason"),
    [
        (lambda value: [value], "应为文本"),
        (lambda value: {"v": value}, "应为文本"),
        (lambda value: 5, "应为文本"),
        (lambda value: "卓" * 5000, "超过"),
    ],
)
def test_a_signed_operation_with_a_value_of_the_wrong_type_is_refused(
    pair: tuple[Device, Device], tmp_path: Path, wrong: Any, reason: str
) -> None:
    """A trusted sender's own chain, correctly hashed and signed, whose last operation carries a value
    its column cannot hold (a bug or a hostile device): refused by name before anything is stored."""
    village, township = pair
    engine = village.ledger.store.engine
    with engine.begin() as connection:
        row = connection.execute(
            text("SELECT * FROM op_log WHERE origin = :o ORDER BY seq DESC LIMIT 1"),
            {"o": village.device_id},
        ).mappings().one()
        fields = json.loads(row["fields"])
        name = next(n for n in ("name", "number", "address") if isinstance(fields.get(n), str))
        forged = Op.make(
            origin=row["origin"], seq=row["seq"], hlc=row["hlc"], author=row["author"],
            table=row["table_name"], record_id=row["record_id"], prev_hash=row["prev_hash"],
            fields={**fields, name: wrong(fields[name])},
            base=json.loads(row["base"]) if row["base"] else None,
        )  # fmt: skip
        connection.execute(
            text("UPDATE op_log SET fields = :f, hash = :h WHERE origin = :o AND seq = :s"),
            {"f": canonical_json(forged.fields), "h": forged.hash, "o": forged.origin, "s": forged.seq},
        )
        connection.execute(text("UPDATE device_state SET chain_head = :h"), {"h": forged.hash})
    bundle = village.send(township)
    message = assert_rejected(township, bundle, f"{row['table_name']}.{name}", reason)
    assert f"第 {row['seq']} 条操作" in message
