"""A township clerk at the command line with three villages that all have a 001 卓嘎 and a 004 扎西
(issue 19): every household belongs to a village, lists say which, and ``村:户编号`` names one."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook
from three_villages import ThreeVillages, household_of_no_village, three_villages

from desktop.cli import main
from desktop.services.context import Ledger
from desktop.services.exchange.bundles import Outcome
from desktop.services.households.households import edit_household, list_households


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def office(tmp_path: Path) -> Iterator[ThreeVillages]:
    setup = three_villages(tmp_path)
    yield setup
    setup.close()


def run(capsys: pytest.CaptureFixture[str], office: ThreeVillages, *argv: str) -> Run:
    capsys.readouterr()
    try:
        code = main(["--home", str(office.township.home), *argv])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 2
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def dump(office: ThreeVillages) -> str:
    return office.township.dump()


def test_household_add_at_a_township_needs_the_village(
    capsys: pytest.CaptureFixture[str], office: ThreeVillages
) -> None:
    before = dump(office)
    r = run(capsys, office, "household", "add", "--number", "010", "--head", "name=格桑")
    assert r.code == 2
    assert r.err.startswith("错误：请指定农户所属的村（村代码或村名）：亚弄村（513301207201）、日拉村")
    assert "色乌绒村（513301207203）" in r.err
    assert dump(office) == before  # nothing written

    r = run(capsys, office, "household", "add", "--number", "010", "--village", "甲村", "--head", "name=格桑")
    assert r.code == 3
    assert "没有名为或代码为“甲村”的村。本机有：亚弄村（513301207201）" in r.err
    assert dump(office) == before

    r = run(
        capsys, office, "household", "add", "--number", "010", "--village", "日拉村", "--head", "name=格桑"
    )
    assert r.code == 0, r.err
    assert r.out.startswith("已新增农户 日拉村010（户主 格桑")
    r = run(
        capsys,
        office,
        "household",
        "add",
        "--number",
        "011",
        "--village",
        "513301207203",
        "--head",
        "name=达瓦",
    )
    assert r.code == 0, r.err
    listed = json.loads(run(capsys, office, "household", "list", "--json").out)
    placed = {(row["number"], row["village_name"], row["village_code"]) for row in listed}
    assert ("010", "日拉村", "513301207202") in placed
    assert ("011", "色乌绒村", "513301207203") in placed
    assert run(capsys, office, "check").code == 0  # no household without a village


def test_lists_carry_the_village(capsys: pytest.CaptureFixture[str], office: ThreeVillages) -> None:
    r = run(capsys, office, "household", "list")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert lines[:2] == [
        "亚弄村\t001\t卓嘎\t一组\t一般贫困户\t1 人",
        "亚弄村\t004\t扎西\t一组\t一般贫困户\t1 人",
    ]
    assert "日拉村\t001\t卓嘎\t一组\t一般贫困户\t1 人" in lines
    assert "色乌绒村\t004\t扎西\t一组\t一般贫困户\t1 人" in lines
    assert lines[-1] == "共 7 户（3 个村）"
    rows = json.loads(run(capsys, office, "household", "list", "--json").out)
    assert sorted((r["village_code"], r["village_name"]) for r in rows if r["number"] == "001") == [
        ("513301207201", "亚弄村"),
        ("513301207202", "日拉村"),
        ("513301207203", "色乌绒村"),
    ]
    r = run(capsys, office, "household", "list", "--village", "色乌绒村")
    assert r.out.splitlines() == [
        "001\t卓嘎\t一组\t一般贫困户\t1 人",
        "004\t扎西\t一组\t一般贫困户\t1 人",
        "共 2 户",
    ]


def test_a_number_of_several_villages_is_named_with_its_village(
    capsys: pytest.CaptureFixture[str], office: ThreeVillages
) -> None:
    r = run(capsys, office, "household", "show", "004")
    assert r.code == 2
    assert r.err.strip() == (
        "错误：户编号 004 在多个村都有（亚弄村、日拉村、色乌绒村），请写成“村:户编号”，如 亚弄村:004"
    )
    r = run(capsys, office, "household", "show", "日拉村:004", "--json")
    assert r.code == 0, r.err
    shown = json.loads(r.out)
    assert shown["number"] == "004"
    assert shown["village_name"] == "日拉村"
    assert run(capsys, office, "household", "show", "513301207203:001").code == 0
    assert run(capsys, office, "household", "show", "007").code == 0  # only 亚弄村 has it
    r = run(capsys, office, "household", "show", "日拉村:007")
    assert (r.code, r.err.strip()) == (3, "错误：没有找到日拉村的户编号为 007 的农户")
    before = dump(office)
    r = run(capsys, office, "visit", "add", "色乌绒村:001", "--content", "了解医保缴费")
    assert r.code == 0, r.err
    assert dump(office) != before


def test_check_finds_a_household_of_no_village_and_the_repair_places_it(
    capsys: pytest.CaptureFixture[str], office: ThreeVillages
) -> None:
    household_of_no_village(office.township)
    r = run(capsys, office, "check")
    assert r.code == 1
    assert "  ✗ 户 009（拉姆）不属于任何村" in r.out
    assert json.loads(run(capsys, office, "check", "--json").out)["without_village"][0]["household"] == "009"

    before = dump(office)
    r = run(capsys, office, "check", "--repair-village", "某村")
    assert r.code == 3
    assert dump(office) == before

    r = run(capsys, office, "check", "--repair-village", "日拉村")
    assert r.code == 0, r.err
    assert r.out.startswith("已把 1 户归入日拉村：009")
    assert "不属于任何村" not in r.out
    r = run(capsys, office, "household", "show", "日拉村:009", "--json")
    assert json.loads(r.out)["village_name"] == "日拉村"
    # an ordinary synced edit: the village's next bundle carries it
    rila = office.villages[1]
    rila.receive(office.township.send(rila))
    numbers = {row.number for row in list_households(rila.ledger)}
    assert "009" in numbers


def test_check_at_a_township_says_the_village_of_each_gap(
    capsys: pytest.CaptureFixture[str], office: ThreeVillages
) -> None:
    r = run(capsys, office, "check")
    gap_lines = [line for line in r.out.splitlines() if "户 001（卓嘎）" in line]
    assert {line.split(" 户 ")[0].split()[-1] for line in gap_lines} == {"亚弄村", "日拉村", "色乌绒村"}


@pytest.mark.postgres
def test_the_same_on_postgresql(capsys: pytest.CaptureFixture[str], tmp_path: Path, postgres: object) -> None:
    url = postgres.create_database(f"zhucun_three_{os.getpid()}")  # type: ignore[attr-defined]
    setup = three_villages(tmp_path, db_url=url)
    try:

        def pg(*argv: str) -> Run:
            return run(capsys, setup, "--db", url, *argv)

        r = pg("household", "show", "004")
        assert r.code == 2 and "请写成“村:户编号”，如 亚弄村:004" in r.err
        assert json.loads(pg("household", "show", "色乌绒村:004", "--json").out)["village_name"] == "色乌绒村"
        r = pg("household", "add", "--number", "010", "--head", "name=格桑")
        assert r.code == 2 and r.err.startswith("错误：请指定农户所属的村")
        assert (
            pg("household", "add", "--number", "010", "--village", "日拉村", "--head", "name=格桑").code == 0
        )
        household_of_no_village(setup.township)
        r = pg("check")
        assert r.code == 1 and "  ✗ 户 009（拉姆）不属于任何村" in r.out
        r = pg("check", "--repair-village", "513301207201")
        assert r.code == 0 and r.out.startswith("已把 1 户归入亚弄村：009")
        lines = pg("household", "list").out.splitlines()
        assert "亚弄村\t009\t拉姆\t一组\t\t1 人" in lines and lines[-1] == "共 9 户（3 个村）"
        county_totals_add_up(setup.township.ledger, pg)  # a county office runs on PostgreSQL
    finally:
        setup.close()


def test_conflicts_at_a_township_say_the_village(
    capsys: pytest.CaptureFixture[str], office: ThreeVillages
) -> None:
    assert run(capsys, office, "household", "edit", "日拉村:001", "--set", "group_name=二组").code == 0
    rila = office.villages[1]
    edit_household(rila.ledger, "001", {"group_name": "三组"})
    assert office.township.receive(rila.send(office.township)).outcome == Outcome.APPLIED
    r = run(capsys, office, "conflicts", "list")
    assert r.code == 0, r.err
    assert " 日拉村 户 001（卓嘎）" in r.out.splitlines()[0]
    (conflict,) = json.loads(run(capsys, office, "conflicts", "list", "--json").out)
    assert (conflict["village_code"], conflict["village_name"]) == ("513301207202", "日拉村")


def pdfs(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*.pdf"))


@pytest.mark.slow
def test_one_file_per_household_goes_into_its_village_folder_and_nothing_is_overwritten(
    capsys: pytest.CaptureFixture[str], office: ThreeVillages, tmp_path: Path
) -> None:
    out = tmp_path / "files"
    r = run(capsys, office, "ledger", "households", "--out", str(out))
    assert r.code == 0, r.err
    assert r.out.startswith(f"已写入 7 个文件到 {out}（共 ")
    assert pdfs(out) == [
        "亚弄村/001-卓嘎.pdf", "亚弄村/004-扎西.pdf", "亚弄村/007-次仁.pdf",
        "日拉村/001-卓嘎.pdf", "日拉村/004-扎西.pdf",
        "色乌绒村/001-卓嘎.pdf", "色乌绒村/004-扎西.pdf",
    ]  # fmt: skip
    earlier = (out / "日拉村" / "004-扎西.pdf").read_bytes()
    r = run(capsys, office, "ledger", "households", "--out", str(out))
    assert r.code == 0, r.err
    notes = [line for line in r.out.splitlines() if line.startswith("注意：")]
    assert len(notes) == 7
    assert (
        f"注意：{out / '日拉村' / '004-扎西.pdf'} 已存在（以前打印的），未覆盖，这次的写入了 004-扎西 (2).pdf"
        in notes
    )
    assert (out / "日拉村" / "004-扎西.pdf").read_bytes() == earlier
    assert len(pdfs(out)) == 14 and "色乌绒村/001-卓嘎 (2).pdf" in pdfs(out)
    # one village: no village folder
    one = tmp_path / "one"
    r = run(capsys, office, "ledger", "households", "--out", str(one), "--village", "日拉村")
    assert (r.code, pdfs(one)) == (0, ["001-卓嘎.pdf", "004-扎西.pdf"])


def test_the_round_goes_in_a_folder_per_village_and_each_village_skips_the_others(
    capsys: pytest.CaptureFixture[str], office: ThreeVillages, tmp_path: Path
) -> None:
    assert run(capsys, office, "household", "edit", "色乌绒村:004", "--set", "phone=13900000004").code == 0
    stick = tmp_path / "round"
    stick.mkdir()
    r = run(capsys, office, "bundle", "export", "--every-village", "--out", str(stick))
    assert r.code == 0, r.err
    assert sorted(p.name for p in stick.iterdir()) == ["亚弄村", "日拉村", "色乌绒村"]
    assert "色乌绒村/zhucun-513301100-to-513301207203-" in r.out
    seuron = office.villages[2]
    capsys.readouterr()
    code = main(["--home", str(seuron.home), "bundle", "import", *map(str, sorted(stick.rglob("*.zcb")))])
    out = capsys.readouterr().out
    assert code == 0  # the others' bundles are no failure
    assert out.count("：已跳过。这个同步包是发给另一台设备（指纹 ") == 2
    assert out.count("：已导入。") == 1
    assert "13900000004" in {row.phone for row in list_households(seuron.ledger)}


def test_an_excel_export_at_a_township_takes_a_village_name(
    capsys: pytest.CaptureFixture[str], office: ThreeVillages, tmp_path: Path
) -> None:
    r = run(capsys, office, "xlsx", "export", "roster", str(tmp_path / "r.xlsx"), "--village", "日拉村")
    assert r.code == 0, r.err
    assert r.out.strip().endswith("2 户，2 人")
    # no village named: every village, the default at a township (the roster says each row's 行政村)
    r = run(capsys, office, "xlsx", "export", "roster", str(tmp_path / "all.xlsx"))
    assert r.code == 0, r.err
    n = len(list_households(office.township.ledger, all_villages=True))
    assert n > 2 and r.out.strip().endswith(f"{n} 户，{n} 人")
    sheet = load_workbook(tmp_path / "all.xlsx", read_only=True).active
    assert sheet is not None
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    village = rows[0].index("行政村")
    assert sorted({row[village] for row in rows[1:]}) == ["亚弄村", "日拉村", "色乌绒村"]
    r = run(capsys, office, "xlsx", "export", "visits", str(tmp_path / "v.xlsx"), "--village", "日拉村",
            "--all-villages")  # fmt: skip
    assert r.code == 2 and "--village 和 --all-villages 只能选一个" in r.err


def test_sync_status_json_names_each_devices_village(
    capsys: pytest.CaptureFixture[str], office: ThreeVillages
) -> None:
    r = run(capsys, office, "sync", "status", "--json")
    assert r.code == 0, r.err
    villages = {(d["village_code"], d["village_name"]) for d in json.loads(r.out) if not d["is_me"]}
    assert villages == {("513301207201", "亚弄村"), ("513301207202", "日拉村"), ("513301207203", "色乌绒村")}


def county_totals_add_up(ledger: Ledger, call: Callable[..., Run]) -> None:
    """色乌绒村 moved to another township of the county: each township's totals are its villages' sums."""
    from desktop.store.models import Village
    from desktop.store.writer import ChangeWriter

    with ledger.store.session() as session:
        seuron = next(v for v in session.query(Village).all() if v.name == "色乌绒村")
        ChangeWriter(session).update(Village, seuron.id, {"township": "甲根坝乡"})
    r = call("villages", "--json")
    assert r.code == 0, r.err
    per_village = json.loads(r.out)
    r = call("villages", "--by-township", "--json")
    assert r.code == 0, r.err
    totals = {t["township"]: t for t in json.loads(r.out)}
    assert len(totals) == 2 and totals["甲根坝乡"]["villages"] == 1
    for key in ("households", "people", "registered", "monitored", "not_met", "unknown", "visited"):
        assert sum(t[key] for t in totals.values()) == sum(v[key] for v in per_village)  # nothing lost
    seuron_row = next(v for v in per_village if v["name"] == "色乌绒村")
    assert totals["甲根坝乡"]["households"] == seuron_row["households"] > 0
    assert call("villages", "--by-township").out.splitlines()[0].startswith("乡镇\t村数\t户数")


def test_a_county_adds_up_its_townships(
    capsys: pytest.CaptureFixture[str], office: ThreeVillages, tmp_path: Path
) -> None:
    county_totals_add_up(office.township.ledger, lambda *argv: run(capsys, office, *argv))
    # the Excel summary gets a sheet of the townships added up
    r = run(capsys, office, "xlsx", "export", "villages", str(tmp_path / "v.xlsx"))
    assert r.code == 0, r.err
    book = load_workbook(tmp_path / "v.xlsx", read_only=True)
    assert book.sheetnames == ["各村汇总", "各乡镇汇总"]
    rows = [list(row) for row in book["各乡镇汇总"].iter_rows(values_only=True)]
    assert rows[0][:3] == ["乡镇", "村数", "户数"] and len(rows) == 3
    # and the printed summary adds them up under the villages
    r = run(capsys, office, "ledger", "villages", "--out", str(tmp_path / "v.pdf"))
    assert r.code == 0, r.err
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "v.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    assert "各乡镇合计" in text and "甲根坝乡" in text


def test_a_village_device_never_calls_its_own_village_silent(
    capsys: pytest.CaptureFixture[str], office: ThreeVillages
) -> None:
    capsys.readouterr()
    code = main(["--home", str(office.villages[0].home), "villages", "--json"])
    rows = json.loads(capsys.readouterr().out)
    assert code == 0
    own = next(row for row in rows if row["name"] == "亚弄村")
    assert own["sync"] == "本机的村" and own["silent"] is False
