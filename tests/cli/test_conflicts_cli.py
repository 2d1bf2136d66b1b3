"""``zhucun conflicts list | resolve`` on two real data folders of one village.

The commands are parsed by a parser built as desktop/cli.py builds its own (``ChineseArgumentParser``
with ``cli_conflicts.add_parsers``) and run by ``cli_conflicts.run``; the last test goes through
``desktop.cli.main`` once cli.py routes ``conflicts`` there.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from store.twodevices import Device, exchange, village_with_household

from desktop import cli
from desktop.cli import ChineseArgumentParser
from desktop.cli import conflicts as cli_conflicts
from desktop.domain.errors import UserError

TODAY = dt.date(2026, 11, 23)


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[list[Device]]:
    devices = village_with_household(tmp_path, lambda: TODAY)
    devices[0].edit("001", phone="13911111111")
    devices[1].edit("001", phone="13722222222")
    exchange(*devices)
    yield devices
    for device in devices:
        device.close()


@pytest.fixture
def zhucun(capsys: pytest.CaptureFixture[str]) -> Any:
    """``zhucun(device, "conflicts", "list")``: parse as the command line does, run, capture."""

    def run(device: Device, *argv: str) -> Run:
        parser = ChineseArgumentParser(prog="zhucun")
        cli_conflicts.add_parsers(parser.add_subparsers(dest="command", metavar="命令"))
        capsys.readouterr()
        try:
            args = parser.parse_args(list(argv))
            handler = cli_conflicts.HANDLERS[(args.command, args.action)]
            code = handler(device.ledger, args)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
        except UserError as exc:  # as cli.main reports it
            print(f"错误：{exc.message}", file=sys.stderr)
            code = exc.exit_code
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def test_list_prints_one_chinese_line_per_conflict(pair: list[Device], zhucun: Any) -> None:
    a, b = pair
    run = zhucun(a, "conflicts", "list")
    assert run.code == 0, run.err
    line, total = run.out.strip().splitlines()
    conflict_id = line.split()[0]
    assert len(conflict_id) == 12
    assert "户 001（卓嘎） 农户·联系电话：当前 " in line and "；另一值 " in line
    shown = a.household("001").phone
    assert f"当前 {shown}（" in line and "本机" in line
    assert total.startswith("共 1 个冲突")
    # the other device lists the same conflict under the same id
    assert zhucun(b, "conflicts", "list").out.split()[0] == conflict_id


def test_list_as_json(pair: list[Device], zhucun: Any) -> None:
    a, _b = pair
    run = zhucun(a, "conflicts", "list", "--json")
    (item,) = json.loads(run.out)
    assert item["field"] == "phone" and item["field_label"] == "联系电话"
    assert item["household_number"] == "001"
    assert {item["mine"]["value"], item["theirs"]["value"]} == {"13911111111", "13722222222"}


@pytest.mark.parametrize("keep", ["mine", "theirs"])
def test_resolve_then_the_list_is_empty_on_both_devices(pair: list[Device], zhucun: Any, keep: str) -> None:
    a, b = pair
    (item,) = json.loads(zhucun(a, "conflicts", "list", "--json").out)
    kept = item[keep]["value"]
    run = zhucun(a, "conflicts", "resolve", item["id"], "--keep", keep)
    assert run.code == 0, run.err
    assert run.out.startswith(f"已处理冲突 {item['id']}：户 001（卓嘎） 农户·联系电话 保留")
    assert kept in run.out
    assert zhucun(a, "conflicts", "list").out.strip() == "没有未处理的冲突"
    b.receive(a)
    assert zhucun(b, "conflicts", "list").out.strip() == "没有未处理的冲突"
    assert a.household("001").phone == b.household("001").phone == kept


def test_bad_input_is_one_chinese_line(pair: list[Device], zhucun: Any) -> None:
    a, _b = pair
    run = zhucun(a, "conflicts", "resolve", "abcdef123456", "--keep", "mine")
    assert (run.code, run.out) == (3, "")
    assert run.err.startswith("错误：没有找到编号为 abcdef123456 的冲突")
    run = zhucun(a, "conflicts", "resolve", "abcdef123456", "--keep", "both")
    assert run.code == 2 and run.err.startswith("错误：") and "mine" in run.err
    run = zhucun(a, "conflicts", "resolve", "abcdef123456")
    assert run.code == 2 and "缺少必需的参数" in run.err


def test_help_is_chinese(zhucun: Any, pair: list[Device]) -> None:
    run = zhucun(pair[0], "conflicts", "resolve", "--help")
    assert run.code == 0 and "保留本机现在显示的值" in run.out


@pytest.mark.skipif(
    ("conflicts", "list") not in cli.HANDLERS, reason="desktop/cli.py does not route conflicts yet"
)
def test_through_the_zhucun_command(pair: list[Device], capsys: pytest.CaptureFixture[str]) -> None:
    a, _b = pair
    home = a.ledger.store.location.home
    a.close()  # the command opens the data folder itself
    capsys.readouterr()
    assert cli.main(["--home", str(home), "conflicts", "list", "--json"]) == 0
    (item,) = json.loads(capsys.readouterr().out)
    assert cli.main(["--home", str(home), "conflicts", "resolve", item["id"], "--keep", "theirs"]) == 0
    assert "已处理冲突" in capsys.readouterr().out
    assert cli.main(["--home", str(home), "conflicts", "list"]) == 0
    assert capsys.readouterr().out.strip() == "没有未处理的冲突"
    assert cli.main(["--home", str(home), "conflicts", "resolve", item["id"], "--keep", "mine"]) == 3
    assert capsys.readouterr().err.startswith("错误：没有找到编号为")
