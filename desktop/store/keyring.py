"""The data key and who may unwrap it: ``keyring.json`` in the data folder.

One random 32-byte data key encrypts the database (SQLCipher), the photos and the device's private keys.
Each user's passphrase, and one recovery code, wraps it: a slow, memory-hard derivation (``kdf``) turns
the passphrase into a wrapping key that seals the data key with ChaCha20-Poly1305. The file holds no secret in clear: salts, KDF parameters (kept with each wrap, so they
can be raised later without touching the others), the sealed keys with their tags, user names and dates.
Adding a user or changing a passphrase rewraps; the database is never re-encrypted.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import secrets
import stat
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from desktop.domain.errors import InvalidInput, StoreProblem
from desktop.store.atomic_file import write_atomic
from desktop.store.kdf import check_kdf, default_kdf, derive

KEYRING_FILE = "keyring.json"
FORMAT = "zhucun-keyring"
KEY_BYTES = 32
RECOVERY = "recovery"
USER = "user"
MIN_PASSPHRASE = 8
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


class WrongPassphrase(InvalidInput):
    """The passphrase (or recovery code) does not unwrap the data key; nothing was changed."""


class KeyringProblem(StoreProblem):
    """``keyring.json`` is missing, damaged or does not fit the request."""


@dataclass(frozen=True)
class Unlocked:
    """Who unlocked the ledger, and the data key (never printed)."""

    user: str
    data_key: bytes = field(repr=False)


@dataclass(frozen=True)
class Wrap:
    kind: str  # "user" or "recovery"
    name: str  # the user's name; "恢复码" for the recovery code
    created: str
    kdf: dict[str, Any]  # name, cost parameters and the salt (base64)
    nonce: bytes
    sealed: bytes  # the data key under ChaCha20-Poly1305, tag included

    def aad(self) -> bytes:
        """Binds the sealed key to its kind, name and KDF settings: none can be swapped or lowered."""
        return json.dumps([FORMAT, self.kind, self.name, self.kdf], sort_keys=True).encode("utf-8")

    def open(self, secret: bytes) -> bytes | None:
        wrapping_key = derive(secret, self.kdf)
        try:
            return ChaCha20Poly1305(wrapping_key).decrypt(self.nonce, self.sealed, self.aad())
        except InvalidTag:
            return None


@dataclass(frozen=True)
class Keyring:
    wraps: tuple[Wrap, ...]

    @property
    def users(self) -> list[str]:
        return [w.name for w in self.wraps if w.kind == USER]

    def unlock(self, passphrase: str, user: str | None = None) -> Unlocked:
        """The data key for ``passphrase`` (``user``'s, or whichever user's it is)."""
        candidates = [w for w in self.wraps if w.kind == USER and user in (None, w.name)]
        if user is not None and not candidates:
            raise WrongPassphrase(f"没有用户“{user}”（已有：{'、'.join(self.users)}），未做任何改动")
        for wrap in candidates:
            key = wrap.open(_passphrase_bytes(passphrase))
            if key is not None:
                return Unlocked(wrap.name, key)
        raise WrongPassphrase("口令不对，未做任何改动")

    def unlock_recovery(self, code: str) -> bytes:
        for wrap in self.wraps:
            if wrap.kind == RECOVERY:
                key = wrap.open(normalise_recovery_code(code).encode("ascii"))
                if key is not None:
                    return key
        raise WrongPassphrase("恢复码不对，未做任何改动")

    def with_user(
        self, name: str, passphrase: str, data_key: bytes, kdf: dict[str, Any] | None = None
    ) -> Keyring:
        """This keyring with ``name``'s wrap made anew (added, or replacing the old one in its place)."""
        check_new_passphrase(passphrase, name)
        wrap = seal(USER, name, _passphrase_bytes(passphrase), data_key, kdf)
        return self._put(wrap)

    def with_recovery(self, code: str, data_key: bytes, kdf: dict[str, Any] | None = None) -> Keyring:
        """A new recovery code replaces the old one (which then opens nothing)."""
        return self._put(
            seal(RECOVERY, "恢复码", normalise_recovery_code(code).encode("ascii"), data_key, kdf)
        )

    def _put(self, wrap: Wrap) -> Keyring:
        """Replace the wrap of the same kind and name in its place, or add it at the end."""
        same = (wrap.kind, wrap.name)
        if same not in [(w.kind, w.name) for w in self.wraps]:
            return Keyring((*self.wraps, wrap))
        return Keyring(tuple(wrap if (w.kind, w.name) == same else w for w in self.wraps))

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "version": 1,
                "wraps": [
                    {
                        "kind": w.kind,
                        "name": w.name,
                        "created": w.created,
                        "kdf": w.kdf,
                        "cipher": "chacha20-poly1305",
                        "nonce": b64(w.nonce),
                        "sealed": b64(w.sealed),
                    }
                    for w in self.wraps
                ],
            },
            ensure_ascii=False,
            indent=2,
        )

    @classmethod
    def from_json(cls, text: str) -> Keyring:
        raw = json.loads(text)
        if raw.get("format") != FORMAT or raw.get("version") != 1:
            raise ValueError("not a keyring of this version")
        wraps = []
        for item in raw["wraps"]:
            if item["kind"] not in (USER, RECOVERY) or item.get("cipher") != "chacha20-poly1305":
                raise ValueError(f"unknown wrap {item['kind']!r}")
            check_kdf(item["kdf"])
            wraps.append(
                Wrap(item["kind"], str(item["name"]), str(item["created"]), item["kdf"],
                     unb64(item["nonce"], 12), unb64(item["sealed"], KEY_BYTES + 16))
            )  # fmt: skip
        return cls(tuple(wraps))


def seal(kind: str, name: str, secret: bytes, data_key: bytes, kdf: dict[str, Any] | None = None) -> Wrap:
    settings = {**(kdf or default_kdf()), "salt": b64(os.urandom(16))}
    check_kdf(settings)
    created = dt.datetime.now().replace(microsecond=0).isoformat()
    wrap = Wrap(kind, name, created, settings, os.urandom(12), b"")
    sealed = ChaCha20Poly1305(derive(secret, settings)).encrypt(wrap.nonce, data_key, wrap.aad())
    return replace(wrap, sealed=sealed)


def new_data_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def new_recovery_code() -> str:
    """200 random bits as 8 groups of 5 characters (Crockford base32: no I, L, O, U to misread)."""
    number = int.from_bytes(secrets.token_bytes(25), "big")
    chars = "".join(_CROCKFORD[(number >> (5 * i)) & 31] for i in range(40))
    return "-".join(chars[i : i + 5] for i in range(0, 40, 5))


def normalise_recovery_code(text: str) -> str:
    cleaned = text.upper().replace("-", "").replace(" ", "").strip()
    cleaned = cleaned.translate(str.maketrans("OIL", "011"))
    if len(cleaned) != 40 or any(ch not in _CROCKFORD for ch in cleaned):
        raise WrongPassphrase("恢复码格式不对（应为 8 组、每组 5 个字母或数字），未做任何改动")
    return "-".join(cleaned[i : i + 5] for i in range(0, 40, 5))


def check_new_passphrase(passphrase: str, user: str) -> None:
    if len(passphrase.strip()) < MIN_PASSPHRASE:
        raise InvalidInput(f"口令太短：至少 {MIN_PASSPHRASE} 个字符（可以是一句话），未做任何改动")
    if passphrase.strip() == user.strip():
        raise InvalidInput("口令不能和用户名相同，未做任何改动")


def keyring_path(home: Path) -> Path:
    return home / KEYRING_FILE


def read_keyring(home: Path) -> Keyring | None:
    """The folder's keyring, or ``None`` when the folder is not encrypted."""
    path = keyring_path(home)
    try:
        return Keyring.from_json(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise KeyringProblem(f"钥匙环文件 {path} 已损坏或无法读取（{exc}）；请从备份恢复") from None


def write_keyring(home: Path, keyring: Keyring, target: Path | None = None) -> Path:
    path = target or keyring_path(home)
    write_atomic(path, keyring.to_json().encode("utf-8"), mode=stat.S_IRUSR | stat.S_IWUSR)
    return path


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str, size: int) -> bytes:
    data = base64.b64decode(text.encode("ascii"), validate=True)
    if len(data) != size:
        raise ValueError(f"expected {size} bytes, got {len(data)}")
    return data


def _passphrase_bytes(passphrase: str) -> bytes:
    # the same words typed with another input method must give the same bytes
    return unicodedata.normalize("NFC", passphrase.strip()).encode("utf-8")
