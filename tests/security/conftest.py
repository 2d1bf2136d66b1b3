"""Encrypted data folders for the security tests, with a light key derivation (the production Argon2id
setting costs about half a second per unlock; the tests would spend minutes on it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from media.pictures import busy_scene, phone_jpeg, write
from records import make_id_number

from desktop.app import open_ledger
from desktop.services.context import Ledger
from desktop.services.households.households import add_household
from desktop.services.households.members import add_member
from desktop.services.photos import add_photos
from desktop.services.security.encryption import enable_encryption
from desktop.services.security.users import unlock
from desktop.services.setup import init_village
from desktop.store import kdf

from .light_cli import LIGHT_KDF

PASSPHRASE = "雪山下的格桑花2026"
TODAY = dt.date(2026, 11, 23)
# members: names and ID numbers that must never be readable in an encrypted folder
MEMBERS = [
    ("卓嘎", make_id_number(dt.date(1968, 3, 14), 2), "13800001111"),
    ("旺堆", make_id_number(dt.date(1991, 7, 2), 5), "13900002222"),
    ("德吉央宗", make_id_number(dt.date(2012, 11, 30), 8), None),
]


@pytest.fixture(autouse=True)
def _light_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kdf, "ARGON2ID", dict(LIGHT_KDF))


@dataclass
class Folder:
    home: Path
    recovery_code: str = ""
    photos: list[str] = field(default_factory=list)

    def open(self, passphrase: str = PASSPHRASE, user: str | None = None) -> Ledger:
        ledger = open_ledger(self.home, unlocked=unlock(self.home, passphrase, user))
        ledger.today = lambda: TODAY
        return ledger


def needles() -> dict[str, bytes]:
    """What a finder of the laptop must not read: each member's name, ID number and phone."""
    found: dict[str, bytes] = {}
    for name, id_number, phone in MEMBERS:
        found[name] = name.encode("utf-8")
        found[id_number] = id_number.encode("ascii")
        if phone:
            found[phone] = phone.encode("ascii")
    return found


def plaintext_in(home: Path) -> list[str]:
    """Every (file, value) where a member's name, ID number or phone is readable in the data folder:
    the database, its -wal, backups, photos, keys, everything."""
    hits = []
    for path in sorted(p for p in home.rglob("*") if p.is_file()):
        data = path.read_bytes()
        hits += [f"{path.relative_to(home)}: {label}" for label, value in needles().items() if value in data]
    return hits


def fill(ledger: Ledger, tmp: Path) -> list[str]:
    """Two households, their members and a photo; returns the stored photos' SHA-256."""
    (head, second, child) = MEMBERS
    add_household(
        ledger, number="001", head={"name": head[0], "id_number": head[1]}, fields={"phone": head[2]}
    )
    add_member(
        ledger, "001", {"name": second[0], "id_number": second[1], "relation": "之子", "phone": second[2]}
    )
    add_household(ledger, number="002", head={"name": child[0], "id_number": child[1]})
    picture = write(tmp, "厨房.jpg", phone_jpeg(busy_scene(640, 480), gps=(30.05, 101.95)))
    (added,) = add_photos(ledger, "001", [picture], caption="卓嘎家厨房")
    assert added.sha256 is not None
    return [added.sha256]


def plain_village(home: Path, tmp: Path) -> Folder:
    ledger = open_ledger(home, create=True)
    ledger.today = lambda: TODAY
    init_village(ledger, code="513301", name="亚弄村", user="扎西", groups=["一组"])
    photos = fill(ledger, tmp)
    ledger.store.backup("manual")
    ledger.store.close()
    return Folder(home, photos=photos)


@pytest.fixture
def encrypted(tmp_path: Path) -> Iterator[Folder]:
    """A village with members, a photo and backups, then encrypted by ``security enable``."""
    folder = plain_village(tmp_path / "home", tmp_path)
    result = enable_encryption(folder.home, user="扎西", passphrase=PASSPHRASE)
    folder.recovery_code = result.recovery_code
    yield folder


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """``cli(home, "household", "list", env={...})``: ``zhucun --home HOME …`` in this process, with only
    the given passphrase variables set (stdin is not a terminal here: nothing can be typed)."""
    from desktop.cli import main

    def run(home: Path, *argv: str, env: dict[str, str] | None = None) -> Run:
        for name in ("ZHUCUN_PASSPHRASE", "ZHUCUN_NEW_PASSPHRASE", "ZHUCUN_RECOVERY_CODE"):
            monkeypatch.delenv(name, raising=False)
        for name, value in (env or {}).items():
            monkeypatch.setenv(name, value)
        capsys.readouterr()
        try:
            code = main(["--home", str(home), *argv])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def snapshot(home: Path) -> dict[str, str]:
    """Every file of the data folder by its SHA-256."""
    import hashlib

    return {
        p.relative_to(home).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(home.rglob("*"))
        if p.is_file()
    }
