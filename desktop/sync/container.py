"""The bundle file (format version 3; version 2 is still read): a ZIP archive, every member stored
(none compressed by ZIP),

    manifest.json   canonical JSON, not encrypted, no personal data
    control.bin     sealed JSON: signed chain heads, certificates, revocations, receipt
    ops/NNNNNN.bin  sealed JSON arrays of operations
    links/NNNNNN.bin sealed JSON arrays of chain links
    blobs/<sha256>.bin sealed photo bytes

whose ZIP comment (the last bytes of the file) is the sender's Ed25519 signature over the SHA-256 of
every byte before it: ``zhucun-bundle-v2 signature <128 hex digits>``. Any change anywhere in the file
(a member, a ZIP header, the directory, bytes added or cut off) breaks that signature; the reader
checks it before anything else of the file is trusted, and reads the manifest from the bytes it hashed.

Version 3 differs from version 2 in one field: a photo member's ``sha256`` in the manifest is the
SHA-256 of its plain bytes (the hash its name carries), not of its sealed bytes, so the writer hashes
each photo once (for the file's signature) instead of twice. The reader never checked the sealed
photo's hash (its AEAD tag and its name prove it), so it reads both versions alike; a version-2 reader
refuses a version-3 file as newer, naming the version to install. See docs/bundle-format.md.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import zipfile
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from desktop.domain.errors import present
from desktop.store.types import canonical_json
from desktop.sync.keys import DeviceKeys, verify
from desktop.sync.sealing import SCHEME, Opener, Sealer, SealError
from desktop.sync.wire import (
    MAX_MEMBER,
    MEMBER_NAME,
    BadBundle,
    Manifest,
    Member,
    parse_manifest,
    sender_sign_key,
)

__all__ = ["MAX_MEMBER", "BadBundle", "BundleReader", "BundleWriter", "Manifest", "Member", "PhotoSink"]

FORMAT = "zhucun-bundle"
FORMAT_VERSION = 3
READABLE_VERSIONS = (2, 3)  # both signed the same way (the ``v2`` signature's context and trailer)
SUFFIX = ".zcb"
MANIFEST = "manifest.json"
CONTROL = "control.bin"
_SIGNED_CONTEXT = b"zhucun-bundle-v2\n"
_TRAILER_PREFIX = b"zhucun-bundle-v2 signature "
_TRAILER_ANY = re.compile(rb"zhucun-bundle-v(\d{1,6}) signature [0-9a-f]{128}$")
_SIGNATURE_HEX = 128
TRAILER = len(_TRAILER_PREFIX) + _SIGNATURE_HEX  # the ZIP comment: the file's last bytes
_EOCD = 22  # end of central directory record, without its comment
_ALLOWED_FLAGS = 0x0008 | 0x0800  # data descriptor, UTF-8 names; never encryption or patch data
_CHUNK = 1024 * 1024
MAX_MANIFEST = 16 * 1024 * 1024
OPS_PER_CHUNK = 5000


def signed_message(digest: bytes) -> bytes:
    """What the sender signs: the context and the SHA-256 of every byte before the signature."""
    return _SIGNED_CONTEXT + digest


class BundleWriter:
    """Writes members one by one into an open binary file, then the manifest and its signature."""

    def __init__(
        self, handle: BinaryIO, *, bundle_id: str, recipient_box_key: str, ephemeral: Any = None
    ) -> None:
        self._handle = handle
        self._start = handle.tell()
        self._zip = zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_STORED, allowZip64=True)
        self._sealer = Sealer(recipient_box_key, bundle_id, ephemeral)
        self.members: list[Member] = []
        self.bytes_written = 0
        # the signature's SHA-256 of the file, taken as each member is written (by one thread beside
        # this one, one member behind) instead of reading the whole file back at the end
        self._digest = hashlib.sha256()
        self._hashed = self._start  # every byte before this is in the digest, and final
        self._hasher = ThreadPoolExecutor(1, thread_name_prefix="zhucun-bundle-hash")
        self._hashing: Future[None] | None = None

    def add(self, name: str, kind: str, plain: bytes, *, compress: bool = True) -> Member:
        index = len(self.members)
        sealed = self._sealer.seal(index, name, plain, compress=compress)
        sha256 = _named_sha256(name) if kind == "blob" else hashlib.sha256(sealed).hexdigest()
        member = Member(name, kind, index, len(sealed), len(plain), sha256, compress)
        self._write(name, sealed)
        self.members.append(member)
        return member

    def add_json(self, name: str, kind: str, value: Any) -> Member:
        return self.add(name, kind, canonical_json(value).encode("utf-8"))

    def add_photo(self, name: str, plain: bytes) -> None:
        """A photo, stored as it is (not compressed): sealed and written here, while the file's signature
        hash takes its bytes in a thread beside the next photo's reading and sealing (at most one photo
        behind, so memory holds two photos, not all). Its manifest ``sha256`` is the one its name
        carries (format version 3): the photo is hashed once, not once more for the manifest."""
        index = len(self.members)
        sealed = self._sealer.seal(index, name, plain, compress=False)
        self.members.append(Member(name, "blob", index, len(sealed), len(plain), _named_sha256(name), False))
        self._write(name, sealed)

    def finish(self, manifest: dict[str, Any], keys: DeviceKeys) -> bytes:
        """Write the manifest and the central directory, then sign the whole file into its last bytes.
        The handle must be readable as well (``w+b``): each member's local header and the central
        directory are read back to be hashed (the members' bytes were hashed as they were written)."""
        self._wait_for_hash()
        manifest = {
            **manifest,
            "format": FORMAT,
            "format_version": self.format_version,
            "encryption": {"scheme": SCHEME, "ephemeral_key": self._sealer.ephemeral_key},
            "members": [member.to_json() for member in self.members],
        }
        data = canonical_json(manifest).encode("utf-8")
        self._write(MANIFEST, data)
        self._zip.comment = _TRAILER_PREFIX + b"0" * _SIGNATURE_HEX  # a placeholder of the final length
        self._zip.close()
        self._wait_for_hash()
        end = self._handle.tell()
        # what the members' hashing has not covered: the central directory and the end record
        self._handle.seek(self._hashed)
        _sha256(self._handle, end - self._hashed - _SIGNATURE_HEX, self._digest)
        self._handle.seek(end - _SIGNATURE_HEX)
        self._handle.write(keys.sign(signed_message(self._digest.digest())).hex().encode("ascii"))
        return data

    @property
    def format_version(self) -> int:
        """3 when the bundle carries a photo; else 2, which describes it exactly (the versions differ
        only in a photo's listed hash), so a device not updated yet still reads it."""
        return FORMAT_VERSION if any(member.kind == "blob" for member in self.members) else 2

    def close(self) -> None:
        """Close the archive (an abandoned one too: the caller then deletes the partial file)."""
        try:
            self._zip.close()
        finally:
            self._hasher.shutdown(wait=True)

    def _write(self, name: str, data: bytes) -> None:
        """Write a member; its bytes go into the file's signature hash in a thread beside the next one."""
        info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_STORED
        with self._zip.open(info, "w", force_zip64=len(data) > 0x7FFF0000) as out:
            out.write(data)
        self.bytes_written += len(data)
        # the local header is final once the member is closed (the ZIP writer rewrites it then, with
        # the CRC and sizes): read those few bytes back, and hash them with the data held here
        end = self._handle.tell()
        header_length = end - info.header_offset - len(data)
        self._handle.seek(info.header_offset)
        header = self._handle.read(header_length)
        self._handle.seek(end)
        if len(header) != header_length:
            raise OSError("the bundle being written became shorter")
        self._wait_for_hash()
        if info.header_offset == self._hashed:  # else (never with this writer) read back at the end
            self._hashing = self._hasher.submit(_update, self._digest, header, data)
            self._hashed = end

    def _wait_for_hash(self) -> None:
        if self._hashing is not None:
            hashing, self._hashing = self._hashing, None
            hashing.result()


class PhotoSink(Protocol):
    """What the signature's pass over the file hands each photo member to, as its sealed bytes go by
    (before the signature is proven: the sink only prepares, nothing may count until the reader is
    open and its caller has proven the rest)."""

    def wants(self, member: Member) -> bool: ...

    def take(self, member: Member, sealed: bytes) -> None: ...


class BundleReader:
    """Opens a bundle file, proves the sender's signature over every byte of it and checks its
    structure against the manifest. Nothing is decrypted here.

    ``photos``: given the manifest as read before the signature is proven (parsed; None when it cannot
    be), a sink for the photo members, or None. The photos' sealed bytes are then handed to the sink
    from the one pass that hashes the file for its signature, so a photo is read from the file once;
    the manifest the sink was given is then required to be the signed one, byte for byte."""

    def __init__(self, path: Path, *, photos: Callable[[Manifest], PhotoSink | None] | None = None) -> None:
        self.path = path
        self._photos = photos
        try:
            # unbuffered: a member read again (the operations, for the fold) comes from the file, not
            # from a buffer of the first reading
            self._file = open(path, "rb", buffering=0)  # noqa: SIM115 -- closed by close()
        except FileNotFoundError:
            raise BadBundle(f"找不到文件 {path}") from None
        except OSError as exc:
            raise BadBundle(f"无法读取文件 {path}（{exc.strerror or exc}）") from None
        self._zip: zipfile.ZipFile | None = None
        try:
            self._open()
        except OSError as exc:
            self.close()
            raise BadBundle(f"读取 {path.name} 时出错（{exc.strerror or exc}）：U 盘是否已拔出？") from None
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
        self._file.close()

    def __enter__(self) -> BundleReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _open(self) -> None:
        size = os.fstat(self._file.fileno()).st_size
        tail = b""
        if size >= _EOCD + TRAILER:
            self._file.seek(size - _EOCD - TRAILER)
            tail = self._file.read(_EOCD + TRAILER)
        record, comment = tail[:_EOCD], tail[_EOCD:]
        if not (
            record[:4] == b"PK\x05\x06"
            and int.from_bytes(record[20:22], "little") == TRAILER
            and comment.startswith(_TRAILER_PREFIX)
        ):
            raise BadBundle(self._without_signature(size))
        try:
            signature = bytes.fromhex(comment[len(_TRAILER_PREFIX) :].decode("ascii"))
        except (UnicodeDecodeError, ValueError):
            signature = b""
        if comment[len(_TRAILER_PREFIX) :] != signature.hex().encode("ascii") or len(signature) != 64:
            raise BadBundle("同步包末尾的签名已损坏：文件被改动过")
        try:
            self._zip = zipfile.ZipFile(self._file)
            infos = self._zip.infolist()
        except Exception:  # zipfile's parser on a hostile file raises many kinds
            raise BadBundle("同步包已损坏或被改动：ZIP 目录无法读取") from None
        self._infos = self._check_names(infos)
        manifest_info = self._infos[MANIFEST]
        early, sink, spans = self._photo_spans(manifest_info)
        digest, self.manifest_bytes = self._hash_and_read(size, manifest_info, sink, spans)
        try:
            raw = json.loads(self.manifest_bytes.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            raise BadBundle("同步包清单已损坏（无法读取）：文件被改动过") from None
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            raise BadBundle("不是同步包：清单格式不对")
        self.sign_key = sender_sign_key(raw)
        if not verify(self.sign_key, signature, signed_message(digest)):
            raise BadBundle("同步包的签名不对：文件被改动过，或已损坏")
        if early is not None and early != self.manifest_bytes:
            raise BadBundle("同步包在读取时被改动（清单前后不同）：请重新拷贝后再导入")
        version = raw.get("format_version")
        if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
            raise BadBundle(_newer(version, raw))
        self.info: Manifest = parse_manifest(raw, version if version in READABLE_VERSIONS else FORMAT_VERSION)
        self.manifest: dict[str, Any] = raw
        self.members = list(self.info.members)
        self._check_members()

    def _without_signature(self, size: int) -> str:
        """Why the file does not end in a signature: an older or newer format, or not a whole bundle."""
        self._file.seek(max(0, size - 256))
        match = _TRAILER_ANY.search(self._file.read())
        version = int(match.group(1)) if match else None
        raw: Any = None
        try:
            with zipfile.ZipFile(self._file) as archive:
                if archive.getinfo(MANIFEST).file_size <= MAX_MANIFEST:
                    raw = json.loads(archive.read(MANIFEST).decode("utf-8"))
        except Exception:  # only to name a version in the message; refused either way
            raw = None
        if isinstance(raw, dict) and raw.get("format") == FORMAT and version is None:
            version = raw.get("format_version") if isinstance(raw.get("format_version"), int) else None
        if version is not None and version > FORMAT_VERSION:
            return _newer(version, raw)
        if version == 1:
            return (
                "这个同步包是旧版 Zhucun 写的（格式第 1 版，文件头不受签名保护），本版不再导入："
                "请对方升级 Zhucun 后重新导出"
            )
        return "不是同步包，或文件不完整（可能拷贝时中断）、末尾被改动：文件末尾没有完整的同步包签名"

    def _check_names(self, infos: list[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
        by_name = {info.filename: info for info in infos}
        if len(by_name) != len(infos):
            raise BadBundle("同步包中有重名的成员")
        if MANIFEST not in by_name:
            raise BadBundle(f"不是同步包：缺少 {MANIFEST}")
        for name, info in by_name.items():
            if name != MANIFEST and not MEMBER_NAME.match(name):
                raise BadBundle(f"同步包中有不允许的成员名 {name!r}（可能是恶意文件）")
            if info.compress_type != zipfile.ZIP_STORED:
                raise BadBundle(f"成员 {name} 使用了压缩：不是本软件生成的同步包")
            if info.flag_bits & ~_ALLOWED_FLAGS:
                raise BadBundle(f"成员 {name} 的 ZIP 标志不对（加密或补丁数据）：不是本软件生成的同步包")
        if by_name[MANIFEST].file_size > MAX_MANIFEST:
            raise BadBundle("同步包清单过大：不是本软件生成的同步包")
        return by_name

    def _photo_spans(
        self, manifest: zipfile.ZipInfo
    ) -> tuple[bytes | None, PhotoSink | None, list[tuple[int, int, Member]]]:
        """Before the signature pass, when a photo sink is asked for: the manifest as the file holds it
        (not proven yet), the sink, and where each photo member the sink wants lies in the file (its
        stored bytes' start and end, from its local header). Whatever does not read cleanly here gives
        no sink: the photos are then read after the pass, as any bundle's were."""
        if self._photos is None:
            return None, None, []
        try:
            archive = present(self._zip, "the open bundle")
            early = archive.read(MANIFEST)
            raw = json.loads(early.decode("utf-8"))
            version = raw.get("format_version") if isinstance(raw, dict) else None
            if version not in READABLE_VERSIONS:
                return None, None, []
            unproven = parse_manifest(raw, version)
        except Exception:  # a hostile or damaged file: the pass and the checks after it say what is wrong
            return None, None, []
        sink = self._photos(unproven)
        if sink is None:
            return None, None, []
        spans = []
        for member in unproven.members:
            info = self._infos.get(member.name)
            if (
                member.kind != "blob"
                or info is None
                or info.file_size != member.size
                or not sink.wants(member)
            ):
                continue
            header = self._read_at(info.header_offset, 30)
            if len(header) < 30 or header[:4] != b"PK\x03\x04":
                continue
            start = info.header_offset + 30 + int.from_bytes(header[26:28], "little")
            start += int.from_bytes(header[28:30], "little")
            spans.append((start, start + member.size, member))
        spans.sort(key=lambda span: span[0])
        # members that overlap (never in a file this program wrote) are read after the pass instead
        kept: list[tuple[int, int, Member]] = []
        for span in spans:
            if kept and span[0] < kept[-1][1]:
                continue
            kept.append(span)
        return early, sink, kept

    def _hash_and_read(
        self,
        size: int,
        manifest: zipfile.ZipInfo,
        sink: PhotoSink | None = None,
        spans: list[tuple[int, int, Member]] | None = None,
    ) -> tuple[bytes, bytes]:
        """One pass over the signed bytes: their SHA-256, and the manifest exactly as hashed; each photo
        member of ``spans`` handed to ``sink`` as its last byte goes by."""
        window_start = manifest.header_offset
        window_end = window_start + 30 + 0xFFFF * 2 + manifest.file_size
        captured = bytearray()
        digest = hashlib.sha256()
        pending = deque(spans or ())
        photo = bytearray()
        self._file.seek(0)
        position, end = 0, size - _SIGNATURE_HEX
        while position < end:
            chunk = self._file.read(min(_CHUNK, end - position))
            if not chunk:
                raise BadBundle("同步包文件在读取时变短了：请重新拷贝")
            digest.update(chunk)
            low, high = max(window_start, position), min(window_end, position + len(chunk))
            if low < high:
                captured += chunk[low - position : high - position]
            chunk_end = position + len(chunk)
            while pending and pending[0][0] < chunk_end:
                start, stop, member = pending[0]
                if start >= position and stop <= chunk_end:  # the whole photo in this chunk: one copy
                    pending.popleft()
                    if sink is not None:
                        sink.take(member, chunk[start - position : stop - position])
                    continue
                low, high = max(start, position), min(stop, chunk_end)
                if low < high:
                    photo += memoryview(chunk)[low - position : high - position]
                if stop > chunk_end:
                    break
                pending.popleft()
                if sink is not None and len(photo) == stop - start:
                    sink.take(member, bytes(photo))
                photo.clear()
            position = chunk_end
        header = bytes(captured[:30])
        if len(header) < 30 or header[:4] != b"PK\x03\x04":
            raise BadBundle("同步包已损坏或被改动：清单的位置不对")
        name_length = int.from_bytes(header[26:28], "little")
        data_start = 30 + name_length + int.from_bytes(header[28:30], "little")
        data = bytes(captured[data_start : data_start + manifest.file_size])
        if captured[30 : 30 + name_length] != MANIFEST.encode() or len(data) != manifest.file_size:
            raise BadBundle("同步包已损坏或被改动：清单的位置不对")
        return digest.digest(), data

    def _check_members(self) -> None:
        declared = {member.name for member in self.members}
        if len(declared) != len(self.members):
            raise BadBundle("清单中有重复的成员")
        present = set(self._infos) - {MANIFEST}
        if present - declared:
            raise BadBundle(f"同步包中有清单没有列出的成员：{sorted(present - declared)[0]}")
        if declared - present:
            raise BadBundle(f"同步包缺少成员 {sorted(declared - present)[0]}（文件不完整）")
        for member in self.members:
            if self._infos[member.name].file_size != member.size:
                raise BadBundle(f"成员 {member.name} 的大小与清单不符（文件被改动或不完整）")
            if (
                self.info.format_version >= 3
                and member.kind == "blob"
                and member.sha256 != _named_sha256(member.name)
            ):
                raise BadBundle(f"成员 {member.name} 的校验值与其名称不符：不是本软件生成的同步包")

    def opener(self, box_private: Any) -> Opener:
        if self.info.scheme != SCHEME:
            raise BadBundle(f"不支持的加密方式 {self.info.scheme[:40]!r}")
        try:
            return Opener(box_private, self.info.ephemeral_key, self.info.bundle_id)
        except SealError:
            raise BadBundle("同步包的加密信息已损坏") from None

    def read_member(self, member: Member, opener: Opener) -> bytes:
        if member.kind == "blob":  # checked against its name (version 3 lists no sealed hash of it)
            plain = self.open_photo(member, opener)
            if hashlib.sha256(plain).hexdigest() != _named_sha256(member.name):
                raise BadBundle(f"成员 {member.name} 的内容与其名称不符：文件被改动或损坏")
            return plain
        sealed = self._read(member.name, member.size)
        if hashlib.sha256(sealed).hexdigest() != member.sha256:
            raise BadBundle(f"成员 {member.name} 的校验值不符：文件被改动或损坏")
        try:
            return opener.open(
                member.index, member.name, sealed, compressed=member.compressed, plain_size=member.plain_size
            )
        except SealError as exc:
            raise BadBundle(f"成员 {member.name} 无法解密（{exc}）：文件被改动，或不是发给本机的") from None

    def open_photo(self, member: Member, opener: Opener) -> bytes:
        """A photo member's plain bytes, read straight from its place in the file and decrypted: no
        ZIP CRC and no SHA-256 of the sealed bytes, since the decryption's tag refuses any byte changed
        by anyone without the bundle's key, and the caller checks the plain bytes against the photo's
        name (the SHA-256 it is stored under) in the same pass."""
        sealed = self._read_stored(member)
        try:
            return opener.open(
                member.index, member.name, sealed, compressed=member.compressed, plain_size=member.plain_size
            )
        except SealError as exc:
            raise BadBundle(f"成员 {member.name} 无法解密（{exc}）：文件被改动，或不是发给本机的") from None

    def _read_stored(self, member: Member) -> bytes:
        """The stored bytes of ``member`` from after its local header, by position (one read, one copy)."""
        info = self._infos[member.name]
        try:
            header = self._read_at(info.header_offset, 30)
            if len(header) < 30 or header[:4] != b"PK\x03\x04":
                raise BadBundle(f"成员 {member.name} 已损坏（ZIP 文件头不对）")
            name_length = int.from_bytes(header[26:28], "little")
            start = info.header_offset + 30 + name_length + int.from_bytes(header[28:30], "little")
            if self._read_at(info.header_offset + 30, name_length) != member.name.encode("ascii"):
                raise BadBundle(f"成员 {member.name} 已损坏（ZIP 文件头中的名称不对）")
            data = self._read_at(start, member.size)
        except OSError as exc:
            raise BadBundle(f"成员 {member.name} 已损坏（{_reason(exc)}）") from None
        if len(data) != member.size:
            raise BadBundle(f"成员 {member.name} 已损坏（文件不完整）")
        return data

    def _read_at(self, offset: int, length: int) -> bytes:
        """``length`` bytes from ``offset`` (fewer at the end of the file). The ZIP reader seeks itself
        before each of its reads, so moving the shared position here does not disturb it."""
        self._file.seek(offset)
        data = self._file.read(length) or b""
        if len(data) == length or not data:
            return data
        parts = [data]
        got = len(data)
        while got < length:
            more = self._file.read(length - got)
            if not more:
                break
            parts.append(more)
            got += len(more)
        return b"".join(parts)

    def read_json(self, member: Member, opener: Opener) -> Any:
        try:
            return json.loads(self.read_member(member, opener).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            raise BadBundle(f"成员 {member.name} 的内容无法读取") from None

    def members_of(self, kind: str) -> Iterator[Member]:
        return (member for member in self.members if member.kind == kind)

    def _read(self, name: str, limit: int) -> bytes:
        archive = present(self._zip, "the open bundle")
        try:
            with archive.open(name) as handle:
                data = handle.read(limit + 1)
        except (
            zipfile.BadZipFile,
            zipfile.LargeZipFile,
            OSError,
            EOFError,
            ValueError,
            NotImplementedError,  # "compressed patched data" and other features this format never uses
            RuntimeError,  # "File is encrypted"
        ) as exc:
            raise BadBundle(f"成员 {name} 已损坏（{_reason(exc)}）") from None
        if len(data) > limit:
            raise BadBundle(f"成员 {name} 比声明的大（可能是恶意文件）")
        return data


def _newer(version: int, raw: Any) -> str:
    app_version = raw.get("app_version") if isinstance(raw, dict) else None
    wanted = app_version if isinstance(app_version, str) and len(app_version) < 40 else "更新的版本"
    return f"这个同步包的格式（第 {version} 版）比本机软件新：请安装 Zhucun {wanted} 或更新版本后再导入"


def _sha256(handle: BinaryIO, length: int, digest: Any) -> None:
    """``digest`` updated with the next ``length`` bytes of ``handle``."""
    while length > 0:
        chunk = handle.read(min(_CHUNK, length))
        if not chunk:
            raise OSError("the bundle being written became shorter")
        digest.update(chunk)
        length -= len(chunk)


def _named_sha256(name: str) -> str:
    """The SHA-256 a photo member's name carries: that of its plain bytes (``blobs/<sha256>.bin``)."""
    return name.removeprefix("blobs/").removesuffix(".bin")


def _update(digest: Any, *parts: bytes) -> None:
    for part in parts:
        digest.update(part)


def _reason(exc: BaseException) -> str:
    text = str(exc)
    if "CRC" in text:
        return "校验错误"
    if "truncated" in text.lower() or isinstance(exc, EOFError):
        return "文件不完整"
    return "无法读取"
