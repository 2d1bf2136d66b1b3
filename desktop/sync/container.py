"""The bundle file: a ZIP archive (every member stored, none compressed by ZIP) holding

    manifest.json   canonical JSON, not encrypted, no personal data
    manifest.sig    base64 Ed25519 signature of the sender over "zhucun-bundle-v1\\n" + manifest.json
    control.bin     sealed JSON: signed chain heads, certificates, revocations, receipt, sender's card
    ops/NNNNNN.bin  sealed JSON arrays of operations
    links/NNNNNN.bin sealed JSON arrays of chain links
    blobs/<sha256>.bin sealed photo bytes

The manifest lists every member with its size and the SHA-256 of its sealed bytes, so the signature
covers everything. Reading checks structure before anything is decrypted: only the names above, no
compression, sizes as declared and below fixed limits (see docs/bundle-format.md).
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from desktop.store.types import canonical_json
from desktop.sync.keys import DeviceKeys, b64, unb64, verify
from desktop.sync.sealing import SCHEME, Opener, Sealer, SealError

FORMAT = "zhucun-bundle"
FORMAT_VERSION = 1
SUFFIX = ".zcb"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
CONTROL = "control.bin"
_SIGNED_CONTEXT = b"zhucun-bundle-v1\n"
_MEMBER_NAME = re.compile(r"^(control\.bin|ops/\d{6}\.bin|links/\d{6}\.bin|blobs/[0-9a-f]{64}\.bin)$")
MAX_MANIFEST = 16 * 1024 * 1024
MAX_MEMBER = 256 * 1024 * 1024  # a photo or a chunk of operations: far below this
OPS_PER_CHUNK = 5000


class BadBundle(ValueError):
    """The file is not a readable, intact bundle. The message is Chinese and names what is wrong."""


@dataclass(frozen=True)
class Member:
    name: str
    kind: str  # control / ops / links / blob
    index: int
    size: int
    plain_size: int
    sha256: str
    compressed: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "index": self.index,
            "size": self.size,
            "plain_size": self.plain_size,
            "sha256": self.sha256,
            "compression": "zlib" if self.compressed else "none",
        }

    @classmethod
    def from_json(cls, raw: Any) -> Member:
        try:
            member = cls(
                str(raw["name"]),
                str(raw["kind"]),
                int(raw["index"]),
                int(raw["size"]),
                int(raw["plain_size"]),
                str(raw["sha256"]),
                {"zlib": True, "none": False}[raw["compression"]],
            )
        except (KeyError, TypeError, ValueError):
            raise BadBundle("清单中的成员描述不完整") from None
        if not _MEMBER_NAME.match(member.name):
            raise BadBundle(f"清单中有不允许的成员名 {member.name!r}")
        if not (0 <= member.size <= MAX_MEMBER and 0 <= member.plain_size <= MAX_MEMBER):
            raise BadBundle(f"成员 {member.name} 声明的大小超出允许范围")
        return member


class BundleWriter:
    """Writes members one by one into an open binary file, then the manifest and its signature."""

    def __init__(
        self, handle: BinaryIO, *, bundle_id: str, recipient_box_key: str, ephemeral: Any = None
    ) -> None:
        self._zip = zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_STORED, allowZip64=True)
        self._sealer = Sealer(recipient_box_key, bundle_id, ephemeral)
        self.members: list[Member] = []
        self.bytes_written = 0

    def add(self, name: str, kind: str, plain: bytes, *, compress: bool = True) -> Member:
        index = len(self.members)
        sealed = self._sealer.seal(index, name, plain, compress=compress)
        member = Member(
            name, kind, index, len(sealed), len(plain), hashlib.sha256(sealed).hexdigest(), compress
        )
        self._write(name, sealed)
        self.members.append(member)
        return member

    def add_json(self, name: str, kind: str, value: Any) -> Member:
        return self.add(name, kind, canonical_json(value).encode("utf-8"))

    def finish(self, manifest: dict[str, Any], keys: DeviceKeys) -> bytes:
        manifest = {
            **manifest,
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "encryption": {"scheme": SCHEME, "ephemeral_key": self._sealer.ephemeral_key},
            "members": [member.to_json() for member in self.members],
        }
        data = canonical_json(manifest).encode("utf-8")
        self._write(MANIFEST, data)
        self._write(SIGNATURE, b64(keys.sign(_SIGNED_CONTEXT + data)).encode("ascii"))
        self._zip.close()
        return data

    def close(self) -> None:
        """Close the archive (an abandoned one too: the caller then deletes the partial file)."""
        self._zip.close()

    def _write(self, name: str, data: bytes) -> None:
        info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_STORED
        with self._zip.open(info, "w", force_zip64=len(data) > 0x7FFF0000) as out:
            out.write(data)
        self.bytes_written += len(data)


class BundleReader:
    """Opens a bundle file and checks its structure; nothing is trusted until ``verify_signature``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._zip = zipfile.ZipFile(path, "r")
        except FileNotFoundError:
            raise BadBundle(f"找不到文件 {path}") from None
        except (zipfile.BadZipFile, OSError, ValueError):
            raise BadBundle("不是同步包，或文件不完整（可能拷贝时中断）") from None
        try:
            self._check_structure()
        except BaseException:
            self._zip.close()
            raise

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> BundleReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _check_structure(self) -> None:
        infos = {info.filename: info for info in self._zip.infolist()}
        if len(infos) != len(self._zip.infolist()):
            raise BadBundle("同步包中有重名的成员")
        for name in (MANIFEST, SIGNATURE):
            if name not in infos:
                raise BadBundle(f"不是同步包：缺少 {name}")
        for name, info in infos.items():
            if name not in (MANIFEST, SIGNATURE) and not _MEMBER_NAME.match(name):
                raise BadBundle(f"同步包中有不允许的成员名 {name!r}（可能是恶意文件）")
            if info.compress_type != zipfile.ZIP_STORED:
                raise BadBundle(f"成员 {name} 使用了压缩：不是本软件生成的同步包")
        if infos[MANIFEST].file_size > MAX_MANIFEST or infos[SIGNATURE].file_size > 1024:
            raise BadBundle("同步包清单过大：不是本软件生成的同步包")
        self.manifest_bytes = self._read(MANIFEST, infos[MANIFEST].file_size)
        try:
            manifest = json.loads(self.manifest_bytes.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise BadBundle("同步包清单已损坏（无法读取）") from None
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise BadBundle("不是同步包：清单格式不对")
        self.manifest: dict[str, Any] = manifest
        try:
            self.signature = unb64(self._read(SIGNATURE, 1024).decode("ascii").strip(), 64)
        except (UnicodeDecodeError, ValueError):
            raise BadBundle("同步包的签名已损坏") from None
        self.format_version = manifest.get("format_version")
        if not isinstance(self.format_version, int):
            raise BadBundle("同步包清单缺少格式版本")
        if self.format_version > FORMAT_VERSION:
            return  # the caller reports the version to install; members may differ
        self.members = [Member.from_json(raw) for raw in manifest.get("members") or []]
        declared = {member.name for member in self.members}
        if len(declared) != len(self.members):
            raise BadBundle("清单中有重复的成员")
        present = set(infos) - {MANIFEST, SIGNATURE}
        if present - declared:
            raise BadBundle(f"同步包中有清单没有列出的成员：{sorted(present - declared)[0]}")
        if declared - present:
            raise BadBundle(f"同步包缺少成员 {sorted(declared - present)[0]}（文件不完整）")
        for member in self.members:
            if infos[member.name].file_size != member.size:
                raise BadBundle(f"成员 {member.name} 的大小与清单不符（文件被改动或不完整）")

    def verify_signature(self, sign_key: str) -> bool:
        return verify(sign_key, self.signature, _SIGNED_CONTEXT + self.manifest_bytes)

    def opener(self, box_private: Any) -> Opener:
        encryption = self.manifest.get("encryption") or {}
        if encryption.get("scheme") != SCHEME:
            raise BadBundle(f"不支持的加密方式 {encryption.get('scheme')!r}")
        try:
            return Opener(box_private, str(encryption.get("ephemeral_key")), str(self.manifest["bundle_id"]))
        except SealError:
            raise BadBundle("同步包的加密信息已损坏") from None

    def read_member(self, member: Member, opener: Opener) -> bytes:
        sealed = self._read(member.name, member.size)
        if hashlib.sha256(sealed).hexdigest() != member.sha256:
            raise BadBundle(f"成员 {member.name} 的校验值不符：文件被改动或损坏")
        try:
            return opener.open(
                member.index, member.name, sealed, compressed=member.compressed, plain_size=member.plain_size
            )
        except SealError as exc:
            raise BadBundle(f"成员 {member.name} 无法解密（{exc}）：文件被改动，或不是发给本机的") from None

    def read_json(self, member: Member, opener: Opener) -> Any:
        try:
            return json.loads(self.read_member(member, opener).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise BadBundle(f"成员 {member.name} 的内容无法读取") from None

    def members_of(self, kind: str) -> Iterator[Member]:
        return (member for member in self.members if member.kind == kind)

    def _read(self, name: str, limit: int) -> bytes:
        try:
            with self._zip.open(name) as handle:
                data = handle.read(limit + 1)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, zipfile.LargeZipFile) as exc:
            raise BadBundle(f"成员 {name} 已损坏（{_reason(exc)}）") from None
        if len(data) > limit:
            raise BadBundle(f"成员 {name} 比声明的大（可能是恶意文件）")
        return data


def _reason(exc: BaseException) -> str:
    text = str(exc)
    if "CRC" in text:
        return "校验错误"
    if "truncated" in text.lower() or isinstance(exc, EOFError):
        return "文件不完整"
    return "无法读取"
