"""Citizen ID numbers (居民身份证号码, GB 11643-1999) and the 20-digit disability certificate number.

Numbers arrive typed on phones and copied from spreadsheets, so they are normalized before any check:
full-width digits, stray spaces and a lower-case x are common and not errors.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from desktop.domain.errors import InvalidInput

# GB 11643-1999: weights for the first 17 digits; the sum mod 11 indexes the check characters.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARACTERS = "10X98765432"

# GB/T 2260 (中华人民共和国行政区划代码): the province-level codes, the first two digits of every ID
# number. County codes are deliberately not checked: a number keeps the code of the county that issued
# it, and counties have been merged and renamed since (a table would refuse real people).
PROVINCE_CODES: dict[str, str] = {
    "11": "北京市", "12": "天津市", "13": "河北省", "14": "山西省", "15": "内蒙古自治区",
    "21": "辽宁省", "22": "吉林省", "23": "黑龙江省",
    "31": "上海市", "32": "江苏省", "33": "浙江省", "34": "安徽省", "35": "福建省", "36": "江西省",
    "37": "山东省",
    "41": "河南省", "42": "湖北省", "43": "湖南省", "44": "广东省", "45": "广西壮族自治区", "46": "海南省",
    "50": "重庆市", "51": "四川省", "52": "贵州省", "53": "云南省", "54": "西藏自治区",
    "61": "陕西省", "62": "甘肃省", "63": "青海省", "64": "宁夏回族自治区", "65": "新疆维吾尔自治区",
    "71": "台湾省", "81": "香港特别行政区", "82": "澳门特别行政区",
}  # fmt: skip

_DIGITS_17 = re.compile(r"[0-9]{17}")
_DIGITS = re.compile(r"[0-9]+")


class InvalidIdNumber(InvalidInput):
    """An ID number that cannot be right; the message says why."""


@dataclass(frozen=True)
class IdNumber:
    number: str  # 18 characters, check character upper-case
    region: str  # 6-digit administrative division code at registration
    birth_date: date
    sex: str  # "男" or "女", from the parity of the sequence number

    def __str__(self) -> str:
        return self.number


def normalize(text: str) -> str:
    """Half-width, no whitespace, upper-case X: the form numbers are stored and compared in."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(folded.split()).upper()


def check_character(first17: str) -> str:
    """The 18th character for the given first 17 digits."""
    if not _DIGITS_17.fullmatch(first17):
        raise InvalidIdNumber("计算校验码需要 17 位数字")
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARACTERS[total % 11]


def parse_id_number(text: str, today: date | None = None) -> IdNumber:
    """Check and normalize an ID number; old 15-digit numbers are upgraded to 18.

    ``today`` bounds the birth date; it defaults to the system date and is a parameter for tests.
    """
    number = normalize(text)
    if not number:
        raise InvalidIdNumber("身份证号为空")
    if len(number) not in (15, 18):
        raise InvalidIdNumber(f"身份证号长度应为 18 位（或旧 15 位），实为 {len(number)} 位")
    digits_part = number if len(number) == 15 else number[:17]
    last = "" if len(number) == 15 else number[17]
    if not _DIGITS.fullmatch(digits_part) or (last and last not in "0123456789X"):
        raise InvalidIdNumber("身份证号含有非数字字符")
    if number[:2] not in PROVINCE_CODES:
        raise InvalidIdNumber(f"身份证号前两位 {number[:2]} 不是省级行政区划代码（GB/T 2260）")

    if len(number) == 15:
        # Old numbers (before 1999) have a 2-digit year, all in the 1900s, and no check character.
        first17 = number[:6] + "19" + number[6:]
        number = first17 + check_character(first17)

    birth_text = number[6:14]
    birth = _birth_date(birth_text)
    if birth > (today or date.today()):
        raise InvalidIdNumber(f"身份证号中的出生日期 {birth_text} 晚于今天")

    expected = check_character(number[:17])
    if number[17] != expected:
        raise InvalidIdNumber(f"身份证号 {number} 校验码错误：应为 {expected}，实为 {number[17]}")

    sex = "男" if int(number[16]) % 2 == 1 else "女"
    return IdNumber(number=number, region=number[:6], birth_date=birth, sex=sex)


def is_valid_id_number(text: str, today: date | None = None) -> bool:
    try:
        parse_id_number(text, today)
    except InvalidIdNumber:
        return False
    return True


def is_disability_certificate(text: str, today: date | None = None) -> bool:
    """The 残疾人证 number is the holder's 18-character ID number followed by 2 digits (kind, grade)."""
    number = normalize(text)
    if len(number) != 20 or not number[18:].isdigit():
        return False
    # 15-digit IDs never appear here: the certificate always embeds the 18-character form.
    return is_valid_id_number(number[:18], today)


def age_on(birth: date, on: date) -> int:
    """Full years completed on ``on`` (周岁); someone born on 29 February turns a year older on 1 March."""
    before_birthday = (on.month, on.day) < (birth.month, birth.day)
    return on.year - birth.year - (1 if before_birthday else 0)


def _birth_date(text: str) -> date:
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        raise InvalidIdNumber(f"身份证号中的出生日期 {text} 不存在") from None
