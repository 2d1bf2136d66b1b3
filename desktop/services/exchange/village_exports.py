"""The township's round: one sync bundle for every village device it trusts, a folder per village.

A township officer going out to the villages (or handing a USB stick to each village's courier)
needs every village's corrections at once. Each village's bundles go into a folder named after the
village (亚弄村/…), so a village importing its own folder meets no bundle of another village; each
device gets its own bundle, named after its village and device, so two laptops of one village never
overwrite each other's file. One device
failing (revoked meanwhile, a disk error) is reported on its row; the rest are still written.
Cancelling stops before the next device; bundles already finished stay (each is complete).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from desktop.domain.errors import InvalidInput, UserError
from desktop.services.context import Ledger
from desktop.services.exchange.bundles import ExportReport, export_bundle
from desktop.services.exchange.identity import describe, identity_of
from desktop.store.models import Peer, Village
from desktop.sync.container import SUFFIX
from desktop.sync.keys import fingerprint

Progress = Callable[[int, int], bool]


@dataclass(frozen=True)
class VillageExport:
    recipient: str  # 亚弄村 的设备（扎西）…
    fingerprint: str
    report: ExportReport | None  # None: not written, see problem
    problem: str = ""


@dataclass(frozen=True)
class _Target:
    fingerprint: str
    name: str
    folder: str  # the village's name (its code when it has none)
    file_name: str


def village_devices(ledger: Ledger) -> list[tuple[str, str]]:
    """(fingerprint, description) of every trusted, unrevoked village device, by village code."""
    return [(t.fingerprint, t.name) for t in _targets(ledger)]


def export_for_every_village(
    ledger: Ledger, folder: Path, *, full: bool = False, progress: Progress | None = None
) -> list[VillageExport]:
    if not folder.is_dir():
        raise InvalidInput(f"{folder} 不是一个文件夹：请选择 U 盘或一个文件夹")
    targets = _targets(ledger)
    if not targets:
        raise InvalidInput("还没有信任任何村的设备：先在“设置”页信任各村设备的身份卡")
    results: list[VillageExport] = []
    cancelled = False
    for done, target in enumerate(targets):

        def part(step: int, total: int, done: int = done) -> bool:
            nonlocal cancelled
            # each device is one slice of the whole bar
            if progress is not None and not progress(
                done * 1000 + step * 1000 // max(total, 1), len(targets) * 1000
            ):
                cancelled = True
            return not cancelled

        if not part(0, 1):
            break
        try:
            target_folder = folder / target.folder
            try:
                target_folder.mkdir(exist_ok=True)
            except OSError as exc:
                raise InvalidInput(f"无法建立文件夹 {target_folder}：{exc.strerror or exc}") from exc
            report = export_bundle(
                ledger, target.fingerprint, target_folder / target.file_name, full=full, progress=part
            )
        except UserError as error:
            with contextlib.suppress(OSError):  # a folder left empty by a failed or cancelled export
                target_folder.rmdir()
            results.append(VillageExport(target.name, target.fingerprint, None, error.message))
            if cancelled:
                break
            continue
        results.append(VillageExport(target.name, target.fingerprint, report))
    if progress is not None and not cancelled:
        progress(len(targets), len(targets))
    return results


def _targets(ledger: Ledger) -> list[_Target]:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    with ledger.store.read_session() as session:
        me = identity_of(session)
        peers = session.execute(
            select(Peer).where(
                Peer.role == "village", Peer.revoked_after_seq.is_(None), Peer.device_id != me.device_id
            )
        ).scalars()
        place = me.township_code or me.village_code or "device"
        names = {v.id: v.name for v in session.execute(select(Village.id, Village.name)) if v.name}
        return [
            _Target(
                fingerprint(peer.sign_key, peer.box_key),
                describe(peer),
                _safe(
                    names.get(peer.village_id or "")
                    or peer.village_name
                    or peer.village_code
                    or f"village-{peer.device_id[-6:]}"
                ),
                f"zhucun-{place}-to-{peer.village_code or 'village'}-{peer.device_id[-6:]}-{stamp}{SUFFIX}",
            )
            for peer in sorted(peers, key=lambda p: (p.village_code or "", p.device_id))
        ]


def _safe(name: str) -> str:
    """A folder name every file system takes."""
    cleaned = "".join("_" if c in '\\/:*?"<>|' or ord(c) < 32 else c for c in name).strip(". ")
    return cleaned or "village"
