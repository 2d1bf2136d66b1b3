"""Gathering a public notice 公示: the monitoring households to identify or to clear of risk, with
nothing that may not be posted (no ID numbers, phones, bank accounts or health status)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.enums import HEAD_RELATIONS
from desktop.reports import data as r
from desktop.reports.text import day
from desktop.services.context import Ledger
from desktop.services.printing.queries import printable_households
from desktop.store.models import Member, Monitoring, Village
from desktop.store.queries import live

NOTICE_PURPOSES = ("监测对象识别", "风险消除")
# risk types that would tell the village about a person's health: never on a public notice
HEALTH_RISKS = ("因病", "因残")


def notice_of(
    session: Session,
    ledger: Ledger,
    village_ids: list[str] | None,
    purpose: str,
    start: dt.date,
    days: int,
    since: dt.date | None,
) -> r.Notice:
    households = {h.id: h for h in printable_households(session, village_ids)}
    records = [
        m
        for m in session.execute(select(Monitoring).where(live(Monitoring)).order_by(Monitoring.id)).scalars()
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
            .where(Member.household_id.in_([m.household_id for m in chosen]), live(Member))
            .group_by(Member.household_id)
        ).all()
    )
    heads = dict(
        session.execute(
            select(Member.household_id, Member.name).where(
                Member.household_id.in_([m.household_id for m in chosen]),
                Member.relation.in_(sorted(HEAD_RELATIONS)),
                live(Member),
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
