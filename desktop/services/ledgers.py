"""Printing the ledgers (台账打印): 一户一档, the roster, 明白卡 and 公示, as PDF files.

Each function reads the store in one read-only session (in bulk, 500 households a query, so a township
roster is a handful of queries), turns the records into the plain values of ``desktop.reports.data``,
and writes the PDF under a temporary name that is renamed only when it is complete. Long jobs take
``progress(done, total) -> bool``: the GUI runs them on a worker thread and returns False to cancel, in
which case no partial file is left behind.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.checklist import Verdict
from desktop.domain.enums import Dimension
from desktop.domain.errors import InvalidInput
from desktop.domain.idnumber import age_on
from desktop.domain.income import net_income, per_person
from desktop.reports import data as r
from desktop.reports.fonts import FONT_FILE, register_cjk_font, strings_in, uncovered
from desktop.reports.pages import Cancelled
from desktop.reports.text import day, money, span, tail, unit, yes_no
from desktop.services.facts import income_figures
from desktop.services.ledger import Ledger
from desktop.services.lookup import resolve_household
from desktop.services.verdicts import checklists
from desktop.store.atomic_file import atomic_writer
from desktop.store.models import (
    DIMENSION_COLUMNS,
    FollowUp,
    Household,
    Income,
    Measure,
    Member,
    Monitoring,
    Pairing,
    Photo,
    Village,
    Visit,
)

Progress = Callable[[int, int], bool]
NOTICE_PURPOSES = ("监测对象识别", "风险消除")
# risk types that would tell the village about a person's health: never on a public notice
HEALTH_RISKS = ("因病", "因残")
PHOTO_EDGE = 1200  # px: 300 dpi across the 10 cm a photo gets on the page
CHUNK = 500


@dataclass(frozen=True)
class PrintResult:
    paths: tuple[Path, ...]
    pages: int
    households: int
    missing_glyphs: tuple[str, ...] = ()  # characters the font lacks: printed as empty boxes
    missing_photos: int = 0  # photo records whose image is not on this device (yet)
    cancelled: bool = False


# --- the five print jobs -------------------------------------------------------------------------------


def print_household_file(
    ledger: Ledger, household: str, out: Path, *, resources: Path | None = None
) -> PrintResult:
    """一户一档 of one household (户编号 or UUID) into ``out``."""
    from desktop.reports.household_file import write_household_files

    _font(resources)
    with ledger.store.read_session() as session:
        target = resolve_household(session, household, ledger.current_village_id())
        photos = _Photos(ledger)
        (file,) = _household_files(session, ledger, [target], photos)
    pages = _write(out, lambda handle: write_household_files(handle, [file]))
    return PrintResult((out,), pages, 1, _missing_glyphs(file), photos.missing)


def print_household_files(
    ledger: Ledger,
    out: Path,
    *,
    households: Sequence[str] = (),
    combined: bool = False,
    village_code: str | None = None,
    progress: Progress | None = None,
    resources: Path | None = None,
) -> PrintResult:
    """一户一档 of the households given (户编号 or UUID), else of every household of the village: one file
    each in the folder ``out`` (named 户编号-户主.pdf), or with ``combined`` one file ``out`` with a
    bookmark per household."""
    from desktop.reports.household_file import write_household_files

    _font(resources)
    if not combined and out.exists() and not out.is_dir():
        raise InvalidInput(f"{out} 不是文件夹：分户打印需要一个文件夹（合成一个文件请加 --combined）")
    photos = _Photos(ledger)
    # one read session for the whole job: every file shows the ledger as of the same moment
    with ledger.store.read_session() as session:
        if households:
            chosen = [resolve_household(session, ref, ledger.current_village_id()) for ref in households]
        else:
            chosen = _households(session, _village_ids(ledger, session, village_code))
        if not chosen:
            raise InvalidInput("没有可打印的农户")
        if not combined:
            return _one_file_each(session, ledger, chosen, photos, out, progress)
        files = list(_household_files(session, ledger, chosen, photos))
    try:
        pages = _write(out, lambda handle: write_household_files(handle, files, progress=progress))
    except Cancelled:
        return PrintResult((), 0, 0, cancelled=True)
    return PrintResult((out,), pages, len(files), _missing_glyphs(files), photos.missing)


def _one_file_each(
    session: Session,
    ledger: Ledger,
    chosen: list[Household],
    photos: _Photos,
    folder: Path,
    progress: Progress | None,
) -> PrintResult:
    from desktop.reports.household_file import write_household_files

    written: list[Path] = []
    pages = 0
    glyphs: set[str] = set()
    for file in _household_files(session, ledger, chosen, photos):
        if progress is not None and not progress(len(written), len(chosen)):
            break
        path = folder / _file_name(file.number, file.head)
        pages += _write(path, lambda handle, f=file: write_household_files(handle, [f]))
        written.append(path)
        glyphs.update(_missing_glyphs(file))
    else:
        if progress is not None:
            progress(len(written), len(chosen))
    cancelled = len(written) < len(chosen)
    return PrintResult(tuple(written), pages, len(written), tuple(sorted(glyphs)), photos.missing, cancelled)


def print_roster(
    ledger: Ledger,
    out: Path,
    *,
    village_code: str | None = None,
    all_villages: bool = False,
    registered_only: bool = False,
    year: int | None = None,
    progress: Progress | None = None,
    resources: Path | None = None,
) -> PrintResult:
    """The roster 台账 of the current village (or ``village_code``, or with ``all_villages`` every
    village of the ledger): one row per person, in the national export's column order."""
    from desktop.reports.roster import write_roster

    _font(resources)
    roster = gather_roster(
        ledger,
        village_code=village_code,
        all_villages=all_villages,
        registered_only=registered_only,
        year=year,
    )
    if not roster.households:
        raise InvalidInput("没有可打印的农户")
    try:
        pages = _write(out, lambda handle: write_roster(handle, roster, progress=progress))
    except Cancelled:
        return PrintResult((), 0, 0, cancelled=True)
    return PrintResult((out,), pages, len(roster.households), _missing_glyphs(roster))


def gather_roster(
    ledger: Ledger,
    *,
    village_code: str | None = None,
    all_villages: bool = False,
    registered_only: bool = False,
    year: int | None = None,
) -> r.Roster:
    """The roster's rows as plain values (for the print, a preview or another format)."""
    with ledger.store.read_session() as session:
        village_ids = None if all_villages else _village_ids(ledger, session, village_code)
        return _roster(session, ledger, village_ids, registered_only=registered_only, year=year)


def print_cards(
    ledger: Ledger,
    out: Path,
    households: Sequence[str] = (),
    *,
    progress: Progress | None = None,
    resources: Path | None = None,
) -> PrintResult:
    """明白卡, one page per household: the households given (户编号 or UUID), else every household."""
    from desktop.reports.card import write_cards

    _font(resources)
    with ledger.store.read_session() as session:
        village_id = ledger.current_village_id()
        if households:
            chosen = [resolve_household(session, ref, village_id) for ref in households]
        else:
            chosen = _households(session, _village_ids(ledger, session, None))
        if not chosen:
            raise InvalidInput("没有可打印的农户")
        cards = [
            _card(file) for file in _household_files(session, ledger, chosen, _Photos(ledger, load=False))
        ]
    try:
        pages = _write(out, lambda handle: write_cards(handle, cards, progress=progress))
    except Cancelled:
        return PrintResult((), 0, 0, cancelled=True)
    return PrintResult((out,), pages, len(cards), _missing_glyphs(cards))


def print_notice(
    ledger: Ledger,
    out: Path,
    *,
    purpose: str,
    notice_from: dt.date | None = None,
    days: int = 7,
    since: dt.date | None = None,
    village_code: str | None = None,
    resources: Path | None = None,
) -> PrintResult:
    """A public notice (公示) for ``purpose`` (one of NOTICE_PURPOSES); it never shows ID numbers,
    phones, bank accounts or health status."""
    from desktop.reports.notice import write_notice

    if purpose not in NOTICE_PURPOSES:
        raise InvalidInput(f"公示类型不能是“{purpose}”，可选：{'、'.join(NOTICE_PURPOSES)}")
    if not 1 <= days <= 60:
        raise InvalidInput(f"公示天数应在 1–60 天之间，实为 {days}")
    _font(resources)
    with ledger.store.read_session() as session:
        village_ids = _village_ids(ledger, session, village_code)
        notice = _notice(session, ledger, village_ids, purpose, notice_from or ledger.today(), days, since)
    pages = _write(out, lambda handle: write_notice(handle, notice))
    return PrintResult((out,), pages, len(notice.rows), _missing_glyphs(notice))


# --- writing -----------------------------------------------------------------------------------------


def _font(resources: Path | None) -> None:
    if resources is None:
        from desktop.app import resources_dir

        resources = resources_dir()
    register_cjk_font(resources / FONT_FILE)


def _write(out: Path, render: Callable[[BinaryIO], int]) -> int:
    if out.is_dir():
        raise InvalidInput(f"{out} 是文件夹，请给出 PDF 文件名，如 {out / '台账.pdf'}")
    try:
        with atomic_writer(out) as handle:
            return render(handle)
    except OSError as exc:
        raise InvalidInput(f"无法写入 {out}：{exc.strerror or exc}") from exc


def _missing_glyphs(value: Any) -> tuple[str, ...]:
    return tuple(uncovered(strings_in(value)))


def _file_name(number: str, head: str) -> str:
    name = f"{number}-{head}" if head else number
    return "".join("_" if c in '\\/:*?"<>|' or ord(c) < 32 else c for c in name) + ".pdf"


# --- reading -----------------------------------------------------------------------------------------


def _village_ids(ledger: Ledger, session: Session, code: str | None) -> list[str] | None:
    """The village asked for, else this device's village; None (all villages) on a township device."""
    if code:
        found = session.execute(select(Village.id).where(Village.code == code.strip())).scalar()
        if found is None:
            from desktop.domain.errors import NotFound

            raise NotFound(f"没有村代码为 {code} 的村")
        return [found]
    current = ledger.current_village_id()
    return None if current is None else [current]


def _live(model: Any) -> Any:
    return func.coalesce(model.archived, False).is_(False)


def _households(session: Session, village_ids: list[str] | None) -> list[Household]:
    query = select(Household).where(Household.number.is_not(None), _live(Household))
    if village_ids is not None:
        query = query.where(Household.village_id.in_(village_ids))
    codes = dict(session.execute(select(Village.id, Village.code)).all())
    return sorted(
        session.execute(query).scalars(), key=lambda h: (codes.get(h.village_id) or "", h.number or "", h.id)
    )


def _by_household(session: Session, model: Any, ids: list[str], *order: Any) -> dict[str, list[Any]]:
    rows: dict[str, list[Any]] = defaultdict(list)
    query = select(model).where(model.household_id.in_(ids), _live(model)).order_by(*order, model.id)
    for row in session.execute(query).scalars():
        rows[row.household_id].append(row)
    return rows


def _sorted_members(members: list[Member]) -> list[Member]:
    # the order of lookup.members_of: the head first, then by 人编号 and birth
    return sorted(
        members,
        key=lambda m: (
            m.relation != "户主",
            m.number or "",
            m.birth_date.isoformat() if m.birth_date else "",
            m.id,
        ),
    )


class _Photos:
    """Photo images from the blob store, made small enough for print (and read once each)."""

    def __init__(self, ledger: Ledger, *, load: bool = True) -> None:
        from desktop.media.blob_store import BlobStore

        self.blobs = BlobStore.of_home(ledger.store.location.home)
        self.load = load
        self.missing = 0
        self._cache: dict[str, bytes | None] = {}

    def photo(self, record: Photo) -> r.Photo:
        sha = record.sha256 or ""
        if sha not in self._cache:
            self._cache[sha] = self._read(sha) if self.load else None
        image = self._cache[sha]
        if image is None and self.load:
            self.missing += 1
        taken = f"{record.taken_at:%Y-%m-%d %H:%M}" if record.taken_at else ""
        return r.Photo(caption=record.caption or "", taken=taken, image=image, sha256=sha)

    def _read(self, sha: str) -> bytes | None:
        from PIL import Image, UnidentifiedImageError

        try:
            raw = self.blobs.read(sha)
        except (OSError, ValueError):  # not synced to this device yet, or no hash
            return None
        try:
            with Image.open(io.BytesIO(raw)) as image:
                image.draft("RGB", (PHOTO_EDGE, PHOTO_EDGE))  # decode a large JPEG at a fraction of its size
                small = image.convert("RGB")
                small.thumbnail((PHOTO_EDGE, PHOTO_EDGE))
                buffer = io.BytesIO()
                small.save(buffer, "JPEG", quality=82, optimize=True)
                return buffer.getvalue()
        except (OSError, UnidentifiedImageError, Image.DecompressionBombError):
            return None


def _household_files(
    session: Session, ledger: Ledger, households: list[Household], photos: _Photos
) -> Iterator[r.HouseholdFile]:
    """The 一户一档 contents of ``households``, read 500 at a time."""
    villages = {v.id: v for v in session.execute(select(Village)).scalars()}
    device = ledger.device()
    today = ledger.today()
    for start in range(0, len(households), CHUNK):
        chunk = households[start : start + CHUNK]
        ids = [h.id for h in chunk]
        members = _by_household(session, Member, ids)
        incomes = _by_household(session, Income, ids, Income.year)
        pairings = _by_household(session, Pairing, ids, Pairing.start_on)
        measures = _by_household(session, Measure, ids, Measure.start_on)
        visits = _by_household(session, Visit, ids, Visit.visited_on)
        follow_ups = _by_household(session, FollowUp, ids, FollowUp.due_on)
        monitoring = _by_household(session, Monitoring, ids, Monitoring.clue_on)
        pictures = _by_household(session, Photo, ids, Photo.taken_at)
        verdicts = {c.household_id: c.verdicts for c in checklists(session, ledger, chunk)}
        for h in chunk:
            village = villages.get(h.village_id or "")
            yield _household_file(
                h,
                village,
                _sorted_members(members[h.id]),
                incomes[h.id],
                verdicts[h.id],
                _Rest(pairings[h.id], measures[h.id], visits[h.id], follow_ups[h.id], monitoring[h.id]),
                pictures[h.id],
                photos,
                ledger,
                today,
                device.user_name,
            )


@dataclass(frozen=True)
class _Rest:
    pairings: list[Pairing]
    measures: list[Measure]
    visits: list[Visit]
    follow_ups: list[FollowUp]
    monitoring: list[Monitoring]


def _household_file(
    h: Household,
    village: Village | None,
    members: list[Member],
    incomes: list[Income],
    verdicts: dict[Dimension, Verdict],
    rest: _Rest,
    pictures: list[Photo],
    photos: _Photos,
    ledger: Ledger,
    today: dt.date,
    user: str,
) -> r.HouseholdFile:
    head = next((m.name for m in members if m.relation == "户主" and m.name), "")
    place = _place(village)
    by_dimension: dict[str, list[r.Photo]] = defaultdict(list)
    by_visit: dict[str, list[r.Photo]] = defaultdict(list)
    by_monitoring: dict[str, list[r.Photo]] = defaultdict(list)
    others: list[r.Photo] = []
    for picture in pictures:
        if not picture.sha256:
            continue
        photo = photos.photo(picture)
        dimension = _dimension(picture.dimension)
        if dimension:
            by_dimension[dimension].append(photo)
        elif picture.monitoring_id:
            by_monitoring[picture.monitoring_id].append(photo)
        elif picture.visit_id:
            by_visit[picture.visit_id].append(photo)
        else:
            others.append(photo)
    province = village.province if village else None
    return r.HouseholdFile(
        number=h.number or "",
        head=head,
        place=place,
        village=(village.name if village else None) or "",
        address=h.address or f"{place}{h.group_name or ''}",
        size=len(members),
        category=_category(h),
        printed_on=today,
        prepared_by=user,
        facts=_facts(h),
        members=tuple(_member(m, today) for m in members),
        incomes=tuple(_income(i, len(members), ledger, province) for i in incomes if i.year is not None),
        verdicts=tuple(
            r.VerdictLine(d.value, v.status, v.reasons, tuple(by_dimension.get(d.value, ())))
            for d, v in verdicts.items()
        ),
        helpers=tuple(_helper(p, today) for p in rest.pairings),
        measures=tuple(_measure(m) for m in rest.measures),
        visits=tuple(_visit(v, tuple(by_visit.get(v.id, ()))) for v in rest.visits),
        follow_ups=tuple(_follow_up(f) for f in rest.follow_ups if not f.done),
        monitoring=tuple(_monitoring(m, tuple(by_monitoring.get(m.id, ()))) for m in rest.monitoring),
        other_photos=tuple(others),
    )


def _dimension(value: str | None) -> str | None:
    """A photo's dimension as 住房安全, whether it was stored by name or by column prefix (housing)."""
    if not value:
        return None
    if value in DIMENSION_COLUMNS:
        return value
    return next((name for name, prefix in DIMENSION_COLUMNS.items() if prefix == value), None)


def _income(income: Income, size: int, ledger: Ledger, province: str | None) -> r.IncomeLine:
    net = net_income(income_figures(income))
    year = income.year or 0
    poverty, monitoring, notes = None, None, []
    try:
        figure = ledger.policy.monitoring_threshold(year, province)
        monitoring = figure.amount
        notes.append(figure.note)
    except InvalidInput:  # before 2021: no monitoring yet, the poverty line is the bar
        pass
    if monitoring is None:
        try:
            figure = ledger.policy.poverty_line(year, province)
            poverty = figure.amount
            notes.append(figure.note)
        except InvalidInput:
            pass
    return r.IncomeLine(
        year=year,
        wage=money(income.wage),
        business=money(income.business),
        property=money(income.property),
        transfer=money(income.transfer),
        costs=money(income.business_costs),
        net=net,
        per_person=per_person(net, size),
        poverty_line=poverty,
        monitoring_line=monitoring,
        note="；".join(n for n in notes if n),
    )


# --- records to printed values -------------------------------------------------------------------------


def _place(village: Village | None) -> str:
    if village is None:
        return ""
    parts = (village.province, village.city, village.county, village.township, village.name)
    return "".join(p for p in parts if p)


def _category(h: Household) -> str:
    return " · ".join(x for x in (h.category, h.poverty_status) if x)


_FACT_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("基本信息", ("number", "group_name", "natural_village", "phone", "bank_account", "standard",
                  "identified_year", "category", "poverty_status", "exit_year", "main_cause", "other_causes",
                  "military_family", "coop_member")),
    ("住房", ("house_area", "house_structure", "house_built_year", "house_grade", "house_appraiser",
              "house_appraised_on", "renovation_year", "renovation_subsidy", "relocation_mode",
              "relocation_site", "relocation_date")),
    ("饮水", ("water_source", "water_lpd", "water_quality_ok", "water_fetch_minutes", "water_days_without",
              "water_short_area", "water_safe", "water_difficult")),
    ("生产生活条件", ("has_power", "production_power", "tv", "road_distance_km", "fuel", "toilet")),
    ("土地（亩）", ("farmland_mu", "irrigated_mu", "forest_mu", "grain_to_forest_mu", "pasture_mu")),
)  # fmt: skip
_UNITS = {
    "house_area": "平方米", "renovation_subsidy": "元", "water_lpd": "升/人·天", "water_fetch_minutes": "分钟",
    "water_days_without": "天", "road_distance_km": "公里",
}  # fmt: skip


def _facts(h: Household) -> tuple[r.FactGroup, ...]:
    from desktop.domain.fields import label

    groups = []
    for title, names in _FACT_GROUPS:
        items = [(label("household", name), _fact(h, name)) for name in names]
        groups.append(r.FactGroup(title, tuple(items)))
    steps = sorted((h.exit_steps or {}).items(), key=lambda item: (item[1] or "", item[0]))
    if steps:
        groups.append(r.FactGroup("退出程序", tuple((step, when or "") for step, when in steps)))
    if h.note:
        groups.append(r.FactGroup("备注", (("备注", h.note),)))
    return tuple(groups)


def _fact(h: Household, name: str) -> str:
    value = getattr(h, name)
    if name == "bank_account":
        return tail(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, dt.date):
        return day(value)
    if isinstance(value, list):
        return "、".join(value)
    if name in _UNITS:
        return unit(value, _UNITS[name])
    return money(value) if isinstance(value, Decimal) else str(value)


def _member(m: Member, today: dt.date) -> r.MemberLine:
    schooling = m.schooling or ""
    if m.school_name:
        schooling = f"{schooling}（{m.school_name}）"
    work = m.work_status or ""
    if m.work_months:
        work = f"{work} {m.work_months} 个月"
    health = "，".join(x for x in (m.health, m.disability) if x)
    insurance = " / ".join(yes_no(x) or "—" for x in (m.medical_insurance, m.serious_illness_insurance,
                                                      m.pension_insurance))  # fmt: skip
    support = "、".join(
        name for name, flag in (("低保", m.dibao), ("特困", m.tekun), ("现役军人", m.soldier)) if flag
    )
    return r.MemberLine(
        name=m.name or "",
        sex=m.sex or "",
        relation=m.relation or "",
        id_number=m.id_number or "",
        birth=day(m.birth_date),
        age=str(age_on(m.birth_date, today)) if m.birth_date else "",
        ethnicity=m.ethnicity or "",
        political=m.political_status or "",
        education=m.education or "",
        schooling=schooling,
        health=health,
        labour=m.labour or "",
        work=work,
        insurance=insurance,
        family_doctor=yes_no(m.family_doctor),
        support=support or "否",
        note="；".join(x for x in (m.note, "有慢病卡" if m.chronic_card else None) if x),
    )


def _helper(p: Pairing, today: dt.date) -> r.HelperLine:
    current = p.end_on is None or p.end_on >= today
    return r.HelperLine(
        name=p.helper_name or "",
        unit=p.work_unit or "",
        level=p.unit_level or "",
        post=p.post or "",
        phone=p.phone or "",
        period=span(p.start_on, p.end_on, open_end="至今"),
        current=current,
    )


def _measure(m: Measure) -> r.MeasureLine:
    return r.MeasureLine(
        group=m.group_name or "",
        project=m.project or "",
        scale=m.scale or "",
        unit=m.unit or "",
        funds=money(m.funds),
        period=span(m.start_on, m.deadline),
        expected_gain=money(m.expected_gain),
        result=m.result or "",
        signed="" if m.result_signed is None else ("已签" if m.result_signed else "未签"),
    )


def _visit(v: Visit, photos: tuple[r.Photo, ...]) -> r.VisitLine:
    parts = [
        v.content or "",
        f"宣讲政策：{v.policies}" if v.policies else "",
        f"反映问题：{v.problems}" if v.problems else "",
        f"地点：{v.place}" if v.place else "",
    ]
    return r.VisitLine(
        day=day(v.visited_on),
        kind=v.kind or "",
        visitors="、".join(v.visitors or []),
        people_met=v.people_met or "",
        content="\n".join(p for p in parts if p),
        signed=yes_no(v.signed),
        photos=photos,
    )


def _follow_up(f: FollowUp) -> str:
    due = f"{day(f.due_on)} 前：" if f.due_on else ""
    owner = f"（负责：{f.owner}）" if f.owner else ""
    return f"{due}{f.action or ''}{owner}"


def _monitoring(m: Monitoring, photos: tuple[r.Photo, ...]) -> r.MonitoringLine:
    source = " ".join(x for x in (m.clue_source, day(m.clue_on)) if x)
    steps = (
        ("发现线索", source),
        ("入户核实", day(m.home_check_on)),
        ("信息比对", day(m.cross_check_on)),
        ("民主评议", day(m.review_on)),
        ("村内公示", span(m.notice_from, m.notice_to)),
        ("乡镇审核", day(m.township_review_on)),
        ("县级审定", day(m.identified_on)),
        ("风险消除", day(m.eliminated_on)),
    )
    if m.eliminated_on:
        outcome = "风险已消除" + (f"：{m.elimination_note}" if m.elimination_note else "")
    else:
        outcome = "监测帮扶中"
    safety = "是（无劳动能力，纳入兜底保障）" if m.safety_net else yes_no(m.safety_net)
    return r.MonitoringLine(
        category=m.category or "",
        risks="、".join(m.risk_types or []),
        steps=steps,
        measures=m.measures or "",
        safety_net=safety,
        outcome=outcome,
        photos=photos,
    )


# --- roster ----------------------------------------------------------------------------------------


def _roster(
    session: Session,
    ledger: Ledger,
    village_ids: list[str] | None,
    *,
    registered_only: bool,
    year: int | None,
) -> r.Roster:
    villages = {v.id: v for v in session.execute(select(Village)).scalars()}
    households = _households(session, village_ids)
    if registered_only:
        monitored = set(session.execute(select(Monitoring.household_id).where(_live(Monitoring))).scalars())
        households = [h for h in households if h.category not in (None, "非贫困户") or h.id in monitored]
    people: dict[str, list[Member]] = defaultdict(list)
    incomes: dict[str, Income] = {}
    ids = [h.id for h in households]
    if year is None:
        latest = session.execute(
            select(func.max(Income.year)).where(Income.year <= ledger.today().year)
        ).scalar()
        year = latest
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        for m in session.execute(
            select(Member).where(Member.household_id.in_(chunk), _live(Member))
        ).scalars():
            people[m.household_id or ""].append(m)
        if year is not None:
            query = select(Income).where(Income.household_id.in_(chunk), Income.year == year, _live(Income))
            incomes.update((i.household_id or "", i) for i in session.execute(query).scalars())
    rows = []
    for h in households:
        village = villages.get(h.village_id or "")
        members = _sorted_members(people[h.id])
        income = incomes.get(h.id)
        per_head = per_person(net_income(income_figures(income)), len(members)) if income else None
        rows.append(
            r.RosterHousehold(
                county=(village.county if village else None) or "",
                township=(village.township if village else None) or "",
                village=(village.name if village else None) or "",
                natural_village=h.natural_village or "",
                number=h.number or "",
                size=str(len(members)),
                poverty_status=h.poverty_status or "",
                category=h.category or "",
                main_cause=h.main_cause or "",
                dangerous_house="" if h.house_grade is None else yes_no(h.house_grade in ("C", "D")),
                water_safe=yes_no(h.water_safe),
                water_difficult=yes_no(h.water_difficult),
                per_person_income="" if per_head is None else f"{per_head:.2f}",
                phone=h.phone or "",
                persons=tuple(_roster_person(m) for m in members),
            )
        )
    chosen = [villages[v] for v in village_ids or [] if v in villages]
    if len(chosen) == 1:
        place, title = _spaced(chosen[0]), f"{chosen[0].name or ''}农户人口台账"
    else:
        shown = {v.township for v in villages.values() if v.township} if not chosen else set()
        count = len(chosen) or len({h.village for h in rows})
        township = "、".join(sorted(shown)) or "全部"
        place, title = f"{township}（{count} 个村）", f"{township}农户人口台账"
    if registered_only:
        title = title.replace("农户人口台账", "建档立卡人口台账")
    return r.Roster(title, place, ledger.today(), year, tuple(rows))


def _spaced(village: Village) -> str:
    parts = (village.province, village.city, village.county, village.township, village.name)
    return " ".join(p for p in parts if p)


def _roster_person(m: Member) -> r.RosterPerson:
    return r.RosterPerson(
        number=m.number or "",
        name=m.name or "",
        id_number=m.id_number or "",
        relation=m.relation or "",
        ethnicity=m.ethnicity or "",
        education=m.education or "",
        schooling=m.schooling or "",
        health=m.health or "",
        labour=m.labour or "",
        work_status=m.work_status or "",
        work_months="" if m.work_months is None else str(m.work_months),
        serious_illness=yes_no(m.serious_illness_insurance),
    )


# --- 明白卡 -----------------------------------------------------------------------------------------


def _card(file: r.HouseholdFile) -> r.Card:
    facts = {label: value for group in file.facts for label, value in group.items}
    situation: list[r.Pair] = [
        (v.dimension, f"{v.status.label}：{'；'.join(v.reasons)}") for v in file.verdicts
    ]
    house = "，".join(x for x in (facts.get("住房面积"), facts.get("住房结构"),
                                 facts.get("住房鉴定等级") and f"鉴定 {facts['住房鉴定等级']} 级") if x)  # fmt: skip
    relocation = "，".join(
        x for x in (facts.get("搬迁安置方式"), facts.get("安置点"), facts.get("搬迁入住日期")) if x
    )
    land = "，".join(
        f"{name} {facts[key].removesuffix(' 亩')} 亩"
        for name, key in (("耕地", "耕地面积"), ("林地", "林地面积"), ("牧草地", "牧草地面积"))
        if facts.get(key)
    )
    situation += [
        ("住房", house or "未登记"),
        ("易地搬迁", relocation or "未搬迁"),
        ("土地", land or "未登记"),
    ]
    if file.incomes:
        latest = file.incomes[-1]
        if latest.per_person is not None:
            situation.append(("人均纯收入", f"{latest.year} 年 {money(latest.per_person)} 元"))
    current = [h for h in file.helpers if h.current] or list(file.helpers[-1:])
    helper = "；".join(f"{h.name}（{h.unit} {h.post}）电话 {h.phone}".replace("  ", " ") for h in current)
    gains = [Decimal(m.expected_gain) for m in file.measures if m.expected_gain]
    return r.Card(
        title=f"{file.village}帮扶明白卡",
        village=file.village,
        number=file.number,
        head=file.head,
        address=file.address,
        size=f"{file.size} 人",
        category=file.category,
        phone=facts.get("联系电话", ""),
        situation=tuple(situation),
        measures=file.measures,
        expected_total=money(sum(gains, Decimal(0))),
        helper=helper or "未确定",
        filled_by=file.prepared_by,
        printed_on=file.printed_on,
    )


# --- 公示 -------------------------------------------------------------------------------------------


def _notice(
    session: Session,
    ledger: Ledger,
    village_ids: list[str] | None,
    purpose: str,
    start: dt.date,
    days: int,
    since: dt.date | None,
) -> r.Notice:
    households = {h.id: h for h in _households(session, village_ids)}
    records = [
        m
        for m in session.execute(
            select(Monitoring).where(_live(Monitoring)).order_by(Monitoring.id)
        ).scalars()
        if m.household_id in households
    ]
    identifying = purpose == "监测对象识别"
    if identifying:
        chosen = [
            m
            for m in records
            if m.eliminated_on is None and (since is None or (m.review_on or start) >= since)
        ]
    else:
        chosen = [
            m for m in records if m.eliminated_on is not None and (since is None or m.eliminated_on >= since)
        ]
    counts = dict(
        session.execute(
            select(Member.household_id, func.count())
            .where(Member.household_id.in_([m.household_id for m in chosen]), _live(Member))
            .group_by(Member.household_id)
        ).all()
    )
    heads = dict(
        session.execute(
            select(Member.household_id, Member.name).where(
                Member.household_id.in_([m.household_id for m in chosen]),
                Member.relation == "户主",
                _live(Member),
            )
        ).all()
    )
    rows = []
    for m in sorted(chosen, key=lambda m: (households[m.household_id or ""].number or "", m.id)):
        h = households[m.household_id or ""]
        risks = [x for x in (m.risk_types or []) if x not in HEALTH_RISKS]
        rows.append(
            r.NoticeRow(
                group=h.group_name or "",
                head=heads.get(h.id) or "",
                size=f"{counts.get(h.id, 0)}",
                category=m.category or "",
                reasons="、".join(risks) or "—",
                day=day(m.review_on if identifying else m.eliminated_on),
            )
        )
    place = session.get(Village, village_ids[0]) if village_ids else None
    name = (place.name if place else None) or ""
    township = (place.township if place else None) or "乡（镇）"
    end = start + dt.timedelta(days=days - 1)
    if identifying:
        title = f"{name}防返贫监测对象识别公示"
        body = (
            f"根据防止返贫动态监测和帮扶工作要求，经农户申报、干部走访排查和部门信息预警，入户核实、信息比对和"
            f"村民代表民主评议，拟将以下 {len(rows)} 户纳入防返贫监测对象，现予以公示。"
        )
        columns = ("村民小组", "户主姓名", "家庭人口", "监测类别", "主要风险", "民主评议日期")
    else:
        title = f"{name}防返贫监测对象风险消除公示"
        body = (
            f"经入户核实，以下 {len(rows)} 户收入持续稳定超过监测范围，“两不愁三保障”及饮水安全有保障，"
            f"返贫致贫风险已经消除，经村民代表民主评议，拟标注为风险消除，现予以公示。"
        )
        columns = ("村民小组", "户主姓名", "家庭人口", "监测类别", "原主要风险", "风险消除日期")
    body += "涉及个人隐私的信息不予公示。"
    return r.Notice(
        title=title,
        body=body,
        columns=columns,
        rows=tuple(rows),
        period=f"公示期：{start.isoformat()} 至 {end.isoformat()}（共 {days} 天）",
        contact=f"公示期间如有异议，请以书面或口头形式向{name}村民委员会或{township}人民政府反映。",
        issuer=f"{name}村民委员会",
        issued_on=ledger.today(),
    )
