"""Bad input on the command line: ONE clear Chinese line on stderr (``错误：…``), the documented exit code,
no traceback, and the ledger exactly as it was (``dump`` byte-identical before and after).

Exit codes (desktop/cli.py): 2 bad input · 3 not found · 4 the data folder or database cannot be used.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from records import make_id_number

from desktop.cli import main

ZHUOGA_ID = make_id_number(dt.date(1980, 1, 1), 12)  # 卓嘎, head of 001, a woman
CIREN_ID = make_id_number(dt.date(2010, 3, 3), 31)  # 次仁, her son
MAN_ID = make_id_number(dt.date(1985, 7, 1), 13)  # an odd sequence: a man
BAD_CHECK_DIGIT = "340524198001010013"  # the check character should be X
BAD_PROVINCE = make_id_number(dt.date(1985, 7, 2), 14, region="993301")  # right check digit, no province 99
BAD_PROVINCE_OLD = "203301850702014"  # an old 15-digit number from "province" 20
CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    def run(home: Path, *argv: str) -> Run:
        capsys.readouterr()
        try:
            code = main(["--home", str(home), *argv])
        except SystemExit as exc:  # argparse usage errors
            code = exc.code if isinstance(exc.code, int) else 2
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """亚弄村 with household 001 (卓嘎 and her son 次仁), built once through the command line."""
    home = tmp_path_factory.mktemp("template") / "home"
    for argv in (
        ["init", "--village-code", "513301", "--village-name", "亚弄村", "--user", "扎西", "--groups", "一组,二组",
         "--no-encryption"],
        ["household", "add", "--number", "001", "--head", "name=卓嘎", "--head", f"id_number={ZHUOGA_ID}",
         "--set", "phone=13800001234"],
        ["member", "add", "001", "--set", "name=次仁", "--set", f"id_number={CIREN_ID}", "--set", "relation=之子"],
    ):  # fmt: skip
        assert main(["--home", str(home), *argv]) == 0
    return home


@pytest.fixture
def home(template: Path, tmp_path: Path) -> Iterator[Path]:
    copy = tmp_path / "home"
    shutil.copytree(template, copy)
    yield copy


def dump(cli, home: Path) -> str:
    result = cli(home, "dump")
    assert result.code == 0, result.err
    return result.out


def assert_one_clear_line(result: Run, code: int) -> None:
    assert result.code == code, (result.code, result.err)
    assert "Traceback" not in result.err and "Traceback" not in result.out
    assert result.err.startswith("错误："), result.err
    assert result.err.count("\n") == 1 and result.err.endswith("\n"), result.err
    assert CJK.search(result.err[3:]), result.err
    assert "内部错误" not in result.err


BAD_INPUT = [
    # invalid ID numbers
    pytest.param(
        ["household", "add", "--number", "002", "--head", "name=顿珠", "--head", f"id_number={BAD_CHECK_DIGIT}"],
        2, "校验码", id="household-add-bad-check-digit",
    ),
    pytest.param(
        ["member", "add", "001", "--set", "name=拉姆", "--set", f"证件号码={BAD_CHECK_DIGIT}"],
        2, "校验码", id="member-add-bad-check-digit",
    ),
    pytest.param(
        ["member", "add", "001", "--set", "name=拉姆", "--set", f"id_number={BAD_PROVINCE}"],
        2, "前两位 99 不是省级行政区划代码", id="member-add-no-such-province",
    ),
    pytest.param(
        ["member", "add", "001", "--set", "name=拉姆", "--set", f"证件号码={BAD_PROVINCE_OLD}"],
        2, "前两位 20 不是省级行政区划代码", id="member-add-old-number-no-such-province",
    ),
    pytest.param(
        ["member", "add", "001", "--set", "name=拉姆", "--set", f"id_number={MAN_ID}", "--set", "sex=女"],
        2, "性别", id="member-add-sex-contradicts-id",
    ),
    pytest.param(
        ["household", "add", "--number", "002", "--head", "name=拉姆", "--head", f"id_number={MAN_ID}",
         "--head", "性别=女"],
        2, "性别", id="household-add-head-sex-contradicts-id",
    ),
    pytest.param(
        ["member", "edit", ZHUOGA_ID, "--set", "sex=男"], 2, "性别", id="member-edit-sex-contradicts-id",
    ),
    # an unknown 户编号
    pytest.param(["household", "show", "999"], 3, "999", id="show-unknown-household"),
    pytest.param(["household", "show", "999", "--json"], 3, "999", id="show-json-unknown-household"),
    pytest.param(["household", "edit", "999", "--set", "phone=1"], 3, "999", id="edit-unknown-household"),
    pytest.param(["member", "add", "999", "--set", "name=拉姆"], 3, "999", id="member-add-unknown-household"),
    pytest.param(["visit", "add", "999", "--content", "入户走访"], 3, "999", id="visit-unknown-household"),
    pytest.param(["assess", "999", "--set", "food_staple_ok=是"], 3, "999", id="assess-unknown-household"),
    pytest.param(["log", "999"], 3, "999", id="log-unknown-household"),
    pytest.param(["member", "edit", MAN_ID, "--set", "phone=1"], 3, MAN_ID, id="member-edit-unknown-member"),
    # the same person twice in the village
    pytest.param(
        ["member", "add", "001", "--set", "name=卓嘎", "--set", f"id_number={ZHUOGA_ID}"],
        2, "已登记", id="member-add-duplicate-id-number",
    ),
    pytest.param(
        ["household", "add", "--number", "002", "--head", "name=次仁", "--head", f"id_number={CIREN_ID}"],
        2, "已登记", id="household-add-head-duplicate-id-number",
    ),
    # fields and values
    pytest.param(["household", "edit", "001", "--set", "foo=1"], 2, "foo", id="unknown-field"),
    pytest.param(["household", "edit", "001", "--set", "phone"], 2, "字段=值", id="assignment-without-equals"),
    pytest.param(["household", "edit", "001", "--set", "house_grade=E"], 2, "住房鉴定等级", id="house-grade-E"),
    pytest.param(["household", "edit", "001", "--set", "category=富裕户"], 2, "富裕户", id="category-not-allowed"),
    pytest.param(["household", "edit", "001", "--set", "has_power=也许"], 2, "通生活用电", id="yes-no-not-yes-no"),
    pytest.param(["member", "edit", CIREN_ID, "--set", "work_months=abc"], 2, "务工时间", id="work-months-abc"),
    pytest.param(
        ["member", "add", "001", "--set", "name=拉姆", "--set", "birth_date=2026-13-45"],
        2, "2026-13-45", id="birth-date-impossible",
    ),
    pytest.param(["member", "add", "001", "--set", "sex=女"], 2, "姓名", id="member-add-without-name"),
    # protected fields are changed by their own commands only
    pytest.param(
        ["member", "edit", CIREN_ID, "--set", "household_id=01a2092b-cada-7731-a68a-69d7addb5dc7"],
        2, "household_id", id="protected-household-id",
    ),
    pytest.param(["household", "edit", "001", "--set", "archived=是"], 2, "archived", id="protected-archived"),
    # visits
    pytest.param(
        ["visit", "add", "001", "--content", "入户走访", "--date", "2099-01-01"], 2, "2099-01-01",
        id="visit-in-the-future",
    ),
    pytest.param(["visit", "add", "001", "--content", "入户走访", "--kind", "上门"], 2, "上门", id="visit-kind"),
    pytest.param(["visit", "add", "001", "--content", "  "], 2, "走访内容", id="visit-without-content"),
    pytest.param(
        ["visit", "add", "001", "--content", "入户走访", "--follow-up", "核实医保@2026-02-30"],
        2, "2026-02-30", id="follow-up-impossible-due-date",
    ),
    pytest.param(
        ["visit", "add", "001", "--content", "入户走访", "--follow-up", "@2026-12-01"],
        2, "后续事项", id="follow-up-without-action",
    ),
    pytest.param(
        ["assess", "001", "--date", "2099-01-01", "--set", "food_staple_ok=是"], 2, "2099-01-01",
        id="assess-in-the-future",
    ),
    pytest.param(["assess", "001", "--set", "food_answer=好"], 2, "达标", id="assess-answer-not-allowed"),
    # households
    pytest.param(["household", "add", "--number", "001", "--head", "name=顿珠"], 2, "001", id="duplicate-number"),
    pytest.param(["household", "add", "--number", "002"], 2, "户主姓名", id="household-add-without-head-name"),
    pytest.param(
        ["household", "add", "--number", "002", "--head", "name="], 2, "户主姓名", id="household-add-empty-head"
    ),
    pytest.param(["household", "add", "--number", " ", "--head", "name=顿珠"], 2, "户编号", id="empty-number"),
    pytest.param(["household", "archive", "001", "--reason", " "], 2, "原因", id="archive-without-reason"),
    pytest.param(["dump", "--village", "999999"], 3, "999999", id="dump-unknown-village"),
]  # fmt: skip


@pytest.mark.parametrize(("argv", "code", "mentions"), BAD_INPUT)
def test_bad_input_gives_one_chinese_line_and_changes_nothing(
    home: Path, cli, argv: list[str], code: int, mentions: str
) -> None:
    before = dump(cli, home)
    result = cli(home, *argv)
    assert_one_clear_line(result, code)
    assert mentions in result.err
    assert result.out == ""
    assert dump(cli, home) == before


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["household", "edit", "001", "--set", "户编号="], id="household-number"),
        pytest.param(["member", "edit", ZHUOGA_ID, "--set", "name="], id="member-name"),
    ],
)
def test_a_required_field_cannot_be_emptied(home: Path, cli, argv: list[str]) -> None:
    before = dump(cli, home)
    result = cli(home, *argv)
    assert_one_clear_line(result, 2)
    assert dump(cli, home) == before


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["assess", "001", "--set", "foo=1"], id="unknown-field"),
        pytest.param(["assess", "001", "--set", "food_staple_ok=也许"], id="yes-no"),
    ],
)
def test_assess_errors_name_the_field_in_chinese(home: Path, cli, argv: list[str]) -> None:
    result = cli(home, *argv)
    assert_one_clear_line(result, 2)
    assert not re.search(r"assessment|food_", result.err), result.err


def test_log_of_an_unknown_household_number_does_not_talk_about_id_numbers(home: Path, cli) -> None:
    result = cli(home, "log", "999")
    assert_one_clear_line(result, 3)
    assert "户编号" in result.err  # the reference may be either: say so, not only "ID number"


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["visit", "add", "001"], id="missing-required-option"),
        pytest.param(["household", "list", "--bogus"], id="unknown-option"),
    ],
)
def test_usage_errors_give_one_chinese_line(home: Path, cli, argv: list[str]) -> None:
    result = cli(home, *argv)
    assert_one_clear_line(result, 2)


# --- the data folder and the database --------------------------------------------------------------


def make_ours_newer(db: Path) -> None:
    connection = sqlite3.connect(db)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = 'ffff_future'")
    connection.close()


def make_text_file(db: Path) -> None:
    db.write_text("户编号,户主,电话\n001,卓嘎,13800001234\n" * 20, encoding="utf-8")


def make_other_apps_sqlite(db: Path) -> None:
    db.unlink()
    connection = sqlite3.connect(db)
    with connection:
        connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
        connection.execute("INSERT INTO photos (name) VALUES ('卓嘎家.jpg')")
    connection.close()


@pytest.mark.parametrize(
    ("make", "mentions"),
    [
        pytest.param(make_text_file, "不是驻村台账的数据库", id="text-file"),
        pytest.param(make_other_apps_sqlite, "不是驻村台账的数据库", id="other-apps-sqlite"),
        pytest.param(make_ours_newer, "升级", id="newer-than-the-program"),
    ],
)
@pytest.mark.parametrize(
    "argv",
    [["household", "list"], ["dump"], ["household", "add", "--number", "9", "--head", "name=顿珠"]],
    ids=["list", "dump", "add"],
)
def test_a_database_we_cannot_use_is_refused_with_exit_4(
    home: Path, cli, make, mentions: str, argv: list[str]
) -> None:
    db = home / "zhucun.sqlite3"
    make(db)
    result = cli(home, *argv)
    assert_one_clear_line(result, 4)
    assert mentions in result.err and "未做任何改动" in result.err
    assert result.out == ""


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(make_text_file, id="text-file"),
        pytest.param(make_ours_newer, id="newer-than-the-program"),
        pytest.param(make_other_apps_sqlite, id="other-apps-sqlite"),
    ],
)
def test_a_refused_database_file_is_left_byte_for_byte_unchanged(home: Path, cli, make) -> None:
    db = home / "zhucun.sqlite3"
    make(db)
    before = db.read_bytes()
    assert cli(home, "household", "list").code == 4
    assert db.read_bytes() == before
    assert not (home / "zhucun.sqlite3-wal").exists() or (home / "zhucun.sqlite3-wal").stat().st_size == 0


def test_backup_of_a_database_that_is_not_ours_is_refused_with_exit_4(
    home: Path, cli, tmp_path: Path
) -> None:
    make_text_file(home / "zhucun.sqlite3")
    usb = tmp_path / "usb"
    result = cli(home, "backup", "--to", str(usb))
    assert_one_clear_line(result, 4)
    assert not usb.exists() or list(usb.iterdir()) == []


def test_backup_of_a_folder_without_a_ledger_is_refused(tmp_path: Path, cli) -> None:
    empty = tmp_path / "empty"
    result = cli(empty, "backup")
    assert_one_clear_line(result, 4)
    assert not empty.exists() or list(empty.iterdir()) == []


def test_a_folder_without_a_ledger_is_refused_and_left_empty(tmp_path: Path, cli) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli(empty, "household", "list")
    assert_one_clear_line(result, 4)
    assert "zhucun init" in result.err
    assert list(empty.iterdir()) == []


def test_a_second_init_is_refused_and_changes_nothing(home: Path, cli) -> None:
    before = dump(cli, home)
    db_before = (home / "zhucun.sqlite3").read_bytes()
    result = cli(home, "init", "--village-code", "513302", "--village-name", "别的村", "--user", "次仁")
    assert_one_clear_line(result, 2)
    assert "已经初始化过（亚弄村）" in result.err and "未做任何改动" in result.err
    assert (home / "zhucun.sqlite3").read_bytes() == db_before
    assert dump(cli, home) == before
