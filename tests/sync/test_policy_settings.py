"""设置 → 政策标准: a figure the township sets (with its source) reaches the village in the township's
bundle, and the village's verdicts use it instead of an older year's figure."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

import pytest
from records import make_id_number

from desktop.domain.errors import InvalidInput
from desktop.services.context import Ledger
from desktop.services.exchange.bundles import Outcome
from desktop.services.households.detail import show_household
from desktop.services.households.households import add_household
from desktop.services.households.incomes import record_income
from desktop.services.policy import (
    figures_in_use,
    policy_figures,
    remove_policy_figure,
    set_policy_figure,
)

from .devices import join, township_device, village_device

SOURCE = "四川省扶贫开发领导小组《关于 2020 年脱贫攻坚考核标准的通知》（2020 年）"


def income_item(ledger: Ledger, year: int) -> str:
    detail = show_household(ledger, "001")
    (verdict,) = [v for v in detail.exit_standard if v.year == year]
    return verdict.items[0].reason


def test_a_township_figure_travels_to_the_village_and_is_used(tmp_path: Path) -> None:
    village, township = village_device(tmp_path, "village"), township_device(tmp_path)
    join(village, township)
    add_household(
        village.ledger,
        number="001",
        head={"name": "卓嘎", "id_number": make_id_number(dt.date(1980, 1, 1), 2)},
    )
    record_income(village.ledger, household="001", year=2020, wage=3500)
    # until the township sets it, the screen says which year's figure stands in
    assert "2020 年扶贫标准尚未设置，沿用 2019 年标准 3218 元（来源：" in income_item(village.ledger, 2020)
    (poverty, monitoring) = figures_in_use(village.ledger, 2020, "四川省")
    assert poverty.explanation.startswith("2020 年扶贫标准尚未设置，沿用 2019 年标准 3218 元")
    assert monitoring.amount is None and "设置 → 政策标准" in monitoring.explanation

    assert township.receive(village.send(township)).outcome is Outcome.APPLIED
    assert set_policy_figure(township.ledger, kind="扶贫标准", year=2020, amount="4000", source=SOURCE) == 1
    assert [(r.kind, r.year, r.amount, r.villages) for r in policy_figures(township.ledger)] == [
        ("扶贫标准", 2020, Decimal("4000.00"), 1)
    ]
    assert village.receive(township.send(village)).outcome is Outcome.APPLIED

    reason = income_item(village.ledger, 2020)
    assert reason == f"人均纯收入 3500 元，未超过 2020 年扶贫标准 4000 元（来源：{SOURCE}）"
    assert figures_in_use(village.ledger, 2020)[0].explanation == f"2020 年扶贫标准 4000 元（来源：{SOURCE}）"
    assert village.dump() == township.dump("513301")

    # withdrawn on the township: the village falls back to the 2019 figure again after the next bundle
    remove_policy_figure(township.ledger, kind="扶贫标准", year=2020)
    assert village.receive(township.send(village)).outcome is Outcome.APPLIED
    assert "沿用 2019 年标准 3218 元" in income_item(village.ledger, 2020)
    assert policy_figures(village.ledger) == []
    village.close()
    township.close()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"source": "  "}, "请填写来源：文件名称和年份"),
        ({"amount": "四千"}, "金额“四千”不是数字"),
        ({"amount": "0"}, "金额 0 不合理"),
        ({"year": 2009}, "年度 2009 不在 2010–2027 之间"),
        ({"kind": "低保标准"}, "标准种类“低保标准”无法识别，应为 扶贫标准 或 监测标准"),
    ],
)
def test_bad_figures_are_refused_and_nothing_is_written(
    tmp_path: Path, changes: dict[str, object], message: str
) -> None:
    village = village_device(tmp_path, "village")
    values: dict[str, object] = {
        "kind": "监测标准",
        "year": 2025,
        "amount": "8800",
        "source": SOURCE,
    } | changes
    before = village.dump()
    with pytest.raises(InvalidInput) as caught:
        set_policy_figure(village.ledger, **values)  # type: ignore[arg-type]
    assert caught.value.message.startswith(message)
    assert village.dump() == before
    village.close()


@pytest.mark.postgres
def test_a_postgresql_township_sends_its_figure_too(tmp_path: Path, postgres: object) -> None:
    url = postgres.create_database(f"zhucun_policy_{os.getpid()}")  # type: ignore[attr-defined]
    village, township = village_device(tmp_path, "village"), township_device(tmp_path, db_url=url)
    join(village, township)
    assert township.receive(village.send(township)).outcome is Outcome.APPLIED
    set_policy_figure(township.ledger, kind="监测标准", year=2025, amount="8800.5", source=SOURCE)
    assert village.receive(township.send(village)).outcome is Outcome.APPLIED
    (row,) = policy_figures(village.ledger)
    assert (row.kind, row.year, row.amount, row.source) == ("监测标准", 2025, Decimal("8800.50"), SOURCE)
    assert figures_in_use(village.ledger, 2026)[1].explanation.startswith(
        "2026 年监测标准尚未设置，沿用 2025 年标准 8800.5 元（来源："
    )
    village.close()
    township.close()
