"""``zhucun xlsx import | export`` as typed, with what they print and their exit codes."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from desktop.cli import ChineseArgumentParser
from desktop.cli import xlsx as cli_xlsx
from desktop.services.context import Ledger
from desktop.services.households.households import list_households

from .sheets import family, write_rows


def run(ledger: Ledger, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    parser = ChineseArgumentParser(prog="zhucun")
    cli_xlsx.add_parsers(parser.add_subparsers(dest="command"))
    args: argparse.Namespace = parser.parse_args(list(argv))
    capsys.readouterr()
    code = cli_xlsx.HANDLERS[(args.command, args.action)](ledger, args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_import_dry_run_then_import_then_export(
    ledger: Ledger, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_rows(tmp_path / "台账.xlsx", family("001", 0) + family("002", 1))
    code, out, _ = run(ledger, capsys, "xlsx", "import", str(path), "--dry-run")
    assert code == 0 and list_households(ledger) == []
    assert "将新增 户 001（户主 户主0，4 人）" in out
    assert "试运行，未写入：将新增 2 户、8 人；将修改 0 户、0 人（共 0 项）；不变 0 户、0 人" in out

    code, out, _ = run(ledger, capsys, "xlsx", "import", str(path))
    assert (
        code == 0
        and out.splitlines()[-1] == "已新增 2 户、8 人；已修改 0 户、0 人（共 0 项）；不变 0 户、0 人"
    )
    assert "读取 台账.xlsx 工作表“花名册”：表头在第 1 行，数据 8 行" in out

    code, out, _ = run(ledger, capsys, "xlsx", "export", "roster", str(tmp_path / "出.xlsx"))
    assert (code, out.strip()) == (0, f"已导出花名册 {tmp_path / '出.xlsx'}：2 户，8 人")
    code, out, _ = run(ledger, capsys, "xlsx", "export", "gaps", str(tmp_path / "短板.xlsx"))
    assert code == 0 and "户有短板" in out
    code, out, _ = run(ledger, capsys, "xlsx", "export", "visits", str(tmp_path / "走访.xlsx"))
    assert code == 0 and "0 次走访" in out


def test_problems_exit_2_name_the_cell_and_write_the_copy(
    ledger: Ledger, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = family("001", 0) + family("002", 1)
    rows[5]["民族"] = "火星族"
    path = write_rows(tmp_path / "台账.xlsx", rows)
    copy = tmp_path / "问题.xlsx"
    code, out, err = run(ledger, capsys, "xlsx", "import", str(path), "--problems", str(copy))
    assert code == 2 and list_households(ledger) == []
    assert (
        "发现 1 处问题：" in err
        and "工作表“花名册” 第 7 行 K 列（民族）：民族“火星族”不在国家代码表“民族”中，最接近的是“" in err
    )
    assert f"已另存标出问题的表格：{copy}" in err and copy.exists()
    assert "有问题，未导入任何数据：改正后重新导入，或用 --accept-valid 只导入没有问题的户" in err
    assert "已新增" not in out

    code, out, err = run(ledger, capsys, "xlsx", "import", str(path), "--accept-valid")
    assert code == 0 and "未导入（有问题）：户编号 002（第 6、7、8、9 行）" in err
    assert [r.number for r in list_households(ledger)] == ["001"]


def test_an_unknown_export_is_a_usage_error(ledger: Ledger, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(ledger, capsys, "xlsx", "export", "income", "x.xlsx")
    assert exit_info.value.code == 2
    assert "可选：" in capsys.readouterr().err
