"""一户一档: the file of one household, as inspections (省市验收, 第三方评估) expect it on paper.

Cover; 一 family situation; 二 members; 三 income by year against the line; 四 两不愁三保障 and 饮水安全
with reasons and evidence photos, then the exit standard 一超六有 for each income year; 五 helpers (history kept); 六 measures; 七 visits and open follow-ups;
八 防返贫 monitoring; 九 other photos; and the signature lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer, Table

from desktop.domain.income import format_amount
from desktop.reports.blocks import nothing, pairs_table, para, photo_grid, table
from desktop.reports.chart import IncomeChart
from desktop.reports.data import HouseholdFile, IncomeLine, MonitoringLine
from desktop.reports.pages import Progress, Section, SectionedDocument, SectionInfo
from desktop.reports.styles import (
    PORTRAIT,
    POVERTY_LINE,
    RULE,
    STATUS_COLOURS,
    Styles,
    make_styles,
    plain_style,
)

SECTION_TITLES = (
    "一、家庭基本情况",
    "二、家庭成员",
    "三、家庭收入",
    "四、两不愁三保障及饮水安全",
    "五、帮扶责任人",
    "六、帮扶措施",
    "七、走访记录",
    "八、防返贫动态监测",
    "九、其他照片",
)


def write_household_files(
    out: BinaryIO, files: Sequence[HouseholdFile], *, progress: Progress | None = None
) -> int:
    """One or many households in one PDF, each numbered on its own and with its own bookmark.

    Returns the page count. ``progress(done, total)`` is called as each household starts; returning
    False raises ``Cancelled``.
    """
    if not files:
        raise ValueError("no households to print")
    styles = make_styles()
    doc = SectionedDocument(
        out,
        pagesize=PORTRAIT,
        title="一户一档" if len(files) > 1 else f"一户一档 {files[0].number} {files[0].head}",
        printed_on=files[0].printed_on,
        sections=len(files),
        progress=progress,
        outline=len(files) > 1,
    )
    story: list[Flowable] = []
    for index, household in enumerate(files):
        if index:
            story.append(PageBreak())
        story += household_story(household, styles, doc.width, bookmark=len(files) > 1)
    return doc.render(story)


def household_story(h: HouseholdFile, styles: Styles, width: float, *, bookmark: bool) -> list[Flowable]:
    info = SectionInfo(
        header_left=f"{h.village} · 一户一档 · 户编号 {h.number} · 户主 {h.head}",
        header_right=f"打印日期 {h.printed_on.isoformat()}",
        bookmark=f"{h.number} {h.head}" if bookmark else "",
        cover=True,
    )
    story: list[Flowable] = [Section(info), *_cover(h, styles, width), PageBreak()]
    heading = iter(SECTION_TITLES)

    def section(*body: Flowable) -> None:
        # a heading never ends a page on its own: it moves with the start of its section
        story.append(CondPageBreak(40 * mm))
        story.append(para(next(heading), styles.section))
        story.extend(body)

    groups: list[Flowable] = []
    for group in h.facts:
        per_row = 1 if len(group.items) == 1 else 2
        groups += [
            para(group.title, styles.small),
            pairs_table(group.items, width, styles, per_row=per_row),
            Spacer(1, 3 * mm),
        ]
    section(*groups)
    section(*_members(h, styles, width))
    section(*_incomes(h.incomes, styles, width))
    section(*_verdicts(h, styles, width))
    section(_helpers(h, styles, width))
    section(_measures(h, styles, width))
    section(*_visits(h, styles, width))
    section(*_monitoring(h.monitoring, styles, width))
    if h.other_photos:
        section(*photo_grid(h.other_photos, width, styles))
    story.append(_signatures(styles, width))
    return story


def _cover(h: HouseholdFile, styles: Styles, width: float) -> list[Flowable]:
    lines = [
        ("户  编  号", h.number),
        ("户      主", h.head),
        ("家庭住址", h.address),
        ("家庭人口", f"{h.size} 人"),
        ("户  类  别", h.category),
        ("建档单位", f"{h.village}驻村工作队"),
        ("打  印  人", h.prepared_by),
        ("打印日期", h.printed_on.isoformat()),
    ]
    if h.judged_on is not None:
        lines.append(("判断日期", h.judged_on.isoformat()))
    rows = [[para(label, styles.cover_line), para(value, styles.cover_line)] for label, value in lines]
    info = Table(rows, colWidths=[38 * mm, width - 60 * mm], hAlign="CENTER")
    info.setStyle(
        plain_style(
            ("LINEBELOW", (1, 0), (1, -1), 0.6, RULE),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("TOPPADDING", (0, 0), (-1, -1), 5),
        )
    )
    return [
        Spacer(1, 30 * mm),
        para(h.place, styles.title),
        Spacer(1, 12 * mm),
        para("一 户 一 档", styles.cover_title),
        Spacer(1, 22 * mm),
        info,
        Spacer(1, 40 * mm),
        para("本档案由驻村台账依据台账数据生成；内容如有变化，以台账最新记录为准。", styles.small),
    ]


def _members(h: HouseholdFile, styles: Styles, width: float) -> list[Flowable]:
    if not h.members:
        return [nothing("无在册家庭成员", styles)]
    basic = table(
        [
            "序号",
            "姓名",
            "性别",
            "与户主关系",
            "证件号码",
            "出生日期",
            "年龄",
            "民族",
            "政治面貌",
            "文化程度",
            "在校生状况",
        ],
        [
            [
                str(i),
                m.name,
                m.sex,
                m.relation,
                m.id_number,
                m.birth,
                m.age,
                m.ethnicity,
                m.political,
                m.education,
                m.schooling,
            ]
            for i, m in enumerate(h.members, 1)
        ],
        _fit(width, [20, 50, 22, 40, 96, 54, 22, 30, 40, 50, 70]),
        styles,
        centre=(0, 2, 6),
    )
    situation = table(
        ["姓名", "健康状况", "劳动技能", "务工状况", "医保 / 大病 / 养老", "家庭医生", "低保 / 特困", "备注"],
        [
            [m.name, m.health, m.labour, m.work, m.insurance, m.family_doctor, m.support, m.note]
            for m in h.members
        ],
        _fit(width, [50, 66, 66, 70, 70, 36, 56, 90]),
        styles,
        centre=(4, 5),
    )
    return [basic, Spacer(1, 3 * mm), situation]


def _incomes(incomes: Sequence[IncomeLine], styles: Styles, width: float) -> list[Flowable]:
    if not incomes:
        return [nothing("暂无收入记录", styles)]
    rows = []
    for line in incomes:
        below = line.per_person is not None and any(
            bar is not None and line.per_person < bar for bar in (line.poverty_line, line.monitoring_line)
        )
        compared = para(_against(line), styles.cell, colour=POVERTY_LINE if below else None)
        rows.append(
            [
                str(line.year),
                line.wage,
                line.business,
                line.property,
                line.transfer,
                line.costs,
                format_amount(line.net),
                "" if line.per_person is None else format_amount(line.per_person),
                compared,
            ]
        )
    grid = table(
        [
            "年度",
            "工资性",
            "生产经营性",
            "财产性",
            "转移性",
            "生产经营支出",
            "家庭纯收入",
            "人均纯收入",
            "对照标准",
        ],
        rows,
        _fit(width, [34, 48, 54, 44, 48, 54, 56, 56, 110]),
        styles,
        centre=(0,),
    )
    years_by_note: dict[str, list[str]] = {}
    for line in incomes:
        if line.note:
            years_by_note.setdefault(line.note, []).append(str(line.year))
    result: list[Flowable] = [para("单位：元；人均纯收入 = 家庭纯收入 ÷ 在册人数", styles.small), grid]
    result += [Spacer(1, 3 * mm), IncomeChart(incomes, width)]
    if years_by_note:
        said = [f"{'、'.join(years)} 年：{note}" for note, years in years_by_note.items()]
        result.append(para("标准说明：" + "；".join(said), styles.note))
    return result


def _against(line: IncomeLine) -> str:
    if line.per_person is None:
        return "无在册人口"
    parts = []
    for label, bar in (("扶贫标准", line.poverty_line), ("监测范围", line.monitoring_line)):
        if bar is None:
            continue
        gap = line.per_person - bar
        word = "高于" if gap >= 0 else "低于"
        parts.append(f"{label} {format_amount(bar)}，{word} {format_amount(abs(gap))}")
    return "\n".join(parts) or "该年度未配置标准"


def _verdicts(h: HouseholdFile, styles: Styles, width: float) -> list[Flowable]:
    rows = []
    for v in h.verdicts:
        status = para(v.status.label, styles.cell_center, colour=STATUS_COLOURS[v.status])
        rows.append([v.dimension, status, "\n".join(v.reasons)])
    result: list[Flowable] = [
        table(["项目", "结论", "依据"], rows, _fit(width, [60, 44, 400]), styles, centre=(0,))
    ]
    for v in h.verdicts:
        if v.photos:
            result += [Spacer(1, 3 * mm), para(f"{v.dimension} 佐证照片", styles.small)]
            result += photo_grid(v.photos, width, styles, label=v.dimension)
    result += _exit_standard(h, styles, width)
    return result


def _exit_standard(h: HouseholdFile, styles: Styles, width: float) -> list[Flowable]:
    """一超六有 for each income year: the income against that year's line and each 有, with reasons."""
    judged = f"（按 {h.judged_on.isoformat()} 判断）" if h.judged_on else ""
    result: list[Flowable] = [Spacer(1, 4 * mm), para(f"脱贫退出标准（一超六有）{judged}", styles.small)]
    if not h.exit_standard:
        return [*result, nothing("暂无收入记录，无法对照退出标准", styles)]
    for line in h.exit_standard:
        rows = []
        for item in line.items:
            status = para(item.status.label, styles.cell_center, colour=STATUS_COLOURS[item.status])
            rows.append([item.name, status, item.reason])
        overall = para(line.status.label, styles.cell_center, colour=STATUS_COLOURS[line.status])
        rows.append([f"{line.year} 年结论", overall, ""])
        grid = table(
            [f"{line.year} 年 {line.standard}", "结论", "依据"], rows, _fit(width, [84, 44, 376]), styles
        )
        result += [Spacer(1, 2 * mm), grid]
    return result


def _helpers(h: HouseholdFile, styles: Styles, width: float) -> Flowable:
    if not h.helpers:
        return nothing("暂无帮扶责任人", styles)
    return table(
        ["姓名", "工作单位", "单位级别", "职务", "联系电话", "帮扶时间"],
        [
            [x.name, x.unit, x.level, x.post, x.phone, x.period + ("" if x.current else "（已调整）")]
            for x in h.helpers
        ],
        _fit(width, [50, 130, 46, 80, 70, 128]),
        styles,
        centre=(2,),
    )


def _measures(h: HouseholdFile, styles: Styles, width: float) -> Flowable:
    if not h.measures:
        return nothing("暂无帮扶措施", styles)
    return table(
        [
            "类别",
            "项目",
            "规模",
            "实施单位",
            "资金\n（元）",  # reportlab will not break before a bracket: break it here
            "实施时间",
            "预计增收\n（元）",
            "落实结果",
            "户签字",
        ],
        [
            [m.group, m.project, m.scale, m.unit, m.funds, m.period, m.expected_gain, m.result, m.signed]
            for m in h.measures
        ],
        _fit(width, [38, 92, 34, 70, 42, 64, 42, 84, 30]),
        styles,
        centre=(8,),
    )


def _visits(h: HouseholdFile, styles: Styles, width: float) -> list[Flowable]:
    result: list[Flowable] = []
    if h.visits:
        result.append(
            table(
                ["日期", "方式", "走访人", "见到", "走访内容、宣讲政策、反映问题", "户签字"],
                [[v.day, v.kind, v.visitors, v.people_met, v.content, v.signed] for v in h.visits],
                _fit(width, [54, 28, 66, 76, 250, 30]),
                styles,
                centre=(1, 5),
            )
        )
        for v in h.visits:
            if v.photos:
                result += [Spacer(1, 2 * mm), para(f"{v.day} 走访照片", styles.small)]
                result += photo_grid(v.photos, width, styles)
    else:
        result.append(nothing("暂无走访记录", styles))
    if h.follow_ups:
        result += [Spacer(1, 3 * mm), para("待办事项", styles.small)]
        result += [para(f"· {line}", styles.cell) for line in h.follow_ups]
    return result


def _monitoring(records: Sequence[MonitoringLine], styles: Styles, width: float) -> list[Flowable]:
    if not records:
        return [nothing("未纳入防返贫动态监测", styles)]
    result: list[Flowable] = []
    for m in records:
        items = [
            ("监测类别", m.category),
            ("风险类型", m.risks),
            ("兜底保障", m.safety_net),
            ("状态", m.outcome),
        ]
        result += [pairs_table(items + list(m.steps), width, styles), Spacer(1, 1.5 * mm)]
        result += [para(f"帮扶措施：{m.measures or '（未填写）'}", styles.cell), Spacer(1, 3 * mm)]
        result += photo_grid(m.photos, width, styles)
    return result


def _signatures(styles: Styles, width: float) -> Flowable:
    blank = "＿" * 9
    rows = [
        [para(f"户主（签字）：{blank}", styles.body), para(f"帮扶责任人（签字）：{blank}", styles.body)],
        [para(f"第一书记（签字）：{blank}", styles.body), para("日期：＿＿＿＿年＿＿月＿＿日", styles.body)],
    ]
    grid = Table(rows, colWidths=[width / 2] * 2)
    grid.setStyle(plain_style(("TOPPADDING", (0, 0), (-1, -1), 9 * mm), ("LEFTPADDING", (0, 0), (-1, -1), 0)))
    return KeepTogether([Spacer(1, 8 * mm), para("以上信息经本户核对无误。", styles.body), grid])


def _fit(width: float, weights: Sequence[float]) -> list[float]:
    """Column widths in proportion to ``weights``, filling ``width`` exactly."""
    total = sum(weights)
    return [width * w / total for w in weights]
