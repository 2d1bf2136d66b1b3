"""The real policy files shipped with the program, and a way to edit copies of them in a test."""

from __future__ import annotations

import shutil
from pathlib import Path

from desktop.domain.policy import PolicyTables, load_policy

POLICY_DIR = Path(__file__).parents[2] / "resources" / "policy"


def real_policy() -> PolicyTables:
    return load_policy(POLICY_DIR)


def copy_policy(target: Path) -> Path:
    """A copy of the real files in ``target`` that a test may change."""
    for source in POLICY_DIR.glob("*.toml"):
        shutil.copy(source, target / source.name)
    return target
