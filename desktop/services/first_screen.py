"""What the window shows first, read before the ledger is opened (store/first_look: plain ``sqlite3``).

A village laptop's start shows its 农户 list, the window's title and the status bar's place from this
while the ledger is opened on a worker thread (SQLAlchemy, the models, the engine: half of a start's
imports). An encrypted ledger is read so once unlocked (its data key given: SQLCipher, read-only).
``first_screen`` is None wherever the usual opening must come first: no ledger yet, an encrypted one
not unlocked, a file to migrate or refuse, a township (it starts on 各村), a server database. The values are the services' own (``HouseholdKeys``, ``HouseholdRow``,
``DeviceFacts``), read the same way (tests/services/test_first_screen.py compares them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop.services.context import DeviceFacts
from desktop.services.households.rows import HouseholdKeys, HouseholdRow
from desktop.services.preferences import FIRST_RUN_GUIDE, IDLE_LOCK, LANGUAGE
from desktop.store import first_look
from desktop.store.keyring import KEYRING_FILE

DB_FILE = "zhucun.sqlite3"  # store.database's (imported with the engine)
DEMO_USER = "演示驻村干部"  # the made-up cadre of ``create_demo``'s fictional village


@dataclass(frozen=True)
class FirstScreen:
    home: Path
    device: DeviceFacts
    village_name: str
    township: str
    language: str  # the 设置 → 语言 preference
    first_run_guide: str  # the FIRST_RUN_GUIDE preference
    idle_lock_minutes: int  # the IDLE_LOCK preference (an encrypted ledger's window locks when idle)
    keys: HouseholdKeys  # the village's households, as household_keys lists them
    data_key: bytes | None = field(default=None, repr=False)  # an encrypted ledger's, unlocked

    @property
    def is_demo(self) -> bool:
        return self.device.user_name == DEMO_USER


def first_screen(home: Path, data_key: bytes | None = None) -> FirstScreen | None:
    """The first screen of the data folder's ledger, or None when it must be opened first.
    ``data_key``: the ledger is encrypted and was unlocked with it."""
    if (home / KEYRING_FILE).exists() != (data_key is not None):  # encrypted, not unlocked (or the reverse)
        return None
    found = first_look.look(home / DB_FILE, (LANGUAGE.key, FIRST_RUN_GUIDE.key, IDLE_LOCK.key), data_key)
    if found is None or found.device.role != "village" or found.device.village_id is None:
        return None
    device = found.device
    keys = found.keys
    return FirstScreen(
        home=home,
        device=DeviceFacts(
            device_id=device.device_id,
            role=device.role,
            village_id=device.village_id,
            user_name=device.user_name,
            township_code=device.township_code,
            township_name=device.township_name,
        ),
        village_name=found.village.name if found.village else "",
        township=found.village.township if found.village else "",
        language=LANGUAGE.value_of(found.settings.get(LANGUAGE.key)),
        first_run_guide=FIRST_RUN_GUIDE.value_of(found.settings.get(FIRST_RUN_GUIDE.key)),
        idle_lock_minutes=int(IDLE_LOCK.value_of(found.settings.get(IDLE_LOCK.key))),
        keys=HouseholdKeys(
            ids=[k[0] for k in keys],
            numbers=[k[1] for k in keys],
            group_names=[k[2] for k in keys],
            categories=[k[3] for k in keys],
            village_names=[k[5] for k in keys],
        ),
        data_key=data_key,
    )


def first_screen_rows(screen: FirstScreen, household_ids: Sequence[str]) -> list[HouseholdRow]:
    """``household_rows`` for the list of ``first_screen`` (a page of its keys), in the order asked."""
    found = first_look.household_rows(screen.home / DB_FILE, household_ids, screen.data_key)
    villages = first_look.village_names(screen.home / DB_FILE, screen.data_key)
    rows = {listed[0]: HouseholdRow.listed(listed, villages) for listed in found}
    return [rows[i] for i in household_ids if i in rows]
