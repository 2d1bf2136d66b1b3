from decimal import Decimal
from pathlib import Path

import pytest

from desktop.domain.errors import InvalidInput, StoreProblem
from desktop.domain.policy import PolicyFigure, PolicyFileError, load_policy

from .policy_files import POLICY_DIR, copy_policy, real_policy


def test_real_files_load() -> None:
    policy = real_policy()
    assert policy.school_ages().min_age == 6
    assert policy.school_ages().max_age == 15
    assert policy.water.min_litres_per_day == 35
    assert policy.water.min_litres_per_day_water_short == 20
    assert policy.water.max_fetch_minutes == 20
    assert policy.water.min_reliability == Decimal("0.90")
    assert policy.water.max_days_without == 36
    assert policy.medical.require_medical_insurance
    assert policy.village_exit.standard == "一低七有"
    assert policy.village_exit.items[:2] == ("集体经济收入", "硬化路")
    assert len(policy.village_exit.items) == 7
    assert not policy.village_exit.confirmed
    assert policy.village_exit.incidence_threshold("西部") == Decimal("0.03")
    assert policy.village_exit.incidence_threshold("中部") == Decimal("0.02")


def test_unknown_region_for_village_exit() -> None:
    with pytest.raises(InvalidInput, match="东部"):
        real_policy().village_exit.incidence_threshold("东部")


@pytest.mark.parametrize(
    ("year", "amount", "confirmed"),
    [(2013, 2736, True), (2014, 2800, False), (2016, 2952, True), (2019, 3218, True), (2020, 4000, False)],
)
def test_national_poverty_line(year: int, amount: int, confirmed: bool) -> None:
    figure = real_policy().poverty_line(year)
    assert figure.amount == amount
    assert figure.year_used == year
    assert figure.confirmed is confirmed
    assert figure.scope == "全国"


def test_unconfirmed_figures_say_so() -> None:
    assert "未经核实" in real_policy().poverty_line(2018).note
    assert "未经核实" in real_policy().monitoring_threshold(2024).note


def test_monitoring_thresholds() -> None:
    policy = real_policy()
    assert [policy.monitoring_threshold(y).amount for y in (2021, 2022, 2023, 2024)] == [
        6000,
        6300,
        6900,
        7300,
    ]
    assert not policy.monitoring_threshold(2023).confirmed


def test_year_beyond_table_uses_latest_with_note() -> None:
    figure = real_policy().monitoring_threshold(2026)
    assert figure.amount == 7300
    assert figure.year_used == 2024
    assert figure.note.startswith("2026 年监测标准未配置，沿用 2024 年 7300 元")


def test_year_before_table_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        real_policy().monitoring_threshold(2020)
    assert caught.value.message == "2020 年早于监测标准表中最早的 2021 年，无法确定监测标准"
    with pytest.raises(InvalidInput, match="2012 年早于扶贫标准表"):
        real_policy().poverty_line(2012)


def test_province_without_figures_uses_national() -> None:
    figure = real_policy().poverty_line(2019, "四川省")
    assert figure == PolicyFigure(Decimal(3218), 2019, True, "", "全国")


def _with_sichuan(tmp_path: Path, entries: str) -> Path:
    directory = copy_policy(tmp_path)
    text = (directory / "monitoring.toml").read_text(encoding="utf-8")
    (directory / "monitoring.toml").write_text(text + entries, encoding="utf-8")
    return directory


def test_province_override(tmp_path: Path) -> None:
    directory = _with_sichuan(tmp_path, '2023 = { amount = 8050, confirmed = true, note = "省定" }\n')
    policy = load_policy(directory)
    figure = policy.monitoring_threshold(2023, "四川省")
    assert (figure.amount, figure.year_used, figure.confirmed, figure.scope) == (8050, 2023, True, "四川省")
    assert figure.note == "省定"
    # Other provinces and no province keep the national reference.
    assert policy.monitoring_threshold(2023, "云南省").amount == 6900
    assert policy.monitoring_threshold(2023).amount == 6900
    # A year the province has not set yet: the national figure of that year is more recent.
    assert policy.monitoring_threshold(2024, "四川省").amount == 7300


def test_province_fallback_note_names_province(tmp_path: Path) -> None:
    directory = _with_sichuan(tmp_path, "2025 = { amount = 8800, confirmed = true }\n")
    figure = load_policy(directory).monitoring_threshold(2026, "四川省")
    assert figure.amount == 8800
    assert figure.note == "2026 年四川省监测标准未配置，沿用 2025 年 8800 元"


def test_decimal_amounts_stay_exact(tmp_path: Path) -> None:
    directory = _with_sichuan(tmp_path, "2025 = { amount = 8800.50 }\n")
    figure = load_policy(directory).monitoring_threshold(2025, "四川省")
    assert figure.amount == Decimal("8800.50")
    assert figure.confirmed is False


def test_syntax_error_names_the_file(tmp_path: Path) -> None:
    directory = copy_policy(tmp_path)
    (directory / "checklist.toml").write_text("[water]\nmin_litres_per_day 35\n", encoding="utf-8")
    with pytest.raises(PolicyFileError) as caught:
        load_policy(directory)
    error = caught.value
    assert isinstance(error, InvalidInput)
    assert not isinstance(error, StoreProblem)
    assert error.message == "政策文件 checklist.toml 第 2 行格式有误，请检查引号、等号和括号"


def test_missing_file_names_it(tmp_path: Path) -> None:
    directory = copy_policy(tmp_path)
    (directory / "village_exit.toml").unlink()
    with pytest.raises(PolicyFileError, match=r"找不到政策文件 village_exit\.toml"):
        load_policy(directory)


def test_missing_key_names_it(tmp_path: Path) -> None:
    directory = copy_policy(tmp_path)
    text = (directory / "checklist.toml").read_text(encoding="utf-8")
    (directory / "checklist.toml").write_text(text.replace("max_fetch_minutes = 20", ""), encoding="utf-8")
    with pytest.raises(PolicyFileError) as caught:
        load_policy(directory)
    assert caught.value.message == "政策文件 checklist.toml 缺少 water.max_fetch_minutes 一项"


def test_wrong_type_names_it(tmp_path: Path) -> None:
    directory = _with_sichuan(tmp_path, '2025 = { amount = "八千" }\n')
    with pytest.raises(PolicyFileError) as caught:
        load_policy(directory)
    assert caught.value.message == "政策文件 monitoring.toml 中 province.四川省.2025.amount 应为数字"


def test_bad_year_key(tmp_path: Path) -> None:
    directory = _with_sichuan(tmp_path, "25 = { amount = 8000 }\n")
    with pytest.raises(PolicyFileError, match="不是四位年份"):
        load_policy(directory)


def test_not_utf8(tmp_path: Path) -> None:
    directory = copy_policy(tmp_path)
    (directory / "monitoring.toml").write_bytes("# 监测\n".encode("gbk") + b"[national]\n")
    with pytest.raises(PolicyFileError, match=r"monitoring\.toml 不是 UTF-8 编码"):
        load_policy(directory)


def test_province_school_ages(tmp_path: Path) -> None:
    directory = copy_policy(tmp_path)
    text = (directory / "checklist.toml").read_text(encoding="utf-8")
    extra = '\n[compulsory_education.province."某省"]\nmin_age = 6\nmax_age = 16\n'
    (directory / "checklist.toml").write_text(text + extra, encoding="utf-8")
    policy = load_policy(directory)
    assert policy.school_ages("某省").max_age == 16
    assert policy.school_ages("四川省").max_age == 15


def test_policy_dir_is_the_shipped_one() -> None:
    assert sorted(p.name for p in POLICY_DIR.glob("*.toml")) == [
        "checklist.toml",
        "monitoring.toml",
        "poverty_lines.toml",
        "village_exit.toml",
    ]
