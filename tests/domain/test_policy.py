from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.domain.errors import InvalidInput, StoreProblem
from desktop.domain.policy import PolicyFileError, YearFigure, load_policy

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
    assert policy.village_exit.standard == "一低五有"
    assert policy.village_exit.items == ("集体经济收入", "硬化路", "卫生室", "文化室", "通信网络")
    assert "四川省贫困县贫困村贫困户退出实施方案" in policy.village_exit.source
    assert "厅字〔2016〕16号" in policy.village_exit.incidence_source
    assert (policy.school_ages().cutoff_month, policy.school_ages().cutoff_day) == (8, 31)
    assert "义务教育法" in policy.school_ages().source
    assert "T/CHES 18—2018" in policy.water.source
    assert policy.village_exit.incidence_threshold("西部") == Decimal("0.03")
    assert policy.village_exit.incidence_threshold("中部") == Decimal("0.02")


def test_unknown_region_for_village_exit() -> None:
    with pytest.raises(InvalidInput, match="东部"):
        real_policy().village_exit.incidence_threshold("东部")


@pytest.mark.parametrize(
    ("year", "amount", "document"),
    [
        (2010, 2300, "中央扶贫开发工作会议（2011 年 11 月 29 日）"),
        (2013, 2736, "《中国农村贫困监测报告 2014》"),
        (2016, 2952, "《中国农村贫困监测报告 2017》"),
        (2019, 3218, "《中国农村贫困监测报告 2020》"),
    ],
)
def test_national_poverty_line_names_its_source(year: int, amount: int, document: str) -> None:
    figure = real_policy().poverty_line(year)
    assert figure.amount == amount
    assert figure.year_used == year
    assert document in figure.source
    assert figure.scope == "全国"


def test_every_shipped_figure_has_a_source_and_no_draft_words() -> None:
    for path in POLICY_DIR.glob("*.toml"):
        text = path.read_text(encoding="utf-8")
        for draft in ("未经核实", "常见说法", "约 "):
            assert draft not in text, f"{path.name}: {draft}"
    policy = real_policy()
    for table in (policy.poverty_lines, policy.monitoring):
        for figure in (*table.national, *(f for _, figures in table.provinces for f in figures)):
            assert figure.source.strip()


def test_unsourced_years_say_which_year_stands_in() -> None:
    figure = real_policy().poverty_line(2020)
    assert (figure.amount, figure.year_used) == (3218, 2019)
    assert figure.note == (
        "2020 年扶贫标准尚未设置，沿用 2019 年标准 3218 元（来源：国家统计局住户调查办公室《中国农村贫困监测报告 2020》）"
    )
    assert (
        real_policy().poverty_line(2012).note.startswith("2012 年扶贫标准尚未设置，沿用 2010 年标准 2300 元")
    )


def test_monitoring_without_a_sourced_figure_is_left_to_the_township() -> None:
    policy = real_policy()
    for year in (2021, 2024, 2025, 2026):
        with pytest.raises(InvalidInput, match="请乡镇在 设置 → 政策标准 中按本省文件填写"):
            policy.monitoring_threshold(year, "四川省")
    assert policy.monitoring_threshold(2025, "云南省").amount == 8700


def test_township_setting_comes_first() -> None:
    setting = YearFigure(2020, Decimal(4000), "", "四川省扶贫开发局文件（2020 年）")
    policy = real_policy().with_settings([setting], [YearFigure(2024, Decimal(8800), "", "省定（2024 年）")])
    figure = policy.poverty_line(2020, "四川省")
    assert (figure.amount, figure.scope, figure.note) == (4000, "乡镇设置", "")
    assert policy.poverty_line(2019).amount == 3218
    assert policy.monitoring_threshold(2025, "四川省").note.startswith(
        "2025 年监测标准尚未设置，沿用 2024 年标准 8800 元"
    )


def test_year_before_table_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        real_policy().poverty_line(2009)
    assert caught.value.message == "2009 年早于扶贫标准表中最早的 2010 年，无法确定扶贫标准"


def test_province_without_figures_uses_national() -> None:
    figure = real_policy().poverty_line(2019, "四川省")
    assert (figure.amount, figure.year_used, figure.note, figure.scope) == (Decimal(3218), 2019, "", "全国")


def _with_sichuan(tmp_path: Path, entries: str) -> Path:
    directory = copy_policy(tmp_path)
    text = (directory / "monitoring.toml").read_text(encoding="utf-8")
    (directory / "monitoring.toml").write_text(text + entries, encoding="utf-8")
    return directory


def test_province_override(tmp_path: Path) -> None:
    directory = _with_sichuan(
        tmp_path, '2023 = { amount = 8050, note = "省定", source = "四川省文件（2023 年）" }\n'
    )
    policy = load_policy(directory)
    figure = policy.monitoring_threshold(2023, "四川省")
    assert (figure.amount, figure.year_used, figure.scope) == (8050, 2023, "四川省")
    assert figure.note == "省定"
    assert figure.cited == "四川省文件（2023 年）"
    with pytest.raises(InvalidInput):
        policy.monitoring_threshold(2023, "贵州省")


def test_figure_without_source_is_refused(tmp_path: Path) -> None:
    directory = _with_sichuan(tmp_path, "2025 = { amount = 8800 }\n")
    with pytest.raises(PolicyFileError) as caught:
        load_policy(directory)
    assert caught.value.message == "政策文件 monitoring.toml 缺少 province.四川省.2025.source 一项"


def test_province_fallback_note(tmp_path: Path) -> None:
    directory = _with_sichuan(tmp_path, '2025 = { amount = 8800, source = "四川省文件（2025 年）" }\n')
    figure = load_policy(directory).monitoring_threshold(2026, "四川省")
    assert figure.amount == 8800
    assert figure.note == "2026 年监测标准尚未设置，沿用 2025 年标准 8800 元（来源：四川省文件（2025 年））"


def test_decimal_amounts_stay_exact(tmp_path: Path) -> None:
    directory = _with_sichuan(tmp_path, '2025 = { amount = 8800.50, source = "四川省文件" }\n')
    figure = load_policy(directory).monitoring_threshold(2025, "四川省")
    assert figure.amount == Decimal("8800.50")


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
    directory = _with_sichuan(tmp_path, '2025 = { amount = "八千", source = "x" }\n')
    with pytest.raises(PolicyFileError) as caught:
        load_policy(directory)
    assert caught.value.message == "政策文件 monitoring.toml 中 province.四川省.2025.amount 应为数字"


def test_bad_year_key(tmp_path: Path) -> None:
    directory = _with_sichuan(tmp_path, '25 = { amount = 8000, source = "x" }\n')
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
    extra = (
        '\n[compulsory_education.province."某省"]\nmin_age = 6\nmax_age = 16\n'
        'cutoff_month = 9\ncutoff_day = 1\nsource = "某省教育厅通知（2025 年）"\n'
    )
    (directory / "checklist.toml").write_text(text + extra, encoding="utf-8")
    policy = load_policy(directory)
    assert policy.school_ages("某省").max_age == 16
    assert policy.school_ages("某省").cutoff_for(date(2025, 9, 1)) == date(2024, 9, 1)
    assert policy.school_ages("四川省").max_age == 15


def test_policy_dir_is_the_shipped_one() -> None:
    assert sorted(p.name for p in POLICY_DIR.glob("*.toml")) == [
        "attendance.toml",  # the diary's kinds and leave kinds (desktop/services/diary/rules.py)
        "checklist.toml",
        "monitoring.toml",
        "poverty_lines.toml",
        "village_exit.toml",
    ]
