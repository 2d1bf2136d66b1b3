"""The composition root: paths, the store, the policy tables, the services, the main window.

Nothing else wires layers together, and nothing opens a database at import time.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desktop.domain.policy import load_policy
from desktop.services.ledger import Ledger
from desktop.store.database import StoreLocation, open_store

APP_NAME = "zhucun"


def resources_dir() -> Path:
    """``resources/`` beside the package in a checkout, or inside the PyInstaller bundle when frozen."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


def data_home(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--home``, else ``ZHUCUN_HOME``, else the platform's user data folder."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("ZHUCUN_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def open_ledger(home: Path, *, db_url: str | None = None, create: bool = False) -> Ledger:
    store = open_store(StoreLocation(home, db_url), create=create)
    return Ledger(store=store, policy=load_policy(resources_dir() / "policy"))


def has_ledger(home: Path, db_url: str | None = None) -> bool:
    return db_url is not None or StoreLocation(home).db_path.exists()
