"""Sync from an encrypted village: bundles need the passphrase; with it, records and photos travel as
before (the township receives the plain photo bytes inside the bundle's own encryption)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sync.devices import Device, join, township_device, village_device

from desktop.app import open_ledger
from desktop.domain.errors import StoreProblem
from desktop.media.blob_store import BlobStore
from desktop.services.exchange.bundles import Outcome
from desktop.services.security.encryption import enable_encryption
from desktop.services.security.users import unlock
from desktop.sync.keys import load_keys

from .conftest import PASSPHRASE, TODAY, fill, plaintext_in

REPO = Path(__file__).resolve().parents[2]
LIGHT_CLI = Path(__file__).with_name("light_cli.py")


def zhucun(home: Path, *argv: str, passphrase: str | None = None) -> subprocess.CompletedProcess[str]:
    """The real command in its own process, with or without ZHUCUN_PASSPHRASE (stdin is no terminal)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZHUCUN_")}
    if passphrase is not None:
        env["ZHUCUN_PASSPHRASE"] = passphrase
    command = [sys.executable, str(LIGHT_CLI), "--home", str(home), *argv]
    return subprocess.run(
        command, cwd=REPO, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False
    )


@pytest.fixture
def pair(tmp_path: Path):
    village, township = village_device(tmp_path, "village"), township_device(tmp_path)
    join(village, township)
    photos = fill(village.ledger, tmp_path)
    township.card  # noqa: B018 - written now, while the township's ledger is open
    village.close()
    enable_encryption(village.home, user="扎西", passphrase=PASSPHRASE)
    yield village, township, photos
    township.close()


def test_a_process_without_the_passphrase_cannot_export_a_bundle(pair, tmp_path: Path) -> None:
    village, township, _ = pair
    stick = tmp_path / "stick-out"
    stick.mkdir()
    card = str(township.card)
    for passphrase, message in ((None, "ZHUCUN_PASSPHRASE"), ("一个猜出来的口令", "口令不对")):
        run = zhucun(
            village.home, "bundle", "export", "--to", card, "--out", str(stick), passphrase=passphrase
        )
        assert run.returncode == 2 and message in run.stderr, run
        assert list(stick.iterdir()) == []
    # a copied folder: neither the ledger nor the private keys open without the passphrase
    with pytest.raises(StoreProblem):
        open_ledger(village.home)
    with pytest.raises(StoreProblem, match="已加密"):
        load_keys(village.home)

    run = zhucun(village.home, "bundle", "export", "--to", card, "--out", str(stick), passphrase=PASSPHRASE)
    assert run.returncode == 0, run.stderr
    (bundle,) = stick.iterdir()
    assert bundle.suffix == ".zcb" and plaintext_in(stick) == []


def test_records_and_photos_travel_both_ways(pair) -> None:
    village, township, photos = pair
    ledger = open_ledger(village.home, unlocked=unlock(village.home, PASSPHRASE))
    ledger.today = lambda: TODAY
    encrypted_village = Device("village", village.home, ledger)
    try:
        report = township.receive(encrypted_village.send(township))
        assert report.outcome == Outcome.APPLIED, report.message
        assert township.dump("513301") == encrypted_village.dump("513301")
        theirs = BlobStore.of_home(township.home)
        for sha in photos:
            assert hashlib.sha256(theirs.path(sha).read_bytes()).hexdigest() == sha  # the township is plain
        back = encrypted_village.receive(township.send(encrypted_village))
        assert back.outcome in (Outcome.APPLIED, Outcome.ALREADY_HAD), back.message
    finally:
        ledger.store.close()
    assert plaintext_in(village.home) == []
