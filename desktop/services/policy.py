"""设置 → 政策标准: the township (only) sets a poverty line or monitoring threshold that no shipped file can
source (e.g. the province's 2025 监测范围), naming its document. Stored as one synced record per village
held (through the change log), so each village's bundle carries it to the village's laptops."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.errors import InvalidInput, NotFound
from desktop.domain.income import format_amount
from desktop.services.context import MONITORING, POVERTY_LINE, Ledger, with_policy_settings
from desktop.store.ids import natural_id
from desktop.store.models import PolicySetting, Village
from desktop.store.queries import live
from desktop.store.writer import ChangeWriter

KINDS: tuple[str, ...] = (POVERTY_LINE, MONITORING)
FIRST_YEAR = 2010  # the 2300-yuan standard (2010 prices) is the earliest the ledger compares with


@dataclass(frozen=True)
class PolicyFigureRow:
    kind: str
    year: int
    amount: Decimal
    source: str
    note: str
    villages: int  # how many villages of this ledger carry it


@dataclass(frozen=True)
class FigureInUse:
    """What the screen says for a kind and year: the figure used and why (its source, or the older
    year that stands in: "沿用 2019 年标准 3218 元（来源：…）")."""

    kind: str
    year: int
    amount: Decimal | None
    explanation: str


def set_policy_figure(
    ledger: Ledger, *, kind: str, year: int, amount: Decimal | str | int, source: str, note: str = ""
) -> int:
    """Set the figure for every village this ledger holds; returns how many villages got it."""
    kind, value, source = _checked(ledger, kind, year, amount, source)
    with ledger.store.session() as session:
        villages = _villages(ledger, session)
        writer = ChangeWriter(session)
        for village_id in villages:
            fields = {
                "village_id": village_id,
                "kind": kind,
                "year": year,
                "amount": value,
                "source": source,
                "note": note.strip() or None,
                "archived": None,
                "archive_reason": None,
            }
            record_id = natural_id("policy_setting", village_id, kind, str(year))
            if session.get(PolicySetting, record_id) is None:
                writer.create(PolicySetting, fields, record_id)
            else:
                writer.update(PolicySetting, record_id, fields)
        return len(villages)


def remove_policy_figure(ledger: Ledger, *, kind: str, year: int, reason: str = "乡镇撤销此标准") -> int:
    """Withdraw the figure (archived, nothing deleted): the shipped files' figure applies again."""
    with ledger.store.session() as session:
        _villages(ledger, session)  # a township's work only
        found = list(
            session.execute(
                select(PolicySetting).where(
                    PolicySetting.kind == kind,
                    PolicySetting.year == year,
                    live(PolicySetting),
                )
            ).scalars()
        )
        if not found:
            raise NotFound(f"没有设置 {year} 年{kind}")
        writer = ChangeWriter(session)
        for row in found:
            writer.update(PolicySetting, row.id, {"archived": True, "archive_reason": reason})
        return len(found)


def can_set_policy(ledger: Ledger) -> bool:
    """Only a township sets 政策标准; a village laptop shows what it received."""
    return ledger.this_device().role == "township"


def policy_figures(ledger: Ledger) -> list[PolicyFigureRow]:
    """The township's figures, one row per kind and year (newest year first); on a village laptop, those
    the township sent to this village."""
    village_id = ledger.current_village_id()
    with ledger.store.read_session() as session:
        query = select(PolicySetting).where(live(PolicySetting))
        if village_id is not None:
            query = query.where(PolicySetting.village_id == village_id)
        rows = session.execute(query).scalars()
        by_key: dict[tuple[str, int], list[PolicySetting]] = {}
        for row in rows:
            if row.kind in KINDS and row.year is not None:  # 在村天数 (days, not yuan): the 日志 page
                by_key.setdefault((row.kind, row.year), []).append(row)
    result = []
    for (kind, year), found in by_key.items():
        first = min(found, key=lambda r: r.id)
        result.append(
            PolicyFigureRow(
                kind, year, first.amount or Decimal(0), first.source or "", first.note or "", len(found)
            )
        )
    return sorted(result, key=lambda r: (KINDS.index(r.kind) if r.kind in KINDS else 9, -r.year))


def figures_in_use(ledger: Ledger, year: int, province: str | None = None) -> list[FigureInUse]:
    """For the 政策标准 form: which figure each kind uses for ``year`` and why."""
    policy = with_policy_settings(ledger).policy
    result = []
    for kind, lookup in ((POVERTY_LINE, policy.poverty_line), (MONITORING, policy.monitoring_threshold)):
        try:
            figure = lookup(year, province)
        except InvalidInput as error:
            result.append(FigureInUse(kind, year, None, error.message))
            continue
        said = figure.explain(year)
        if figure.year_used == year:
            said = f"{year} 年{kind} {format_amount(figure.amount)} 元（{said}）"
        result.append(FigureInUse(kind, year, figure.amount, said))
    return result


def _checked(
    ledger: Ledger, kind: str, year: int, amount: Decimal | str | int, source: str
) -> tuple[str, Decimal, str]:
    kind = kind.strip()
    if kind not in KINDS:
        raise InvalidInput(f"标准种类“{kind}”无法识别，应为 {' 或 '.join(KINDS)}")
    last = ledger.today().year + 1
    if not FIRST_YEAR <= year <= last:
        raise InvalidInput(f"年度 {year} 不在 {FIRST_YEAR}–{last} 之间")
    try:
        value = Decimal(str(amount).strip().replace(",", "").replace("，", ""))
    except InvalidOperation:
        raise InvalidInput(f"金额“{amount}”不是数字，应写成 4000 或 8700.5") from None
    if not value.is_finite() or value <= 0 or value >= Decimal("1000000"):
        raise InvalidInput(f"金额 {amount} 不合理：应为大于 0、小于 100 万的元/人·年")
    source = source.strip()
    if not source:
        # a figure nobody can source is not shipped as fact: the document must be named
        raise InvalidInput(
            "请填写来源：文件名称和年份（例如“省乡村振兴局《关于确定 2025 年度监测范围的通知》”）"
        )
    return kind, value.quantize(Decimal("0.01")), source


def _villages(ledger: Ledger, session: Session) -> list[str]:
    if ledger.this_device().role != "township":
        raise InvalidInput("政策标准由乡镇设置，随乡镇的同步包发到各村；村里的电脑只能查看")
    found = list(session.execute(select(Village.id).where(live(Village))).scalars())
    if not found:
        raise InvalidInput("台账中还没有村：先导入各村的同步包，再设置政策标准")
    return found
