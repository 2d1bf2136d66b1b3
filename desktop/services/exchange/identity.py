"""This device's identity (keys, card, fingerprint) and the peers it trusts."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.errors import InvalidInput, NotFound, StoreProblem, present
from desktop.services.context import Ledger
from desktop.store.atomic_file import write_atomic
from desktop.store.device import get_device
from desktop.store.models import DeviceState, Peer, Village
from desktop.sync.documents import BadDocument, Identity, make_card, make_certificate, read_card
from desktop.sync.keys import DeviceKeys, key_path, load_keys, normalise_fingerprint, save_keys
from desktop.sync.peers import save_peer

CARD_SUFFIX = ".zcid"


def ensure_keys(ledger: Ledger) -> DeviceKeys:
    """The device's keys, made on first use (devices initialised before bundles existed have none)."""
    home = ledger.store.location.home
    data_key = ledger.store.location.data_key  # an encrypted folder seals its device keys with it
    with ledger.store.read_session() as session:  # almost always there: no write lock to wait for
        state = _device(session)
        if state.sign_key is not None:
            keys = load_keys(home, data_key)
            if keys.sign_key != state.sign_key or keys.box_key != state.box_key:
                raise StoreProblem(f"密钥文件 {key_path(home)} 与这个台账不匹配：是否拷贝了别的设备的密钥？")
            return keys
    with ledger.store.session() as session:
        state = _device(session)
        if state.sign_key is not None:
            keys = load_keys(home, data_key)
            if keys.sign_key != state.sign_key or keys.box_key != state.box_key:
                raise StoreProblem(f"密钥文件 {key_path(home)} 与这个台账不匹配：是否拷贝了别的设备的密钥？")
            return keys
        if key_path(home).exists():
            raise StoreProblem(f"{key_path(home)} 已存在但台账里没有记录：为安全起见不覆盖，请检查数据文件夹")
        keys = DeviceKeys.generate()
        save_keys(home, keys, data_key)
        state.sign_key, state.box_key = keys.sign_key, keys.box_key
        return keys


def my_identity(ledger: Ledger) -> Identity:
    ensure_keys(ledger)
    with ledger.store.read_session() as session:
        return identity_of(session)


def identity_of(session: Session) -> Identity:
    state = _device(session)
    village = session.get(Village, state.village_id) if state.village_id else None
    sign_key = present(state.sign_key, "this device's signing key")
    box_key = present(state.box_key, "this device's box key")
    return Identity(
        device_id=state.device_id,
        role=state.role,
        user=state.user_name,
        village_id=state.village_id,
        village_code=village.code if village else None,
        village_name=village.name if village else None,
        township_code=state.township_code,
        township_name=state.township_name or (village.township if village else None),
        sign_key=sign_key,
        box_key=box_key,
    )


def export_card(ledger: Ledger, out: Path) -> Identity:
    keys = ensure_keys(ledger)
    identity = my_identity(ledger)
    if out.is_dir():
        out = (
            out
            / f"zhucun-{identity.village_code or identity.township_code or 'device'}-{identity.device_id[-8:]}{CARD_SUFFIX}"
        )
    text = json.dumps(make_card(identity, keys), ensure_ascii=False, indent=2, sort_keys=True)
    try:
        write_atomic(out, text.encode("utf-8"))
    except OSError as exc:
        raise InvalidInput(f"无法写入 {out}：{exc.strerror or exc}") from None
    return identity


@dataclass(frozen=True)
class TrustResult:
    peer: Identity
    already: bool
    certified: bool


def trust_card(ledger: Ledger, path: Path, fingerprint: str | None = None) -> TrustResult:
    """Trust the device a card names. With ``fingerprint`` (read over the phone) a mismatch is refused."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NotFound(f"找不到身份卡文件 {path}") from None
    except (OSError, UnicodeDecodeError):
        raise InvalidInput(f"{path} 不是身份卡文件") from None
    try:
        peer = read_card(text)
    except BadDocument as exc:
        raise InvalidInput(f"{path.name}：{exc}") from None
    if fingerprint is not None and normalise_fingerprint(fingerprint) != normalise_fingerprint(
        peer.fingerprint
    ):
        raise InvalidInput(
            f"指纹不符：身份卡的指纹是 {peer.fingerprint}，与核对的 {fingerprint} 不一致。"
            "这张卡可能被调换过，未信任"
        )
    keys = ensure_keys(ledger)
    with ledger.store.session() as session:
        me = identity_of(session)
        if peer.device_id == me.device_id:
            raise InvalidInput("这是本机自己的身份卡")
        existing = session.get(Peer, peer.device_id)
        if existing is not None and existing.sign_key != peer.sign_key:
            raise InvalidInput(f"已信任的设备 {peer.device_id[-8:]} 现在出示了不同的密钥：未信任，请核实")
        if existing is not None and existing.revoked_after_seq is not None:
            raise InvalidInput(f"设备 {describe(peer)} 已被吊销，不能再信任")
        certificate = None
        if me.role == "township" and peer.role == "village":
            stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            certificate = json.dumps(make_certificate(peer, me.device_id, stamp, keys), sort_keys=True)
        already = existing is not None and existing.trusted_via == "card"
        save_peer(session, peer, trusted_via="card", certificate=certificate)
    return TrustResult(peer, already, certificate is not None)


def find_peer(session: Session, text: str) -> Peer:
    """A trusted peer by fingerprint (all 24 digits, or at least 8 leading digits) or device id."""
    digits = normalise_fingerprint(text)
    peers = list(session.execute(select(Peer)).scalars())
    if len(digits) >= 8 and digits == text.replace(" ", "").replace("-", ""):
        found = [p for p in peers if p.fingerprint.startswith(digits)]
    else:
        found = (
            [p for p in peers if p.device_id.startswith(text.strip().lower())]
            if len(text.strip()) >= 8
            else []
        )
    if not found:
        raise NotFound(f"没有指纹或设备编号为 {text} 的已信任设备（先用 zhucun trust 信任它的身份卡）")
    if len(found) > 1:
        raise InvalidInput(f"{text} 对应多台设备，请给出完整指纹")
    return found[0]


def describe(identity: Identity | Peer) -> str:
    place = identity.village_name or identity.township_name or ""
    user = identity.user if isinstance(identity, Identity) else identity.user_name
    role = "乡镇" if identity.role == "township" else "村"
    return f"{place}{role}设备（{user or '未署名'}，{identity.device_id[-8:]}）"


def _device(session: Session) -> DeviceState:
    state = get_device(session)
    if state is None:
        raise StoreProblem("台账尚未初始化，请先运行 zhucun init 或 zhucun demo")
    return state
