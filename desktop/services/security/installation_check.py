"""The parts of an installation that have no window: SQLCipher and the passphrase key derivation.

Used by ``zhucun doctor`` beside the interface's own checks; touches no data folder.
"""

from __future__ import annotations

import base64

from desktop.store.cipher import apply_key, module
from desktop.store.kdf import default_kdf, derive


def sqlcipher_version() -> str:
    """SQLCipher's version, from a keyed in-memory database (raises when the module is missing)."""
    connection = module().connect(":memory:")
    try:
        apply_key(connection, bytes(32))
        (version,) = connection.execute("PRAGMA cipher_version").fetchone()
    finally:
        connection.close()
    return f"SQLCipher {version}"


def key_derivation() -> str:
    """Derive once with the algorithm new passphrases use (Argon2id, else scrypt), at a small cost."""
    kdf = {**default_kdf(), "salt": base64.b64encode(bytes(16)).decode()}
    if kdf["name"] == "argon2id":
        kdf["memory_kib"] = 1024  # the algorithm is what is checked here, not the cost
    derive(b"check", kdf)
    return str(kdf["name"])
