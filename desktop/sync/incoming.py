"""Reading a received bundle and proving every part of it, before the database is touched.

``verify_bundle`` returns an open ``Verified`` bundle or raises ``Rejected`` (with a Chinese reason) or
``Untrusted`` (a well-formed bundle from a key no person has trusted yet: quarantine).

Memory is bounded by one chunk of operations or links, not by the bundle: verification reads each
chunk, proves every operation's hash and values and keeps only its place in the chain (seq, hash,
prev), and of a chain link too; ``Verified.op_chunks()`` and ``Verified.link_chunks()`` then read the
chunks again from the file, each checked against the signed manifest's SHA-256 before it is handed
out, for the fold and the links' storing. The caller closes the ``Verified`` bundle.
"""

from __future__ import annotations

import hashlib
import json
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.store.base import synced_models, table_of
from desktop.store.codec import value_check
from desktop.store.migrate import known_revisions
from desktop.store.models import Operation, OpLink, Peer, SignedHead
from desktop.store.oplog import Link, Op
from desktop.store.types import MAX_INT
from desktop.sync.chain import ChainCheck, Entry, Run, check_chain, check_run, describe_ranges, ranges
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
from desktop.sync.sealing import Opener, SealError
from desktop.sync.vector import known_entries
from desktop.sync.wire import Control, Manifest, parse_control


class PhotoStore(Protocol):
    """Where a bundle's photos go (the blob store): named by the SHA-256 of their plain bytes."""

    def keep(self, sha256: str) -> bool: ...

    def put_named(self, sha256: str, data: bytes) -> None: ...

    def prepare(self, sha256: str) -> None: ...

    def stage(self, sha256: str, data: bytes) -> Path: ...

    def adopt(self, sha256: str, partial: Path) -> None: ...

    def discard(self, partial: Path) -> None: ...


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
    """A proven bundle, still open: its operations are read again chunk by chunk by ``op_chunks``."""

    path: Path
    manifest: Manifest
    sender: Peer
    op_count: int
    op_ranges: dict[str, tuple[int, int]]  # per origin, the lowest and highest seq of its operations
    link_origins: set[str]  # the origins of the chain links carried (the links: ``link_chunks``)
    heads: list[dict[str, Any]]
    certified: list[tuple[Identity, dict[str, Any]]]
    revocations: list[dict[str, Any]]
    receipt: dict[str, Any] | None
    blobs: list[str] = field(default_factory=list)  # SHA-256 of each photo carried
    missing_blobs: list[str] = field(default_factory=list)
    _reader: BundleReader | None = field(default=None, repr=False)
    _opener: Opener | None = field(default=None, repr=False)
    _repeated: set[tuple[str, int]] = field(default_factory=set, repr=False)  # (origin, seq) seen twice

    @property
    def bundle_id(self) -> str:
        return self.manifest.bundle_id

    @property
    def origins(self) -> set[str]:
        """The origins of the operations and links carried."""
        return set(self.op_ranges) | self.link_origins

    def op_chunks(self) -> Iterator[list[Op]]:
        """The operations, one chunk (bundle member) at a time, each read again from the file and
        checked against the signed manifest's SHA-256 first. An operation the bundle carries twice
        (the same, or verification would have refused it) is handed out once. Raises ``Rejected``
        when the file changed or cannot be read since it was verified."""
        given: set[tuple[str, int]] = set()
        for member, raws in self._chunks("ops"):
            try:
                chunk = [Op.from_wire(raw) for raw in raws]
            except ValueError:
                raise self._rejected(
                    f"读取 {member.name} 时出错（同步包在导入过程中被改动或无法读取）：什么都没有导入"
                ) from None
            if self._repeated:
                kept = []
                for op in chunk:
                    key = (op.origin, op.seq)
                    if key in self._repeated:
                        if key in given:
                            continue
                        given.add(key)
                    kept.append(op)
                chunk = kept
            yield chunk

    def link_chunks(self) -> Iterator[list[Link]]:
        """The chain links, one chunk (bundle member) at a time, read again from the file and checked
        against the signed manifest's SHA-256 first, as ``op_chunks`` reads the operations. A link the
        bundle carries twice is handed out each time (storing it is idempotent). Raises ``Rejected``
        when the file changed or cannot be read since it was verified."""
        for member, raws in self._chunks("links"):
            try:
                links = [_link(raw, member) for raw in raws]
            except Rejected as exc:
                raise self._rejected(exc.reason) from None
            yield links

    def _chunks(self, kind: str) -> Iterator[tuple[Member, list[Any]]]:
        """Each member of ``kind`` read again from the file, checked and decrypted: a JSON list."""
        reader, opener = self._reader, self._opener
        if reader is None or opener is None:
            raise ValueError("the verified bundle is closed")
        for member in reader.members_of(kind):
            try:
                raws = _json_list(reader, member, opener)
            except BadBundle as exc:
                raise self._rejected(f"{exc}（同步包在导入过程中被改动或无法读取：什么都没有导入）") from None
            except Rejected as exc:
                raise self._rejected(exc.reason) from None
            except (OSError, ValueError):
                raise self._rejected(
                    f"读取 {member.name} 时出错（同步包在导入过程中被改动或无法读取）：什么都没有导入"
                ) from None
            yield member, raws
            del raws

    def touched(self) -> set[tuple[str, str]]:
        """(table, record id) of every operation carried: one more pass over the chunks."""
        return {(op.table, op.record_id) for chunk in self.op_chunks() for op in chunk}

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
        self._reader = self._opener = None

    def __enter__(self) -> Verified:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _rejected(self, reason: str) -> Rejected:
        return Rejected(reason, bundle_id=self.bundle_id, sender=self.sender.device_id)


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
    photos: PhotoStore | None = None,
) -> Verified:
    """The proven bundle, open for ``op_chunks``: close it (``with verify_bundle(...) as verified``).

    ``photos``: where the bundle's photos are stored as they are proven (none: a dry run, which still
    proves each one)."""
    staging: list[_Staging] = []

    def sink(unproven: Manifest) -> _Staging | None:
        if not _worth_staging(unproven, session, me):
            return None
        try:
            opener = Opener(keys.box, unproven.ephemeral_key, unproven.bundle_id)
        except SealError:
            return None
        staging.append(_Staging(opener, photos))
        return staging[-1]

    try:
        try:
            reader = BundleReader(path, photos=sink)
        except BadBundle as exc:
            raise Rejected(str(exc)) from None
        try:
            return _verify(reader, session, me, keys, photos=photos, staged=staging[0] if staging else None)
        except BadBundle as exc:
            reader.close()
            raise Rejected(str(exc)) from None
        except BaseException:
            reader.close()
            raise
    except BaseException:
        for staged in staging:
            staged.discard()  # nothing the refused bundle carried is left, not even a temporary file
        raise
    finally:
        for staged in staging:
            staged.close()


def _worth_staging(unproven: Manifest, session: Session, me: Identity) -> bool:
    """Whether a bundle, by its manifest not proven yet, looks like one this device will import: its
    photos are then decrypted, checked and written (not named) in the pass that proves the file's
    signature, instead of being read again once everything is proven. The checks themselves come
    after, from the signed manifest; this only spares the work for bundles plainly not to import."""
    if unproven.schema not in known_revisions() or not any(m.kind == "blob" for m in unproven.members):
        return False
    if unproven.sender.sign_key == me.sign_key:
        return False
    if normalise_fingerprint(unproven.recipient.fingerprint) != normalise_fingerprint(me.fingerprint):
        return False
    peer = session.execute(select(Peer).where(Peer.sign_key == unproven.sender.sign_key)).scalar_one_or_none()
    return peer is not None and peer.revoked_after_seq is None


class _Staging:
    """The photos of a bundle being proven, as the signature's pass over the file hands them over: each
    decrypted, its SHA-256 taken and compared with its name, and written and fsynced under a temporary
    name by a few threads beside the pass (a photo read from the file once). The outcome of each waits
    until everything else of the bundle is proven (``check``: the first failure is the bundle's
    refusal, with the message it has when read after the pass); then every photo takes its name
    (``adopt_all``), or a refused bundle's temporary files are removed (``discard``)."""

    # most of a photo's time here is its fsync, which waits for the disk, not the processor: enough
    # threads that several are in flight (the file system's journal commits them together)
    THREADS = 6
    IN_FLIGHT = 4 * THREADS  # photos handed over and not yet written: what memory holds of them
    IN_FLIGHT_BYTES = 64 * 1024 * 1024

    def __init__(self, opener: Opener, photos: PhotoStore | None) -> None:
        self._opener = opener
        self._photos = photos
        self._pool = ThreadPoolExecutor(self.THREADS, thread_name_prefix="zhucun-photo-in")
        self._results: dict[str, tuple[Member, Future[Path | None]]] = {}
        self._queued: deque[tuple[int, Future[Path | None]]] = deque()
        self._queued_bytes = 0

    def wants(self, member: Member) -> bool:
        sha = _photo_sha(member)
        return not (self._photos is not None and self._photos.keep(sha))

    def take(self, member: Member, sealed: bytes) -> None:
        if self._photos is not None:
            self._photos.prepare(_photo_sha(member))
        while self._queued and (
            len(self._queued) >= self.IN_FLIGHT or self._queued_bytes + len(sealed) > self.IN_FLIGHT_BYTES
        ):
            size, oldest = self._queued.popleft()
            wait([oldest])  # its failure, if any, is raised by ``check``, once the rest is proven
            self._queued_bytes -= size
        future = self._pool.submit(self._stage, member, sealed)
        self._results[member.name] = (member, future)
        self._queued.append((len(sealed), future))
        self._queued_bytes += len(sealed)

    def _stage(self, member: Member, sealed: bytes) -> Path | None:
        """Raises ``BadBundle`` or ``Rejected`` as reading the photo after the pass would."""
        try:
            plain = self._opener.open(
                member.index, member.name, sealed, compressed=member.compressed, plain_size=member.plain_size
            )
        except SealError as exc:
            raise BadBundle(f"成员 {member.name} 无法解密（{exc}）：文件被改动，或不是发给本机的") from None
        sha = _photo_sha(member)
        if hashlib.sha256(plain).hexdigest() != sha:
            raise Rejected(f"照片 {sha[:12]} 的内容与其名称不符：被改动过")
        return self._photos.stage(sha, plain) if self._photos is not None else None

    def staged(self, member: Member) -> bool:
        """Whether ``member`` (of the signed manifest) was handed over, as the same member."""
        found = self._results.get(member.name)
        return found is not None and found[0] == member

    def check(self, member: Member) -> None:
        """Raises the staged photo's failure (waiting for it)."""
        self._results[member.name][1].result()

    def adopt_all(self) -> None:
        """Every staged photo (each checked) takes its name."""
        for name, (member, future) in list(self._results.items()):
            partial = future.result()
            if partial is not None and self._photos is not None:
                self._photos.adopt(_photo_sha(member), partial)
            del self._results[name]

    def discard(self) -> None:
        """Every temporary file still unnamed removed (after the threads writing them have finished)."""
        self._pool.shutdown(wait=True)
        for _, future in self._results.values():
            if future.exception() is None:
                partial = future.result()
                if partial is not None and self._photos is not None:
                    self._photos.discard(partial)
        self._results.clear()

    def close(self) -> None:
        self._pool.shutdown(wait=True)


def _photo_sha(member: Member) -> str:
    return member.name.removeprefix("blobs/").removesuffix(".bin")


def _verify(
    reader: BundleReader,
    session: Session,
    me: Identity,
    keys: DeviceKeys,
    *,
    photos: PhotoStore | None = None,
    staged: _Staging | None = None,
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
        return _verify_content(reader, opener, session, me, peer, photos=photos, staged=staged)
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
    photos: PhotoStore | None = None,
    staged: _Staging | None = None,
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

    chain = _ChainPlaces()
    values = _ValueChecks()
    for member in reader.members_of("ops"):
        for raw in _json_list(reader, member, opener):  # one chunk in memory at a time
            try:
                op = Op.from_wire(raw)
            except ValueError:
                raise Rejected(f"{member.name} 中有格式错误的操作") from None
            if not op.verify_hash():
                raise Rejected(f"设备 {op.origin[-8:]} 的第 {op.seq} 条操作内容与其哈希不符：被改动过")
            values.check(op)
            chain.add(op.origin, op.seq, op.hash, op.prev_hash, kind=0)
    op_ranges = {origin: (low, high) for origin, (low, high, _, _) in chain.counted.items()}
    runs = _Runs(_signed_in_bundle(session, reader.info, control))
    for member in reader.members_of("links"):
        for raw in _json_list(reader, member, opener):  # one chunk in memory at a time
            link = _link(raw, member)
            chain.count(link.origin, link.seq, kind=1)
            if link.origin in chain.entries:  # an origin with operations in the bundle too
                chain.place(link.origin, link.seq, link.hash, link.prev_hash, kind=1)
            else:
                runs.add(link.origin, link.seq, link.hash, link.prev_hash)
    if runs.irregular:  # links not in one linked run per origin: each kept, as operations are
        for member in reader.members_of("links"):
            for raw in _json_list(reader, member, opener):
                link = _link(raw, member)
                if link.origin in runs.irregular:
                    chain.place(link.origin, link.seq, link.hash, link.prev_hash, kind=1)
    link_origins = {origin for origin, counted in chain.counted.items() if counted[3]}
    _check_summary(reader, chain)
    heads = _heads(control.heads, sign_keys)
    _check_chains(session, chain, heads, sign_keys, cutoffs, peers)
    _check_runs(
        session, runs, heads, sign_keys, cutoffs, peers, lambda origin: _link_hashes(reader, opener, origin)
    )

    verified = Verified(
        path=reader.path,
        manifest=reader.info,
        sender=sender,
        op_count=chain.ops,
        op_ranges=op_ranges,
        link_origins=link_origins,
        heads=heads,
        certified=certified,
        revocations=revocations,
        receipt=control.receipt,
        missing_blobs=list(control.missing_blobs),
        _reader=reader,
        _opener=opener,
        _repeated=chain.repeated_ops,
    )
    _prove_photos(reader, opener, verified, photos, staged)
    return verified


def _prove_photos(
    reader: BundleReader,
    opener: Opener,
    verified: Verified,
    photos: PhotoStore | None,
    staged: _Staging | None = None,
) -> None:
    """Each photo the signature's pass handed to ``staged`` (decrypted, checked against its name and
    written under a temporary name beside that pass) is checked now, in the manifest's order, the first
    failure refusing the bundle, and once all are proven they take their names. Any other (no staging: a bundle whose manifest did not look like
    one to import before it was proven) is read at its place in the file and decrypted (the tag refuses
    any changed byte), its SHA-256 taken by a thread beside the next photo's reading and compared with
    its name, then handed to ``photos`` (written and fsynced by the photo store's threads). A photo
    held already is not read at all: it is stored under the SHA-256 of its bytes."""
    pending: deque[tuple[str, bytes, Future[str]]] = deque()

    def settle() -> None:
        sha, data, hashing = pending.popleft()
        if hashing.result() != sha:
            raise Rejected(f"照片 {sha[:12]} 的内容与其名称不符：被改动过")
        if photos is not None:
            photos.put_named(sha, data)  # checked and content-addressed: harmless before the commit

    with ThreadPoolExecutor(1, thread_name_prefix="zhucun-photo-hash") as hasher:
        for member in reader.members_of("blob"):
            sha = _photo_sha(member)
            verified.blobs.append(sha)
            if staged is not None and staged.staged(member):
                staged.check(member)
                continue
            if photos is not None and photos.keep(sha):
                continue
            data = reader.open_photo(member, opener)
            pending.append((sha, data, hasher.submit(_hex_sha256, data)))
            del data
            if len(pending) > 1:  # one photo hashed while the next is read: two in memory
                settle()
        while pending:
            settle()
    if staged is not None:
        staged.adopt_all()


def _hex_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class _ValueChecks:
    """The per-column checks of received values (codec.value_check), chosen once per table and
    column for a bundle's whole verification, not looked up for each of its operations."""

    def __init__(self) -> None:
        self._models = synced_models()
        self._tables: dict[str, dict[str, Callable[[Any], str | None]] | None] = {}

    def check(self, op: Op) -> None:
        """Every value of a known field spelled as its column's type (fields and tables this version
        does not know are kept in the log and ignored in the state, so they are not checked)."""
        if op.table not in self._tables:
            model = self._models.get(op.table)
            self._tables[op.table] = (
                None if model is None else {c.key: value_check(c) for c in table_of(model).columns}
            )
        checks = self._tables[op.table]
        if checks is None:
            return
        for name, value in op.fields.items():
            if value is None:
                continue
            check = checks.get(name)
            problem = None if check is None else check(value)
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


class _ChainPlaces:
    """What verification keeps of each operation and link: its place in its origin's chain (seq, hash,
    prev hash), the counts and seq ranges the manifest declares, and the first fork inside the bundle.
    A hash equal to the previous entry's is kept as the same string: one copy per entry."""

    def __init__(self) -> None:
        self.entries: dict[str, dict[int, Entry]] = {}
        self.counted: dict[str, list[int]] = {}  # origin: [first seq, last seq, ops, links]
        self.ops = 0
        self.links = 0
        self.fork: tuple[str, int] | None = None
        self.repeated_ops: set[tuple[str, int]] = set()
        self._last: dict[str, str] = {}

    def add(self, origin: str, seq: int, hash_: str, prev_hash: str, *, kind: int) -> None:
        self.count(origin, seq, kind=kind)
        self.place(origin, seq, hash_, prev_hash, kind=kind)

    def place(self, origin: str, seq: int, hash_: str, prev_hash: str, *, kind: int) -> None:
        """The entry's place in its origin's chain (``count`` counts it)."""
        last = self._last.get(origin)
        if last is not None and last == prev_hash:
            prev_hash = last
        self._last[origin] = hash_
        entry = Entry(hash_, prev_hash)
        entries = self.entries.setdefault(origin, {})
        held = entries.get(seq)
        if held is not None:
            if held != entry and self.fork is None:
                self.fork = (origin, seq)
            if kind == 0:
                self.repeated_ops.add((origin, seq))
        entries[seq] = entry

    def count(self, origin: str, seq: int, *, kind: int) -> None:
        counted = self.counted.setdefault(origin, [seq, seq, 0, 0])
        counted[0], counted[1] = min(counted[0], seq), max(counted[1], seq)
        counted[2 + kind] += 1
        if kind == 0:
            self.ops += 1
        else:
            self.links += 1


class _Runs:
    """The chain links of each origin without operations in the bundle, as they are read: while they
    come one seq after another, each linked to the one before (as a sender writes them), only the run's
    ends are kept, and its entries at the seqs a signed head names (``signed``): memory does not grow
    with the links. An origin whose links come otherwise is ``irregular``: its links are read again and
    kept each, as operations are."""

    def __init__(self, signed: dict[str, set[int]]) -> None:
        self._signed = signed
        self.runs: dict[str, tuple[Run, dict[int, Entry]]] = {}
        self.irregular: set[str] = set()

    def add(self, origin: str, seq: int, hash_: str, prev_hash: str) -> None:
        if origin in self.irregular:
            return
        entry = Entry(hash_, prev_hash)
        found = self.runs.get(origin)
        if found is None:
            run, at = Run(seq, seq, entry, entry), {}
        elif seq == found[0].high + 1 and prev_hash == found[0].last.hash:
            run, at = Run(found[0].low, seq, found[0].first, entry), found[1]
        else:
            del self.runs[origin]
            self.irregular.add(origin)
            return
        if seq in self._signed.get(origin, ()):
            at[seq] = entry
        self.runs[origin] = (run, at)


def _signed_in_bundle(session: Session, manifest: Manifest, control: Control) -> dict[str, set[int]]:
    """Per origin with links in the bundle, the seqs a signed head names within its declared range: the
    heads the bundle carries and those held (what ``_check_runs`` compares a run's entries with)."""
    found: dict[str, set[int]] = {}
    for declared in manifest.origins:
        if declared.links:
            found[declared.origin] = set(
                session.execute(
                    select(SignedHead.seq).where(
                        SignedHead.origin == declared.origin,
                        SignedHead.seq >= declared.first_seq,
                        SignedHead.seq <= declared.last_seq,
                    )
                ).scalars()
            )
    for head in control.heads:
        if str(head.get("origin")) in found and isinstance(head.get("seq"), int):
            found[str(head["origin"])].add(int(head["seq"]))
    return found


def _link_hashes(reader: BundleReader, opener: Opener, origin: str) -> Iterator[list[tuple[int, str]]]:
    """(seq, hash) of ``origin``'s links, one bundle member at a time, read again from the file."""
    for member in reader.members_of("links"):
        chunk = []
        for raw in _json_list(reader, member, opener):
            link = _link(raw, member)
            if link.origin == origin:
                chunk.append((link.seq, link.hash))
        if chunk:
            yield chunk


def _check_runs(
    session: Session,
    runs: _Runs,
    heads: list[dict[str, Any]],
    sign_keys: dict[str, str],
    cutoffs: dict[str, int],
    peers: dict[str, Peer],
    link_hashes: Callable[[str], Iterator[list[tuple[int, str]]]],
) -> None:
    """``_check_chains`` for the origins whose links came as one linked run, from its ends (the same
    refusals: ``check_run`` answers as ``check_chain`` does). Held entries inside a run, if any, are
    compared with the run's a bundle member at a time."""
    for origin, (run, at) in runs.runs.items():
        name = _name(origin, peers)
        low, high = run.low, run.high
        _vouched_for(origin, high, name, sign_keys, cutoffs)
        known = known_entries(session, origin, low - 1, low - 1) | known_entries(
            session, origin, high + 1, high + 1
        )
        known_top = max(
            (
                top
                for model in (Operation, OpLink)
                for top in session.execute(
                    select(func.max(model.seq)).where(
                        model.origin == origin, model.seq >= low, model.seq <= high
                    )
                ).scalars()
                if top is not None
            ),
            default=None,
        )
        known_fork = None
        if known_top is not None:
            for chunk in link_hashes(origin):
                held = known_entries(session, origin, chunk[0][0], chunk[-1][0])
                known_fork = next((seq for seq, h in chunk if seq in held and held[seq].hash != h), None)
                if known_fork is not None:
                    break
        signed = _signed_heads(session, heads, origin, low, high)
        if any(low <= seq <= high and seq not in at for seq in signed):
            raise AssertionError("a signed head inside a run whose entry was not kept")
        _refuse_unless_linked(check_run(run, at, known, known_top, known_fork, signed), name)


def _check_summary(reader: BundleReader, chain: _ChainPlaces) -> None:
    """The signed manifest's counts and per-origin ranges are those of the content."""
    blobs = sum(1 for _ in reader.members_of("blob"))
    counted = {"ops": chain.ops, "links": chain.links, "blobs": blobs}
    if reader.info.counts != counted:
        raise Rejected(f"清单中的数量 {reader.info.counts} 与同步包的内容 {counted} 不符：文件是错误生成的")
    declared = {o.origin: [o.first_seq, o.last_seq, o.ops, o.links] for o in reader.info.origins}
    if declared != chain.counted or len(declared) != len(reader.info.origins):
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
    chain: _ChainPlaces,
    heads: list[dict[str, Any]],
    sign_keys: dict[str, str],
    cutoffs: dict[str, int],
    peers: dict[str, Peer],
) -> None:
    if chain.fork is not None:
        origin, seq = chain.fork
        raise Rejected(f"设备 {_name(origin, peers)} 的记录链在第 {seq} 条分叉：同一序号有两个不同的操作")
    for origin, entries in chain.entries.items():
        name = _name(origin, peers)
        low, high = min(entries), max(entries)
        _vouched_for(origin, high, name, sign_keys, cutoffs)
        known = known_entries(session, origin, low - 1, high + 1)
        signed = _signed_heads(session, heads, origin, low, high)
        _refuse_unless_linked(check_chain(entries, known, signed), name)


def _vouched_for(
    origin: str, high: int, name: str, sign_keys: dict[str, str], cutoffs: dict[str, int]
) -> None:
    """Refused: an origin nobody vouches for, or entries written after its revocation (up to ``high``)."""
    if origin not in sign_keys:
        raise Rejected(f"同步包含有未知设备 {origin[-8:]} 的操作，无法验证来源（它没有乡镇签发的证书）")
    cutoff = cutoffs.get(origin)
    if cutoff is not None and high > cutoff:
        raise Rejected(f"同步包含有已吊销设备 {name} 在吊销后写的操作（第 {cutoff + 1} 条以后）")


def _signed_heads(
    session: Session, heads: list[dict[str, Any]], origin: str, low: int, high: int
) -> dict[int, str]:
    """The signed head hashes of ``origin`` by seq: those held from ``low`` to ``high``, and the bundle's."""
    signed = {
        seq: h
        for seq, h in session.execute(
            select(SignedHead.seq, SignedHead.hash).where(
                SignedHead.origin == origin, SignedHead.seq >= low, SignedHead.seq <= high
            )
        )
    }
    signed.update({int(h["seq"]): str(h["hash"]) for h in heads if h["origin"] == origin})
    return signed


def _refuse_unless_linked(result: ChainCheck, name: str) -> None:
    """One line for a chain that forks, breaks or cannot be proven from a signed head."""
    if result.fork_at is not None:
        raise Rejected(
            f"设备 {name} 的记录链在第 {result.fork_at} 条分叉：同一序号有两个不同的操作"
            "（这台设备的数据可能被复制到了另一台电脑上）"
        )
    if result.broken_at is not None:
        raise Rejected(f"设备 {name} 的第 {result.broken_at} 条操作与前一条接不上：同步包被改动过")
    spans = result.unproven_spans or ranges(result.unproven)
    if spans:
        raise Rejected(f"设备 {name} 的第 {describe_ranges(spans)} 条操作没有签名的链头可以验证：不予导入")


def _name(origin: str, peers: dict[str, Peer]) -> str:
    peer = peers.get(origin)
    if peer is None:
        return origin[-8:]
    place = peer.village_name or peer.township_name or ""
    return f"{place}（{peer.user_name or origin[-8:]}）"


def manifest_summary(manifest: dict[str, Any]) -> str:
    return json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True)
