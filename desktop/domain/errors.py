"""Errors a user can act on, each with one clear line in Chinese.

Bugs are ordinary exceptions; only these reach the user as a message instead of a report.
"""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


class UserError(Exception):
    """Bad input or a state the user can fix. ``message`` is shown as is (Chinese)."""

    exit_code: int = 2

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code


class InvalidInput(UserError):
    """A value that is malformed or not allowed (exit code 2)."""

    exit_code = 2


class NotFound(UserError):
    """A household, member or record that does not exist (exit code 3)."""

    exit_code = 3


class StoreProblem(UserError):
    """The data folder or database cannot be used as it is (exit code 4)."""

    exit_code = 4


class DiskFull(StoreProblem):
    """Not enough free space to write (exit code 4, like any data folder that cannot be used now):
    freeing space fixes it; the ledger is intact."""


class LedgerBusy(UserError):
    """Another program held the ledger's write lock for longer than this one waits (exit code 7):
    trying again later fixes it."""

    exit_code = 7


def present(value: T | None, what: str) -> T:
    """``value``, which the code has just made sure of (a row it wrote, a field it checked): None here is
    a bug — a crash report and exit 70 — never the user's mistake. Unlike ``assert`` it holds under -O."""
    if value is None:
        raise RuntimeError(f"{what} is missing although it was just made sure of")
    return value
