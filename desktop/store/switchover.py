"""Replacing several files in a data folder as one change: staged files, a journal, and one rename.

Turning a plain data folder into an encrypted one replaces the database, adds the keyring, and replaces
the device keys and the backups; no file system can rename them all at once. So each replacement is
written beside its target as ``<name>.staged`` (complete and fsynced) and listed in ``switchover.json``;
renaming the first one, the database, over its target is the commit. ``recover`` runs before every
open and settles whatever a crash left (a cut-off write of the journal itself leaves only its temporary
file, which goes):

- journal ``preparing``, or ``committing`` with the database not yet replaced: the staged files are
  removed and the folder is exactly as it was;
- ``committing`` with the database replaced (its inode is the staged file's, recorded in the journal):
  the other staged files are moved in, then the replaced plain files are wiped.

A replaced file is reached for wiping through a hard link ``<name>.old`` made before the commit; before
it, such a link is only ever unlinked (it is the live file), and after it a link that is still the live
file is never wiped.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.store.atomic_file import fsync_dir, left_behind, write_atomic
from desktop.store.wipe import wipe_file

JOURNAL = "switchover.json"
STAGED = ".staged"
OLD = ".old"

Step = Callable[[str], None]


def _nothing(_: str) -> None:
    pass


@dataclass(frozen=True)
class Move:
    """``target`` (relative to the data folder) gets the staged file, or, with ``staged=False``, is only
    removed after the commit. ``wipe``: the replaced or removed bytes are overwritten first."""

    target: str
    staged: bool = True
    wipe: bool = True


def staged_path(target: Path) -> Path:
    return target.with_name(target.name + STAGED)


def old_path(target: Path) -> Path:
    return target.with_name(target.name + OLD)


def prepare(home: Path, moves: list[Move]) -> None:
    """Announce the switchover before any staged file is written (a crash from here on is undone)."""
    if not moves or not moves[0].staged:
        raise ValueError("the first move is the commit and needs a staged file")
    _write(home, {"state": "preparing", "moves": [m.__dict__ for m in moves]})


def ready(home: Path, step: Step = _nothing) -> None:
    """All staged files are written and fsynced: link the files to be wiped, then arm the commit."""
    journal = _read(home)
    moves = _moves(home, journal)
    for move, target in moves:
        if move.staged and move.wipe and target.exists():
            old_path(target).unlink(missing_ok=True)
            with contextlib.suppress(OSError):  # no hard links here (FAT): replaced unwiped
                os.link(target, old_path(target))
    for folder in {target.parent for _, target in moves}:
        fsync_dir(folder)
    step("linked")
    commit_stat = staged_path(moves[0][1]).stat()
    _write(home, {**journal, "state": "committing", "commit_inode": [commit_stat.st_dev, commit_stat.st_ino]})


def commit(home: Path, step: Step = _nothing) -> None:
    """The one rename that decides; then the rest is finished."""
    _, target = _moves(home, _read(home))[0]
    os.replace(staged_path(target), target)
    fsync_dir(target.parent)
    step("committed")
    _finish(home, _read(home), step)


def recover(home: Path, step: Step = _nothing) -> str | None:
    """Settle an interrupted switchover: ``"undone"``, ``"finished"``, or ``None`` when there was none."""
    for partial in home.glob(f".{JOURNAL}.*.partial"):  # a journal write cut off: the journal is as it was
        if left_behind(partial):
            partial.unlink(missing_ok=True)
    if not (home / JOURNAL).exists():
        return None
    journal = _read(home)
    if journal.get("state") == "committing" and _committed(home, journal):
        _finish(home, journal, step)
        return "finished"
    _undo(home, journal)
    return "undone"


def _committed(home: Path, journal: dict) -> bool:
    _, target = _moves(home, journal)[0]
    try:
        found = target.stat()
    except FileNotFoundError:
        return False
    return [found.st_dev, found.st_ino] == journal.get("commit_inode") and not staged_path(target).exists()


def _finish(home: Path, journal: dict, step: Step) -> None:
    moves = _moves(home, journal)
    for number, (move, target) in enumerate(moves[1:], 1):
        if move.staged and staged_path(target).exists():
            os.replace(staged_path(target), target)
            fsync_dir(target.parent)
            step(f"moved-{number}")
    for number, (move, target) in enumerate(moves):
        old = old_path(target) if move.staged else target
        if not move.staged or old.exists():
            if move.staged and target.exists() and old.exists() and os.path.samefile(old, target):
                old.unlink()  # never replaced: this is the live file, keep its bytes
            elif move.wipe:
                wipe_file(old)
            else:
                old.unlink(missing_ok=True)
            step(f"wiped-{number}")
    (home / JOURNAL).unlink()
    fsync_dir(home)


def _undo(home: Path, journal: dict) -> None:
    if journal.get("state") != "preparing":
        _write(home, {**journal, "state": "preparing"})
    for move, target in _moves(home, journal):
        old_path(target).unlink(missing_ok=True)  # a link to the live file: only the name goes
        if move.staged:
            staged = staged_path(target)
            # and what a cut-off write of it left: SQLite's journal of the export, a temporary file
            for path in (staged, *(Path(f"{staged}{s}") for s in ("-journal", "-wal", "-shm"))):
                path.unlink(missing_ok=True)
            for partial in target.parent.glob(f".{staged.name}.*.partial"):
                partial.unlink(missing_ok=True)
    (home / JOURNAL).unlink()
    fsync_dir(home)


def _moves(home: Path, journal: dict) -> list[tuple[Move, Path]]:
    """The journal's moves with their paths, each checked to lie inside the data folder."""
    root = home.resolve()
    found = []
    for raw in journal["moves"]:
        move = Move(str(raw["target"]), bool(raw["staged"]), bool(raw["wipe"]))
        path = (home / move.target).resolve()
        if Path(move.target).is_absolute() or ".." in Path(move.target).parts or root not in path.parents:
            raise ValueError(f"switchover journal names a file outside the data folder: {move.target}")
        found.append((move, home / move.target))
    return found


def _read(home: Path) -> dict:
    return json.loads((home / JOURNAL).read_text(encoding="utf-8"))


def _write(home: Path, journal: dict) -> None:
    write_atomic(home / JOURNAL, json.dumps(journal, ensure_ascii=False, indent=2).encode("utf-8"))
