from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.errors import InvalidInput
from desktop.domain.idnumber import (
    PROVINCE_CODES,
    InvalidIdNumber,
    age_on,
    check_character,
    is_disability_certificate,
    is_valid_id_number,
    parse_id_number,
)

TODAY = date(2026, 5, 1)


@pytest.mark.parametrize(
    ("text", "birth", "sex"),
    [
        ("11010519491231002X", date(1949, 12, 31), "女"),
        ("440524188001010014", date(1880, 1, 1), "男"),
        ("34052419800101001X", date(1980, 1, 1), "男"),
    ],
)
def test_valid_numbers(text: str, birth: date, sex: str) -> None:
    parsed = parse_id_number(text, TODAY)
    assert parsed.number == text
    assert parsed.region == text[:6]
    assert parsed.birth_date == birth
    assert parsed.sex == sex


def test_wrong_check_character_names_both() -> None:
    with pytest.raises(InvalidIdNumber) as caught:
        parse_id_number("340524198001010013", TODAY)
    assert caught.value.message == "身份证号 340524198001010013 校验码错误：应为 X，实为 3"
    assert isinstance(caught.value, InvalidInput)
    assert caught.value.exit_code == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("34052419800101001", "身份证号长度应为 18 位（或旧 15 位），实为 17 位"),
        ("3405241980010100111", "身份证号长度应为 18 位（或旧 15 位），实为 19 位"),
        ("", "身份证号为空"),
        ("   ", "身份证号为空"),
        ("34052419800101A01X", "身份证号含有非数字字符"),
        ("34052419800101001Y", "身份证号含有非数字字符"),
        ("3405241980010100X1", "身份证号含有非数字字符"),
        ("340524198013010011", "身份证号中的出生日期 19801301 不存在"),
        ("340524199002300011", "身份证号中的出生日期 19900230 不存在"),
        ("340524203001010011", "身份证号中的出生日期 20300101 晚于今天"),
    ],
)
def test_invalid_numbers(text: str, message: str) -> None:
    with pytest.raises(InvalidIdNumber) as caught:
        parse_id_number(text, TODAY)
    assert caught.value.message == message


# GB/T 2260: the 34 province-level codes, and nothing else
PROVINCES = [
    *("11", "12", "13", "14", "15"), *("21", "22", "23"), *("31", "32", "33", "34", "35", "36", "37"),
    *("41", "42", "43", "44", "45", "46"), *("50", "51", "52", "53", "54"), *("61", "62", "63", "64", "65"),
    *("71", "81", "82"),
]  # fmt: skip


def _with_region(region: str, rest17: str = "19800101001") -> str:
    first17 = region + rest17
    return first17 + check_character(first17)


def test_the_province_codes_are_those_of_gb_t_2260() -> None:
    assert sorted(PROVINCE_CODES) == PROVINCES
    assert PROVINCE_CODES["51"] == "四川省" and PROVINCE_CODES["54"] == "西藏自治区"


@pytest.mark.parametrize("province", PROVINCES)
def test_every_province_code_is_accepted(province: str) -> None:
    number = _with_region(province + "0524")
    assert parse_id_number(number, TODAY).region == province + "0524"
    # the old 15-digit form too
    assert parse_id_number(f"{province}0524800101001", TODAY).number == number


@pytest.mark.parametrize("code", ["00", "10", "16", "20", "38", "99"])
def test_a_number_from_no_province_is_refused_with_the_reason(code: str) -> None:
    number = _with_region(code + "0524")  # the check character is right: only the province is wrong
    for text in (number, f"{code}0524800101001"):  # and the old 15-digit form
        with pytest.raises(InvalidIdNumber) as caught:
            parse_id_number(text, TODAY)
        assert caught.value.message == f"身份证号前两位 {code} 不是省级行政区划代码（GB/T 2260）"
    assert not is_valid_id_number(number, TODAY)
    assert not is_disability_certificate(number + "42", TODAY)


def test_a_county_code_is_not_checked_against_a_table() -> None:
    # 513321 (the old 康定县 code) and a made-up 519999 are both kept: a number keeps its issuing code
    assert parse_id_number(_with_region("513321"), TODAY).region == "513321"
    assert parse_id_number(_with_region("519999"), TODAY).region == "519999"


def test_old_15_digit_number_is_upgraded() -> None:
    parsed = parse_id_number("110105491231002", TODAY)
    assert parsed.number == "11010519491231002X"
    assert parsed.birth_date == date(1949, 12, 31)
    assert parsed.sex == "女"


def test_old_number_with_impossible_date() -> None:
    with pytest.raises(InvalidIdNumber, match="19491331"):
        parse_id_number("110105491331002", TODAY)


@pytest.mark.parametrize(
    "text",
    [
        "１１０１０５１９４９１２３１００２Ｘ",  # full-width digits and X
        "11010519491231002x",  # lower-case x
        " 110105 19491231 002x ",  # spaces from copying
        "110105\u300019491231002ｘ",  # ideographic space, full-width lower-case x
    ],
)
def test_input_is_normalized(text: str) -> None:
    assert parse_id_number(text, TODAY).number == "11010519491231002X"


def test_check_character() -> None:
    assert check_character("11010519491231002") == "X"
    assert check_character("44052418800101001") == "4"
    with pytest.raises(InvalidIdNumber):
        check_character("1234")


def test_default_today_accepts_past_birth() -> None:
    assert is_valid_id_number("34052419800101001X")
    assert not is_valid_id_number("340524198001010013")


def test_disability_certificate() -> None:
    assert is_disability_certificate("34052419800101001X42", TODAY)
    assert is_disability_certificate("34052419800101001x 42", TODAY)
    assert not is_disability_certificate("34052419800101001342", TODAY)  # bad embedded ID
    assert not is_disability_certificate("34052419800101001X4", TODAY)  # 19 characters
    assert not is_disability_certificate("34052419800101001XAB", TODAY)
    assert not is_disability_certificate("34052419800101001X", TODAY)


@pytest.mark.parametrize(
    ("birth", "on", "age"),
    [
        (date(2010, 5, 1), date(2026, 5, 1), 16),
        (date(2010, 5, 2), date(2026, 5, 1), 15),
        (date(2012, 2, 29), date(2026, 2, 28), 13),
        (date(2012, 2, 29), date(2026, 3, 1), 14),
        (date(2026, 1, 1), date(2026, 5, 1), 0),
    ],
)
def test_age_on(birth: date, on: date, age: int) -> None:
    assert age_on(birth, on) == age


@given(
    region=st.from_regex(rf"({'|'.join(PROVINCE_CODES)})[0-9]{{4}}", fullmatch=True),
    birth=st.dates(min_value=date(1900, 1, 1), max_value=date(1999, 12, 31)),
    sequence=st.integers(min_value=0, max_value=999),
)
def test_any_well_formed_number_round_trips(region: str, birth: date, sequence: int) -> None:
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    number = first17 + check_character(first17)
    parsed = parse_id_number(number.lower(), TODAY)
    assert parsed.number == number
    assert parsed.birth_date == birth
    assert parsed.sex == ("男" if sequence % 2 else "女")
    # The old 15-digit form of the same person upgrades to the same number.
    old = f"{region}{birth:%y%m%d}{sequence:03d}"
    assert parse_id_number(old, TODAY).number == number
    # Any other check character is refused.
    wrong = next(c for c in "0123456789X" if c != number[17])
    assert not is_valid_id_number(first17 + wrong, TODAY)
