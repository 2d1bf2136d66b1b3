"""``zhucun ledger …`` through its parsers and handlers (the way cli.py dispatches them)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from records import make_id_number

from desktop.cli import ChineseArgumentParser
from desktop.cli import printing as cli_ledgers
from desktop.domain.errors import UserError
from desktop.services.context import Ledger
from desktop.services.households.households import add_household

from . import pdf
from .conftest import Village


def run(village: Village | Ledger, *argv: str) -> int:
    parser = ChineseArgumentParser(prog="zhucun")
    cli_ledgers.add_parsers(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    ledger = village.ledger if isinstance(village, Village) else village
    return cli_ledgers.HANDLERS[(args.command, args.action)](ledger, args)


def test_every_command_writes_its_pdf(
    village: Village, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(village, "ledger", "household", village.monitored, "--out", str(out / "hh.pdf")) == 0
    assert run(village, "ledger", "roster", "--out", str(out / "roster.pdf"), "--registered") == 0
    assert run(village, "ledger", "card", village.rare, village.zhuoga, "--out", str(out / "card.pdf")) == 0
    assert (
        run(village, "ledger", "notice", "--purpose", "监测对象识别", "--out", str(out / "notice.pdf")) == 0
    )
    printed = capsys.readouterr()
    assert printed.out.count("已写入") == 4
    assert "照片的文件本机还没有" in printed.err  # the photo whose blob has not arrived
    assert pdf.info(out / "card.pdf")["Pages"] == "2"
    roster = pdf.squash(pdf.text(out / "roster.pdf"))
    # --registered: the 非贫困户 of 卓嘎 is left out (户编号 prints in two lines of 8 digits)
    assert "建档立卡人口台账" in roster and "金野以匹" in roster
    assert village.rare[8:] in roster and village.zhuoga[8:] not in roster


def test_households_into_a_folder(ledger: Ledger, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf.need_poppler()
    for number, (name, birth) in enumerate(
        (("卓嘎", dt.date(1980, 1, 1)), ("金野以匹", dt.date(1968, 3, 9))), 1
    ):
        add_household(
            ledger, number=f"00{number}", head={"name": name, "id_number": make_id_number(birth, 31)}
        )
    assert run(ledger, "ledger", "households", "--out", str(tmp_path / "files")) == 0
    assert sorted(p.name for p in (tmp_path / "files").iterdir()) == ["001-卓嘎.pdf", "002-金野以匹.pdf"]
    assert "已写入 2 个文件" in capsys.readouterr().out
    assert run(ledger, "ledger", "households", "--out", str(tmp_path / "one.pdf"), "--combined") == 0
    assert pdf.outline_titles(tmp_path / "one.pdf") == ["001 卓嘎", "002 金野以匹"]


def test_bad_input_is_a_user_error(village: Village, out: Path) -> None:
    with pytest.raises(UserError) as refused:
        run(village, "ledger", "notice", "--purpose", "随便", "--out", str(out / "n.pdf"))
    assert refused.value.exit_code == 2
    with pytest.raises(UserError) as missing:
        run(village, "ledger", "household", "0000", "--out", str(out / "n.pdf"))
    assert missing.value.exit_code == 3
    with pytest.raises(UserError) as bad_date:
        run(
            village,
            "ledger",
            "notice",
            "--purpose",
            "风险消除",
            "--from",
            "明天",
            "--out",
            str(out / "n.pdf"),
        )
    assert bad_date.value.exit_code == 2
    with pytest.raises(SystemExit):
        run(village, "ledger", "roster")  # --out is required
    assert list(out.iterdir()) == []


def test_two_households_of_one_file_name_in_a_job_both_print(
    ledger: Ledger, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``00/1`` and ``00:1`` are both ``00_1`` on disk: the second gets `` (2)``, neither is lost."""
    for number, sequence in (("00/1", 31), ("00:1", 33)):
        add_household(
            ledger, number=number, head={"name": "卓嘎", "id_number": make_id_number(dt.date(1980, 1, 1), sequence)}
        )
    assert run(ledger, "ledger", "households", "--out", str(tmp_path / "files")) == 0
    assert sorted(p.name for p in (tmp_path / "files").iterdir()) == ["00_1-卓嘎 (2).pdf", "00_1-卓嘎.pdf"]
    assert "已写入 2 个文件" in capsys.readouterr().out
