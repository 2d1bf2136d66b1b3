from decimal import Decimal

import pytest

from desktop.domain.errors import InvalidInput
from desktop.domain.income import IncomeFigures, format_amount, net_income, per_person


def test_net_income() -> None:
    figures = IncomeFigures(
        wage=Decimal("12000"),
        business=Decimal("8000.50"),
        property=Decimal("300"),
        transfer=Decimal("2400"),
        business_costs=Decimal("3000"),
    )
    assert net_income(figures) == Decimal("19700.50")


def test_empty_fields_count_as_zero() -> None:
    assert net_income(IncomeFigures(wage=Decimal("5000"))) == Decimal("5000.00")
    assert net_income(IncomeFigures()) == Decimal("0.00")


def test_per_person() -> None:
    assert per_person(Decimal("10000"), 3) == Decimal("3333.33")
    assert per_person(Decimal("20000.05"), 2) == Decimal("10000.03")  # half up
    assert per_person(Decimal("10000"), 0) is None
    with pytest.raises(InvalidInput):
        per_person(Decimal("10000"), -1)


@pytest.mark.parametrize(
    ("value", "text"),
    [(Decimal("7300"), "7300"), (Decimal("7300.00"), "7300"), (Decimal("5200.50"), "5200.5"), (36, "36")],
)
def test_format_amount(value: Decimal | int, text: str) -> None:
    assert format_amount(value) == text
