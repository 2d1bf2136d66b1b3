"""Setting up a data folder: the device, its first user and the village it serves."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.errors import InvalidInput
from desktop.services.identity import ensure_keys
from desktop.services.ledger import Ledger
from desktop.store.device import create_device, get_device
from desktop.store.ids import natural_id
from desktop.store.models import Village
from desktop.store.writer import ChangeWriter


@dataclass(frozen=True)
class SetupResult:
    device_id: str
    village_id: str
    village_name: str


def init_village(
    ledger: Ledger,
    *,
    code: str,
    name: str,
    user: str,
    township: str | None = None,
    county: str | None = None,
    city: str | None = None,
    province: str | None = None,
    altitude_m: int | None = None,
    groups: list[str] | None = None,
) -> SetupResult:
    code, name, user = code.strip(), name.strip(), user.strip()
    if not code or not name:
        raise InvalidInput("需要村代码和村名（--village-code、--village-name）")
    if not user:
        raise InvalidInput("需要使用人姓名（--user）")
    with ledger.store.session() as session:
        existing = get_device(session)
        if existing is not None:
            village = session.get(Village, existing.village_id) if existing.village_id else None
            where = f"（{village.name}）" if village and village.name else ""
            raise InvalidInput(f"这个数据文件夹已经初始化过{where}，未做任何改动")
        device = create_device(session, role="village", user_name=user, village_id=None)
        session.flush()
        # The village's id comes from its code, so every device of one village (a second laptop of the
        # work team) writes to the same village record and their changes merge.
        village_id = ChangeWriter(session).create(
            Village,
            {
                "code": code,
                "name": name,
                "township": township,
                "county": county,
                "city": city,
                "province": province,
                "altitude_m": altitude_m,
                "groups": groups,
            },
            natural_id("village", code),
        )
        device.village_id = village_id
        device.township_code = None
        device.township_name = township
        result = SetupResult(device.device_id, village_id, name)
    ensure_keys(ledger)
    return result


def init_township(ledger: Ledger, *, code: str, name: str, user: str) -> SetupResult:
    """A township office device: no village of its own; it receives the villages' bundles."""
    code, name, user = code.strip(), name.strip(), user.strip()
    if not code or not name:
        raise InvalidInput("乡镇设备需要乡镇代码和名称（--township-code、--township-name）")
    if not user:
        raise InvalidInput("需要使用人姓名（--user）")
    with ledger.store.session() as session:
        if get_device(session) is not None:
            raise InvalidInput("这个数据文件夹已经初始化过，未做任何改动")
        device = create_device(session, role="township", user_name=user, village_id=None)
        device.township_code, device.township_name = code, name
        result = SetupResult(device.device_id, "", name)
    ensure_keys(ledger)
    return result
