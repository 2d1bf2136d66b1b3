"""Household search on a township's PostgreSQL finds what the same township finds on SQLite — by name,
pinyin initials, 户编号 and ID number, across its villages and within one — with the same member counts
and heads, after the villages' bundles were imported (each database through its own trigram index:
pg_trgm, FTS5)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pg_township import OTHER_CODE, OTHER_HEAD, OTHER_SPOUSE, Townships, townships_with_two_villages
from sqlalchemy import select

from desktop.services.context import Ledger
from desktop.services.households.households import HouseholdRow, list_households
from desktop.store.models import Member, Village
from desktop.store.search_index import pinyin_keys

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def townships(tmp_path_factory: pytest.TempPathFactory, postgres: object) -> Iterator[Townships]:
    made = townships_with_two_villages(tmp_path_factory.mktemp("search-pg"), postgres)
    yield made
    made.close()


def found(ledger: Ledger, text: str | None, village_id: str | None) -> list[HouseholdRow]:
    return list_households(ledger, search=text, village_id=village_id, all_villages=village_id is None)


def test_search_on_postgresql_equals_sqlite(townships: Townships) -> None:
    on_postgres, on_sqlite = townships.postgres.ledger, townships.sqlite.ledger
    with on_postgres.store.read_session() as session:
        villages = list(session.execute(select(Village.id)).scalars())
        people = session.execute(select(Member.name, Member.id_number).order_by(Member.id)).all()
    terms: list[str | None] = [None, "zg", OTHER_CODE, "没有这个人"]
    for name, id_number in people[::3]:
        # and what is typed on the way: the first two characters, one letter, the last four of the ID
        terms += [name, pinyin_keys(name)[0], id_number, name[:2], pinyin_keys(name)[0][:1], id_number[-4:]]
    seen = 0
    for text in terms:
        for village_id in (None, *villages):
            rows = found(on_postgres, text, village_id)
            assert rows == found(on_sqlite, text, village_id), (text, village_id)
            seen += len(rows)
    assert seen > len(terms)


def test_one_village_or_all(townships: Townships) -> None:
    ledger = townships.postgres.ledger
    everywhere = found(ledger, OTHER_SPOUSE[1], None)  # the spouse's ID number finds the household
    assert [(r.head_name, r.member_count) for r in everywhere] == [(OTHER_HEAD[0], 2)]
    with ledger.store.read_session() as session:
        villages = list(session.execute(select(Village.id, Village.code)).all())
    assert len(villages) == 2
    for village_id, code in villages:
        rows = found(ledger, OTHER_HEAD[1], village_id)
        assert [r.head_name for r in rows] == ([OTHER_HEAD[0]] if code == OTHER_CODE else [])
    assert len(found(ledger, None, None)) == 13


def test_no_search_counts_every_member(townships: Townships) -> None:
    rows = found(townships.postgres.ledger, None, None)
    assert all(r.member_count >= 1 and r.head_name for r in rows)
    same = found(townships.sqlite.ledger, None, None)
    assert sum(r.member_count for r in rows) == sum(r.member_count for r in same) > len(rows)
