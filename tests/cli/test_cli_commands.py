"""The ``zhucun`` command line as a secretary uses it: every command run in-process on a real data folder.

Each test drives ``desktop.cli.main`` with ``--home`` and reads what a person would read: the exit code,
stdout and the one line on stderr. One test starts ``python -m desktop`` for real.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from records import make_id_number

from desktop.cli import main

REPO = Path(__file__).resolve().parents[2]
ZHUOGA_ID = make_id_number(dt.date(1980, 1, 1), 12)  # a woman
CIREN_ID = make_id_number(dt.date(2010, 3, 3), 31)  # a boy
DUNZHU_ID = make_id_number(dt.date(1975, 6, 15), 7)  # a man


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """``cli(home, "household", "list")`` runs ``zhucun --home HOME household list`` in this process."""

    def run(home: Path, *argv: str) -> Run:
        capsys.readouterr()
        try:
            code = main(["--home", str(home), *argv])
        except SystemExit as exc:  # argparse: --help, --version, usage errors
            code = exc.code if isinstance(exc.code, int) else 2
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def home(tmp_path: Path, cli) -> Path:
    """A data folder initialised for 亚弄村 through the command line."""
    folder = tmp_path / "home"
    result = cli(
        folder, "init", "--village-code", "513301", "--village-name", "亚弄村", "--user", "扎西",
        "--province", "四川省", "--groups", "一组,二组", "--no-encryption",
    )  # fmt: skip
    assert result.code == 0, result.err
    return folder


def add_zhuoga(cli, home: Path) -> None:
    result = cli(
        home, "household", "add", "--number", "001", "--head", "name=卓嘎", "--head", f"id_number={ZHUOGA_ID}",
        "--set", "贫困户属性=脱贫户", "--set", "phone=13800001234", "--set", "村民小组=一组",
    )  # fmt: skip
    assert result.code == 0, result.err


def add_dunzhu(cli, home: Path) -> None:
    result = cli(
        home, "household", "add", "--number", "002", "--head", "name=顿珠", "--head", f"id_number={DUNZHU_ID}",
        "--set", "phone=13700005678",
    )  # fmt: skip
    assert result.code == 0, result.err


def show(cli, home: Path, number: str = "001") -> Any:
    """The household as JSON with full numbers (what the edits under test wrote)."""
    result = cli(home, "household", "show", number, "--json", "--show-numbers")
    assert result.code == 0, result.err
    return result.json()


def dump(cli, home: Path) -> str:
    result = cli(home, "dump")
    assert result.code == 0, result.err
    return result.out


def household_phone(db: Path, number: str = "001") -> str:
    """Read straight from a database file, without the program (a backup must stand on its own)."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return connection.execute("SELECT phone FROM household WHERE number = ?", (number,)).fetchone()[0]
    finally:
        connection.close()


# --- init ------------------------------------------------------------------------------------------


def test_init_sets_up_the_village_and_an_empty_ledger(tmp_path: Path, cli) -> None:
    folder = tmp_path / "fresh"
    result = cli(
        folder, "init", "--village-code", "513301", "--village-name", "亚弄村", "--user", "扎西",
        "--no-encryption",
    )  # fmt: skip
    assert result.code == 0 and result.err.startswith("警告：台账不加密")
    assert len(result.err.splitlines()) == 1  # one line, and the ledger made regardless
    assert "已初始化：亚弄村" in result.out
    assert (folder / "zhucun.sqlite3").is_file()
    listing = cli(folder, "household", "list")
    assert listing.code == 0 and listing.out.strip() == "共 0 户"
    villages = json.loads(dump(cli, folder))["village"]
    assert [(v["code"], v["name"]) for v in villages] == [("513301", "亚弄村")]


# --- household add / list / show / edit ------------------------------------------------------------


def test_household_add_takes_head_fields_and_fields_by_name_or_chinese_label(home: Path, cli) -> None:
    result = cli(
        home, "household", "add", "--number", "001", "--head", "name=卓嘎", "--head", f"id_number={ZHUOGA_ID}",
        "--set", "贫困户属性=脱贫户", "--set", "phone=13800001234", "--set", "村民小组=一组",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "已新增农户 001" in result.out and "卓嘎" in result.out
    detail = show(cli, home)
    assert detail["fields"]["category"] == "脱贫户"  # by Chinese label
    assert detail["fields"]["phone"] == "13800001234"  # by English name
    assert detail["fields"]["group_name"] == "一组"
    (head,) = detail["members"]
    assert (head["name"], head["relation"], head["id_number"]) == ("卓嘎", "本人或户主", ZHUOGA_ID)
    # sex and birth date follow from the ID number
    assert (head["sex"], head["birth_date"]) == ("女", "1980-01-01")


def test_household_list_as_text_and_json(home: Path, cli) -> None:
    add_zhuoga(cli, home)
    add_dunzhu(cli, home)
    text = cli(home, "household", "list")
    assert text.code == 0
    lines = text.out.splitlines()
    assert lines[0].split("\t")[:2] == ["001", "卓嘎"] and "脱贫户" in lines[0]
    assert lines[1].split("\t")[:2] == ["002", "顿珠"]
    assert lines[-1] == "共 2 户"
    rows = cli(home, "household", "list", "--json").json()
    assert [(r["number"], r["head_name"], r["member_count"]) for r in rows] == [
        ("001", "卓嘎", 1),
        ("002", "顿珠", 1),
    ]


@pytest.mark.parametrize(
    "search",
    [
        pytest.param("zg", id="pinyin-initials"),
        pytest.param("ZG", id="pinyin-initials-upper-case"),
        pytest.param("zhuoga", id="full-pinyin"),
        pytest.param("卓嘎", id="name"),
        pytest.param("19800101", id="id-number-digits"),
        pytest.param("1234", id="phone"),
    ],
)
def test_household_search_finds_by_pinyin_initials_id_number_and_phone(home: Path, cli, search: str) -> None:
    add_zhuoga(cli, home)
    add_dunzhu(cli, home)
    rows = cli(home, "household", "list", "--search", search, "--json").json()
    assert [r["number"] for r in rows] == ["001"]


def test_household_search_with_no_match_lists_nothing(home: Path, cli) -> None:
    add_zhuoga(cli, home)
    result = cli(home, "household", "list", "--search", "wxyz")
    assert result.code == 0 and result.out.strip() == "共 0 户"


def test_household_show_as_text(home: Path, cli) -> None:
    add_zhuoga(cli, home)
    result = cli(home, "household", "show", "001")
    assert result.code == 0, result.err
    assert result.out.startswith("户编号 001（亚弄村）")
    assert "贫困户属性：脱贫户" in result.out
    assert "家庭成员（1 人）" in result.out and "卓嘎\t本人或户主\t女" in result.out
    assert "两不愁三保障及饮水安全" in result.out and "不愁吃：待核实" in result.out


def test_household_show_masks_numbers_unless_asked(home: Path, cli) -> None:
    """As every list: ID numbers 513301********1234, phones 138****1234, bank accounts ****1234, in the
    text and in --json; --show-numbers shows them whole."""
    add_zhuoga(cli, home)
    assert cli(home, "household", "edit", "001", "--set", "bank_account=6214578594959614485").code == 0
    text = cli(home, "household", "show", "001").out
    assert "联系电话：138****1234" in text and "13800001234" not in text
    masked = cli(home, "household", "show", "001", "--json")
    assert masked.code == 0, masked.err
    assert (
        "13800001234" not in masked.out
        and ZHUOGA_ID not in masked.out
        and "6214578594959614485" not in masked.out
    )
    detail = masked.json()
    assert detail["fields"]["phone"] == "138****1234"
    assert detail["fields"]["bank_account"] == "*" * 15 + "4485"
    assert detail["members"][0]["id_number"] == ZHUOGA_ID[:6] + "********" + ZHUOGA_ID[-4:]
    full = cli(home, "household", "show", "001", "--json", "--show-numbers").json()
    assert (full["fields"]["phone"], full["members"][0]["id_number"]) == ("13800001234", ZHUOGA_ID)
    assert "联系电话：13800001234" in cli(home, "household", "show", "001", "--show-numbers").out


def test_household_show_json_includes_the_verdicts(home: Path, cli) -> None:
    add_zhuoga(cli, home)
    detail = show(cli, home)
    assert detail["number"] == "001" and detail["village_name"] == "亚弄村"
    verdicts = detail["verdicts"]
    assert set(verdicts) == {"不愁吃", "不愁穿", "义务教育", "基本医疗", "住房安全", "饮水安全"}
    assert all(v["status"] in {"met", "not_met", "unknown"} and v["reasons"] for v in verdicts.values())
    assert verdicts["不愁吃"] == {"status": "unknown", "reasons": ["尚无核查记录"]}


def test_household_edit_changes_fields_and_says_what_changed(home: Path, cli) -> None:
    add_zhuoga(cli, home)
    result = cli(home, "household", "edit", "001", "--set", "phone=13900001234", "--set", "住房鉴定等级=C")
    assert result.code == 0, result.err
    assert result.out.strip() == "已修改：联系电话=13900001234，住房鉴定等级=C"
    detail = show(cli, home)
    assert (detail["fields"]["phone"], detail["fields"]["house_grade"]) == ("13900001234", "C")
    assert detail["verdicts"]["住房安全"]["status"] == "not_met"
    again = cli(home, "household", "edit", "001", "--set", "phone=13900001234")
    assert again.code == 0 and again.out.strip() == "没有变化"


# --- members ---------------------------------------------------------------------------------------


def test_member_add_and_edit_derive_sex_and_birth_date_from_the_id_number(home: Path, cli) -> None:
    add_zhuoga(cli, home)
    added = cli(home, "member", "add", "001", "--set", "name=次仁", "--set", f"id_number={CIREN_ID}",
                "--set", "与户主关系=之子")  # fmt: skip
    assert added.code == 0, added.err
    assert "已新增家庭成员 次仁" in added.out
    members = {m["name"]: m for m in show(cli, home)["members"]}
    assert (members["次仁"]["sex"], members["次仁"]["birth_date"]) == ("男", "2010-03-03")
    assert members["次仁"]["relation"] == "之子"

    edited = cli(home, "member", "edit", CIREN_ID, "--set", "务工时间=6", "--set", "phone=13600000000")
    assert edited.code == 0, edited.err
    assert edited.out.strip() == "已修改：务工时间=6，联系电话=13600000000"
    members = {m["name"]: m for m in show(cli, home)["members"]}
    assert (members["次仁"]["work_months"], members["次仁"]["phone"]) == (6, "13600000000")
    assert (members["次仁"]["sex"], members["次仁"]["birth_date"]) == ("男", "2010-03-03")


def test_member_fields_take_every_national_spelling_and_store_the_national_value(home: Path, cli) -> None:
    add_zhuoga(cli, home)
    edited = cli(
        home, "member", "edit", ZHUOGA_ID, "--set", "relation=本人或户主", "--set", "健康状况=患有大病"
    )
    assert edited.code == 0, edited.err
    added = cli(home, "member", "add", "001", "--set", "name=次仁", "--set", f"id_number={CIREN_ID}",
                "--set", "与户主关系=之外孙子", "--set", "在校生状况=八年级", "--set", "文化程度=小学",
                "--set", "民族=藏", "--set", "劳动技能=无劳动力")  # fmt: skip
    assert added.code == 0, added.err
    adult = cli(home, "member", "add", "001", "--set", "name=多吉", "--set", "relation=之岳父",
                "--set", "务工状况=乡(镇)外县内务工", "--set", "文化程度=学前教育")  # fmt: skip
    assert adult.code == 0, adult.err
    members = {m["name"]: m for m in show(cli, home)["members"]}
    assert (members["卓嘎"]["relation"], members["卓嘎"]["health"]) == ("本人或户主", "大病")
    assert (members["次仁"]["relation"], members["次仁"]["schooling"], members["次仁"]["ethnicity"]) == (
        "之外孙子", "八年级", "藏族",
    )  # fmt: skip
    assert (members["多吉"]["work_status"], members["多吉"]["education"]) == (
        "乡（镇）外县内务工",
        "学龄前儿童",
    )

    refused = cli(home, "member", "edit", CIREN_ID, "--set", "在校生状况=八年纪")
    assert refused.code == 2
    assert refused.err.strip() == "错误：在校生状况“八年纪”不在国家代码表“在校情况”中，最接近的是“八年级”"
    assert {m["name"]: m for m in show(cli, home)["members"]}["次仁"]["schooling"] == "八年级"


def test_member_without_id_number_keeps_the_sex_typed(home: Path, cli) -> None:
    add_zhuoga(cli, home)
    added = cli(
        home, "member", "add", "001", "--set", "name=拉姆", "--set", "性别=女", "--set", "出生日期=2015-05-05"
    )
    assert added.code == 0, added.err
    members = {m["name"]: m for m in show(cli, home)["members"]}
    today = dt.date.today()
    age = today.year - 2015 - ((today.month, today.day) < (5, 5))
    lamu = members["拉姆"]
    assert (lamu["sex"], lamu["birth_date"], lamu["age"]) == ("女", "2015-05-05", age)


def test_member_id_number_can_be_corrected(home: Path, cli) -> None:
    add_zhuoga(cli, home)
    assert cli(home, "member", "add", "001", "--set", "name=次仁", "--set", f"id_number={CIREN_ID}").code == 0
    corrected = make_id_number(dt.date(2011, 4, 4), 42)  # the right number: a girl born 2011-04-04
    result = cli(home, "member", "edit", CIREN_ID, "--set", f"id_number={corrected}")
    assert result.code == 0, result.err
    members = {m["name"]: m for m in show(cli, home)["members"]}
    assert (members["次仁"]["id_number"], members["次仁"]["sex"], members["次仁"]["birth_date"]) == (
        corrected, "女", "2011-04-04",
    )  # fmt: skip


# --- visits and checks -----------------------------------------------------------------------------


def test_visit_add_with_a_follow_up(home: Path, cli) -> None:
    add_zhuoga(cli, home)
    result = cli(home, "visit", "add", "001", "--content", "了解务工收入", "--visitors", "扎西，次仁",
                 "--follow-up", "核实医保@2026-12-01")  # fmt: skip
    assert result.code == 0, result.err
    assert "后续事项 1 项" in result.out
    detail = show(cli, home)
    (visit,) = detail["visits"]
    assert (visit["content"], visit["kind"], visit["visitors"]) == ("了解务工收入", "入户", ["扎西", "次仁"])
    (follow_up,) = detail["open_follow_ups"]
    assert (follow_up["action"], follow_up["due_on"], follow_up["done"]) == ("核实医保", "2026-12-01", False)
    assert "走访 1 次，未完成事项 1 项" in cli(home, "household", "show", "001").out


def test_assess_records_answers_that_drive_the_verdict(home: Path, cli) -> None:
    add_zhuoga(cli, home)
    result = cli(home, "assess", "001", "--set", "food_staple_ok=是", "--set", "food_answer=未达标")
    assert result.code == 0, result.err
    assert result.out.startswith("已记录核查")
    assert show(cli, home)["verdicts"]["不愁吃"]["status"] == "not_met"
    (record,) = json.loads(dump(cli, home))["assessment"]
    assert (record["food_staple_ok"], record["food_answer"]) == (True, "not_met")
    check = cli(home, "check")
    assert "✗ 户 001（卓嘎）不愁吃未达标" in check.out


def test_check_on_a_sound_store_exits_0_as_text_and_json(home: Path, cli) -> None:
    add_zhuoga(cli, home)
    cli(home, "household", "edit", "001", "--set", "house_grade=D")
    text = cli(home, "check")
    assert text.code == 0, text.err
    assert "✓ 数据库和变更记录完好" in text.out
    assert "✗ 户 001（卓嘎）住房安全未达标" in text.out
    assert text.out.strip().endswith("共 1 户，1 户有短板（未达标 1 项）")
    report = cli(home, "check", "--json")
    assert report.code == 0
    payload = report.json()
    assert payload["integrity"] == []
    (gap,) = payload["gaps"]
    assert (gap["household"], gap["head"], gap["gaps"]["住房安全"]["status"]) == ("001", "卓嘎", "not_met")


def test_check_exits_1_when_the_change_log_was_tampered_with(home: Path, cli) -> None:
    add_zhuoga(cli, home)
    connection = sqlite3.connect(home / "zhucun.sqlite3")
    with connection:
        connection.execute("UPDATE op_log SET author = '别人' WHERE seq = 2")
    connection.close()
    result = cli(home, "check")
    assert result.code == 1
    assert "✗ " in result.out.split("二、")[0] and "校验值不符" in result.out
    assert cli(home, "check", "--json").json()["integrity"]


# --- log, dump -------------------------------------------------------------------------------------


def test_log_shows_old_and_new_values_and_the_author(home: Path, cli) -> None:
    add_zhuoga(cli, home)
    cli(home, "household", "edit", "001", "--set", "phone=13900001234")
    text = cli(home, "log", "001")
    assert text.code == 0, text.err
    assert "联系电话：（空） → 13800001234" in text.out
    assert "联系电话：13800001234 → 13900001234" in text.out
    assert "扎西" in text.out
    entries = cli(home, "log", "001", "--json").json()
    assert len(entries) == 2
    last = entries[-1]
    assert last["author"] == "扎西"
    assert last["changes"] == [{"field": "phone", "old": "13800001234", "new": "13900001234"}]


def test_log_of_a_member_by_id_number(home: Path, cli) -> None:
    add_zhuoga(cli, home)
    cli(home, "member", "edit", ZHUOGA_ID, "--set", "健康状况=长期慢性病")
    result = cli(home, "log", ZHUOGA_ID)
    assert result.code == 0, result.err
    assert "姓名：（空） → 卓嘎" in result.out
    assert "健康状况：（空） → 长期慢性病" in result.out
    # a reference to another record is named as a person knows it, never by its id
    assert "所属户：（空） → 户 001（卓嘎）" in result.out
    household_id = cli(home, "household", "show", "001", "--json").json()["id"]
    assert household_id not in result.out
    changes = [c for e in cli(home, "log", ZHUOGA_ID, "--json").json() for c in e["changes"]]
    assert {"field": "household_id", "old": None, "new": household_id} in changes  # JSON keeps the id


def test_log_names_every_field_in_chinese(home: Path, cli) -> None:
    add_zhuoga(cli, home)
    result = cli(home, "log", "001")
    assert result.code == 0
    changed = [line.strip().split("：")[0] for line in result.out.splitlines() if "→" in line]
    assert changed and all(not name.isascii() for name in changed), changed


def test_dump_is_canonical_json(home: Path, cli) -> None:
    add_zhuoga(cli, home)
    out = dump(cli, home)
    assert out.endswith("\n") and out.count("\n") == 1
    data = json.loads(out)
    canonical = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert out == canonical + "\n"  # sorted keys, no spaces, real UTF-8: byte-comparable between ledgers
    assert list(data) == sorted(data)
    assert [m["name"] for m in data["member"]] == ["卓嘎"]
    assert "op_log" not in data and "device_state" not in data
    assert dump(cli, home) == out  # reading does not change it


# --- backup and restore ----------------------------------------------------------------------------


def test_backup_to_a_folder_makes_a_copy_that_stands_on_its_own(home: Path, cli, tmp_path: Path) -> None:
    add_zhuoga(cli, home)
    usb = tmp_path / "usb"
    result = cli(home, "backup", "--to", str(usb))
    assert result.code == 0, result.err
    (copy,) = usb.iterdir()
    assert result.out.strip() == f"已备份到 {copy}"
    assert copy.name.startswith("zhucun-") and copy.name.endswith("-manual.sqlite3")
    assert household_phone(copy) == "13800001234"  # opens read-only, alone: no -wal beside it
    other = tmp_path / "other-computer"
    other.mkdir()
    shutil.copyfile(copy, other / "zhucun.sqlite3")
    assert dump(cli, other) == dump(cli, home)


def test_restore_brings_the_backup_back_and_keeps_what_it_replaced(home: Path, cli, tmp_path: Path) -> None:
    add_zhuoga(cli, home)
    before = dump(cli, home)
    usb = tmp_path / "usb"
    assert cli(home, "backup", "--to", str(usb)).code == 0
    (copy,) = usb.iterdir()
    cli(home, "household", "edit", "001", "--set", "phone=13900009999")
    add_dunzhu(cli, home)
    replaced = dump(cli, home)

    result = cli(home, "restore", str(copy))
    assert result.code == 0, result.err
    assert result.out.startswith(f"已从 {copy} 恢复；原台账已另存为 ")
    kept = Path(result.out.strip().split("原台账已另存为 ", 1)[1])
    assert kept.is_file() and kept.parent == home / "backups"
    assert dump(cli, home) == before
    assert [r["number"] for r in cli(home, "household", "list", "--json").json()] == ["001"]
    # the replaced ledger is whole in the kept copy: restoring it undoes the restore
    assert household_phone(kept) == "13900009999"
    assert cli(home, "restore", str(kept)).code == 0
    assert dump(cli, home) == replaced


def _not_ours_text(path: Path) -> None:
    path.write_text("户编号,户主\n001,卓嘎\n", encoding="utf-8")


def _not_ours_sqlite(path: Path) -> None:
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
        connection.execute("INSERT INTO photos (name) VALUES ('卓嘎家.jpg')")
    connection.close()


@pytest.mark.parametrize("make", [_not_ours_text, _not_ours_sqlite], ids=["text-file", "other-apps-sqlite"])
def test_restore_refuses_a_file_that_is_not_ours_and_changes_nothing(
    home: Path, cli, tmp_path: Path, make
) -> None:
    add_zhuoga(cli, home)
    before = dump(cli, home)
    database = (home / "zhucun.sqlite3").read_bytes()
    backups = sorted(p.name for p in (home / "backups").iterdir())
    stranger = tmp_path / "stranger.sqlite3"
    make(stranger)
    stranger_bytes = stranger.read_bytes()

    result = cli(home, "restore", str(stranger))
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith("错误：") and result.err.count("\n") == 1
    assert "未做任何改动" in result.err
    assert (home / "zhucun.sqlite3").read_bytes() == database
    assert sorted(p.name for p in (home / "backups").iterdir()) == backups  # no before-restore copy
    assert stranger.read_bytes() == stranger_bytes
    assert dump(cli, home) == before


def test_restore_of_a_missing_file_is_refused(home: Path, cli, tmp_path: Path) -> None:
    add_zhuoga(cli, home)
    before = dump(cli, home)
    result = cli(home, "restore", str(tmp_path / "nowhere.sqlite3"))
    assert result.code == 2 and result.err.startswith("错误：找不到备份文件")
    assert dump(cli, home) == before


def test_restore_refuses_a_backup_from_a_newer_version_and_changes_nothing(
    home: Path, cli, tmp_path: Path
) -> None:
    add_zhuoga(cli, home)
    before = dump(cli, home)
    usb = tmp_path / "usb"
    assert cli(home, "backup", "--to", str(usb)).code == 0
    (future,) = usb.iterdir()
    connection = sqlite3.connect(future)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = 'ffff_future'")
    connection.close()

    result = cli(home, "restore", str(future))
    assert dump(cli, home) == before
    assert result.code in (2, 4) and "升级" in result.err


# --- a real process --------------------------------------------------------------------------------


def test_python_m_desktop_runs_as_a_program(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    version = subprocess.run(
        [sys.executable, "-m", "desktop", "--version"], cwd=REPO, env=env, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert version.returncode == 0
    assert version.stdout.startswith("zhucun ")

    empty = tmp_path / "empty"
    empty.mkdir()
    listing = subprocess.run(
        [sys.executable, "-m", "desktop", "--home", str(empty), "household", "list"], cwd=REPO, env=env,
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert listing.returncode == 4
    assert listing.stdout == ""
    assert "Traceback" not in listing.stderr
    assert listing.stderr.startswith("错误：") and listing.stderr.count("\n") == 1
    assert "zhucun init" in listing.stderr
    assert list(empty.iterdir()) == []  # looking created nothing
