"""Column types shared by the models, portable between SQLite and PostgreSQL."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Numeric, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

MAX_INT = 2**63 - 1  # the largest integer SQLite INTEGER and PostgreSQL BIGINT hold


def canonical_json(value: Any) -> str:
    """The one JSON spelling used for hashing, the log and dumps: sorted keys, no spaces, real UTF-8."""
    return _CANONICAL.encode(value)


# json.dumps with these options makes an encoder per call: a bundle's import spells each of its
# operations twice (a tenth of the JSON time of a 10,000-household village's import, measured)
_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class JsonText(TypeDecorator[Any]):
    """A list or mapping stored as canonical JSON text (same bytes on SQLite and PostgreSQL)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else canonical_json(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> Any:
        return None if value is None else json.loads(value)


# Yuan with fen. Numeric keeps decimals exact on both engines.
Money = Numeric(12, 2)
Area = Numeric(10, 2)
