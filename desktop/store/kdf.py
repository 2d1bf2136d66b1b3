"""Key derivation: a passphrase into a wrapping key (slow, memory-hard), the data key into one key per use.

Argon2id with RFC 9106's second recommended setting (64 MiB, 3 passes, 4 lanes): about half a second on
an old laptop, and memory-hard, so guessing passphrases on graphics cards gains little. The parameters
are stored with each wrap, so new wraps can use higher ones without touching the old. scrypt (OWASP's
128 MiB setting) only where the cryptography build lacks Argon2id (OpenSSL older than 3.2).
"""

from __future__ import annotations

import base64
from typing import Any

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

# RFC 9106 §4, second recommended option (the first, 2 GiB, is too much for a 4 GB village laptop)
ARGON2ID = {"name": "argon2id", "memory_kib": 65536, "iterations": 3, "lanes": 4}
# OWASP's scrypt setting: 128 MiB
SCRYPT = {"name": "scrypt", "n": 2**17, "r": 8, "p": 1}
# a keyring that asks for more is refused: a tampered file must not make unlocking eat all memory
_CEILING = {"memory_kib": 2**21, "iterations": 64, "lanes": 64, "n": 2**22, "r": 32, "p": 16}


def derive(secret: bytes, kdf: dict[str, Any]) -> bytes:
    salt = base64.b64decode(kdf["salt"], validate=True)
    if len(salt) != 16:
        raise ValueError("a salt is 16 bytes")
    if kdf["name"] == "argon2id":
        return Argon2id(
            salt=salt,
            length=32,
            iterations=kdf["iterations"],
            lanes=kdf["lanes"],
            memory_cost=kdf["memory_kib"],
        ).derive(secret)
    return Scrypt(salt=salt, length=32, n=kdf["n"], r=kdf["r"], p=kdf["p"]).derive(secret)


def default_kdf() -> dict[str, Any]:
    try:
        Argon2id(salt=b"\0" * 16, length=32, iterations=1, lanes=1, memory_cost=8)
    except UnsupportedAlgorithm:
        return dict(SCRYPT)
    return dict(ARGON2ID)


def subkey(data_key: bytes, purpose: str) -> bytes:
    """A key for one use (``photos``, ``device-keys``) derived from the data key: uses never share a key."""
    return HKDF(hashes.SHA256(), 32, salt=None, info=f"zhucun-{purpose}-v1".encode()).derive(data_key)


def check_kdf(kdf: dict[str, Any]) -> None:
    names = {"argon2id": ("memory_kib", "iterations", "lanes"), "scrypt": ("n", "r", "p")}
    wanted = names.get(kdf.get("name", ""))
    if wanted is None:
        raise ValueError(f"unknown KDF {kdf.get('name')!r}")
    for key in wanted:
        value = kdf.get(key)
        if not isinstance(value, int) or not 1 <= value <= _CEILING[key]:
            raise ValueError(f"KDF parameter {key}={value!r} out of range")
