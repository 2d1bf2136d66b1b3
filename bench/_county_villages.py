"""The county for bench_county.py: village devices made with the demo generator, each sending its whole
ledger as a real signed bundle to one county device.

Each village is its own data folder and device (village role), filled by the demo builder in one
transaction with facts of its own: its township and village name and code, its 户编号, about four people
a household (the demo's 亚弄村 has 5.3), and ID numbers unique across the county (a region code per
township, a slice of the sequence numbers per village). Then it trusts the county's identity card, hands
over its own card and exports a full bundle. The village's database is removed afterwards: only the
bundle and the card are needed, and 400 villages would otherwise fill the disk.

The county device is a township-role device (the role a township or county office has: no village of
its own, it certifies the village devices it trusts). It is set up once as a template that trusts every
village card; each import run clones that device (its keys, its device row and its trusted peers) into a
fresh database, so the same bundles can be imported into SQLite and PostgreSQL, and again with --keep.
"""

from __future__ import annotations

import copy
import datetime as dt
import shutil
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, insert, select

from desktop.app import open_ledger, resources_dir
from desktop.domain.idnumber import check_character
from desktop.services.context import Ledger
from desktop.services.demo.common import DEMO_FILE, MALE
from desktop.services.demo.village import _Builder
from desktop.services.exchange.bundles import export_bundle
from desktop.services.exchange.identity import ensure_keys, export_card, my_identity, trust_card
from desktop.services.setup import init_township
from desktop.store.base import table_of
from desktop.store.database import StoreLocation
from desktop.store.device import create_device
from desktop.store.models import DeviceState, Peer

COUNTY_CODE = "513301"
COUNTY_NAME = "康定市"
PEOPLE_PER_HOUSEHOLD = 4.0
# made-up townships of one county (names of real places, nothing else real)
TOWNSHIPS = (
    "炉城镇", "姑咱镇", "新都桥镇", "塔公镇", "沙德镇", "金汤镇", "孔玉乡", "捧塔乡", "麦崩乡", "三合乡",
    "前溪乡", "舍联乡", "甲根坝镇", "朋布西乡", "呷巴乡", "普沙绒乡", "吉居乡", "瓦泽乡", "时济乡", "贡嘎山乡",
)  # fmt: skip
TEMPLATE = "county-template"


@dataclass(frozen=True)
class VillageSpec:
    root: Path  # the county folder: villages/, cards/, bundles/
    township: int  # from 0
    village: int  # from 0, within the township
    villages_per_township: int
    households: int
    county_card: Path
    county_fingerprint: str

    @property
    def seed(self) -> int:
        return 1_000_000 + self.township * 1000 + self.village

    @property
    def township_code(self) -> str:
        return f"{COUNTY_CODE}{100 + self.township:03d}"

    @property
    def code(self) -> str:
        return f"{self.township_code}{201 + self.village:03d}"

    @property
    def bundle(self) -> Path:
        return self.root / "bundles" / f"{self.code}.zcb"

    @property
    def card(self) -> Path:
        return self.root / "cards" / f"{self.code}.zcid"


@dataclass(frozen=True)
class VillageMade:
    code: str
    households: int
    members: int
    ops: int
    bundle_bytes: int
    demo_seconds: float
    total_seconds: float


def township_name(index: int) -> str:
    q, r = divmod(index, len(TOWNSHIPS))
    return TOWNSHIPS[r] if q == 0 else f"{TOWNSHIPS[r][:-1]}{q + 1}{TOWNSHIPS[r][-1]}"


def village_name(facts: dict[str, Any], index: int) -> str:
    others = facts["village"]["other_villages"]
    q, r = divmod(index, len(others))
    return others[r] if q == 0 else f"{others[r].removesuffix('村')}{q + 1}村"


def load_facts() -> dict[str, Any]:
    with open(resources_dir() / "demo" / DEMO_FILE, "rb") as fh:
        return tomllib.load(fh)


def village_facts(base: dict[str, Any], spec: VillageSpec) -> dict[str, Any]:
    """The demo's facts for this village: its own names and codes, about four people a household."""
    facts = copy.deepcopy(base)
    village = facts["village"]
    village["name"] = village_name(base, spec.village)
    village["code"] = spec.code
    village["township"] = township_name(spec.township)
    village["township_code"] = spec.township_code
    village["altitude_m"] = 3000 + (spec.seed * 37) % 900
    village["cooperative"] = f"{village['name']}牦牛养殖专业合作社"
    village["people"] = round(PEOPLE_PER_HOUSEHOLD * village["households"])
    region = f"{COUNTY_CODE[:4]}{spec.township + 1:02d}"  # one region code per township: IDs never clash
    facts["id_numbers"].update(region=region, old_region=region)
    return facts


class _CountyBuilder(_Builder):
    """The demo builder, drawing ID sequence numbers from this village's slice only."""

    id_slot = 0
    id_slots = 1

    def _id_number(self, birth: dt.date, sex: str) -> str:
        region = self.facts["id_numbers"]["region"]
        width = max(1, 499 // self.id_slots)
        low = 1 + self.id_slot * width
        while True:
            sequence = self.rng.randrange(low, low + width) * 2 - (1 if sex == MALE else 0)
            first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
            if first17 not in self.used_ids:
                self.used_ids.add(first17)
                return first17 + check_character(first17)


def fill_village(ledger: Ledger, spec: VillageSpec, facts: dict[str, Any]) -> _CountyBuilder:
    """What ``create_demo`` does for one village, with this village's facts: one transaction."""
    user = f"驻村书记{spec.code[-5:]}"
    with ledger.store.session() as session:
        device = create_device(session, role="village", user_name=user, village_id=None)
        session.flush()
        builder = _CountyBuilder(session, ledger, facts, spec.seed, user, spec.households, None)
        builder.id_slot, builder.id_slots = spec.village, spec.villages_per_township
        with session.no_autoflush:
            (village_id,) = builder.build([spec.households])
        device.village_id = village_id
        device.township_name = facts["village"]["township"]
    ensure_keys(ledger)
    return builder


def make_village(spec: VillageSpec) -> VillageMade:
    """One village device: its ledger, its card, the county trusted, a full bundle to the county."""
    started = time.perf_counter()
    home = spec.root / "villages" / spec.code
    shutil.rmtree(home, ignore_errors=True)
    ledger = open_ledger(home, create=True)
    try:
        t0 = time.perf_counter()
        builder = fill_village(ledger, spec, village_facts(load_facts(), spec))
        demo_seconds = time.perf_counter() - t0
        export_card(ledger, spec.card)
        trust_card(ledger, spec.county_card, spec.county_fingerprint)
        report = export_bundle(ledger, spec.county_fingerprint, spec.bundle, full=True)
    finally:
        ledger.store.close()
    shutil.rmtree(home, ignore_errors=True)
    return VillageMade(
        spec.code,
        builder.households,
        builder.members,
        report.ops,
        report.size,
        demo_seconds,
        time.perf_counter() - started,
    )


# --- the county device -----------------------------------------------------------------------------------


def make_county_template(root: Path) -> tuple[Path, str]:
    """The county device (township role) in ``root/county-template``; returns its card and fingerprint."""
    home = root / TEMPLATE
    shutil.rmtree(home, ignore_errors=True)
    ledger = open_ledger(home, create=True)
    try:
        init_township(ledger, code=f"{COUNTY_CODE}000", name=COUNTY_NAME, user="县农业农村局")
        card = root / "cards" / "county.zcid"
        card.parent.mkdir(parents=True, exist_ok=True)
        export_card(ledger, card)
        return card, my_identity(ledger).fingerprint
    finally:
        ledger.store.close()


def trust_villages(root: Path, specs: list[VillageSpec]) -> None:
    """The county trusts (and so certifies) every village device, as 400 phone calls would."""
    ledger = open_ledger(root / TEMPLATE)
    try:
        for spec in specs:
            trust_card(ledger, spec.card)
    finally:
        ledger.store.close()


def fresh_county(root: Path, home: Path, db_url: str | None) -> Ledger:
    """The county device in a fresh, empty database: the template's keys, device row and trusted peers.

    Only device-local rows are copied (no synced record, no operation): what the county holds comes
    from the bundles imported afterwards."""
    template = root / TEMPLATE
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    shutil.copytree(template / "keys", home / "keys")
    ledger = open_ledger(home, db_url=db_url, create=True)
    source = create_engine(StoreLocation(template).engine_url)
    try:
        with source.connect() as reading, ledger.store.engine.begin() as writing:
            for model in (DeviceState, Peer):
                table = table_of(model)
                rows = [dict(row._mapping) for row in reading.execute(select(table))]
                if rows:
                    writing.execute(insert(table), rows)
    finally:
        source.dispose()
    return ledger
