"""Every value a received operation sets is checked against its column before anything is stored: a
signed operation whose value is not how the sending program spells that column's type is refused, the
refusal naming the device, the operation and the field. Fields and tables this version does not know
are kept in the log and not checked. (The checks a bundle's verification runs on each operation:
incoming._ValueChecks, with codec.value_check chosen once per column.)"""

from __future__ import annotations

from typing import Any

import pytest

import desktop.store.models  # noqa: F401  (the synced tables are known once their models are)
from desktop.store.oplog import GENESIS_HASH, Op
from desktop.sync.incoming import Rejected, _ValueChecks

ORIGIN = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"


def op(table: str, fields: dict[str, Any], seq: int = 7) -> Op:
    return Op.make(
        origin=ORIGIN,
        seq=seq,
        hlc=1_000 + seq,
        author="卓嘎",
        table=table,
        record_id="547410a1-bf33-5d04-a9f9-27211e322439",
        fields=fields,
        prev_hash=GENESIS_HASH,
    )


@pytest.mark.parametrize(
    ("table", "fields", "words"),
    [
        ("member", {"name": "央金", "birth_date": "1968-13-45"}, "member.birth_date 的值不对（应为日期）"),
        ("member", {"birth_date": 19680604}, "member.birth_date 的值不对（应为文本）"),
        ("member", {"work_months": "5"}, "member.work_months 的值不对（应为整数）"),
        ("member", {"work_months": True}, "member.work_months 的值不对（应为整数）"),
        ("member", {"dibao": "是"}, "member.dibao 的值不对（应为是/否）"),
        ("member", {"id_number": "5" * 21}, "member.id_number 的值不对（超过 20 个字）"),
        ("member", {"name": ["央金"]}, "member.name 的值不对（应为文本）"),
        ("income", {"wage": "七万"}, "income.wage 的值不对（应为数字）"),
        ("income", {"wage": "Infinity"}, "income.wage 的值不对（应为数字）"),
        ("income", {"wage": 70161}, "income.wage 的值不对（应为文本）"),
    ],
)
def test_a_malformed_value_is_refused_naming_the_field(
    table: str, fields: dict[str, Any], words: str
) -> None:
    checks = _ValueChecks()
    with pytest.raises(Rejected) as refused:
        checks.check(op(table, fields))
    message = refused.value.reason
    assert words in message
    assert f"设备 {ORIGIN[-8:]} 的第 7 条操作" in message and message.endswith("这个同步包不能导入")


def test_well_spelled_values_unknown_fields_and_unknown_tables_pass() -> None:
    checks = _ValueChecks()
    good = {
        "name": "央金",
        "birth_date": "1968-06-04",
        "work_months": 0,
        "dibao": False,
        "id_number": "513321196806047405",
        "health": None,
        "a_field_of_a_later_version": ["anything"],
    }
    for seq in range(3):  # the same table again: its checks were chosen once, they still apply
        checks.check(op("member", good, seq=seq))
    checks.check(op("income", {"wage": "70161.00", "year": 2025}))
    checks.check(op("a_table_of_a_later_version", {"anything": {"at": "all"}}))
    with pytest.raises(Rejected, match=r"member\.work_months 的值不对（应为整数）"):
        checks.check(op("member", {**good, "work_months": 1.5}, seq=9))
