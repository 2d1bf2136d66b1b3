"""Reading a received bundle and proving every part of it, before the database is touched.

``verify_bundle`` returns a ``Verified`` bundle or raises ``Rejected`` (with a Chinese reason) or
``Untrusted`` (a well-formed bundle from a key no person has trusted yet: quarantine).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.store.base import synced_models, table_of
from desktop.store.codec import json_problem
from desktop.store.migrate import known_revisions
from desktop.store.models import Peer, SignedHead
from desktop.store.oplog import Link, Op
from desktop.store.types import MAX_INT
from desktop.sync.chain import Entry, check_chain, describe_ranges, ranges
from desktop.sync.container import CONTROL, BadBundle, BundleReader, Member
from desktop.sync.documents import (
    HEAD,
    REVOCATION,
    BadDocument,
    Identity,
    read_certificate,
    verify_document,
)
from desktop.sync.keys import DeviceKeys, normalise_fingerprint
from desktop.sync.sealing import Opener
from desktop.sync.vector import known_entries
from desktop.sync.wire import Control, Manifest, parse_control


class Rejected(Exception):
    def __init__(self, reason: str, *, bundle_id: str | None = None, sender: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.bundle_id = bundle_id
        self.sender = sender


class NotForMe(Rejected):
    """A bundle a trusted device signed for another device: plainly someone else's (the township's
    folder of every village's bundles), passed over rather than refused."""


class Untrusted(Exception):
    def __init__(self, manifest: Manifest) -> None:
        super().__init__("untrusted sender")
        self.manifest = manifest


@dataclass
class Verified:
    path: Path
    manifest: Manifest
    sender: Peer
    ops: list[Op]
    links: list[Link]
    heads: list[dict[str, Any]]
    certified: list[tuple[Identity, dict[str, Any]]]
    revocations: list[dict[str, Any]]
    receipt: dict[str, Any] | None
    blobs: list[str] = field(default_factory=list)  # SHA-256 of each photo carried
    missing_blobs: list[str] = field(default_factory=list)

    @property
    def bundle_id(self) -> str:
        return self.manifest.bundle_id


def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest as written, once the file's signature is proven: for ``inspect``."""
    try:
        with BundleReader(path) as reader:
            return reader.manifest
    except BadBundle as exc:
        raise Rejected(str(exc)) from None


def verify_bundle(
    path: Path,
    session: Session,
    me: Identity,
    keys: DeviceKeys,
    *,
    store_blob: Callable[[bytes], object] | None = None,
) -> Verified:
    try:
        with BundleReader(path) as reader:
            return _verify(reader, session, me, keys, store_blob=store_blob)
    except BadBundle as exc:
        raise Rejected(str(exc)) from None


def _verify(
    reader: BundleReader,
    session: Session,
    me: Identity,
    keys: DeviceKeys,
    *,
    store_blob: Callable[[bytes], object] | None = None,
) -> Verified:
    manifest = reader.info  # the whole file's signature is proven and every field typed
    if manifest.schema not in known_revisions():
        raise Rejected(
            f"这个同步包来自更新的 Zhucun（数据结构 {manifest.schema}）："
            f"请安装 Zhucun {manifest.app_version} 或更新版本后再导入"
        )
    bundle_id = manifest.bundle_id
    sender_key = manifest.sender.sign_key
    if sender_key == me.sign_key:
        raise Rejected("这是本机自己导出的同步包，不需要导入", bundle_id=bundle_id)
    peer = session.execute(select(Peer).where(Peer.sign_key == sender_key)).scalar_one_or_none()
    if normalise_fingerprint(manifest.recipient.fingerprint) != normalise_fingerprint(me.fingerprint):
        plainly = peer is not None and peer.revoked_after_seq is None
        raise (NotForMe if plainly else Rejected)(
            f"这个同步包是发给另一台设备（指纹 {manifest.recipient.fingerprint}）的，不是发给本机的",
            bundle_id=bundle_id,
            sender=peer.device_id if peer is not None else None,
        )
    if peer is None:
        same_id = session.get(Peer, manifest.sender.device_id)
        if same_id is not None:
            raise Rejected(
                f"设备 {same_id.device_id[-8:]} 出示了与已信任的不同的密钥：不予导入，请核实这台设备",
                bundle_id=bundle_id,
            )
        raise Untrusted(manifest)
    if peer.revoked_after_seq is not None:
        raise Rejected(
            f"发送设备 {peer.device_id[-8:]} 已被乡镇吊销：这个同步包不予导入",
            bundle_id=bundle_id,
            sender=peer.device_id,
        )
    opener = reader.opener(keys.box)
    try:
        return _verify_content(reader, opener, session, me, peer, store_blob=store_blob)
    except Rejected as exc:
        exc.bundle_id, exc.sender = bundle_id, peer.device_id
        raise
    except BadBundle as exc:
        raise Rejected(str(exc), bundle_id=bundle_id, sender=peer.device_id) from None


def _verify_content(
    reader: BundleReader,
    opener: Opener,
    session: Session,
    me: Identity,
    sender: Peer,
    *,
    store_blob: Callable[[bytes], object] | None = None,
) -> Verified:
    controls = list(reader.members_of("control"))
    if len(controls) != 1 or controls[0].name != CONTROL:
        raise Rejected("同步包缺少控制信息（control.bin）")
    control: Control = parse_control(reader.read_json(controls[0], opener))
    peers = {p.device_id: p for p in session.execute(select(Peer)).scalars()}
    certified = _certificates(control.certificates, peers, me)
    revocations = _revocations(control.revocations, peers)
    sign_keys = {me.device_id: me.sign_key}
    sign_keys.update({d: p.sign_key for d, p in peers.items()})
    sign_keys.update({identity.device_id: identity.sign_key for identity, _ in certified})
    cutoffs = {d: p.revoked_after_seq for d, p in peers.items() if p.revoked_after_seq is not None}
    cutoffs.update({str(r["device_id"]): int(r["after_seq"]) for r in revocations})

    ops: list[Op] = []
    for member in reader.members_of("ops"):
        for raw in _json_list(reader, member, opener):
            try:
                op = Op.from_wire(raw)
            except ValueError:
                raise Rejected(f"{member.name} 中有格式错误的操作") from None
            if not op.verify_hash():
                raise Rejected(f"设备 {op.origin[-8:]} 的第 {op.seq} 条操作内容与其哈希不符：被改动过")
            _check_values(op)
            ops.append(op)
    links: list[Link] = []
    for member in reader.members_of("links"):
        for raw in _json_list(reader, member, opener):
            links.append(_link(raw, member))
    _check_summary(reader, ops, links)
    heads = _heads(control.heads, sign_keys)
    _check_chains(session, ops, links, heads, sign_keys, cutoffs, peers)

    verified = Verified(
        path=reader.path,
        manifest=reader.info,
        sender=sender,
        ops=ops,
        links=links,
        heads=heads,
        certified=certified,
        revocations=revocations,
        receipt=control.receipt,
        missing_blobs=list(control.missing_blobs),
    )
    for member in reader.members_of("blob"):
        data = reader.read_member(member, opener)
        sha = member.name.removeprefix("blobs/").removesuffix(".bin")
        if hashlib.sha256(data).hexdigest() != sha:
            raise Rejected(f"照片 {sha[:12]} 的内容与其名称不符：被改动过")
        verified.blobs.append(sha)
        if store_blob is not None:
            # one photo in memory at a time; checked above, content-addressed: harmless before the commit
            store_blob(data)
    return verified


def _check_values(op: Op) -> None:
    """Every value of a known field spelled as its column's type (fields and tables this version does
    not know are kept in the log and ignored in the state, so they are not checked)."""
    model = synced_models().get(op.table)
    if model is None:
        return
    columns = table_of(model).columns
    for name, value in op.fields.items():
        column = columns.get(name)
        problem = None if column is None else json_problem(column, value)
        if problem is not None:
            raise Rejected(
                f"设备 {op.origin[-8:]} 的第 {op.seq} 条操作中 {op.table}.{name} 的值不对（{problem}），"
                "这个同步包不能导入"
            )


def _json_list(reader: BundleReader, member: Member, opener: Opener) -> list[Any]:
    value = reader.read_json(member, opener)
    if not isinstance(value, list):
        raise Rejected(f"{member.name} 的内容格式不对")
    return value


def _check_summary(reader: BundleReader, ops: list[Op], links: list[Link]) -> None:
    """The signed manifest's counts and per-origin ranges are those of the content."""
    blobs = sum(1 for _ in reader.members_of("blob"))
    counted = {"ops": len(ops), "links": len(links), "blobs": blobs}
    if reader.info.counts != counted:
        raise Rejected(f"清单中的数量 {reader.info.counts} 与同步包的内容 {counted} 不符：文件是错误生成的")
    ranges_found: dict[str, list[int]] = {}
    for origin, seq, kind in [(op.origin, op.seq, 0) for op in ops] + [
        (lk.origin, lk.seq, 1) for lk in links
    ]:
        entry = ranges_found.setdefault(origin, [seq, seq, 0, 0])
        entry[0], entry[1] = min(entry[0], seq), max(entry[1], seq)
        entry[2 + kind] += 1
    declared = {o.origin: [o.first_seq, o.last_seq, o.ops, o.links] for o in reader.info.origins}
    if declared != ranges_found or len(declared) != len(reader.info.origins):
        raise Rejected("清单中各设备的序号范围（origins）与同步包的内容不符：文件是错误生成的")


def _link(raw: Any, member: Member) -> Link:
    if not (
        isinstance(raw, list)
        and len(raw) == 4
        and all(isinstance(part, str) for part in (raw[0], raw[2], raw[3]))
        and isinstance(raw[1], int)
        and not isinstance(raw[1], bool)
        and 1 <= raw[1] <= MAX_INT
    ):
        raise Rejected(f"{member.name} 中有格式错误的链接（应为 [设备编号, 序号, 前一哈希, 内容摘要]）")
    return Link(raw[0], raw[1], raw[2], raw[3])


def _certificates(
    documents: tuple[dict[str, Any], ...], peers: dict[str, Peer], me: Identity
) -> list[tuple[Identity, dict[str, Any]]]:
    found = []
    for document in documents:
        issuer_id = str(document["issuer"])
        if issuer_id == me.device_id:
            continue  # issued by this device: it already knows
        issuer = peers.get(issuer_id)
        if issuer is None or issuer.role != "township" or issuer.trusted_via != "card":
            continue  # only a township a person trusted may vouch for other devices
        try:
            identity = read_certificate(document, issuer.sign_key)
        except BadDocument as exc:
            raise Rejected(f"设备证书无效：{exc}") from None
        if identity.device_id == me.device_id:
            continue  # this device's own certificate, relayed back
        known = peers.get(identity.device_id)
        if known is not None and known.sign_key != identity.sign_key:
            raise Rejected(
                f"乡镇为设备 {identity.device_id[-8:]} 签发的证书与已知的密钥不同：不予导入，请核实"
            )
        found.append((identity, document))
    return found


def _revocations(documents: tuple[dict[str, Any], ...], peers: dict[str, Peer]) -> list[dict[str, Any]]:
    found = []
    for document in documents:
        issuer = peers.get(str(document["issuer"]))
        if issuer is None or issuer.role != "township" or issuer.trusted_via != "card":
            continue
        try:
            found.append(
                verify_document(REVOCATION, document, issuer.sign_key) | {"signature": document["signature"]}
            )
        except BadDocument as exc:
            raise Rejected(f"吊销通知无效：{exc}") from None
    return found


def _heads(documents: tuple[dict[str, Any], ...], sign_keys: dict[str, str]) -> list[dict[str, Any]]:
    found = []
    for document in documents:
        origin = str(document["origin"])
        key = sign_keys.get(origin)
        if key is None:
            continue  # nobody vouches for this origin: its operations will be refused below
        try:
            verify_document(HEAD, document, key)
        except BadDocument:
            raise Rejected(f"设备 {origin[-8:]} 的链头签名无效：同步包被改动过") from None
        found.append(document)
    return found


def _check_chains(
    session: Session,
    ops: list[Op],
    links: list[Link],
    heads: list[dict[str, Any]],
    sign_keys: dict[str, str],
    cutoffs: dict[str, int],
    peers: dict[str, Peer],
) -> None:
    incoming: dict[str, dict[int, Entry]] = {}
    items: list[Op | Link] = [*ops, *links]
    for item in items:
        entries = incoming.setdefault(item.origin, {})
        entry = Entry(item.hash, item.prev_hash)
        if item.seq in entries and entries[item.seq] != entry:
            raise Rejected(
                f"设备 {_name(item.origin, peers)} 的记录链在第 {item.seq} 条分叉：同一序号有两个不同的操作"
            )
        entries[item.seq] = entry
    for origin, entries in incoming.items():
        name = _name(origin, peers)
        if origin not in sign_keys:
            raise Rejected(f"同步包含有未知设备 {origin[-8:]} 的操作，无法验证来源（它没有乡镇签发的证书）")
        cutoff = cutoffs.get(origin)
        if cutoff is not None and max(entries) > cutoff:
            raise Rejected(f"同步包含有已吊销设备 {name} 在吊销后写的操作（第 {cutoff + 1} 条以后）")
        low, high = min(entries), max(entries)
        known = known_entries(session, origin, low - 1, high + 1)
        signed = {
            seq: h
            for seq, h in session.execute(
                select(SignedHead.seq, SignedHead.hash).where(
                    SignedHead.origin == origin, SignedHead.seq >= low, SignedHead.seq <= high
                )
            )
        }
        signed.update({int(h["seq"]): str(h["hash"]) for h in heads if h["origin"] == origin})
        result = check_chain(entries, known, signed)
        if result.fork_at is not None:
            raise Rejected(
                f"设备 {name} 的记录链在第 {result.fork_at} 条分叉：同一序号有两个不同的操作"
                "（这台设备的数据可能被复制到了另一台电脑上）"
            )
        if result.broken_at is not None:
            raise Rejected(f"设备 {name} 的第 {result.broken_at} 条操作与前一条接不上：同步包被改动过")
        if result.unproven:
            raise Rejected(
                f"设备 {name} 的第 {describe_ranges(ranges(result.unproven))} 条操作没有签名的链头可以验证：不予导入"
            )


def _name(origin: str, peers: dict[str, Peer]) -> str:
    peer = peers.get(origin)
    if peer is None:
        return origin[-8:]
    place = peer.village_name or peer.township_name or ""
    return f"{place}（{peer.user_name or origin[-8:]}）"


def manifest_summary(manifest: dict[str, Any]) -> str:
    return json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True)
