"""What a bystander sees of ID and phone numbers in lists."""

from __future__ import annotations

import pytest

from desktop.domain.masking import mask_account, mask_fields, mask_id_number, mask_numbers_in, mask_phone


@pytest.mark.parametrize(
    ("phone", "masked"),
    [("13800001234", "138****1234"), ("0836-2812345", "083*****2345"), ("12345", "***45"), ("", "")],
)
def test_mask_phone(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(
    ("id_number", "masked"),
    [
        ("11010519491231002X", "110105********002X"),
        ("110105491231002", "110105*****1002"),
        (" 440524188001010014 ", "440524********0014"),
        ("A123456", "***3456"),
        ("123", "***"),
        ("", ""),
    ],
)
def test_mask_id_number_hides_birth_date_and_sequence(id_number: str, masked: str) -> None:
    assert mask_id_number(id_number) == masked


def test_masked_id_number_never_shows_the_birth_date() -> None:
    assert "19491231" not in mask_id_number("11010519491231002X")


def test_numbers_inside_a_change_line_are_masked_and_the_words_kept() -> None:
    line = "证件号码：11010519491231002X → 440524188001010014；联系电话：（空） → 13800001234；户编号：2 → 10"
    assert mask_numbers_in(line) == (
        "证件号码：110105********002X → 440524********0014；联系电话：（空） → 138****1234；户编号：2 → 10"
    )
    assert mask_numbers_in("座机 0836-2812345，收入 12000 元") == "座机 083*****2345，收入 12000 元"


def test_a_record_is_masked_by_field_name_at_any_depth() -> None:
    record = {
        "phone": "13800001234",
        "bank_account": "6214578594959614485",
        "members": [{"name": "卓嘎", "id_number": "11010519491231002X", "phone": None}],
        "helper_phone": "13900005678",
        "number": "5133012072010001",  # a 户编号 is not a personal number
    }
    assert mask_fields(record) == {
        "phone": "138****1234",
        "bank_account": "***************4485",
        "members": [{"name": "卓嘎", "id_number": "110105********002X", "phone": None}],
        "helper_phone": "139****5678",
        "number": "5133012072010001",
    }
    assert mask_account("1234") == "****"
