"""Small signed documents that travel between devices: identity cards, device certificates issued by
a township, revocations, and signed chain heads.

Each is a JSON object; ``signature`` is Ed25519 (base64) over ``"zhucun-<kind>-v1\\n"`` followed by the
canonical JSON of every other member.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from desktop.store.types import canonical_json
from desktop.sync.keys import DeviceKeys, b64, fingerprint, unb64, verify
from desktop.sync.wire import Fields, check_identity

CARD = "identity"
CERTIFICATE = "certificate"
REVOCATION = "revocation"
HEAD = "head"

_IDENTITY_FIELDS = (
    "device_id",
    "role",
    "user",
    "village_id",
    "village_code",
    "village_name",
    "township_code",
    "township_name",
    "sign_key",
    "box_key",
)


class BadDocument(ValueError):
    """A document that is malformed or whose signature does not verify (message in Chinese)."""


def _message(kind: str, body: dict[str, Any]) -> bytes:
    return f"zhucun-{kind}-v1\n".encode() + canonical_json(body).encode("utf-8")


def sign_document(kind: str, body: dict[str, Any], keys: DeviceKeys) -> dict[str, Any]:
    body = {**body, "format": f"zhucun-{kind}", "version": 1}
    return {**body, "signature": b64(keys.sign(_message(kind, body)))}


def verify_document(kind: str, document: Any, sign_key: str) -> dict[str, Any]:
    """The document without its signature, if ``sign_key`` signed it; else ``BadDocument``."""
    if not isinstance(document, dict) or document.get("format") != f"zhucun-{kind}":
        raise BadDocument(f"不是有效的{_KIND_NAMES[kind]}")
    body = {k: v for k, v in document.items() if k != "signature"}
    try:
        signature = unb64(str(document.get("signature", "")), 64)
    except ValueError:
        raise BadDocument(f"{_KIND_NAMES[kind]}的签名格式错误") from None
    if not verify(sign_key, signature, _message(kind, body)):
        raise BadDocument(f"{_KIND_NAMES[kind]}的签名不对：内容被改动过，或不是声称的设备签发的")
    return body


_KIND_NAMES = {CARD: "身份卡", CERTIFICATE: "设备证书", REVOCATION: "吊销通知", HEAD: "链头签名"}


@dataclass(frozen=True)
class Identity:
    """Who a device is: what its card says (and, once verified, what this device may trust)."""

    device_id: str
    role: str
    user: str | None
    village_id: str | None
    village_code: str | None
    village_name: str | None
    township_code: str | None
    township_name: str | None
    sign_key: str
    box_key: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.sign_key, self.box_key)

    def to_body(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _IDENTITY_FIELDS}

    @classmethod
    def from_body(cls, body: dict[str, Any]) -> Identity:
        check_identity(Fields(body, "身份信息", error=BadDocument))  # every field of its type, or one line
        try:
            # their types checked above
            values: dict[str, Any] = {name: body.get(name) for name in _IDENTITY_FIELDS}
            identity = cls(**values)
            unb64(identity.sign_key, 32)
            unb64(identity.box_key, 32)
        except (TypeError, ValueError, AttributeError):
            raise BadDocument("身份信息不完整或密钥格式错误") from None
        return identity


def make_card(identity: Identity, keys: DeviceKeys) -> dict[str, Any]:
    return sign_document(CARD, identity.to_body(), keys)


def read_card(text: str) -> Identity:
    """A card file's identity, checked against its own signature (proof the holder has the key)."""
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise BadDocument("不是身份卡文件（无法读取为 JSON）") from None
    if not isinstance(document, dict):
        raise BadDocument("不是身份卡文件")
    identity = Identity.from_body(document)
    verify_document(CARD, document, identity.sign_key)
    return identity


def make_certificate(subject: Identity, issuer_id: str, issued_at: str, keys: DeviceKeys) -> dict[str, Any]:
    body = {"issuer": issuer_id, "issued_at": issued_at, "subject": subject.to_body()}
    return sign_document(CERTIFICATE, body, keys)


def read_certificate(document: Any, issuer_sign_key: str) -> Identity:
    body = verify_document(CERTIFICATE, document, issuer_sign_key)
    return Identity.from_body(dict(body.get("subject") or {}))


def make_revocation(
    device_id: str, sign_key: str, after_seq: int, reason: str, issuer_id: str, at: str, keys: DeviceKeys
) -> dict[str, Any]:
    body = {
        "issuer": issuer_id,
        "device_id": device_id,
        "sign_key": sign_key,
        "after_seq": after_seq,
        "reason": reason,
        "revoked_at": at,
    }
    return sign_document(REVOCATION, body, keys)


def make_head(origin: str, seq: int, head_hash: str, signed_at: str, keys: DeviceKeys) -> dict[str, Any]:
    return sign_document(
        HEAD, {"origin": origin, "seq": seq, "hash": head_hash, "signed_at": signed_at}, keys
    )
