"""Schema migrations with Alembic, run from code at start-up (after a backup, see database.py).

Alembic itself is imported only to migrate (and to read the revision of a server database): which
revisions exist and which is the newest are read from the migration files as text, so opening a
current ledger (every start of the window) does not import Alembic and every migration script, a
third of a second here. tests/store/test_migrations.py checks both readings agree."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection, Engine

MIGRATIONS = Path(__file__).with_name("migrations")
_REVISION = re.compile(r"""^revision(?:\s*:\s*str)?\s*=\s*["']([^"']+)["']""", re.MULTILINE)
_DOWN_REVISION = re.compile(
    r"""^down_revision(?:\s*:[^=\n]+)?\s*=\s*(?:None|["']([^"']+)["'])\s*$""", re.MULTILINE
)


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("file_template", "%%(year)d_%%(month).2d_%%(day).2d_%%(rev)s_%%(slug)s")
    return config


@cache
def _revisions() -> dict[str, str | None]:
    """Each migration's revision and the one it follows (None for the first), from the files' text."""
    found: dict[str, str | None] = {}
    for script in sorted((MIGRATIONS / "versions").glob("*.py")):
        text = script.read_text(encoding="utf-8")
        revision, down = _REVISION.search(text), _DOWN_REVISION.search(text)
        if revision is None or down is None:
            raise RuntimeError(f"{script.name}: no revision / down_revision line")
        found[revision.group(1)] = down.group(1)
    return found


def head_revision() -> str:
    revisions = _revisions()
    followed = set(revisions.values())
    heads = [revision for revision in revisions if revision not in followed]
    if len(heads) != 1:
        raise RuntimeError(f"the migrations have {len(heads)} newest revisions: {sorted(heads)}")
    return heads[0]


def known_revisions() -> set[str]:
    return set(_revisions())


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    from alembic import command

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
