"""The print jobs of 台账打印: 一户一档 (one, each in a folder, or combined), the roster, 明白卡 and 公示.

Each job reads the store in one read-only session, turns the records into the plain values of
``desktop.reports.data`` and writes the PDF under a temporary name that is renamed only when it is
complete. Long jobs take ``progress(done, total) -> bool``: the GUI runs them on a worker thread and
returns False to cancel, in which case no partial file is left behind.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy.orm import Session

from desktop.domain.errors import InvalidInput
from desktop.reports.cancelled import Cancelled
from desktop.reports.data import HouseholdFile
from desktop.services.context import Ledger, judged_as_of
from desktop.services.households.lookup import resolve_household
from desktop.services.printing.card_data import card_of
from desktop.services.printing.household_data import household_files
from desktop.services.printing.notice_data import NOTICE_PURPOSES, notice_of
from desktop.services.printing.photos import PrintPhotos
from desktop.services.printing.queries import chosen_village_ids, printable_households
from desktop.services.printing.roster_data import gather_roster
from desktop.store.atomic_file import atomic_writer
from desktop.store.models import Household

Progress = Callable[[int, int], bool]


@dataclass(frozen=True)
class PrintResult:
    paths: tuple[Path, ...]
    pages: int
    households: int
    missing_glyphs: tuple[str, ...] = ()  # characters the font lacks: printed as empty boxes
    missing_photos: int = 0  # photo records whose image is not on this device (yet)
    cancelled: bool = False
    folder: Path | None = None  # one file per household: the folder they went into
    # a file of an earlier run that was in the way, and the name the new one got instead
    not_overwritten: tuple[tuple[Path, Path], ...] = ()


# --- the five print jobs ------------------------------------------------------------------------------


def print_household_file(
    ledger: Ledger,
    household: str,
    out: Path,
    *,
    resources: Path | None = None,
    as_of: dt.date | None = None,
) -> PrintResult:
    """一户一档 of one household (户编号 or UUID) into ``out``, judged on ``as_of`` (default today)."""
    from desktop.reports.household_file import write_household_files

    ledger = judged_as_of(ledger, as_of)
    _font(resources)
    with ledger.store.read_session() as session:
        target = resolve_household(session, household, ledger.current_village_id())
        photos = PrintPhotos(ledger)
        (file,) = household_files(session, ledger, [target], photos)
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
    as_of: dt.date | None = None,
) -> PrintResult:
    """一户一档 of the households given (户编号 or UUID), else of every household of the village: one file
    each in the folder ``out`` (named 户编号-户主.pdf), or with ``combined`` one file ``out`` with a
    bookmark per household."""
    from desktop.reports.household_file import write_household_files

    ledger = judged_as_of(ledger, as_of)
    _font(resources)
    if not combined and out.exists() and not out.is_dir():
        raise InvalidInput(f"{out} 不是文件夹：分户打印需要一个文件夹（合成一个文件请加 --combined）")
    photos = PrintPhotos(ledger)
    # one read session for the whole job: every file shows the ledger as of the same moment
    with ledger.store.read_session() as session:
        if households:
            chosen = [resolve_household(session, ref, ledger.current_village_id()) for ref in households]
        else:
            chosen = printable_households(session, chosen_village_ids(ledger, session, village_code))
        if not chosen:
            raise InvalidInput("没有可打印的农户")
        if not combined:
            return _one_file_each(session, ledger, chosen, photos, out, progress)
        files = list(household_files(session, ledger, chosen, photos))
    try:
        pages = _write(out, lambda handle: write_household_files(handle, files, progress=progress))
    except Cancelled:
        return PrintResult((), 0, 0, cancelled=True)
    return PrintResult((out,), pages, len(files), _missing_glyphs(files), photos.missing)


def _one_file_each(
    session: Session,
    ledger: Ledger,
    chosen: list[Household],
    photos: PrintPhotos,
    folder: Path,
    progress: Progress | None,
) -> PrintResult:

    written: list[Path] = []
    pages = 0
    glyphs: set[str] = set()
    # several villages: a folder each (亚弄村/004-卓嘎.pdf), or two villages' 004 卓嘎 are one file
    by_village = len({h.village_id for h in chosen}) > 1
    kept: list[tuple[Path, Path]] = []
    for file in household_files(session, ledger, chosen, photos):
        if progress is not None and not progress(len(written), len(chosen)):
            break
        place = folder / _safe(file.village or "未归村") if by_village else folder
        wanted = place / _file_name(file.number, file.head)
        path = _free_name(wanted, written)
        if wanted.exists() and wanted not in written:
            kept.append((wanted, path))  # an earlier run's file: never overwritten
        try:
            place.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InvalidInput(f"无法建立文件夹 {place}：{exc.strerror or exc}") from exc
        pages += _write(path, partial(_household_file, file))
        written.append(path)
        glyphs.update(_missing_glyphs(file))
    else:
        if progress is not None:
            progress(len(written), len(chosen))
    cancelled = len(written) < len(chosen)
    return PrintResult(
        tuple(written),
        pages,
        len(written),
        tuple(sorted(glyphs)),
        photos.missing,
        cancelled,
        folder=folder,
        not_overwritten=tuple(kept),
    )


def _free_name(wanted: Path, written: list[Path]) -> Path:
    """``wanted``, or ``004-卓嘎 (2).pdf``, ``(3)`` … when this job or an earlier one already has it."""
    path, n = wanted, 1
    taken = set(written)
    while path in taken or path.exists():
        n += 1
        path = wanted.with_name(f"{wanted.stem} ({n}){wanted.suffix}")
    return path


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
    as_of: dt.date | None = None,
) -> PrintResult:
    """The roster 台账 of the current village (or ``village_code``, or with ``all_villages`` every
    village of the ledger): one row per person, in the national export's column order. The income
    year defaults to the latest one up to ``as_of``'s year."""
    from desktop.reports.roster import write_roster

    ledger = judged_as_of(ledger, as_of)
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


def print_cards(
    ledger: Ledger,
    out: Path,
    households: Sequence[str] = (),
    *,
    progress: Progress | None = None,
    resources: Path | None = None,
    as_of: dt.date | None = None,
) -> PrintResult:
    """明白卡, one page per household: the households given (户编号 or UUID), else every household."""
    from desktop.reports.card import write_cards

    ledger = judged_as_of(ledger, as_of)
    _font(resources)
    with ledger.store.read_session() as session:
        village_id = ledger.current_village_id()
        if households:
            chosen = [resolve_household(session, ref, village_id) for ref in households]
        else:
            chosen = printable_households(session, chosen_village_ids(ledger, session, None))
        if not chosen:
            raise InvalidInput("没有可打印的农户")
        cards = [
            card_of(file)
            for file in household_files(session, ledger, chosen, PrintPhotos(ledger, load=False))
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
        villages = chosen_village_ids(ledger, session, village_code)
        notice = notice_of(session, ledger, villages, purpose, notice_from or ledger.today(), days, since)
    pages = _write(out, lambda handle: write_notice(handle, notice))
    return PrintResult((out,), pages, len(notice.rows), _missing_glyphs(notice))


def print_township_summary(
    ledger: Ledger, out: Path, *, silent_days: int | None = None, resources: Path | None = None
) -> PrintResult:
    """各村汇总 of a township: a row per village with the figures of 各村, silent villages marked."""
    from desktop.reports.data import TownshipSummary
    from desktop.reports.township import write_township_summary
    from desktop.services.village.township_overview import (
        SUMMARY_HEADERS,
        SUMMARY_NOTE,
        TOWNSHIP_HEADERS,
        summary_rows,
        township_rows,
        township_totals,
        township_villages,
    )

    _font(resources)
    villages = township_villages(ledger, silent_days=silent_days)
    if not villages:
        raise InvalidInput("本机还没有任何村的记录，没有可打印的汇总")
    me = ledger.this_device()
    township = me.township_name or ""
    summary = TownshipSummary(
        title=f"{township}各村汇总",
        township=township,
        printed_on=ledger.today(),
        headers=SUMMARY_HEADERS,
        rows=tuple(tuple(str(cell) for cell in row) for row in summary_rows(villages)),
        silent=tuple(i for i, v in enumerate(villages) if v.silent),
        note=SUMMARY_NOTE.format(days=villages[0].silent_days),
    )
    totals = township_totals(villages)
    if len(totals) > 1:  # a county office: its townships added up under the villages
        summary = dataclasses.replace(
            summary,
            township_headers=TOWNSHIP_HEADERS,
            township_rows=tuple(tuple(str(cell) for cell in row) for row in township_rows(totals)),
        )
    pages = _write(out, lambda handle: write_township_summary(handle, summary))
    return PrintResult((out,), pages, sum(v.households for v in villages), _missing_glyphs(summary))


# --- writing -----------------------------------------------------------------------------------------


def _font(resources: Path | None) -> None:
    # reportlab is imported when something is printed, not when the window that offers it opens
    from desktop.reports.fonts import FONT_FILE, register_cjk_font

    if resources is None:
        from desktop.resources import resources_dir

        resources = resources_dir()
    register_cjk_font(resources / FONT_FILE)


def _household_file(file: HouseholdFile, handle: BinaryIO) -> int:
    from desktop.reports.household_file import write_household_files

    return write_household_files(handle, [file])


def _write(out: Path, render: Callable[[BinaryIO], int]) -> int:
    if out.is_dir():
        raise InvalidInput(f"{out} 是文件夹，请给出 PDF 文件名，如 {out / '台账.pdf'}")
    try:
        with atomic_writer(out) as handle:
            return render(handle)
    except OSError as exc:
        raise InvalidInput(f"无法写入 {out}：{exc.strerror or exc}") from exc


def _missing_glyphs(value: Any) -> tuple[str, ...]:
    from desktop.reports.fonts import strings_in, uncovered

    return tuple(uncovered(strings_in(value)))


def _file_name(number: str, head: str) -> str:
    return _safe(f"{number}-{head}" if head else number) + ".pdf"


def _safe(name: str) -> str:
    """A name every file system takes: no path separators, wildcards or control characters."""
    return "".join("_" if c in '\\/:*?"<>|' or ord(c) < 32 else c for c in name)
