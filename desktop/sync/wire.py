"""The typed reading of a bundle's JSON: the manifest and the control member become frozen dataclasses,
every field checked for its type and range before anything uses it.

A field of the wrong type (``members=5``, ``sender=[…]``), a count written as text, a negative or
huge sequence number, a missing key: each is one Chinese line naming the field (``清单字段
sender.device_id 应为文本，实为数组``), raised as the caller's error class. Keys this version does not
know are ignored (a later version may add some; the signature covers them all).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from desktop.domain.errors import present
from desktop.store.types import MAX_INT

MAX_TEXT = 1_000_000  # free text (a rejection reason, a revocation reason): never shorter than we write
MAX_ITEMS = 1_000_000
MAX_MEMBER = 256 * 1024 * 1024  # a photo or a chunk of operations: far below this

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")
BASE64_KEY = re.compile(r"^[A-Za-z0-9+/]{43}=$")  # 32 raw bytes
BASE64_SIGNATURE = re.compile(r"^[A-Za-z0-9+/]{86}==$")  # 64 raw bytes
FINGERPRINT = re.compile(r"^\d{4}( ?\d{4}){5}$")
MEMBER_NAME = re.compile(r"^(control\.bin|ops/\d{6}\.bin|links/\d{6}\.bin|blobs/[0-9a-f]{64}\.bin)$")
_KIND_OF_NAME = {"control.bin": "control", "ops/": "ops", "links/": "links", "blobs/": "blob"}


class BadBundle(ValueError):
    """The file is not a readable, intact bundle. The message is Chinese and names what is wrong."""


def _kind(value: Any) -> str:
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return "真假值"
    if isinstance(value, int):
        return "整数"
    if isinstance(value, float):
        return "小数"
    if isinstance(value, str):
        return "文本"
    if isinstance(value, list):
        return "数组"
    if isinstance(value, dict):
        return "对象"
    return type(value).__name__


class Fields:
    """One JSON object read field by field; every error names the field's path."""

    def __init__(self, raw: Any, where: str, path: str = "", error: type[ValueError] = BadBundle) -> None:
        self.where, self.path, self.error = where, path, error
        if not isinstance(raw, dict):
            raise error(f"{where}{self._name('')}应为对象，实为{_kind(raw)}")
        self.raw: dict[str, Any] = raw

    def _name(self, key: str) -> str:
        full = f"{self.path}.{key}" if self.path and key else (self.path or key)
        return f"字段 {full} " if full else ""

    def fail(self, key: str, problem: str) -> ValueError:
        return self.error(f"{self.where}{self._name(key)}{problem}")

    def _get(self, key: str, optional: bool) -> Any:
        if key not in self.raw:
            if optional:
                return None
            raise self.error(f"{self.where}缺少字段 {self._name(key).removeprefix('字段 ').strip()}")
        return self.raw[key]

    def _typed(self, key: str, value: Any, expected: type, label: str) -> Any:
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise self.fail(key, f"应为{label}，实为{_kind(value)}")
        return value

    def text(
        self,
        key: str,
        *,
        optional: bool = False,
        pattern: re.Pattern[str] | None = None,
        max_len: int = MAX_TEXT,
    ) -> str | None:
        value = self._get(key, optional)
        if value is None and optional:
            return None
        text: str = self._typed(key, value, str, "文本")
        if len(text) > max_len:
            raise self.fail(key, f"过长（{len(text)} 个字符）")
        if pattern is not None and not pattern.match(text):
            raise self.fail(key, f"格式不对：{text[:40]!r}")
        return text

    def required_text(
        self, key: str, *, pattern: re.Pattern[str] | None = None, max_len: int = MAX_TEXT
    ) -> str:
        return present(self.text(key, pattern=pattern, max_len=max_len), key)

    def choice(self, key: str, allowed: tuple[str, ...]) -> str:
        value = self.required_text(key)
        if value not in allowed:
            raise self.fail(key, f"应为 {' / '.join(allowed)} 之一，实为 {value[:40]!r}")
        return value

    def integer(self, key: str, *, low: int = 0, high: int = MAX_INT) -> int:
        value: int = self._typed(key, self._get(key, False), int, "整数")
        if not low <= value <= high:
            raise self.fail(key, f"超出允许范围（{low}–{high}）：{str(value)[:24]}")
        return value

    def flag(self, key: str) -> bool:
        value: bool = self._typed(key, self._get(key, False), bool, "真假值")
        return value

    def obj(self, key: str) -> Fields:
        return Fields(self._get(key, False), self.where, self._sub(key), self.error)

    def optional_obj(self, key: str) -> Fields | None:
        value = self._get(key, True)
        return None if value is None else Fields(value, self.where, self._sub(key), self.error)

    def array(self, key: str, *, max_items: int = MAX_ITEMS) -> list[Any]:
        value: list[Any] = self._typed(key, self._get(key, False), list, "数组")
        if len(value) > max_items:
            raise self.fail(key, f"条目过多（{len(value)}）")
        return value

    def objects(self, key: str, *, max_items: int = MAX_ITEMS) -> list[Fields]:
        return [
            Fields(item, self.where, f"{self._sub(key)}[{n}]", self.error)
            for n, item in enumerate(self.array(key, max_items=max_items))
        ]

    def device_keys(self) -> list[str]:
        """The keys of an object keyed by device id (a version vector)."""
        for key in self.raw:
            if not UUID.match(key):
                raise self.fail("", f"中有不是设备编号的键 {key[:40]!r}")
        return sorted(self.raw)

    def _sub(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key


def signed_fields(fields: Fields, kind: str) -> None:
    """The envelope every signed document shares (docs/bundle-format.md §6)."""
    if fields.required_text("format") != f"zhucun-{kind}":
        raise fields.fail("format", f"应为 zhucun-{kind}")
    fields.integer("version", low=1, high=1)
    fields.required_text("signature", pattern=BASE64_SIGNATURE)


# ---------------------------------------------------------------- manifest


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
    def parse(cls, fields: Fields, position: int) -> Member:
        name = fields.required_text("name", max_len=80)
        if not MEMBER_NAME.match(name):
            raise BadBundle(f"清单中有不允许的成员名 {name!r}")
        kind = fields.choice("kind", ("control", "ops", "links", "blob"))
        if kind != next(k for prefix, k in _KIND_OF_NAME.items() if name.startswith(prefix)):
            raise fields.fail("kind", f"与成员名 {name} 不符")
        member = cls(
            name,
            kind,
            fields.integer("index", high=MAX_ITEMS),
            fields.integer("size", high=MAX_MEMBER),
            fields.integer("plain_size", high=MAX_MEMBER),
            fields.required_text("sha256", pattern=SHA256),
            fields.choice("compression", ("zlib", "none")) == "zlib",
        )
        if member.index != position:
            raise fields.fail("index", f"应为 {position}（成员在清单中的位置）")
        return member


@dataclass(frozen=True)
class Sender:
    device_id: str
    role: str
    fingerprint: str
    sign_key: str
    box_key: str
    village_code: str | None
    township_code: str | None


@dataclass(frozen=True)
class Recipient:
    device_id: str
    fingerprint: str


@dataclass(frozen=True)
class OriginRange:
    origin: str
    first_seq: int
    last_seq: int
    ops: int
    links: int


@dataclass(frozen=True)
class Manifest:
    """A bundle's manifest, every field of the declared type. ``raw`` is the object as written."""

    format_version: int
    bundle_id: str
    created_at: str
    app_version: str
    schema: str
    sender: Sender
    recipient: Recipient
    village_code: str | None
    full: bool
    origins: tuple[OriginRange, ...]
    counts: dict[str, int]
    sender_has: dict[str, int]
    scheme: str
    ephemeral_key: str
    members: tuple[Member, ...]
    raw: dict[str, Any]


def sender_sign_key(raw: Any) -> str:
    """Only the key that signed the file: checked before the rest, so a changed byte is reported as
    a broken signature rather than as whatever field it happened to land in."""
    return Fields(raw, "同步包清单").obj("sender").required_text("sign_key", pattern=BASE64_KEY)


def parse_manifest(raw: Any, format_version: int) -> Manifest:
    top = Fields(raw, "同步包清单")
    if top.required_text("format") != "zhucun-bundle":
        raise BadBundle("不是同步包：清单格式不对")
    if top.integer("format_version", low=1) != format_version:
        raise top.fail("format_version", f"与文件末尾的签名声明的第 {format_version} 版不符")
    sender = top.obj("sender")
    recipient = top.obj("recipient")
    counts = top.obj("counts")
    encryption = top.obj("encryption")
    has = top.obj("sender_has")
    origins = []
    for item in top.objects("origins"):
        first = item.integer("first_seq", low=1)
        origin = OriginRange(
            item.required_text("origin", pattern=UUID),
            first,
            item.integer("last_seq", low=first),
            item.integer("ops"),
            item.integer("links"),
        )
        origins.append(origin)
    return Manifest(
        format_version=format_version,
        bundle_id=top.required_text("bundle_id", pattern=UUID),
        created_at=top.required_text("created_at", max_len=40),
        app_version=top.required_text("app_version", max_len=40),
        schema=top.required_text("schema", max_len=40),
        sender=Sender(
            sender.required_text("device_id", pattern=UUID),
            sender.choice("role", ("village", "township")),
            sender.required_text("fingerprint", pattern=FINGERPRINT),
            sender.required_text("sign_key", pattern=BASE64_KEY),
            sender.required_text("box_key", pattern=BASE64_KEY),
            sender.text("village_code", optional=True, max_len=40),
            sender.text("township_code", optional=True, max_len=40),
        ),
        recipient=Recipient(
            recipient.required_text("device_id", pattern=UUID),
            recipient.required_text("fingerprint", pattern=FINGERPRINT),
        ),
        village_code=top.text("village_code", optional=True, max_len=40),
        full=top.flag("full"),
        origins=tuple(origins),
        counts={key: counts.integer(key) for key in ("ops", "links", "blobs")},
        sender_has={origin: has.integer(origin) for origin in has.device_keys()},
        scheme=encryption.required_text("scheme", max_len=80),
        ephemeral_key=encryption.required_text("ephemeral_key", pattern=BASE64_KEY),
        members=tuple(Member.parse(item, n) for n, item in enumerate(top.objects("members"))),
        raw=raw,
    )


# ---------------------------------------------------------------- control member


@dataclass(frozen=True)
class Control:
    """The control member: signed documents (checked for shape here, for signatures in incoming.py),
    the receipt and the photos the sender lacked."""

    heads: tuple[dict[str, Any], ...]
    certificates: tuple[dict[str, Any], ...]
    revocations: tuple[dict[str, Any], ...]
    receipt: dict[str, Any] | None
    missing_blobs: tuple[str, ...]


IDENTITY_TEXT = ("user", "village_id", "village_code", "village_name", "township_code", "township_name")


def check_identity(fields: Fields) -> None:
    fields.required_text("device_id", pattern=UUID)
    fields.choice("role", ("village", "township"))
    for key in IDENTITY_TEXT:
        fields.text(key, optional=True, max_len=10_000)
    fields.required_text("sign_key", pattern=BASE64_KEY)
    fields.required_text("box_key", pattern=BASE64_KEY)


def _head(fields: Fields) -> dict[str, Any]:
    signed_fields(fields, "head")
    fields.required_text("origin", pattern=UUID)
    fields.integer("seq", low=1)
    fields.required_text("hash", pattern=SHA256)
    fields.required_text("signed_at", max_len=40)
    return fields.raw


def _certificate(fields: Fields) -> dict[str, Any]:
    signed_fields(fields, "certificate")
    fields.required_text("issuer", pattern=UUID)
    fields.required_text("issued_at", max_len=40)
    check_identity(fields.obj("subject"))
    return fields.raw


def _revocation(fields: Fields) -> dict[str, Any]:
    signed_fields(fields, "revocation")
    fields.required_text("issuer", pattern=UUID)
    fields.required_text("device_id", pattern=UUID)
    fields.required_text("sign_key", pattern=BASE64_KEY)
    fields.integer("after_seq")
    fields.required_text("reason", max_len=MAX_TEXT)
    fields.required_text("revoked_at", max_len=40)
    return fields.raw


def _receipt(fields: Fields) -> dict[str, Any]:
    for entry in fields.objects("bundles"):
        entry.required_text("bundle_id", max_len=40)
        entry.text("from", optional=True, max_len=40)
        entry.required_text("status", max_len=40)
        entry.text("reason", optional=True)
        entry.integer("ops")
        entry.integer("applied")
        entry.required_text("at", max_len=40)
    for entry in fields.objects("conflicts"):
        entry.required_text("id", max_len=40)
        entry.required_text("table", max_len=40)
        entry.required_text("record_id", max_len=40)
        entry.required_text("field", max_len=80)
        entry.text("kept", optional=True)
        entry.required_text("kept_from", max_len=40)
        entry.text("lost", optional=True)
        entry.required_text("lost_from", max_len=40)
    return fields.raw


def parse_control(raw: Any) -> Control:
    top = Fields(raw, "同步包控制信息")
    receipt = top.optional_obj("receipt")
    return Control(
        heads=tuple(_head(item) for item in top.objects("heads")),
        certificates=tuple(_certificate(item) for item in top.objects("certificates")),
        revocations=tuple(_revocation(item) for item in top.objects("revocations")),
        receipt=None if receipt is None else _receipt(receipt),
        missing_blobs=tuple(_blob_hash(top, n, value) for n, value in enumerate(top.array("missing_blobs"))),
    )


def _blob_hash(top: Fields, n: int, value: Any) -> str:
    if not isinstance(value, str) or not SHA256.match(value):
        raise top.fail(f"missing_blobs[{n}]", f"应为 64 位十六进制的 SHA-256，实为{_kind(value)}")
    return value
