"""Shared fixtures: a fresh data folder per test, a village ledger, and a real PostgreSQL server.

PostgreSQL tests start a throwaway server on loopback (tests/pg_server.py). They are skipped when the
server binaries are missing, except with ZHUCUN_REQUIRE_POSTGRES=1 (set by the test command in CI),
where a missing server fails the run.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.app import open_ledger, resources_dir
from desktop.domain.policy import load_policy
from desktop.services.context import Ledger
from desktop.services.setup import init_village
from desktop.store.database import StoreLocation, open_store

_db_counter = itertools.count()


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test ever touches the real user data folder."""
    monkeypatch.setenv("ZHUCUN_HOME", str(tmp_path / "default-home"))


@pytest.fixture(scope="session")
def postgres() -> Iterator[object]:
    from pg_server import ThrowawayPostgres, find_pg_bin

    required = os.environ.get("ZHUCUN_REQUIRE_POSTGRES") == "1"
    if find_pg_bin() is None:
        if required:
            pytest.fail("ZHUCUN_REQUIRE_POSTGRES=1 but PostgreSQL (initdb) is not installed")
        pytest.skip("PostgreSQL is not installed")
    with ThrowawayPostgres() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> StoreLocation:
    """A fresh, empty store location on each engine the township may run on."""
    home = tmp_path / "home"
    if request.param == "sqlite":
        return StoreLocation(home)
    server = request.getfixturevalue("postgres")
    url = server.create_database(f"zhucun_t{os.getpid()}_{next(_db_counter)}")  # type: ignore[attr-defined]
    return StoreLocation(home, url)


@pytest.fixture
def any_ledger(location: StoreLocation) -> Iterator[Ledger]:
    """An initialised village ledger on SQLite and on PostgreSQL."""
    store = open_store(location, create=True)
    ledger = Ledger(store=store, policy=load_policy(resources_dir() / "policy"), today=lambda: TODAY)
    init_village(
        ledger, code="513301", name="亚弄村", user="扎西", province="四川省", groups=["一组", "二组"]
    )
    yield ledger
    store.close()


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    """An initialised village ledger in a real SQLite file."""
    result = open_ledger(tmp_path / "home", create=True)
    result.today = lambda: TODAY
    init_village(
        result, code="513301", name="亚弄村", user="扎西", province="四川省", groups=["一组", "二组"]
    )
    yield result
    result.store.close()


TODAY = dt.date(2026, 11, 23)
