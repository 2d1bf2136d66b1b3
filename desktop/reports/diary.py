"""驻村工作日志 (a month of one team's diary, one page per week, with signature lines) and the monthly
考勤表 (one section per village). Plain values in, a PDF out; the services gather the values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer, Table

from desktop.reports.blocks import nothing, para, table
from desktop.reports.pages import Section, SectionedDocument, SectionInfo
from desktop.reports.styles import LANDSCAPE, PORTRAIT, make_styles, plain_style

WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class DiaryLine:
    day: dt.date
    person: str
    kind: str
    place: str
    content: str
    households: str


@dataclass(frozen=True)
class DiaryWeek:
    monday: dt.date
    first: dt.date  # the week's days inside the month
    last: dt.date
    lines: tuple[DiaryLine, ...]
    leave: tuple[str, ...]  # "扎西 事假 11-12 至 11-15（批准人 李书记）"


@dataclass(frozen=True)
class DiaryMonth:
    village: str  # 亚弄村（513301）
    township: str
    year: int
    month: int
    printed_on: dt.date
    weeks: tuple[DiaryWeek, ...]


@dataclass(frozen=True)
class AttendanceLine:
    person: str
    present: int
    leave: str  # 事假 3 天、县里开会 2 天
    away: int
    on_duty: int
    required: str  # "20 天" or 所需在村天数尚未设置
    gap: str  # "差 2 天" / "已达到" / ""
    weeks_without_diary: str


@dataclass(frozen=True)
class AttendanceVillage:
    village: str
    counted_days: int
    lines: tuple[AttendanceLine, ...]
    days: tuple[tuple[str, str], ...]  # (person, one mark a day: 在 / 假 / 会 / 缺 / 空)


@dataclass(frozen=True)
class AttendanceMonth:
    title_place: str  # the village, or the township for all villages
    year: int
    month: int
    printed_on: dt.date
    required_note: str  # where the required days come from, or that they are not set
    villages: tuple[AttendanceVillage, ...]


def write_diary(out: BinaryIO, month: DiaryMonth) -> int:
    styles = make_styles()
    title = f"驻村工作日志（{month.year} 年 {month.month} 月）"
    doc = SectionedDocument(out, pagesize=PORTRAIT, title=title, printed_on=month.printed_on, sections=1)
    story: list[Flowable] = [Section(SectionInfo(header_left=month.village, header_right=title))]
    widths = [doc.width * w for w in (0.13, 0.1, 0.08, 0.12, 0.45, 0.12)]
    for index, week in enumerate(month.weeks):
        if index:
            story.append(PageBreak())
        story.append(para(title, styles.title))
        story.append(
            para(
                f"{month.village}    第 {index + 1} 周：{_day(week.first)} 至 {_day(week.last)}",
                styles.body,
            )
        )
        story.append(Spacer(1, 3 * mm))
        rows = [
            [f"{line.day:%m-%d} 周{WEEKDAYS[line.day.weekday()]}", line.person, line.kind, line.place,
             line.content, line.households]
            for line in week.lines
        ]  # fmt: skip
        if rows:
            headers = ("日期", "记录人", "类别", "地点", "工作内容", "涉及农户")
            story.append(table(headers, rows, widths, styles, centre=(0, 1, 2)))
        else:
            story.append(nothing("（本周没有日志）", styles))
        if week.leave:
            story.append(Spacer(1, 2 * mm))
            story.append(para("请假和外出：" + "；".join(week.leave), styles.small))
        story.append(Spacer(1, 12 * mm))
        story.append(_signatures(doc.width, ("记录人签字", "工作队长签字", "乡镇审核签字")))
    if not month.weeks:
        story.append(para(title, styles.title))
        story.append(nothing("（本月没有日志）", styles))
    return doc.render(story)


def write_attendance(out: BinaryIO, sheet: AttendanceMonth) -> int:
    styles = make_styles()
    title = f"驻村工作队考勤表（{sheet.year} 年 {sheet.month} 月）"
    doc = SectionedDocument(
        out, pagesize=LANDSCAPE, title=title, printed_on=sheet.printed_on, sections=len(sheet.villages) or 1,
        outline=len(sheet.villages) > 1,
    )  # fmt: skip
    story: list[Flowable] = []
    for index, village in enumerate(sheet.villages):
        if index:
            story.append(PageBreak())
        story.append(Section(SectionInfo(sheet.title_place, title, bookmark=village.village)))
        story.append(para(title, styles.title))
        story.append(
            para(f"{village.village}    统计 {village.counted_days} 天    {sheet.required_note}", styles.body)
        )
        story.append(Spacer(1, 3 * mm))
        rows = [
            [line.person, str(line.present), line.leave, str(line.away), str(line.on_duty), line.required,
             line.gap, line.weeks_without_diary]
            for line in village.lines
        ]  # fmt: skip
        headers = (
            "姓名",
            "在村天数",
            "请假和外出",
            "不在村",
            "在岗天数",
            "所需在村天数",
            "差额",
            "无日志的周",
        )
        weights = (0.1, 0.08, 0.2, 0.07, 0.08, 0.17, 0.1, 0.2)
        if rows:
            story.append(table(headers, rows, [doc.width * w for w in weights], styles, centre=(1, 3, 4, 6)))
        else:
            story.append(nothing("（本月没有考勤记录）", styles))
        if village.days:
            story.append(Spacer(1, 4 * mm))
            story.append(para("每日：在 = 在村，会 = 外出开会，假 = 请假，缺 = 不在村", styles.small))
            count = len(village.days[0][1])
            name_width = doc.width * 0.1
            cell = (doc.width - name_width) / max(count, 1)
            grid = [["", *(str(d + 1) for d in range(count))]]
            grid += [[person, *marks] for person, marks in village.days]
            story.append(
                Table(
                    [[para(c, styles.cell_center) for c in row] for row in grid],
                    colWidths=[name_width, *([cell] * count)],
                    style=plain_style(("GRID", (0, 0), (-1, -1), 0.4, "#888888")),
                )
            )
        story.append(Spacer(1, 10 * mm))
        story.append(_signatures(doc.width, ("制表人", "工作队长签字", "乡镇审核签字")))
    if not sheet.villages:
        story.append(Section(SectionInfo(sheet.title_place, title)))
        story.append(para(title, styles.title))
        story.append(nothing("（没有考勤记录）", styles))
    return doc.render(story)


def _signatures(width: float, names: tuple[str, ...]) -> Table:
    styles = make_styles()
    cells = [[para(f"{name}：________________", styles.body) for name in names]]
    dates = [[para("日期：____年__月__日", styles.small) for _ in names]]
    return Table(cells + dates, colWidths=[width / len(names)] * len(names), style=plain_style())


def _day(day: dt.date) -> str:
    return f"{day.month} 月 {day.day} 日"
