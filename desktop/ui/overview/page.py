"""概况: the village at a glance — figures, the checklist gaps per dimension, who was visited lately, and
the households still failing 两不愁三保障 (each opens its household)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.village.overview import Overview, count_households, village_overview
from desktop.ui.shell.background import BackgroundQuery
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.i18n import tr, tr_marked, tr_noop
from desktop.ui.shell.page import Page
from desktop.ui.widgets.charts import AMBER, BLUE, GREEN, RED, Bar, BarChart, Series
from desktop.ui.widgets.record_table_model import Column, RecordIdRole, RecordTableModel
from desktop.ui.widgets.tables import read_only_table

GAP_COLUMNS = (
    Column("number", tr_noop("户编号")),
    Column("head_name", tr_noop("户主")),
    Column("not_met", tr_noop("未达标")),
    Column("unknown", tr_noop("待核实")),
    Column("village", tr_noop("村")),  # shown first, where all villages of a township are summed up
)
GAP_VILLAGE = len(GAP_COLUMNS) - 1


class OverviewPage(Page):
    title = tr_noop("概况")
    object_name = "overviewPage"
    # up to this many households the figures come at once (about a second on an old laptop); a
    # township's whole county is counted on a worker thread while the page says so
    SYNC_LIMIT = 1500

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.overview: Overview | None = None
        self.loader = BackgroundQuery(self)
        self.heading = QLabel()
        self.heading.setObjectName("overviewHeading")
        heading_font = QFont(self.font())
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.3)
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.tiles = {
            key: _Tile(caption)
            for key, caption in (
                ("households", tr("户数")),
                ("people", tr("人口")),
                ("incidence", tr("贫困发生率")),
                ("monitored", tr("监测户")),
                ("gaps", tr("有短板或待核实")),
                ("visited", tr("近 30 天走访")),
            )
        }
        self.categories_chart = BarChart((Series(tr("户数"), BLUE),), empty_text=tr("没有农户"))
        self.statuses_label = QLabel()
        self.statuses_label.setWordWrap(True)
        self.gaps_chart = BarChart((Series(tr("未达标"), RED), Series(tr("待核实"), AMBER)))
        self.coverage_chart = BarChart((Series(tr("已走访"), GREEN),), maximum=1.0, empty_text=tr("没有农户"))
        self.coverage_box = QGroupBox(tr("近 30 天走访覆盖（按村民小组）"))
        self.gap_model = RecordTableModel(GAP_COLUMNS, parent=self)
        self.gap_table = self._make_table()
        self.gap_box = QGroupBox(tr("有短板或待核实的农户（双击打开）"))
        # 贫困村退出 (一低五有 …): the incidence and each 有 of the province's list, with the source
        self.village_exit_box = QGroupBox(tr("贫困村退出标准"))
        self.village_exit_box.setObjectName("villageExit")
        self.village_exit_label = QLabel()
        self.village_exit_label.setObjectName("villageExitText")
        self.village_exit_label.setWordWrap(True)
        self.village_exit_label.setTextFormat(Qt.TextFormat.RichText)

        tiles = QHBoxLayout()
        for tile in self.tiles.values():
            tiles.addWidget(tile, 1)
        charts = QGridLayout()
        charts.addWidget(
            _boxed(QGroupBox(tr("户类别（贫困户属性）")), self.categories_chart, self.statuses_label), 0, 0
        )
        charts.addWidget(_boxed(QGroupBox(tr("两不愁三保障及饮水安全：各项短板户数")), self.gaps_chart), 0, 1)
        charts.addWidget(_boxed(self.coverage_box, self.coverage_chart), 0, 2)
        for column in range(3):
            charts.setColumnStretch(column, 1)
        _boxed(self.gap_box, self.gap_table)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(tiles)
        layout.addLayout(charts)
        layout.addWidget(_boxed(self.village_exit_box, self.village_exit_label))
        layout.addWidget(self.gap_box, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # --- public ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        ledger, village_id = self.ctx.ledger, self.ctx.village_id
        all_villages = village_id is None

        def query() -> Overview:
            return village_overview(ledger, village_id=village_id, all_villages=all_villages)

        if count_households(ledger, village_id=village_id, all_villages=all_villages) <= self.SYNC_LIMIT:
            self.show_overview(query())
        else:
            self.heading.setText(tr("正在统计…（户数较多，请稍候）"))
            self.loader.ask(query, self.show_overview)

    def _show_village_exit(self, overview: Overview) -> None:
        self.village_exit_box.setVisible(overview.village_exit is not None)
        self.village_exit_label.setText(_exit_html(overview, overview.village_exit_source))

    def show_overview(self, overview: Overview) -> None:
        self.overview = overview
        today = self.ctx.ledger.today()
        self.heading.setText(
            tr("{place}　概况（截至 {today:%Y年%m月%d日}）").format(place=overview.place, today=today)
        )
        self.tiles["households"].set(f"{overview.households}", tr("户"))
        self.tiles["people"].set(f"{overview.people}", tr("人"))
        self.tiles["incidence"].set(_percent(overview.incidence, 2), _limit_text(overview))
        self._show_village_exit(overview)
        self.tiles["monitored"].set(f"{overview.monitored}", tr("户，风险未消除"))
        self.tiles["gaps"].set(f"{len(overview.gap_households)}", tr("户"))
        self.tiles["visited"].set(
            f"{overview.visited}/{overview.households}",
            tr("户（{share}）").format(share=_percent_float(overview.coverage_share)),
        )
        # bars against every household: one household of 71 is a short bar, not a full one
        self.categories_chart.maximum = self.gaps_chart.maximum = max(overview.households, 1)
        self.categories_chart.set_bars(
            [Bar(c.label, (c.value,), tr("{n} 户").format(n=c.value)) for c in overview.categories]
        )
        statuses = "，".join(
            tr("{status} {n} 户").format(status=s.label, n=s.value) for s in overview.statuses
        )
        text = tr("脱贫属性：{statuses}。贫困人口 {poor} 人（未脱贫与返贫户的成员）。").format(
            statuses=statuses or tr("无"), poor=overview.poor_people
        )
        if overview.non_poor:
            text += tr("非贫困户 {n} 户没有脱贫属性，不计入。").format(n=overview.non_poor)
        self.statuses_label.setText(text)
        self.gaps_chart.set_bars(
            [
                Bar(tr_marked(g.dimension), (g.not_met, g.unknown), _gap_text(g.not_met, g.unknown))
                for g in overview.gaps
            ]
        )
        self.coverage_box.setTitle(
            tr("近 {days} 天走访覆盖（{since:%m月%d日}起，共 {visits} 次）").format(
                days=overview.days, since=overview.since, visits=overview.visits
            )
        )
        self.coverage_chart.set_bars(
            [
                Bar(
                    c.group,
                    (c.share,),
                    tr("{visited}/{households} 户（{share}）").format(
                        visited=c.visited, households=c.households, share=_percent_float(c.share)
                    ),
                )
                for c in overview.coverage
            ]
        )
        self.gap_model.set_rows(
            [
                {
                    "id": h.household_id,
                    "number": h.number,
                    "head_name": h.head_name,
                    "not_met": _dimensions(h.not_met),
                    "unknown": _dimensions(h.unknown),
                    "village": h.village,
                }
                for h in overview.gap_households
            ]
        )
        self.gap_table.setColumnHidden(
            GAP_VILLAGE, not (self.ctx.is_township and self.ctx.village_id is None)
        )
        self.gap_box.setTitle(
            tr("有短板或待核实的农户：{n} 户（双击打开）").format(n=len(overview.gap_households))
        )

    # --- private -----------------------------------------------------------------------------------
    def _make_table(self) -> QTableView:
        table = read_only_table(self.gap_model, "overviewGapTable", stretch_last=True)
        table.setMinimumHeight(150)
        header = table.horizontalHeader()
        header.moveSection(header.visualIndex(GAP_VILLAGE), 0)
        table.setColumnHidden(GAP_VILLAGE, True)
        table.activated.connect(self._open)
        return table

    def _open(self) -> None:
        index = self.gap_table.currentIndex()
        household_id = index.data(RecordIdRole) if index.isValid() else None
        if household_id:
            self.household_requested.emit(str(household_id))


class _Tile(QFrame):
    """One figure, large, with its caption above and a note below."""

    def __init__(self, caption: str) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.caption = QLabel(caption)
        self.value = QLabel()
        self.value.setObjectName("tileValue")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.7)
        font.setBold(True)
        self.value.setFont(font)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.note)

    def set(self, value: str, note: str) -> None:
        self.value.setText(value)
        self.note.setText(note)


def _boxed(box: QGroupBox, *widgets: QWidget) -> QGroupBox:
    layout = QVBoxLayout(box)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(0)
    return box


def _exit_html(overview: Overview, source: str) -> str:
    verdict = overview.village_exit
    if verdict is None:
        return tr("按村查看（在上方选择一个村）时显示该村的退出标准。")
    marks = {True: "✓", False: "✗", None: "?"}
    lines = [
        f"<b>{verdict.standard}</b>　{tr_marked(verdict.status.label)}",
        *(f"{marks[item.passed]} {item.name}：{item.reason}" for item in verdict.items),
        tr("来源：{source}").format(source=source),
    ]
    return "<br>".join(lines)


def _percent(value: Decimal | None, places: int) -> str:
    return "—" if value is None else f"{value * 100:.{places}f}%"


def _percent_float(value: float) -> str:
    return f"{value * 100:.0f}%"


def _limit_text(overview: Overview) -> str:
    if overview.incidence_limit is None:
        return tr("人口为零") if overview.incidence is None else tr("未设地区标准")
    ok = overview.incidence is not None and overview.incidence < overview.incidence_limit
    return tr("{region}标准 < {limit}，{verdict}").format(
        region=overview.incidence_region,
        limit=_percent(overview.incidence_limit, 0),
        verdict=tr("达标") if ok else tr("未达标"),
    )


def _dimensions(names: tuple[str, ...]) -> str:
    """Checklist dimensions (as the service names them, in Chinese) in the interface language."""
    return tr("、", "between the items of a list").join(tr_marked(name) for name in names)


def _gap_text(not_met: int, unknown: int) -> str:
    if not (not_met or unknown):
        return tr("全部达标")
    return "，".join(
        p
        for p in (
            tr("{not_met} 户未达标").format(not_met=not_met) if not_met else "",
            tr("{unknown} 户待核实").format(unknown=unknown) if unknown else "",
        )
        if p
    )
