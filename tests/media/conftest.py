"""A village ledger with two households, and a folder of photo files (the "USB stick")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from records import make_id_number

from desktop.services.context import Ledger
from desktop.services.households.households import add_household


@pytest.fixture
def village(ledger: Ledger) -> Ledger:
    add_household(
        ledger, number="001", head={"name": "卓嘎", "id_number": make_id_number(dt.date(1970, 1, 1), 2)}
    )
    add_household(
        ledger, number="002", head={"name": "次仁", "id_number": make_id_number(dt.date(1968, 3, 5), 1)}
    )
    return ledger


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "DCIM"
    folder.mkdir()
    return folder
