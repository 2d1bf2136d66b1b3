"""What the 台账打印 page asks for, as one value, and the ledgers service call that produces it.

Kept apart from the widgets so a request can be run on a worker thread (it holds no Qt object) and
read in a test.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from desktop.domain.errors import InvalidInput
from desktop.services.context import Ledger
from desktop.services.households.households import list_households
from desktop.services.printing.ledgers import (
    NOTICE_PURPOSES,
    PrintResult,
    Progress,
    print_cards,
    print_household_file,
    print_household_files,
    print_notice,
    print_roster,
    print_township_summary,
)
from desktop.services.village.profile import village_profile
from desktop.ui.shell.i18n import tr, tr_noop


class Document(StrEnum):
    HOUSEHOLD = tr_noop("一户一档（一户）")
    COMBINED = tr_noop("一户一档（全部农户，合成一个文件）")
    EACH = tr_noop("一户一档（全部农户，每户一个文件）")
    ROSTER = tr_noop("人口台账")
    CARD = tr_noop("明白卡")
    NOTICE = tr_noop("公示名单")
    VILLAGES = tr_noop("各村汇总（乡镇）")  # offered at a township only


@dataclass(frozen=True)
class PrintRequest:
    document: Document
    out: Path  # a PDF file; for EACH a folder
    household: str | None = None  # id: the one household (HOUSEHOLD), or only its card (CARD)
    village_id: str | None = None  # the village in view; None: every village (a township)
    registered_only: bool = False
    year: int | None = None  # the roster's income year; None: the latest
    purpose: str = NOTICE_PURPOSES[0]
    notice_from: dt.date | None = None
    days: int = 7
    since: dt.date | None = None


def run_request(ledger: Ledger, request: PrintRequest, progress: Progress) -> PrintResult:
    """Write the PDF(s) the request asks for (on a worker thread: no Qt here)."""
    document, out = request.document, request.out
    code = _village_code(ledger, request.village_id)
    everywhere = request.village_id is None
    if document in (Document.HOUSEHOLD, Document.CARD) and request.household:
        if document == Document.HOUSEHOLD:
            return print_household_file(ledger, request.household, out)
        return print_cards(ledger, out, [request.household], progress=progress)
    if document == Document.HOUSEHOLD:
        raise InvalidInput(tr("请先选择农户：输入姓名、拼音首字母或户编号，再从列表中选择"))
    if document in (Document.COMBINED, Document.EACH):
        if document == Document.EACH and not out.exists():
            try:
                out.mkdir(parents=True)
            except OSError as exc:
                raise InvalidInput(
                    tr("无法建立文件夹 {out}：{value}").format(out=out, value=exc.strerror or exc)
                ) from exc
        return print_household_files(
            ledger, out, combined=document == Document.COMBINED, village_code=code, progress=progress
        )
    if document == Document.VILLAGES:
        return print_township_summary(ledger, out)
    if document == Document.ROSTER:
        return print_roster(
            ledger, out, village_code=code, all_villages=everywhere,
            registered_only=request.registered_only, year=request.year, progress=progress,
        )  # fmt: skip
    if document == Document.CARD:
        # the card service prints the device's village; a township names the chosen village's households
        chosen = (
            [] if code is None else [h.id for h in list_households(ledger, village_id=request.village_id)]
        )
        return print_cards(ledger, out, chosen, progress=progress)
    return print_notice(
        ledger, out, purpose=request.purpose, notice_from=request.notice_from, days=request.days,
        since=request.since, village_code=code,
    )  # fmt: skip


def default_name(request: PrintRequest, household_label: str, today: dt.date) -> str:
    """A file (or, for EACH, folder) name that says what is in it and when it was printed."""
    who = _safe("-".join(household_label.split("　")[:2])) if household_label else ""
    names = {
        Document.HOUSEHOLD: f"一户一档-{who}.pdf" if who else f"一户一档-{today}.pdf",
        Document.COMBINED: f"一户一档-全部农户-{today}.pdf",
        Document.EACH: f"一户一档-{today}",
        Document.ROSTER: f"{'建档立卡' if request.registered_only else ''}人口台账-{today}.pdf",
        Document.CARD: f"明白卡-{who}.pdf" if who else f"明白卡-{today}.pdf",
        Document.NOTICE: f"公示-{request.purpose}-{today}.pdf",
        Document.VILLAGES: f"各村汇总-{today}.pdf",
    }
    return names[request.document]


def _village_code(ledger: Ledger, village_id: str | None) -> str | None:
    """The 村代码 to pass when the village in view is not the device's own (a township chose one)."""
    if village_id is None or village_id == ledger.current_village_id():
        return None
    return village_profile(ledger, village_id=village_id).code or None


def _safe(name: str) -> str:
    return "".join("_" if c in '\\/:*?"<>|' or ord(c) < 32 else c for c in name)
