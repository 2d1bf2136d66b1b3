"""Alembic migrations: one straight line of revisions, and a migrated database equal to the models."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

import desktop.store.models  # noqa: F401  (registers every table)
from desktop.store import migrate
from desktop.store.base import Base
from desktop.store.database import StoreLocation, make_engine, open_store
from desktop.store.search_index import derived_from_search

VERSIONS = migrate.MIGRATIONS / "versions"
DATE_PREFIX = re.compile(r"^(\d{4})_(\d{2})_(\d{2})_\w+\.py$")


def scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(migrate.alembic_config())


def test_the_revisions_form_one_straight_line() -> None:
    directory = scripts()
    revisions = list(directory.walk_revisions())  # head first
    assert revisions, "no migrations at all"
    assert len(directory.get_heads()) == 1, directory.get_heads()
    assert len(directory.get_bases()) == 1, directory.get_bases()
    for script in revisions:
        assert not isinstance(script.down_revision, tuple | list), f"{script.revision} is a merge"
        assert script.branch_labels in (None, set(), frozenset()), f"{script.revision} starts a branch"
    # walking down from the head passes every revision exactly once, and ends at the base
    chain = [r.revision for r in revisions]
    assert chain[0] == migrate.head_revision()
    assert len(set(chain)) == len(chain) == len(migrate.known_revisions())
    for newer, older in itertools.pairwise(revisions):
        assert newer.down_revision == older.revision
    assert revisions[-1].down_revision is None


def test_every_migration_file_is_named_by_date_and_in_the_chain() -> None:
    files = sorted(p for p in VERSIONS.glob("*.py") if p.name != "__init__.py")
    assert files
    by_path = {Path(script.path).name: script.revision for script in scripts().walk_revisions()}
    assert sorted(by_path) == [p.name for p in files]  # no stray file alembic does not see
    for path in files:
        match = DATE_PREFIX.match(path.name)
        assert match, f"{path.name} should start with YYYY_MM_DD_"
        year, month, day = (int(g) for g in match.groups())
        assert year >= 2024 and 1 <= month <= 12 and 1 <= day <= 31, path.name
        assert by_path[path.name] in path.name  # the revision id follows the date
    # date order is chain order: the oldest file is the base, the newest the head
    chain = [Path(s.path).name for s in reversed(list(scripts().walk_revisions()))]
    assert chain == sorted(chain)


def test_the_migrated_schema_matches_the_models(location: StoreLocation) -> None:
    store = open_store(location, create=True)
    try:
        with store.engine.connect() as connection:
            # the trigram index of household search (migration 0007) is no model's
            opts = {"compare_type": True, "include_name": lambda name, *_: not derived_from_search(name)}
            context = MigrationContext.configure(connection, opts=opts)
            drift = compare_metadata(context, Base.metadata)
        assert drift == [], "the models changed without a migration:\n" + "\n".join(map(str, drift))
    finally:
        store.close()


def test_upgrading_an_empty_database_reaches_the_head(location: StoreLocation) -> None:
    if location.is_sqlite:
        location.home.mkdir(parents=True)
    engine = make_engine(location)
    try:
        with engine.connect() as connection:
            assert inspect(connection).get_table_names() == []
            assert migrate.current_revision(connection) is None
        migrate.upgrade(engine)
        with engine.connect() as connection:
            assert migrate.current_revision(connection) == migrate.head_revision()
            tables = {t for t in inspect(connection).get_table_names() if not derived_from_search(t)}
        assert set(Base.metadata.tables) | {"alembic_version"} == tables
        migrate.upgrade(engine)  # again: nothing to do, nothing breaks
        with engine.connect() as connection:
            assert migrate.current_revision(connection) == migrate.head_revision()
    finally:
        engine.dispose()


def test_the_revisions_read_as_text_are_alembics() -> None:
    """A start reads the revisions from the files' text (no Alembic import): the same as Alembic's."""
    directory = scripts()
    assert migrate.known_revisions() == {script.revision for script in directory.walk_revisions()}
    assert migrate.head_revision() == directory.get_current_head()
