"""A township office that imported real signed bundles from three villages which use the same 户编号 and
the same names: 亚弄村, 日拉村 and 色乌绒村 each have 001 卓嘎 and 004 扎西 (亚弄村 also 007 次仁). On
SQLite (the data folder) or on PostgreSQL (``db_url``). For the tests of issue 19: every list and file
of several villages says which village, and no household belongs to no village.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from records import make_id_number
from sync.devices import Device, join, township_device, village_device

from desktop.services.exchange.bundles import Outcome
from desktop.services.households.households import add_household
from desktop.store.models import Household, Member
from desktop.store.writer import ChangeWriter

VILLAGES = (("513301207201", "亚弄村"), ("513301207202", "日拉村"), ("513301207203", "色乌绒村"))
SHARED = (("001", "卓嘎", 2), ("004", "扎西", 1))  # 户编号, head, sequence parity (even: a woman)


@dataclass
class ThreeVillages:
    township: Device
    villages: list[Device]  # in the order of VILLAGES

    def close(self) -> None:
        for device in (self.township, *self.villages):
            device.close()


def three_villages(root: Path, *, db_url: str | None = None, name: str = "township") -> ThreeVillages:
    township = township_device(root, name, db_url=db_url)
    villages = []
    for index, (code, village) in enumerate(VILLAGES):
        device = village_device(root, f"v{index}", code=code, village=village, user=f"书记{index}")
        for number, head, parity in SHARED:
            add_household(
                device.ledger,
                number=number,
                head={
                    "name": head,
                    "id_number": make_id_number(dt.date(1970 + index, 1 + int(number), 5), 10 * index + parity),
                },
                fields={"group_name": "一组", "category": "一般贫困户"},
            )
        if index == 0:
            add_household(
                device.ledger,
                number="007",
                head={"name": "次仁", "id_number": make_id_number(dt.date(1960, 3, 3), 91)},
            )
        join(device, township)
        report = township.receive(device.send(township))
        assert report.outcome == Outcome.APPLIED, report.message
        villages.append(device)
    return ThreeVillages(township, villages)


def household_of_no_village(device: Device, number: str = "009", head: str = "拉姆") -> str:
    """What an earlier version let a township write: a household (and its head) with no village."""
    with device.ledger.store.session() as session:
        writer = ChangeWriter(session)
        household_id = writer.create(Household, {"number": number, "group_name": "一组"})
        writer.create(
            Member,
            {
                "household_id": household_id,
                "name": head,
                "relation": "户主",
                "id_number": make_id_number(dt.date(1990, 9, 9), 42),
            },
        )
    return household_id
