"""The trigram index (SQLite FTS5, PostgreSQL pg_trgm) finds exactly the households that reading every
search text finds — for names, two-character names, pinyin initials, one letter, 户编号, the last four
of an ID number, phones — on a real SQLite file and on PostgreSQL; it follows an edit at once, and a
ledger an older program wrote gets it when opened. Where the index is missing (a SQLite without FTS5's
trigram tokenizer, a server without pg_trgm) the same households are found, and the ledger says why it
is slower."""

from __future__ import annotations

import datetime as dt
import random

from records import make_id_number
from sqlalchemy import select, text, update

from desktop.services.context import Ledger
from desktop.services.households.households import HouseholdRow, add_household, list_households
from desktop.services.households.members import add_member, edit_member
from desktop.store import search_index
from desktop.store.database import StoreLocation, open_store
from desktop.store.models import HouseholdSearch, LocalSetting, Member
from desktop.store.search_index import STAMP_KEY, TRIGRAM_INDEX

FAMILIES = {
    "001": [("次仁卓玛", "13800001234"), ("扎西", None)],
    "002": [("卓嘎", "13912345678")],
    "003": [("格桑拉姆", None), ("次仁", None), ("卓嘎", None)],
    "004": [("吕小红", None)],
    "005": [("单丽", "0836-2812345"), ("扎西次仁", None)],
    "012": [("央金", None)],
    "100": [("a_b%c", None)],  # a name with LIKE's own characters in it
}


def fill(ledger: Ledger) -> None:
    for index, (number, people) in enumerate(FAMILIES.items()):
        (head, phone), *others = people
        add_household(
            ledger,
            number=number,
            head={"name": head, "id_number": make_id_number(dt.date(1970, 1, 1 + index), 2), "phone": phone},
        )
        for n, (name, _phone) in enumerate(others):
            add_member(
                ledger,
                number,
                {
                    "name": name,
                    "relation": "配偶" if n == 0 else "之子",
                    "id_number": make_id_number(dt.date(1990, 2, 1 + index), 3 + n),
                },
            )


def found(ledger: Ledger, term: str) -> list[HouseholdRow]:
    """Across all villages (the index answers) — the same as within this one (its texts are read)."""
    everywhere = list_households(ledger, search=term, all_villages=True)
    assert list_households(ledger, search=term) == everywhere  # one village here
    return everywhere


def terms(ledger: Ledger) -> list[str]:
    """What users type: whole names, their first one or two characters, pinyin initials and one letter,
    户编号, the last four (and any four) of an ID number, a phone's start, one digit, and no match."""
    with ledger.store.read_session() as session:
        people = session.execute(select(Member.name, Member.id_number, Member.phone)).all()
    typed = [
        "zg",
        "z",
        "zx",
        "zhuoga",
        "zhuo",
        "lv",
        "lü",
        "dan",
        "shan",
        "001",
        "12",
        "1",
        "0",
        "卓",
        "a_b",
        "%c",
    ]
    typed += ["没有这个人", "Ci Ren", "x'", "b%", "b%x"]
    picks = random.Random(17)
    for name, id_number, phone in people:
        typed += [name, name[:2], name[:1], search_index.pinyin_keys(name)[0]]
        if id_number:
            start = picks.randrange(len(id_number) - 4)
            typed += [id_number[-4:], id_number[start : start + 4], id_number[:10]]
        if phone:
            typed += [phone[:4], phone[-4:]]
    return list(dict.fromkeys(typed))


def drop_index(ledger: Ledger) -> None:
    """What a SQLite without FTS5's trigrams, or a server without pg_trgm, would have made."""
    with ledger.store.session() as session:
        if session.get_bind().dialect.name == "sqlite":
            session.execute(text("DROP TABLE household_search_fts_terms"))
            session.execute(text("DROP TABLE household_search_fts"))
        else:
            session.execute(text(f"DROP INDEX {TRIGRAM_INDEX}"))
            session.execute(text("DROP EXTENSION pg_trgm"))


def describe(ledger: Ledger) -> str:
    with ledger.store.read_session() as session:
        return search_index.describe(session)


def test_the_index_finds_what_reading_every_text_finds(any_ledger: Ledger) -> None:
    fill(any_ledger)
    assert "三元组索引" in describe(any_ledger) and "逐行" not in describe(any_ledger)
    typed = terms(any_ledger)
    with_index = {term: found(any_ledger, term) for term in typed}
    drop_index(any_ledger)
    assert "逐行比对" in describe(any_ledger)
    without = {term: found(any_ledger, term) for term in typed}
    assert with_index == without
    assert sum(map(len, with_index.values())) > 2 * len(typed)  # most terms find someone
    assert [r.number for r in with_index["卓嘎"]] == ["002", "003"]
    assert [r.number for r in with_index["次仁"]] == ["001", "003", "005"]
    assert [r.number for r in with_index["a_b"]] == ["100"]  # _ is a character, not any character
    assert with_index["b%"] == with_index["%c"] == with_index["a_b"] and with_index["b%x"] == []


def test_what_is_found_follows_an_edit(any_ledger: Ledger) -> None:
    fill(any_ledger)
    (row,) = found(any_ledger, "格桑拉姆")
    assert (row.number, row.head_name, row.member_count) == ("003", "格桑拉姆", 3)
    added = add_member(any_ledger, "003", {"name": "达瓦", "relation": "之女"})
    assert [(r.number, r.member_count) for r in found(any_ledger, "达瓦")] == [("003", 4)]
    edit_member(any_ledger, added.id, {"name": "德吉"})
    assert found(any_ledger, "达瓦") == [] and found(any_ledger, "dw") == []
    assert (
        [r.number for r in found(any_ledger, "德吉")]
        == [r.number for r in found(any_ledger, "dj")]
        == ["003"]
    )
    edit_member(any_ledger, added.id, {"archived": True, "archive_reason": "录入有误"})
    assert found(any_ledger, "德吉") == []
    assert [(r.number, r.member_count) for r in found(any_ledger, "格桑")] == [("003", 3)]


def _age(location: StoreLocation) -> None:
    """Texts as the previous program wrote them: no spaces at the end, no member count, no stamp."""
    store = open_store(location)
    try:
        with store.session() as session:
            session.execute(
                update(HouseholdSearch).values(text=" 001 次仁卓玛 扎西", member_count=0, head_name=None)
            )
            session.execute(LocalSetting.__table__.delete().where(LocalSetting.key == STAMP_KEY))
    finally:
        store.close()


def test_an_older_ledger_is_indexed_when_opened(any_ledger: Ledger, location: StoreLocation) -> None:
    fill(any_ledger)
    before = {term: found(any_ledger, term) for term in ("扎西", "西", "卓嘎", "zx", "1234")}
    any_ledger.store.close()
    _age(location)
    reopened = open_store(location)
    try:
        ledger = Ledger(store=reopened, policy=any_ledger.policy, today=any_ledger.today)
        assert {term: found(ledger, term) for term in before} == before
        assert [(r.number, r.member_count, r.head_name) for r in before["扎西"]] == [
            ("001", 2, "次仁卓玛"),
            ("005", 2, "单丽"),
        ]
    finally:
        reopened.close()


def test_a_server_given_pg_trgm_later_gets_the_index_when_opened(
    any_ledger: Ledger, location: StoreLocation
) -> None:
    if not location.url:
        return  # SQLite: FTS5 is there or not with the program
    fill(any_ledger)
    drop_index(any_ledger)
    any_ledger.store.close()
    store = open_store(location)
    try:
        with store.session() as session:  # what the administrator runs
            session.execute(text("CREATE EXTENSION pg_trgm"))
    finally:
        store.close()
    store = open_store(location)
    try:
        ledger = Ledger(store=store, policy=any_ledger.policy, today=any_ledger.today)
        assert describe(ledger) == "PostgreSQL pg_trgm 三元组索引"
        assert [r.number for r in found(ledger, "卓嘎")] == ["002", "003"]
    finally:
        store.close()
