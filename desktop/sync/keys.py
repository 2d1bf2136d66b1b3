"""This device's key pairs: Ed25519 to sign, X25519 to receive encrypted bundles.

The private keys live in ``<data folder>/keys/device.key`` readable by the owner only; in an encrypted
data folder they are sealed there with a key derived from the data key, so a copied folder without a
passphrase cannot sign a bundle. A fingerprint is 24 decimal digits in six groups — easy to read aloud
over a phone and compare.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from desktop.domain.errors import StoreProblem
from desktop.store.atomic_file import write_atomic
from desktop.store.kdf import subkey

KEY_FILE = "device.key"
_FINGERPRINT_CONTEXT = b"zhucun-fingerprint-v1\n"
_SEALED_FORMAT = "zhucun-device-keys-sealed"
_SEALED_AAD = b"zhucun-device-keys-sealed-v1"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str, size: int | None = None) -> bytes:
    """Decode base64; ``ValueError`` when malformed or not ``size`` bytes."""
    data = base64.b64decode(text.encode("ascii"), validate=True)
    if size is not None and len(data) != size:
        raise ValueError(f"expected {size} bytes, got {len(data)}")
    return data


def fingerprint(sign_key: str, box_key: str) -> str:
    """``"4821 0937 5512 0046 7391 2208"``: 80 bits of SHA-256 over both public keys."""
    digest = hashlib.sha256(_FINGERPRINT_CONTEXT + unb64(sign_key, 32) + unb64(box_key, 32)).digest()
    number = int.from_bytes(digest[:10], "big") % 10**24
    digits = f"{number:024d}"
    return " ".join(digits[i : i + 4] for i in range(0, 24, 4))


def normalise_fingerprint(text: str) -> str:
    """Accept a fingerprint typed with or without spaces or dashes; returns digits only."""
    return "".join(ch for ch in text if ch.isdigit())


def verify(sign_key: str, signature: bytes, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(unb64(sign_key, 32)).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


@dataclass(frozen=True)
class DeviceKeys:
    signing: Ed25519PrivateKey
    box: X25519PrivateKey

    @classmethod
    def generate(cls) -> DeviceKeys:
        return cls(Ed25519PrivateKey.generate(), X25519PrivateKey.generate())

    @property
    def sign_key(self) -> str:
        return b64(self.signing.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))

    @property
    def box_key(self) -> str:
        return b64(self.box.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.sign_key, self.box_key)

    def sign(self, message: bytes) -> bytes:
        return self.signing.sign(message)

    def to_json(self) -> str:
        raw = {
            "format": "zhucun-device-keys",
            "version": 1,
            "ed25519": b64(self.signing.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())),
            "x25519": b64(self.box.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())),
        }
        return json.dumps(raw, indent=2)

    @classmethod
    def from_json(cls, text: str) -> DeviceKeys:
        raw = json.loads(text)
        return cls(
            Ed25519PrivateKey.from_private_bytes(unb64(raw["ed25519"], 32)),
            X25519PrivateKey.from_private_bytes(unb64(raw["x25519"], 32)),
        )


def key_path(home: Path) -> Path:
    return home / "keys" / KEY_FILE


def save_keys(home: Path, keys: DeviceKeys, data_key: bytes | None = None, *, to: Path | None = None) -> Path:
    """Write the private keys readable by the owner only (the folder too); sealed when ``data_key`` is
    given (an encrypted data folder). ``to``: another file than ``keys/device.key`` (a staged copy)."""
    path = to or key_path(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    if os.name != "nt":
        os.chmod(path.parent, stat.S_IRWXU)
    text = keys.to_json() if data_key is None else seal_keys(keys, data_key)
    write_atomic(path, text.encode("utf-8"), mode=stat.S_IRUSR | stat.S_IWUSR)
    return path


def load_keys(home: Path, data_key: bytes | None = None) -> DeviceKeys:
    """The device's keys; a sealed key file needs the data key of the unlocked ledger."""
    path = key_path(home)
    try:
        text = path.read_text(encoding="utf-8")
        raw = json.loads(text)
        if raw.get("format") != _SEALED_FORMAT:
            return DeviceKeys.from_json(text)
        if data_key is None:
            raise StoreProblem(f"本机密钥 {path} 已加密：需要先用口令解锁台账，才能签名或解密同步包")
        return open_keys(raw, data_key)
    except FileNotFoundError:
        raise StoreProblem(f"找不到本机密钥文件 {path}：这台设备无法签名或解密同步包") from None
    except InvalidTag:
        raise StoreProblem(
            f"本机密钥文件 {path} 无法用这个台账的数据密钥解开（不是本台账的密钥或已损坏）"
        ) from None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise StoreProblem(f"本机密钥文件 {path} 已损坏（{exc}）") from None


def seal_keys(keys: DeviceKeys, data_key: bytes) -> str:
    nonce = os.urandom(12)
    sealed = ChaCha20Poly1305(subkey(data_key, "device-keys")).encrypt(
        nonce, keys.to_json().encode("utf-8"), _SEALED_AAD
    )
    # the public keys stay readable: they are on the identity card anyway
    raw = {"format": _SEALED_FORMAT, "version": 1, "sign_key": keys.sign_key, "box_key": keys.box_key,
           "nonce": b64(nonce), "sealed": b64(sealed)}  # fmt: skip
    return json.dumps(raw, indent=2)


def open_keys(raw: dict, data_key: bytes) -> DeviceKeys:
    plain = ChaCha20Poly1305(subkey(data_key, "device-keys")).decrypt(
        unb64(raw["nonce"], 12), unb64(raw["sealed"]), _SEALED_AAD
    )
    return DeviceKeys.from_json(plain.decode("utf-8"))
