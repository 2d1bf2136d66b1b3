"""A township on PostgreSQL and the same township on SQLite, each holding two villages that arrived as
real signed bundles: the demo village 亚弄村 (a few households with incomes, checks, visits, helpers
and monitoring) and 日拉村 (two households added by hand). For the ledger and Excel tests on
PostgreSQL: whatever a township prints or exports from PostgreSQL must equal what it does from SQLite.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from dataclasses import dataclass
from pathlib import Path

from records import make_id_number
from sync.devices import TODAY, Device, join, township_device, village_device

from desktop.app import open_ledger
from desktop.services.demo import create_demo
from desktop.services.exchange.bundles import Outcome
from desktop.services.households.households import add_household
from desktop.services.households.members import add_member

DEMO_CODE = "513301207201"  # 亚弄村, the demo village
OTHER_CODE = "513301207202"
OTHER_HEAD = ("央金", make_id_number(dt.date(1975, 6, 12), 61))
OTHER_SPOUSE = ("多吉", make_id_number(dt.date(1973, 2, 3), 73))
_databases = itertools.count()


@dataclass
class Townships:
    postgres: Device
    sqlite: Device
    villages: list[Device]

    def close(self) -> None:
        for device in (self.postgres, self.sqlite, *self.villages):
            device.close()


def townships_with_two_villages(root: Path, server: object, *, households: int = 12) -> Townships:
    name = f"zhucun_ledgers_{os.getpid()}_{next(_databases)}"
    url = server.create_database(name)  # type: ignore[attr-defined]
    on_postgres = township_device(root, "township-pg", db_url=url)
    on_sqlite = township_device(root, "township-sqlite")
    demo_home = root / "yanong"
    demo = Device("yanong", demo_home, open_ledger(demo_home, create=True))
    demo.ledger.today = lambda: TODAY
    create_demo(demo.ledger, households=households)
    other = village_device(root, "rila", code=OTHER_CODE, village="日拉村", user="次仁")
    add_household(
        other.ledger,
        number=f"{OTHER_CODE}0001",
        head={"name": OTHER_HEAD[0], "id_number": OTHER_HEAD[1]},
        fields={"category": "一般贫困户", "poverty_status": "已脱贫", "group_name": "一组"},
    )
    add_member(
        other.ledger,
        f"{OTHER_CODE}0001",
        {"name": OTHER_SPOUSE[0], "id_number": OTHER_SPOUSE[1], "relation": "配偶"},
    )
    for township in (on_postgres, on_sqlite):
        for village in (demo, other):
            join(village, township)
            report = township.receive(village.send(township))
            assert report.outcome == Outcome.APPLIED, report.message
    return Townships(on_postgres, on_sqlite, [demo, other])
