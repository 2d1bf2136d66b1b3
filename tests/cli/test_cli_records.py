"""``zhucun income``, ``measure`` and ``helper``: what a first secretary types, what the ledger then holds,
and a refused command that changes nothing (one Chinese line, the documented exit code)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from records import make_id_number

from desktop.cli import main
from desktop.services.context import Ledger
from desktop.services.households.households import add_household
from desktop.services.households.members import add_member


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def home(ledger: Ledger, tmp_path: Path) -> Path:
    """亚弄村 with household 001: 卓嘎 and her son 次仁."""
    add_household(
        ledger, number="001", head={"name": "卓嘎", "id_number": make_id_number(dt.date(1975, 1, 1), 2)}
    )
    add_member(ledger, "001", {"name": "次仁", "relation": "之子"})
    return tmp_path / "home"


@pytest.fixture
def zhucun(home: Path, capsys: pytest.CaptureFixture[str]):
    def run(*argv: str) -> Run:
        capsys.readouterr()
        try:
            code = main(["--home", str(home), *argv])
        except SystemExit as exc:  # argparse usage errors
            code = exc.code if isinstance(exc.code, int) else 2
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def dump(zhucun) -> str:
    result = zhucun("dump")
    assert result.code == 0, result.err
    return result.out


def refused(result: Run, code: int, *words: str) -> None:
    assert result.code == code, (result.code, result.err)
    assert result.err.startswith("错误：") and result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err
    for word in words:
        assert word in result.err, (word, result.err)


def test_income_set_and_list(zhucun) -> None:
    first = zhucun("income", "set", "001", "--year", "2025", "--wage", "5200", "--business", "3000",
                   "--costs", "800", "--dibao", "1200", "--pension", "900")  # fmt: skip
    assert first.code == 0, first.err
    assert "已记录 2025 年收入" in first.out and "纯收入 9500 元" in first.out
    assert "人均 4750 元（2 人）" in first.out and "当年贫困线" in first.out
    again = zhucun("income", "set", "001", "--year", "2025", "--wage", "6000")
    assert again.code == 0 and "已修改 2025 年收入：工资性收入" in again.out
    same = zhucun("income", "set", "001", "--year", "2025", "--wage", "6000")
    assert same.code == 0 and "没有变化" in same.out
    listed = zhucun("income", "list", "001")
    assert (
        listed.code == 0
        and "2025 年" in listed.out
        and "人均 5150 元" in listed.out
        and "共 1 年" in listed.out
    )
    (row,) = json.loads(zhucun("income", "list", "001", "--json").out)
    assert row["year"] == 2025 and row["transfer"] == "2100.00" and row["per_person"] == "5150.00"
    removed = zhucun("income", "remove", "001", "--year", "2025")
    assert removed.code == 0 and "共 0 年" in zhucun("income", "list", "001").out


def test_a_bad_amount_is_refused_with_one_chinese_line_and_nothing_changed(zhucun) -> None:
    assert zhucun("income", "set", "001", "--year", "2024", "--wage", "4000").code == 0
    before = dump(zhucun)
    refused(zhucun("income", "set", "001", "--year", "2024", "--wage", "4千"), 2, "工资性收入", "4千")
    refused(zhucun("income", "set", "001", "--year", "2024", "--dibao", "-30"), 2, "低保金", "负数")
    refused(
        zhucun("income", "set", "001", "--year", "2024", "--transfer", "100", "--eco", "300"), 2, "转移性收入"
    )
    refused(zhucun("income", "set", "001", "--year", "2099", "--wage", "1"), 2, "收入年度")
    refused(zhucun("income", "set", "009", "--year", "2024", "--wage", "1"), 3, "009")
    refused(zhucun("measure", "add", "001", "--group", "养猪", "--project", "x"), 2, "措施类别")
    refused(
        zhucun("measure", "add", "001", "--group", "产业", "--project", "牦牛", "--start", "2025-13-01"),
        2,
        "开始日期",
    )
    refused(zhucun("helper", "add", "001", "--name", "张华", "--phone", "1380000"), 2, "联系电话")
    refused(zhucun("helper", "change", "001", "--name", "李明"), 2, "没有帮扶责任人")
    refused(zhucun("measure", "edit", "0123456789ab", "--result", "x"), 3, "帮扶措施")
    assert dump(zhucun) == before


def test_measures_add_edit_archive_list(zhucun) -> None:
    added = zhucun("measure", "add", "001", "--group", "产业", "--project", "牦牛养殖", "--funds", "15000",
                   "--start", "2025-05-01", "--deadline", "2025-12-31", "--expected-gain", "3000")  # fmt: skip
    assert added.code == 0 and "已添加帮扶措施：产业·牦牛养殖" in added.out
    (record,) = json.loads(zhucun("measure", "list", "001", "--json").out)
    tail = record["id"][-8:]
    edited = zhucun("measure", "edit", tail, "--result", "出栏 3 头", "--signed", "是")
    assert edited.code == 0 and "帮扶成效" in edited.out and "成效户主签字" in edited.out
    listed = zhucun("measure", "list", "001").out
    assert "牦牛养殖" in listed and "资金 15000 元" in listed and "户主已签字" in listed
    assert zhucun("measure", "archive", tail, "--reason", "录错了户").code == 0
    assert "共 0 项" in zhucun("measure", "list", "001").out
    assert "已撤销：录错了户" in zhucun("measure", "list", "001", "--archived").out


def test_helpers_add_change_end_list(zhucun) -> None:
    added = zhucun("helper", "add", "001", "--name", "张华", "--unit", "县农业农村局", "--level", "县直",
                   "--phone", "13800001234", "--start", "2021-06-01")  # fmt: skip
    assert added.code == 0, added.err
    changed = zhucun(
        "helper", "change", "001", "--name", "李明", "--unit", "乡人民政府", "--date", "2026-03-01"
    )
    assert changed.code == 0 and "张华（帮扶至 2026-02-28）→ 李明（自 2026-03-01 起）" in changed.out
    rows = json.loads(zhucun("helper", "list", "001", "--json").out)
    assert [(r["helper_name"], r["end_on"], r["current"]) for r in rows] == [
        ("张华", "2026-02-28", False),
        ("李明", None, True),
    ]
    ended = zhucun("helper", "end", rows[1]["id"], "--date", "2026-10-31")
    assert ended.code == 0 and "李明 的帮扶已于 2026-10-31 结束" in ended.out
    listed = zhucun("helper", "list", "001").out
    assert "（当前）" not in listed and "共 2 人次" in listed
