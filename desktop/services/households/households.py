"""Households: list and search, add, edit, archive."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, case, func, literal, select
from sqlalchemy.orm import Session

from desktop.domain.enums import HEAD_RELATION, HEAD_RELATIONS
from desktop.domain.errors import InvalidInput
from desktop.services.context import Ledger
from desktop.services.households.lookup import resolve_household
from desktop.services.households.rows import NO_VILLAGE, HouseholdKeys, HouseholdRow
from desktop.store import search_index
from desktop.store.models import Household, HouseholdSearch, Member, Village
from desktop.store.queries import in_chunks, live

if TYPE_CHECKING:
    from desktop.services.reversal import Reversal

# the writing parts (store.writer, services.reversal, the members' checks) are imported by the functions
# that write: the roster's first screen (household_keys, household_rows) only reads


def _in_view(ledger: Ledger, village_id: str | None, all_villages: bool) -> str | None:
    """The village a call reads: ``village_id``, else the current one, or None for every village."""
    if village_id is None and not all_villages:
        return ledger.current_village_id()
    return village_id


def _search_term(search: str) -> str:
    """``search`` as the index compares it (lower case, no spaces); refused when nothing is left."""
    compact = _compact(search)
    if not compact:
        raise InvalidInput("请输入要查找的内容")
    return compact


def list_households(
    ledger: Ledger,
    *,
    search: str | None = None,
    village_id: str | None = None,
    include_archived: bool = False,
    all_villages: bool = False,
) -> list[HouseholdRow]:
    """Households of the current village (or ``village_id``), optionally matching ``search``."""
    village_id = _in_view(ledger, village_id, all_villages)
    with ledger.store.read_session() as session:
        return _rows(session, search=search, village_id=village_id, include_archived=include_archived)


@dataclass(frozen=True)
class FoundHouseholds:
    """The first households a search finds, in ``list_households``' order, and how many it finds:
    ``total`` exactly, or at least ``total`` when ``more`` (超过 N 户: counted no further)."""

    rows: list[HouseholdRow]
    total: int
    more: bool = False


def search_households(
    ledger: Ledger,
    search: str,
    *,
    village_id: str | None = None,
    include_archived: bool = False,
    all_villages: bool = False,
    limit: int = 200,
    count_up_to: int = 1000,
) -> FoundHouseholds:
    """The first ``limit`` of ``list_households(search=…)``'s rows and their total: what a screen shows
    of a search. Sorted, cut and counted in SQL over the search index alone, so the time is that of
    the rows shown, not of every household found (a common name finds a fifth of a county); the count
    stops at ``count_up_to`` (a larger total is ``more``)."""
    village_id = _in_view(ledger, village_id, all_villages)
    compact = _search_term(search)
    with ledger.store.read_session() as session:
        # a term of one or two characters on SQLite: the first page in order, not every one found
        walk = village_id is None and search_index.ordered_walk(session, compact)
        query = _search_query(
            session, compact, village_id=village_id, include_archived=include_archived, walk=walk
        )
        found = session.connection().execute(query.limit(limit)).all()
        total = len(found)
        if total == limit:  # maybe more: counted (a name or an ID number mostly finds fewer)
            up_to = max(count_up_to, limit)
            total = _count_up_to(session, query, up_to)
        rows = _as_rows(session, found, ordered=True)
        return FoundHouseholds(rows=rows, total=min(total, max(count_up_to, limit)), more=total > count_up_to)


def household_keys(
    ledger: Ledger,
    *,
    search: str | None = None,
    village_id: str | None = None,
    all_villages: bool = False,
) -> HouseholdKeys:
    """``list_households``' households, in its order, as keys: one query over the households alone (no
    member is read); ``household_rows`` gives the rows themselves, a page at a time."""
    village_id = _in_view(ledger, village_id, all_villages)
    compact = _compact(search)
    if compact:  # the search index alone, in order: no household row is read (see search_households)
        with ledger.store.read_session() as session:
            index = HouseholdSearch
            columns = (index.household_id, index.number, index.group_name, index.category, _village_name())
            query = _search_query(
                session, compact, village_id=village_id, include_archived=False, columns=columns
            )
            keys = session.connection().execute(query).all()
        return HouseholdKeys(
            ids=[k[0] for k in keys],
            numbers=[k[1] or "" for k in keys],
            group_names=[k[2] or "" for k in keys],
            categories=[k[3] or "" for k in keys],
            village_names=[k[4] for k in keys],
        )
    with ledger.store.read_session() as session:
        query = _found(
            session,
            select(
                Household.id, Household.number, Household.group_name, Household.category, Household.village_id
            ),
            search=search,
            village_id=village_id,
            include_archived=False,
        )
        # Core rows, read by position: 10,000 households at every start
        households = session.connection().execute(query).all()
        villages = _village_names(session)
    found = []
    for household_id, number, group_name, category, village in households:
        code, name = villages.get(village or "", NO_VILLAGE)
        found.append((number or "", code, name, household_id, group_name or "", category or ""))
    found.sort(key=lambda k: k[:4])  # list_households' order
    return HouseholdKeys(
        ids=[k[3] for k in found],
        numbers=[k[0] for k in found],
        group_names=[k[4] for k in found],
        categories=[k[5] for k in found],
        village_names=[k[2] for k in found],
    )


@dataclass(frozen=True)
class FoundKeys:
    """Some of the keys ``household_keys(search=…)`` gives, from an offset, in its order; from the
    first, also how many households the search finds, as ``FoundHouseholds`` counts them (``total``
    exactly, or at least ``total`` when ``more``), and the longest village name a roster of them may
    show (every village's: the households not read yet may be of any)."""

    keys: HouseholdKeys
    total: int = 0
    more: bool = False
    longest_village: str = ""


def search_keys(
    ledger: Ledger,
    search: str,
    *,
    village_id: str | None = None,
    all_villages: bool = False,
    offset: int = 0,
    limit: int | None = 200,
    count_up_to: int = 1000,
) -> FoundKeys:
    """``household_keys(search=…)``'s keys from ``offset``, ``limit`` of them (``None``: every one
    left), read as ``search_households`` reads a page: in the database's order of the text of 户编号,
    stopping at the page (a county-wide term of one or two characters walks the 户编号 index), counted
    from ``offset`` 0 up to ``count_up_to``. That order is the roster's (its 户编号 sort naturally, ``2``
    before ``10``) where ``numbers_sort_as_text``."""
    village_id = _in_view(ledger, village_id, all_villages)
    compact = _search_term(search)
    with ledger.store.read_session() as session:
        walk = village_id is None and search_index.ordered_walk(session, compact)
        index = HouseholdSearch
        columns = (index.household_id, index.number, index.group_name, index.category, _village_name())
        query = _search_query(
            session, compact, village_id=village_id, include_archived=False, columns=columns, walk=walk
        )
        found = session.connection().execute(query.offset(offset).limit(limit)).all()
        total, more, longest = len(found), False, ""
        if offset == 0:
            up_to = max(count_up_to, limit or 0)
            if total == limit:  # maybe more: counted as search_households counts
                total = _count_up_to(session, query, up_to)
            total, more = min(total, up_to), total > count_up_to
            if village_id is None:
                longest = _longest_village(session)
    keys = HouseholdKeys(
        ids=[k[0] for k in found],
        numbers=[k[1] or "" for k in found],
        group_names=[k[2] or "" for k in found],
        categories=[k[3] or "" for k in found],
        village_names=[k[4] for k in found],
    )
    return FoundKeys(keys=keys, total=total, more=more, longest_village=longest)


def _count_up_to(session: Session, query: Any, up_to: int) -> int:
    """How many rows ``query`` finds, counted no further than ``up_to + 1`` (so a count says "more")."""
    some = query.order_by(None).with_only_columns(literal(1)).limit(up_to + 1).subquery()
    return int(session.connection().execute(select(func.count()).select_from(some)).scalar_one())


def _longest_village(session: Session) -> str:
    """The longest village name a county-wide roster may show: of the villages with households, and
    ``（未归村）`` when a household has none (one index lookup each)."""
    index = HouseholdSearch
    held = select(index.household_id).where(index.village_id == Village.id).exists()
    names = [
        name or code or "" for name, code in session.execute(select(Village.name, Village.code).where(held))
    ]
    if session.execute(select(index.household_id).where(index.village_id.is_(None)).limit(1)).first():
        names.append(NO_VILLAGE[1])
    return max(names, key=len, default="")


def numbers_sort_as_text(
    ledger: Ledger, *, village_id: str | None = None, all_villages: bool = False
) -> bool:
    """Whether every 户编号 of the village (or of every village) is digits, all as long: then their
    order as text, the database's, is the roster's natural order (``2`` before ``10``, see the
    roster's ``natural_key``), and ``search_keys`` reads a search's keys a page at a time in the
    order the roster shows them. One pass over the 户编号 index (15 ms at 50,000 households)."""
    village_id = _in_view(ledger, village_id, all_villages)
    number = HouseholdSearch.number
    with ledger.store.read_session() as session:
        sqlite = session.get_bind().dialect.name == "sqlite"
        not_digit = number.op("GLOB")("*[^0-9]*") if sqlite else number.op("~")("[^0-9]")
        query = select(
            func.min(func.length(number)),
            func.max(func.length(number)),
            func.max(case((not_digit, 1), else_=0)),
        ).where(number.is_not(None))
        if village_id is not None:
            query = query.where(HouseholdSearch.village_id == village_id)
        shortest, longest, other = session.execute(query).one()
    return shortest == longest and not other


def household_rows(
    ledger: Ledger, household_ids: Sequence[str], *, from_index: bool = False
) -> list[HouseholdRow]:
    """The roster rows of these households (a page of ``household_keys``), in the order asked; an id
    no longer listed (archived, deleted meanwhile) is left out. ``from_index``: read from the search
    index alone (the listed columns, the count and the 户主 kept beside each text, current at every
    commit), as a search lists them: one lookup per household, no member read."""
    rows: dict[str, HouseholdRow] = {}
    with ledger.store.read_session() as session:
        for chunk in in_chunks(list(household_ids)):
            if from_index:
                listed = select(*_SEARCH_ROW).where(HouseholdSearch.household_id.in_(chunk))
                rows.update((r.id, r) for r in _as_rows(session, session.connection().execute(listed).all()))
                continue
            query = select(*_ROW_COLUMNS).where(Household.id.in_(chunk))
            households = session.execute(query).all()
            rows.update((r.id, r) for r in _with_people(session, households, query))
    return [rows[i] for i in household_ids if i in rows]


# what a roster row is made of (``_as_rows``' order), before its members are counted
_ROW_COLUMNS = (
    Household.id,
    Household.number,
    Household.group_name,
    Household.category,
    Household.poverty_status,
    Household.phone,
    Household.archived,
    Household.village_id,
)


def _village_names(session: Session) -> dict[str, tuple[str, str]]:
    return {
        v.id: (v.code or "", v.name or v.code or "")
        for v in session.execute(select(Village.id, Village.code, Village.name))
    }


def _rows(
    session: Session,
    *,
    search: str | None,
    village_id: str | None,
    include_archived: bool,
    household_id: str | None = None,
) -> list[HouseholdRow]:
    query = _found(
        session,
        select(*_ROW_COLUMNS),
        search=search,
        village_id=village_id,
        include_archived=include_archived,
    )
    compact = _compact(search)
    if compact and household_id is None:
        # the listed columns, the count and the 户主 kept beside the search text: what was found is
        # shown without reading a household or a member (the index is current at every commit, see
        # search_index), sorted by the database; Core rows, read by position
        query = _search_query(session, compact, village_id=village_id, include_archived=include_archived)
        found: Sequence[Any] = session.connection().execute(query).all()
        return _as_rows(session, found, ordered=True)
    if household_id is not None:
        query = query.where(Household.id == household_id)
    if compact:
        query = query.add_columns(HouseholdSearch.member_count, HouseholdSearch.head_name)
        return _as_rows(session, session.connection().execute(query).all())
    households = session.execute(query).all()
    return _with_people(session, households, query)


def _compact(search: str | None) -> str:
    return "".join((search or "").split()).lower()  # "Ci Ren" is ciren, "138 0000 1234" one number


def _found(
    session: Session, query: Any, *, search: str | None, village_id: str | None, include_archived: bool
) -> Any:
    """``query`` (over Household) narrowed to the households listed: with a 户编号, of the village,
    live, matching ``search``."""
    query = query.where(Household.number.is_not(None))
    if village_id is not None:
        query = query.where(Household.village_id == village_id)
    if not include_archived:
        query = query.where(live(Household))
    compact = _compact(search)
    if compact:
        query = query.join(HouseholdSearch, HouseholdSearch.household_id == Household.id).where(
            search_index.search_clause(session, compact, one_village=village_id is not None)
        )
        if village_id is not None:
            # the index's own village column (always the household's): PostgreSQL then reads one
            # village's search texts instead of the whole county's
            query = query.where(HouseholdSearch.village_id == village_id)
    return query


_SEARCH_ROW = (
    HouseholdSearch.household_id,
    HouseholdSearch.number,
    HouseholdSearch.group_name,
    HouseholdSearch.category,
    HouseholdSearch.poverty_status,
    HouseholdSearch.phone,
    HouseholdSearch.archived,
    HouseholdSearch.village_id,
    HouseholdSearch.member_count,
    HouseholdSearch.head_name,
)


def _village_name() -> ColumnElement[Any]:
    """The village name a roster shows (``_village_names``), over the outer-joined ``Village``."""
    named = func.coalesce(func.nullif(Village.name, ""), Village.code, "")
    return case((Village.id.is_(None), literal(NO_VILLAGE[1])), else_=named)


def _search_query(
    session: Session,
    compact: str,
    *,
    village_id: str | None,
    include_archived: bool,
    columns: Sequence[Any] | None = None,
    walk: bool = False,
) -> Any:
    """The households matching ``compact`` as ``_SEARCH_ROW``s of the search index alone (the household's
    listed columns are kept beside its text; or ``columns`` of them), in ``_as_rows``' order (户编号, village code and name, id),
    sorted by the database: code-point order on either (PostgreSQL's ``COLLATE "C"``, SQLite's own), as
    Python sorts."""
    search = HouseholdSearch
    query = (
        select(*(columns or _SEARCH_ROW))
        .select_from(search)
        .outerjoin(Village, Village.id == search.village_id)
        .where(search.number.is_not(None))
        .where(search_index.search_clause(session, compact, one_village=village_id is not None, walk=walk))
    )
    if village_id is not None:
        query = query.where(search.village_id == village_id)
    if not include_archived:
        query = query.where(live(search))
    postgres = session.get_bind().dialect.name == "postgresql"
    keys = [search.number, func.coalesce(Village.code, ""), _village_name(), search.household_id]
    return query.order_by(*(k.collate("C") if postgres else k for k in keys))


def _with_people(session: Session, households: Sequence[Any], query: Any) -> list[HouseholdRow]:
    """The rows of ``households`` (selected by ``query``) with their head's name and members counted,
    in 户编号 order."""
    # members counted only for the households found: SQLite looks each id up in the index, 500 a query;
    # PostgreSQL gets the selection itself (it read every member once per 500 ids, and hash-joins this)
    current = live(Member)
    count = select(
        Member.household_id,
        func.count(),
        func.min(case((Member.relation.in_(sorted(HEAD_RELATIONS)), Member.name))),
    ).group_by(Member.household_id)
    if session.get_bind().dialect.name == "sqlite":
        ids = [h.id for h in households]
        chunks = [count.where(current, Member.household_id.in_(chunk)) for chunk in in_chunks(ids)]
    else:
        chunks = [count.where(current, Member.household_id.in_(query.with_only_columns(Household.id)))]
    people: dict[str, tuple[int, str | None]] = {}
    for chunk in chunks:
        people.update((hid, (n, name)) for hid, n, name in session.execute(chunk))
    return _as_rows(session, [(*h, *people.get(h.id, (0, None))) for h in households])


def _as_rows(session: Session, found: Sequence[Any], *, ordered: bool = False) -> list[HouseholdRow]:
    """Rows of (id, 户编号, 小组, 类别, 脱贫属性, 电话, archived, village, members, 户主) as roster rows, in
    户编号 order (``ordered``: ``found`` is in it already)."""
    villages = _village_names(session)
    rows = [HouseholdRow.listed(listed, villages) for listed in found]
    return rows if ordered else sorted(rows, key=lambda r: (r.number, r.village_code, r.village_name, r.id))


def add_household(
    ledger: Ledger,
    *,
    number: str,
    head: dict[str, Any],
    fields: dict[str, Any] | None = None,
    village_id: str | None = None,
) -> HouseholdRow:
    """A new household with its head (户主) as first member, in one transaction."""
    number = number.strip()
    if not number:
        raise InvalidInput("户编号不能为空")
    village_id = village_id or ledger.current_village_id()
    with ledger.store.session() as session:
        if village_id is None or session.get(Village, village_id) is None:
            # a township holds many villages: a household of none would count nowhere and sync nowhere
            raise InvalidInput(_village_needed(session))
        clash = session.execute(
            select(Household.id).where(Household.number == number, Household.village_id == village_id)
        ).first()
        if clash:
            raise InvalidInput(f"户编号 {number} 已存在")
        from desktop.services.households.members import check_member_fields
        from desktop.store.writer import ChangeWriter

        writer = ChangeWriter(session)
        household_id = writer.create(
            Household, {**(fields or {}), "number": number, "village_id": village_id}
        )
        head_fields = check_member_fields(session, {**head, "relation": HEAD_RELATION}, village_id=village_id)
        writer.create(Member, {**head_fields, "household_id": household_id})
        return _one(session, household_id)


def _village_needed(session: Session) -> str:
    from desktop.services.village.info import village_choices

    villages = list(session.execute(select(Village)).scalars())
    if not villages:
        return "新增农户需要先有村：本机还没有任何村的记录（先导入村里的同步包），未做任何改动"
    return f"请指定农户所属的村（村代码或村名）：{village_choices(villages)}。未做任何改动"


def edit_household(ledger: Ledger, ref: str, changes: dict[str, Any]) -> dict[str, Any]:
    """Change fields; returns the fields that really changed (nothing is written when none did)."""
    village_id = ledger.current_village_id()
    with ledger.store.session() as session:
        household = resolve_household(session, ref, village_id)
        if "number" in changes and not (changes["number"] or "").strip():
            raise InvalidInput("户编号不能为空")
        if "number" in changes and changes["number"] != household.number:
            clash = session.execute(
                select(Household.id).where(
                    Household.number == changes["number"], Household.village_id == household.village_id
                )
            ).first()
            if clash:
                raise InvalidInput(f"户编号 {changes['number']} 已存在")
        from desktop.store.writer import ChangeWriter

        return ChangeWriter(session).update(Household, household.id, changes)


def archive_household(ledger: Ledger, ref: str, reason: str, *, reversal: Reversal | None = None) -> None:
    if not reason.strip():
        raise InvalidInput("注销农户需要写明原因")
    from desktop.services.reversal import writer_for

    with ledger.store.session() as session:
        household = resolve_household(session, ref, ledger.current_village_id())
        writer_for(session, reversal).update(
            Household, household.id, {"archived": True, "archive_reason": reason.strip()}
        )


def _one(session: Session, household_id: str) -> HouseholdRow:
    (row,) = _rows(session, search=None, village_id=None, include_archived=True, household_id=household_id)
    return row
