"""The household search index: names, pinyin, 户编号, ID numbers and phones in one text per household.

Refreshed before every commit for the households the transaction touched, whether the change was made
here or arrived in a bundle, so search never shows stale results. The text is plain lower-case tokens
without spaces inside, separated by single spaces and led by one (a token-prefix search is
``LIKE '% zg%'``); the pinyin keys are those of name_keys.py. When the way the text is made changes
(``INDEX_FORMAT``, or the surname table), every text is rebuilt the next time the ledger is opened.

Finding a term does not read every text (issue 17): a trigram index answers any pattern with three
characters in a row (``% zg`` counts the space before the token). On SQLite it is an FTS5 table
``household_search_fts`` (tokenizer ``trigram``) holding a copy of each text under this table's rowid,
kept in step by ``refresh`` and ``ensure_current`` (migration 0007: write household_search only through
them); on PostgreSQL a GIN ``gin_trgm_ops`` index on ``text`` (pg_trgm), which the planner
uses for the same ``LIKE``. Terms with ``%``, ``_`` or a backslash are the plain ``LIKE`` over this
table; so is every term where FTS5 or pg_trgm is missing (and, on PostgreSQL, one or two characters):
the same households either way, only slower. One or two characters on SQLite ('卓嘎', '次仁', 'z',
the common case) read the FTS5 vocabulary: the trigrams that begin with them (every text ends in two
spaces, so each occurrence begins one); a character that begins too many is the plain LIKE too. So
is a short term in a quarter of the texts or more (``dense``) when a county-wide page walks the 户编号
index (``ordered_walk``): the walk meets a page of it within a few hundred texts, where its trigrams
would list nearly every household first.

The FTS5 table maps rows by this table's implicit rowid, which ``VACUUM`` may renumber: after one,
``rebuild_fts``. A test (or anything) that writes household_search directly leaves the FTS5 copy as it
was until the texts are rebuilt: drop the format stamp and reopen, as tests/services/households do.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Iterable
from itertools import compress
from operator import not_
from typing import Any

from sqlalchemy import ColumnElement, column, delete, false, literal_column, select, table, text
from sqlalchemy.orm import Session

from desktop.domain.enums import HEAD_RELATIONS
from desktop.resources import surname_readings
from desktop.store.base import table_of
from desktop.store.models import Household, HouseholdEvent, HouseholdSearch, LocalSetting, Member
from desktop.store.name_keys import name_keys, primary_keys
from desktop.store.queries import in_chunks, insert_sql
from desktop.store.transaction import RecordKey, WriteTransaction, touched_by_table

# (session, the households touched, every record touched): called after the texts are refreshed
AfterRefresh = Callable[[Session, set[str], set[RecordKey]], None]


# 1: initials and full pinyin of each name's first reading. 2: every reading, surname readings, the
# parts of a name, mixed forms, ü as v and u, no spaces inside a token, duplicates and keys that begin
# another key dropped. 3: two spaces at the end, so every one or two characters of a token begin a
# trigram of the FTS5 index (see ``_vocabulary_clause``); the member count and 户主 beside the text.
# (The household's listed columns beside it too came with migration 0009, which fills them itself.)
INDEX_FORMAT = 3
STAMP_KEY = "search_index.format"

FTS_TABLE = "household_search_fts"  # SQLite: FTS5, tokenizer trigram, over household_search (0007)
FTS_VOCABULARY = "household_search_fts_terms"  # its trigrams (fts5vocab, 'row')
TRIGRAM_INDEX = "ix_household_search_text_trgm"  # PostgreSQL: GIN (text gin_trgm_ops) (0007)
NUMBER_INDEX = (
    "ix_household_search_number_c"  # (number COLLATE "C"), SQLite (number): the list's order (0009)
)
_MOST_TRIGRAMS = 200  # a one- or two-character term begun by more: the plain LIKE is as quick
_SAMPLE_ROWS, _SAMPLE_SLICES = 1000, 8  # texts read to judge whether a short term is ``dense``
_DENSE = 4  # ``dense``: in one text of this many, or more
_FTS = table(FTS_TABLE, column("rowid"), column("text"))
_ROWID: ColumnElement[Any] = literal_column("household_search.rowid")
_WALK_ROWID: ColumnElement[Any] = literal_column("+household_search.rowid")  # no lookup by rowid


def pinyin_keys(name: str) -> list[str]:
    """``卓嘎`` -> ``["zg", "zhuoga"]``: initials and full spelling of the usual reading, lower case."""
    return list(primary_keys(name))


def household_text(
    number: str | None, phone: str | None, group_name: str | None, members: Iterable[tuple[Any, ...]]
) -> str:
    """``members``: (name, id_number, phone, archived) of each member of the household."""
    tokens: list[str] = [number or "", phone or "", group_name or ""]
    keys: set[str] = set()
    for name, id_number, member_phone, archived in members:
        if archived:
            continue
        tokens += [name or "", id_number or "", member_phone or ""]
        if name:
            keys |= _widest_keys(name)
    plain = dict.fromkeys(map(_compact, tokens))
    plain.pop("", None)
    pinyin = _widest(keys)
    if not keys.isdisjoint(plain):  # a token typed in letters that is a key too: once, where it is
        pinyin = [k for k in pinyin if k not in plain]
    return " " + " ".join([*plain, *pinyin]) + "  "


def _widest(keys: Iterable[str]) -> list[str]:
    """``keys`` sorted, without those that begin another: a key that begins another finds nothing the
    longer one does not (the search is by prefix). (In sorted order a key that begins any other begins
    the next one.)"""
    ordered = sorted(keys)
    begins_next = map(str.startswith, [*ordered[1:], ""], ordered)
    return list(compress(ordered, map(not_, begins_next)))


def _compact(token: str) -> str:
    """``token`` without white space, lower case (a name or a number has none to take out: one call)."""
    return token.lower() if token.isalnum() else "".join(token.split()).lower()


@functools.lru_cache(maxsize=65_536)
def _widest_keys(name: str) -> frozenset[str]:
    """The keys of ``name`` that begin none of its other keys: the household's text drops the others
    anyway (each begins a key kept here), and its keys sort and compare in a third of the time."""
    return frozenset(_widest(name_keys(name)))


def search_clause(
    session: Session, compact: str, *, one_village: bool = False, walk: bool = False
) -> ColumnElement[bool]:
    """The households whose text matches ``compact`` (lower case, no spaces), as a condition on
    ``HouseholdSearch``. Pinyin (letters only; ü typed as ü, v or u, syllables maybe parted by ') is
    matched at the start of a token, anything else anywhere in one. The same households whichever
    index answers (module docstring). ``one_village``: the query is held to one village's rows (by
    ``HouseholdSearch.village_id``): SQLite reads that village's few hundred texts, which is quicker
    than the trigrams of a whole township for a common term ('0012' begins with a trigram of almost
    every text) and does not grow with the ledger. ``walk`` (``ordered_walk``): the rows the FTS5 index
    found are not looked up by rowid (``+rowid``), so SQLite walks the 户编号 index in order instead."""
    pinyin = compact.replace("ü", "v").replace("'", "")
    if pinyin.isascii() and pinyin.isalpha():
        # the start of a token, so "zg" finds 卓嘎 but not every name with z…g inside
        literal, pattern = " " + pinyin, f"% {pinyin}%"
    elif any(c in compact for c in "%_\\"):
        escaped = compact.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return HouseholdSearch.text.like(f"%{escaped}%", escape="\\")
    else:
        literal, pattern = compact, f"%{compact}%"
    plain = HouseholdSearch.text.like(pattern)
    if session.get_bind().dialect.name != "sqlite" or one_village or not has_fts(session):
        return plain  # PostgreSQL: the planner takes the trigram index for the LIKE where it helps
    if walk and len(literal) < 3 and dense(session, pattern):
        return plain  # walked in the list's order, the LIKE finds a page within a few hundred texts
    rowid = _WALK_ROWID if walk else _ROWID
    if len(literal) == 3:  # one trigram: the rows that hold it, nothing to check (15× the LIKE)
        return _matching([literal], rowid)
    if len(literal) > 3:
        # FTS5 answers a LIKE with three characters in a row from its trigrams, then checks each row
        return rowid.in_(select(_FTS.c.rowid).where(_FTS.c.text.like(pattern)))
    return _vocabulary_clause(session, literal, plain, rowid)


def _matching(trigrams: list[str], rowid: ColumnElement[Any] = _ROWID) -> ColumnElement[bool]:
    """The rows holding any of ``trigrams`` (FTS5 with detail=none takes no longer phrase)."""
    query = " OR ".join('"' + t.replace('"', '""') + '"' for t in trigrams)
    return rowid.in_(select(_FTS.c.rowid).where(literal_column(FTS_TABLE).op("MATCH")(query)))


def _vocabulary_clause(
    session: Session, literal: str, plain: ColumnElement[bool], rowid: ColumnElement[Any] = _ROWID
) -> ColumnElement[bool]:
    """One or two characters: each place they occur in a text begins a trigram (a text ends in two
    spaces, and a term has none), so the rows holding any trigram that begins with them are the rows
    that hold them. (FTS5 itself cannot take a LIKE that short: SQLite 3.40 even finds nothing for two
    Chinese characters.)"""
    upper = literal[:-1] + chr(ord(literal[-1]) + 1)
    trigrams = list(
        session.execute(
            text(f"SELECT term FROM {FTS_VOCABULARY} WHERE term >= :low AND term < :high LIMIT :most"),
            {"low": literal, "high": upper, "most": _MOST_TRIGRAMS + 1},
        ).scalars()
    )
    if len(trigrams) > _MOST_TRIGRAMS:
        return plain
    if not trigrams:
        return false()
    return _matching(trigrams, rowid)


def dense(session: Session, pattern: str) -> bool:
    """SQLite: whether ``pattern`` (a LIKE) matches a quarter of the texts or more, judged on at most
    ``_SAMPLE_ROWS`` of them in slices spread over the table (a ledger is imported village by village,
    and a name may be common in one of them only). Such a term ('7', 'z', '12') is best found by the
    plain LIKE in ``ordered_walk``'s order: a page of 200 is within the first 800 texts walked and a
    count up to 1,000 within the first 4,000 read, where its trigrams list almost every household
    (fifty thousand rowids gathered and looked up, 45 ms at 50,000, before the first row is shown)."""
    top = session.execute(text("SELECT max(rowid) FROM household_search")).scalar()
    if not top:
        return False
    step = max(int(top) // _SAMPLE_SLICES, 1)
    size = _SAMPLE_ROWS // _SAMPLE_SLICES
    slices = " OR ".join(
        f"rowid BETWEEN {start} AND {start + size - 1}" for start in range(1, int(top) + 1, step)
    )
    sample = session.execute(
        text(f"SELECT count(*), coalesce(sum(text LIKE :pattern), 0) FROM household_search WHERE {slices}"),
        {"pattern": pattern},
    ).one()
    return bool(sample[0]) and sample[1] * _DENSE >= sample[0]


def ordered_walk(session: Session, compact: str) -> bool:
    """SQLite: whether a page of a one- or two-character term (``z``, ``zx``, ``次仁``, a fifth
    of a county or more) walk the 户编号 index in the list's order and stop at the page, instead of reading
    and sorting every household found (``z`` at 50,000: 17 ms instead of 108); a longer term finds few,
    and sorting them is quicker than the walk. Not on PostgreSQL, whose planner chooses by itself."""
    if len(compact) > 2 or session.get_bind().dialect.name != "sqlite":
        return False
    found = session.execute(
        text("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = :name"),
        {"name": NUMBER_INDEX},
    ).scalar()
    return bool(found)


def derived_from_search(name: str | None) -> bool:
    """Tables and indexes of the search, which the models do not describe (migrations 0007, 0009):
    FTS5's own tables on SQLite, the GIN index on PostgreSQL, the 户编号 index in code-point order."""
    return bool(name) and (str(name).startswith(FTS_TABLE) or name in (TRIGRAM_INDEX, NUMBER_INDEX))


def has_fts(session: Session) -> bool:
    """Whether this SQLite ledger has the FTS5 index (not where FTS5 was missing at migration 0007,
    nor in a schema made by ``create_all``)."""
    found = session.execute(
        text("SELECT count(*) FROM sqlite_master WHERE name IN (:table, :vocabulary)"),
        {"table": FTS_TABLE, "vocabulary": FTS_VOCABULARY},
    ).scalar()
    return found == 2


def rebuild_fts(session: Session) -> None:
    """Index every text again (after a ``VACUUM``, which may renumber the rows the index points at)."""
    if session.get_bind().dialect.name == "sqlite" and has_fts(session):
        session.execute(_FTS.delete())
        session.execute(_fts_insert())


def describe(session: Session) -> str:
    """How this ledger finds households: which index, or why none (for ``zhucun doctor`` and ``check``)."""
    if session.get_bind().dialect.name == "sqlite":
        if has_fts(session):
            return "SQLite FTS5 三元组索引"
        return "无 FTS5 索引（建库时本机 SQLite 缺 FTS5 三元组分词）：检索逐行比对，结果相同但较慢"
    if _has_trigram_index(session):
        return "PostgreSQL pg_trgm 三元组索引"
    slower = "检索逐行比对，结果相同但较慢"
    if _count(session, "SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'"):
        return f"已有 pg_trgm 扩展，三元组索引在下次打开台账时建立；在此之前{slower}"
    if _count(session, "SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_trgm'"):
        return (
            f"本库未启用 pg_trgm（本账号无权 CREATE EXTENSION）：{slower}；请数据库管理员在本库执行 "
            "CREATE EXTENSION pg_trgm，下次打开台账时自动建索引"
        )
    return f"服务器未安装 pg_trgm（PostgreSQL 的 contrib 组件）：{slower}"


def _count(session: Session, sql: str) -> int:
    return int(session.execute(text(sql)).scalar() or 0)


def _has_trigram_index(session: Session) -> bool:
    return bool(
        session.execute(
            text(
                "SELECT count(*) FROM pg_indexes WHERE tablename = 'household_search' AND indexname = :name"
            ),
            {"name": TRIGRAM_INDEX},
        ).scalar()
    )


def ensure_trigram_index(session: Session) -> bool:
    """PostgreSQL: make the GIN trigram index when pg_trgm is there and the index is not (migration 0007
    made it unless the extension was missing or could not be created; an administrator may add it
    later). Returns whether the index exists now. Never fails for want of the extension."""
    if _has_trigram_index(session):
        return True
    if not _count(session, "SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'"):
        return False
    session.execute(
        text(f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON household_search USING gin (text gin_trgm_ops)")
    )
    return True


def index_stamp() -> str:
    """The format and the surname table the texts were made with: either changing rebuilds them."""
    table = json.dumps(sorted(surname_readings().items()), ensure_ascii=False)
    return f"{INDEX_FORMAT}:{hashlib.sha256(table.encode()).hexdigest()[:16]}"


def refresh(session: Session, household_ids: set[str]) -> None:
    if not household_ids:
        return
    ids = sorted(household_ids)
    fts = session.get_bind().dialect.name == "sqlite" and has_fts(session)
    for chunk in in_chunks(ids):
        which = HouseholdSearch.household_id.in_(chunk)
        # households new to the ledger (a first import: all of them) have no text to take out
        if session.execute(select(HouseholdSearch.household_id).where(which).limit(1)).first() is not None:
            if fts:
                session.execute(_FTS.delete().where(_FTS.c.rowid.in_(select(_ROWID).where(which))))
            session.execute(delete(HouseholdSearch).where(which))
        _insert(session, chunk)
        if fts:
            session.execute(_fts_insert(HouseholdSearch.household_id.in_(chunk)))


def _fts_insert(which: ColumnElement[bool] | None = None) -> Any:
    """Index the texts of ``which`` rows (all without): one INSERT … SELECT, 2.5× quicker than a trigger
    per row (measured at 2,000 households)."""
    texts = select(_ROWID, HouseholdSearch.text)
    return _FTS.insert().from_select(["rowid", "text"], texts if which is None else texts.where(which))


def _insert(session: Session, ids: list[str]) -> None:
    households = session.execute(
        select(
            Household.id,
            Household.village_id,
            Household.number,
            Household.phone,
            Household.group_name,
            Household.category,
            Household.poverty_status,
            Household.archived,
        ).where(Household.id.in_(ids))
    ).all()
    members: dict[str, list[tuple[Any, ...]]] = {}
    counts: dict[str, int] = {}
    heads: dict[str, str] = {}
    rows = session.execute(
        select(
            Member.household_id, Member.name, Member.id_number, Member.phone, Member.archived, Member.relation
        )
        .where(Member.household_id.in_(ids))
        .order_by(Member.id)
    )
    for household_id, name, id_number, phone, archived, relation in rows:
        key = household_id or ""
        members.setdefault(key, []).append((name, id_number, phone, archived))
        if not archived:
            counts[key] = counts.get(key, 0) + 1
            if relation in HEAD_RELATIONS and name is not None:
                heads[key] = min(name, heads.get(key, name))  # two 户主 (a merge): the first, as min() in SQL
    if households:
        # the driver's executemany of tuples: SQLAlchemy's per-row parameter work was a tenth of the
        # refresh of a first import (10,000 households)
        connection = session.connection()
        connection.exec_driver_sql(
            insert_sql(connection.dialect, table_of(HouseholdSearch), _SEARCH_COLUMNS),
            [
                (
                    h.id,
                    h.village_id,
                    household_text(h.number, h.phone, h.group_name, members.get(h.id, [])),
                    counts.get(h.id, 0),
                    heads.get(h.id),
                    h.number,
                    h.group_name,
                    h.category,
                    h.poverty_status,
                    h.phone,
                    h.archived,
                )
                for h in households
            ],
        )


_SEARCH_COLUMNS = (
    "household_id",
    "village_id",
    "text",
    "member_count",
    "head_name",
    "number",
    "group_name",
    "category",
    "poverty_status",
    "phone",
    "archived",
)


def ensure_current(session_factory: Any) -> bool:
    """Rebuild every search text when they were made by an older format (an existing ledger opened by
    a newer program, on SQLite or PostgreSQL); returns whether it did. One transaction: a ledger is
    never left half old, half new."""
    stamp = index_stamp()
    with session_factory.begin() as session:
        if session.get_bind().dialect.name == "postgresql":
            # two clients of one server opening it at once: the second waits, then finds it current
            session.execute(text("SELECT pg_advisory_xact_lock(2026131307)"))
            ensure_trigram_index(session)
        row = session.get(LocalSetting, STAMP_KEY)
        if row is not None and row.value == stamp:
            return False
        fts = session.get_bind().dialect.name == "sqlite" and has_fts(session)
        if fts:
            session.execute(_FTS.delete())
        session.execute(delete(HouseholdSearch))
        ids = list(session.execute(select(Household.id).order_by(Household.id)).scalars())
        for chunk in in_chunks(ids):
            _insert(session, chunk)
        if fts:
            session.execute(_fts_insert())
        if row is None:
            session.add(LocalSetting(key=STAMP_KEY, value=stamp, version=1))
        else:
            row.value = stamp
    return True


def refresh_touched(session: Session, then: AfterRefresh | None = None) -> None:
    """Refresh the texts of the households the transaction touched; ``then`` is told them too (and
    every record touched), so the other derived tables refresh the same households (verdict_table)."""
    transaction = WriteTransaction.current(session)
    if transaction is None:
        return
    touched = transaction.take_touched()
    known = transaction.take_households()  # a member written whole by the set fold: its household
    by_table = touched_by_table(touched)
    household_ids = set(by_table.get("household", ()))
    member_ids = []
    for member_id in by_table.get("member", ()):
        household_id = known.get(("member", member_id))
        if household_id is None:
            member_ids.append(member_id)
        else:
            household_ids.add(household_id)
    for chunk in in_chunks(member_ids):
        held = session.execute(select(Member.household_id).where(Member.id.in_(chunk))).scalars()
        household_ids.update(h for h in held if h)
    event_ids = by_table.get("household_event", [])
    for chunk in in_chunks(event_ids):
        pairs = session.execute(
            select(HouseholdEvent.household_id, HouseholdEvent.other_household_id).where(
                HouseholdEvent.id.in_(chunk)
            )
        )
        for pair in pairs:
            household_ids.update(h for h in pair if h)
    refresh(session, household_ids)
    if then is not None:
        then(session, household_ids, touched)


def install(session_factory: Any, then: AfterRefresh | None = None) -> None:
    """Hook the refresh into every commit of sessions made by ``session_factory``."""
    from sqlalchemy import event

    event.listen(session_factory, "before_commit", lambda session: refresh_touched(session, then))
