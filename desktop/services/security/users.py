"""The users of an encrypted ledger: unlock, add a user, change a passphrase, recover with the code.

Every change here rewrites ``keyring.json`` only (atomically): the data key stays the same, so the
database, photos, backups and device keys are not touched. A wrong passphrase changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.domain.errors import InvalidInput
from desktop.store import switchover
from desktop.store.keyring import (
    RECOVERY,
    USER,
    Keyring,
    KeyringProblem,
    Unlocked,
    check_new_passphrase,
    new_recovery_code,
    read_keyring,
    write_keyring,
)

# passed on from a lower layer on purpose (tests/test_layers.py): who unlocked the ledger: the window and
# the command line hold it and hand it back unchanged
PASSED_ON = ("Unlocked",)


@dataclass(frozen=True)
class UserEntry:
    name: str
    created: str
    kdf: str  # "argon2id m=65536KiB t=3 p=4"


@dataclass(frozen=True)
class SecurityStatus:
    encrypted: bool
    users: list[UserEntry]
    has_recovery: bool


def is_encrypted(home: Path) -> bool:
    switchover.recover(home)
    return read_keyring(home) is not None


def unlock(home: Path, passphrase: str, user: str | None = None) -> Unlocked:
    return _keyring(home).unlock(passphrase, user)


def add_user(
    home: Path, unlocked: Unlocked, name: str, passphrase: str, kdf: dict[str, Any] | None = None
) -> None:
    name = name.strip()
    if not name:
        raise InvalidInput("需要用户名")
    keyring = _keyring(home)
    if name in keyring.users:
        raise InvalidInput(f"已有用户“{name}”；改口令请用 zhucun security passwd {name}，未做任何改动")
    write_keyring(home, keyring.with_user(name, passphrase, unlocked.data_key, kdf))


def change_passphrase(home: Path, unlocked: Unlocked, new: str, kdf: dict[str, Any] | None = None) -> None:
    """A new passphrase for the user who just unlocked with the current one."""
    write_keyring(home, _keyring(home).with_user(unlocked.user, new, unlocked.data_key, kdf))


def recover(home: Path, code: str, name: str, new: str, kdf: dict[str, Any] | None = None) -> str:
    """Set ``name``'s passphrase with the recovery code; the code is used up: returns its successor."""
    keyring = _keyring(home)
    data_key = keyring.unlock_recovery(code)
    if name not in keyring.users:
        raise InvalidInput(f"没有用户“{name}”（已有：{'、'.join(keyring.users)}），未做任何改动")
    successor = new_recovery_code()
    write_keyring(home, keyring.with_user(name, new, data_key, kdf).with_recovery(successor, data_key, kdf))
    return successor


def renew_recovery_code(home: Path, unlocked: Unlocked, kdf: dict[str, Any] | None = None) -> str:
    """A new recovery code (the old one opens nothing any more): for a lost paper, or a conversion
    cut off before it printed the code."""
    successor = new_recovery_code()
    write_keyring(home, _keyring(home).with_recovery(successor, unlocked.data_key, kdf))
    return successor


def security_status(home: Path) -> SecurityStatus:
    switchover.recover(home)
    keyring = read_keyring(home)
    if keyring is None:
        return SecurityStatus(False, [], False)
    users = [UserEntry(w.name, w.created, _kdf_text(w.kdf)) for w in keyring.wraps if w.kind == USER]
    return SecurityStatus(True, users, any(w.kind == RECOVERY for w in keyring.wraps))


def check_passphrase(passphrase: str, *, user: str) -> None:
    """The rules a new passphrase must meet (long enough, not the user's name): raises ``InvalidInput``
    with the reason, so a form can say so before the slow key derivation runs."""
    check_new_passphrase(passphrase, user)


def _keyring(home: Path) -> Keyring:
    switchover.recover(home)
    keyring = read_keyring(home)
    if keyring is None:
        raise KeyringProblem(f"{home} 中的台账没有加密（先用 zhucun security enable 启用加密）")
    return keyring


def _kdf_text(kdf: dict[str, Any]) -> str:
    if kdf["name"] == "argon2id":
        return f"argon2id m={kdf['memory_kib']}KiB t={kdf['iterations']} p={kdf['lanes']}"
    return f"scrypt N={kdf['n']} r={kdf['r']} p={kdf['p']}"
