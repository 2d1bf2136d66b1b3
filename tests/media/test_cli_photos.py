"""``zhucun photo add | list | edit | archive``: one line per file, exit code 2 when any file failed.

Commands are parsed by a parser built as desktop/cli.py builds its own (``ChineseArgumentParser`` with
``cli_photos.add_parsers``) and run by ``cli_photos.HANDLERS``; the last test goes through
``desktop.cli.main`` once cli.py routes ``photo`` there.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from records import make_id_number

from desktop import cli
from desktop.cli import ChineseArgumentParser
from desktop.cli import photos as cli_photos
from desktop.domain.errors import UserError
from desktop.services.context import Ledger

from .pictures import phone_jpeg, png_claiming, scene, write

TAKEN = dt.datetime(2026, 5, 1, 10, 30, 15)


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def zhucun(village: Ledger, capsys: pytest.CaptureFixture[str]) -> Any:
    def run(*argv: str) -> Run:
        parser = ChineseArgumentParser(prog="zhucun")
        cli_photos.add_parsers(parser.add_subparsers(dest="command", metavar="命令"))
        capsys.readouterr()
        try:
            args = parser.parse_args(list(argv))
            code = cli_photos.HANDLERS[(args.command, args.action)](village, args)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
        except UserError as exc:  # as cli.main reports it
            print(f"错误：{exc.message}", file=sys.stderr)
            code = exc.exit_code
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def test_add_prints_one_line_per_file_and_exits_2_when_one_failed(zhucun: Any, stick: Path) -> None:
    good = write(stick, "IMG_0001.jpg", phone_jpeg(scene(), orientation=6, taken=TAKEN))
    bomb = write(stick, "炸弹.png", png_claiming(100_000, 100_000))
    other = write(stick, "IMG_0002.jpg", phone_jpeg(scene(400, 200)))
    run = zhucun("photo", "add", "001", str(good), str(bomb), str(other), "--dimension", "住房安全")
    assert run.code == 2
    out = run.out.strip().splitlines()
    assert len(out) == 2
    assert (
        out[0].startswith(f"{good}：已添加到户 001")
        and "200×400" in out[0]
        and "拍摄于 2026-05-01 10:30" in out[0]
    )
    assert out[1].startswith(f"{other}：已添加到户 001")
    (err,) = run.err.strip().splitlines()
    assert err.startswith(f"{bomb}：") and "解压炸弹" in err

    again = zhucun("photo", "add", "001", str(good))
    assert again.code == 0, again.err  # already there: not a failure
    assert "未重复添加" not in again.out  # other attachments (no dimension): a separate record
    assert zhucun("photo", "add", "001", str(good)).out.count("未重复添加") == 1


def test_list_and_edit(zhucun: Any, stick: Path) -> None:
    good = write(stick, "IMG_0001.jpg", phone_jpeg(scene(), taken=TAKEN))
    assert zhucun("photo", "add", "001", str(good), "--caption", "入户").code == 0
    listing = zhucun("photo", "list", "001")
    assert listing.code == 0
    line, total = listing.out.strip().splitlines()
    photo_id = line.split()[0]
    assert "2026-05-01 10:30" in line and "200×400" in line and line.endswith("入户")
    assert total == "共 1 张"

    edited = zhucun(
        "photo", "edit", photo_id[-8:], "--caption", "危房改造后", "--taken-at", "2026-05-02 9:05"
    )
    assert edited.code == 0 and edited.out.strip() == "已修改：照片说明、拍摄时间"
    line = zhucun("photo", "list", "001").out.splitlines()[0]
    assert "2026-05-02 09:05" in line and line.endswith("危房改造后")
    assert zhucun("photo", "edit", photo_id, "--caption", "危房改造后").out.strip() == "没有变化"

    bad = zhucun("photo", "edit", photo_id, "--taken-at", "五月一日")
    assert bad.code == 2 and "拍摄时间“五月一日”无效" in bad.err
    assert zhucun("photo", "archive", photo_id, "--reason", "加错了户").code == 0
    assert zhucun("photo", "list", "001").out.strip() == "共 0 张"


def test_unknown_household_and_dimension_are_one_chinese_line(zhucun: Any, stick: Path) -> None:
    good = write(stick, "IMG_0001.jpg", phone_jpeg(scene()))
    missing = zhucun("photo", "add", "999", str(good))
    assert missing.code == 3 and missing.err.strip() == "错误：没有找到户编号为 999 的农户"
    wrong = zhucun("photo", "add", "001", str(good), "--dimension", "住房")
    assert wrong.code == 2 and wrong.err.startswith("错误：核查项不能是“住房”")


@pytest.mark.skipif(("photo", "add") not in cli.HANDLERS, reason="cli.py does not route photo yet")
def test_the_real_command_line(tmp_path: Path, stick: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = str(tmp_path / "cli-home")
    village = ["--village-code", "513301", "--village-name", "亚弄村", "--user", "扎西"]
    assert cli.main(["--home", home, "init", *village, "--no-encryption"]) == 0
    head = ["--head", "name=卓嘎", "--head", f"id_number={make_id_number(dt.date(1970, 1, 1), 2)}"]
    assert cli.main(["--home", home, "household", "add", "--number", "001", *head]) == 0
    good = write(stick, "IMG_0001.jpg", phone_jpeg(scene()))
    empty = write(stick, "空.jpg", b"")
    capsys.readouterr()
    assert cli.main(["--home", home, "photo", "add", "001", str(good), str(empty)]) == 2
    captured = capsys.readouterr()
    assert "已添加到户 001" in captured.out and f"{empty}：是空文件" in captured.err
