"""Real devices for sync tests: each a data folder with its own SQLite file, keys and identity."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from desktop.app import open_ledger
from desktop.services.context import Ledger
from desktop.services.exchange.bundles import ImportReport, export_bundle, import_bundle
from desktop.services.exchange.identity import export_card, my_identity, trust_card
from desktop.services.maintenance.dump import dump_ledger
from desktop.services.setup import init_township, init_village

TODAY = dt.date(2026, 11, 23)


@dataclass
class Device:
    name: str
    home: Path
    ledger: Ledger

    @property
    def card(self) -> Path:
        path = self.home.parent / f"{self.name}.zcid"
        if not path.exists():
            export_card(self.ledger, path)
        return path

    @property
    def fingerprint(self) -> str:
        return my_identity(self.ledger).fingerprint

    @property
    def device_id(self) -> str:
        return my_identity(self.ledger).device_id

    def trust(self, other: Device) -> None:
        trust_card(self.ledger, other.card, other.fingerprint)

    def send(self, other: Device, *, full: bool = False, name: str | None = None) -> Path:
        out = self.home.parent / "stick" / (name or f"{self.name}-to-{other.name}-{_next()}.zcb")
        out.parent.mkdir(exist_ok=True)
        return export_bundle(self.ledger, other.fingerprint, out, full=full).path

    def receive(self, bundle: Path, *, dry_run: bool = False) -> ImportReport:
        return import_bundle(self.ledger, bundle, dry_run=dry_run)

    def dump(self, village_code: str | None = None) -> str:
        return dump_ledger(self.ledger, village_code=village_code)

    def close(self) -> None:
        self.ledger.store.close()


_counter = iter(range(1, 1_000_000))


def _next() -> int:
    return next(_counter)


def village_device(
    root: Path, name: str, *, code: str = "513301", village: str = "亚弄村", user: str = "扎西"
) -> Device:
    home = root / name
    ledger = open_ledger(home, create=True)
    ledger.today = lambda: TODAY
    init_village(
        ledger,
        code=code,
        name=village,
        user=user,
        province="四川省",
        township="姑咱镇",
        groups=["一组", "二组"],
    )
    return Device(name, home, ledger)


def township_device(root: Path, name: str = "township", *, db_url: str | None = None) -> Device:
    home = root / name
    ledger = open_ledger(home, db_url=db_url, create=True)
    ledger.today = lambda: TODAY
    init_township(ledger, code="513301100", name="姑咱镇", user="洛桑")
    return Device(name, home, ledger)


def join(village: Device, township: Device) -> None:
    """What a first secretary and the township office do once: exchange cards and read fingerprints."""
    village.trust(township)
    township.trust(village)
