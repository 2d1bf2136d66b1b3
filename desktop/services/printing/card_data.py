"""明白卡: the card on a household's wall, made from its 一户一档 values."""

from __future__ import annotations

from decimal import Decimal

from desktop.reports import data as r
from desktop.reports.text import money


def card_of(file: r.HouseholdFile) -> r.Card:
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
