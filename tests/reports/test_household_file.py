"""一户一档: real PDFs from the demo village, read back with poppler."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from records import make_id_number

from desktop.app import resources_dir
from desktop.domain.enums import HEAD_RELATIONS
from desktop.domain.errors import InvalidInput, NotFound
from desktop.reports.fonts import FONT_FILE, register_cjk_font, uncovered
from desktop.services.context import Ledger
from desktop.services.households.detail import show_household
from desktop.services.households.events import remove_person
from desktop.services.households.households import add_household, list_households
from desktop.services.households.members import add_member
from desktop.services.printing.ledgers import print_household_file, print_household_files

from . import pdf
from .conftest import Village
from .pdf import need_poppler

A4_PORTRAIT = "595.276 x 841.89 pts (A4)"


def test_household_file_holds_every_section(village: Village, out: Path) -> None:
    target = out / "一户一档.pdf"
    result = print_household_file(village.ledger, village.monitored, target)
    detail = show_household(village.ledger, village.monitored)
    pages = pdf.pages_text(target)
    assert result.paths == (target,) and result.pages == len(pages) >= 4
    assert pdf.page_sizes(target) == [A4_PORTRAIT] * len(pages)
    flat = pdf.squash("".join(pages))
    head = next(m for m in detail.members if m["relation"] in HEAD_RELATIONS)
    for expected in (
        "一户一档",
        f"户编号{detail.number}",
        "家庭基本情况",
        "家庭成员",
        "家庭收入",
        "两不愁三保障及饮水安全",
        "帮扶责任人",
        "帮扶措施",
        "走访记录",
        "防返贫动态监测",
        "住房鉴定为C级危房",  # the verdict's reason
        "未达标",
        "户主（签字）",
        "帮扶责任人（签字）",
        "第一书记（签字）",
        "日期",
        head["name"],
    ):
        assert pdf.squash(expected) in flat, expected
    for member in detail.members:
        assert member["name"] in flat and member["id_number"] in flat
    for income in detail.incomes:
        assert f"{income.year}" in flat and f"{income.net.normalize():f}" in flat
    for pairing in detail.pairings:
        assert pairing["helper_name"] in flat
    for measure in detail.measures:
        assert pdf.squash(measure["project"])[:8] in flat
    assert pdf.squash(detail.monitoring[0]["category"]) in flat
    # the bank account only by its last four digits
    bank = detail.fields["bank_account"]
    assert bank not in flat and f"尾号{bank[-4:]}" in flat


def test_pages_are_numbered_of_the_total(village: Village, out: Path) -> None:
    target = out / "file.pdf"
    result = print_household_file(village.ledger, village.monitored, target)
    for number, page in enumerate(pdf.pages_text(target), 1):
        assert f"第{number}页共{result.pages}页" in pdf.squash(page)
    # the running header on every page after the cover
    for page in pdf.pages_text(target)[1:]:
        assert f"户编号{village.monitored}" in pdf.squash(page)


def test_evidence_photo_is_printed_under_its_dimension(village: Village, out: Path) -> None:
    target = out / "file.pdf"
    result = print_household_file(village.ledger, village.monitored, target)
    flat = pdf.squash(pdf.text(target))
    assert pdf.image_count(target) == 1
    assert pdf.squash("住房安全 佐证照片") in flat
    assert pdf.squash(village.photo_caption) in flat and "2026-10-0415:02" in flat
    # the second photo's image is not on this device: a placeholder says so, and the result counts it
    assert pdf.squash(village.missing_caption) in flat and "照片文件不在本机" in flat
    assert result.missing_photos == 1


def test_embedded_subset_font_covers_every_printed_character(village: Village, out: Path) -> None:
    target = out / "file.pdf"
    print_household_file(village.ledger, village.rare, target)
    fonts = pdf.fonts(target)
    assert fonts and all(f.embedded and f.subset and "WenQuanYiMicroHei" in f.name for f in fonts)
    text = pdf.text(target)
    for name in ("金野以匹", "单珍珠玛"):
        assert name in pdf.squash(text)
    register_cjk_font(resources_dir() / FONT_FILE)
    assert uncovered([text]) == []


def test_unknown_household_is_refused(village: Village, out: Path) -> None:
    with pytest.raises(NotFound):
        print_household_file(village.ledger, "0000", out / "x.pdf")
    with pytest.raises(InvalidInput, match="是文件夹"):
        print_household_file(village.ledger, village.monitored, out)
    assert list(out.iterdir()) == []


def test_combined_file_has_a_bookmark_and_own_numbering_per_household(village: Village, out: Path) -> None:
    target = out / "全村.pdf"
    seen: list[tuple[int, int]] = []
    result = print_household_files(
        village.ledger, target, combined=True, progress=lambda done, total: seen.append((done, total)) or True
    )
    rows = list_households(village.ledger)
    assert result.households == len(rows) == 32
    assert pdf.outline_titles(target) == [f"{r.number} {r.head_name}" for r in rows]
    pages = pdf.pages_text(target)
    assert len(pages) == result.pages and pdf.page_sizes(target) == [A4_PORTRAIT] * len(pages)
    first_pages = [p for p in pages if "第1页共" in pdf.squash(p)]
    assert len(first_pages) == len(rows)  # each household numbers its pages from 1
    assert seen[0] == (0, len(rows)) and seen[-1] == (len(rows), len(rows))
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_cancelling_a_combined_file_leaves_nothing(village: Village, out: Path) -> None:
    target = out / "全村.pdf"
    result = print_household_files(
        village.ledger, target, combined=True, progress=lambda done, total: done < 3
    )
    assert result.cancelled and result.paths == ()
    assert list(out.iterdir()) == []


def test_one_file_per_household_in_a_folder(village: Village, out: Path) -> None:
    folder = out / "一户一档"
    result = print_household_files(village.ledger, folder)
    rows = list_households(village.ledger)
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(f"{r.number}-{r.head_name}.pdf" for r in rows)
    assert result.paths and set(result.paths) == set(folder.iterdir())
    assert not any(p.name.startswith(".") for p in folder.iterdir())  # no partial files left
    one = folder / f"{village.rare}-金野以匹.pdf"
    assert "金野以匹" in pdf.squash(pdf.text(one))


def test_cancelling_the_folder_keeps_the_finished_files(village: Village, out: Path) -> None:
    result = print_household_files(village.ledger, out, progress=lambda done, total: done < 4)
    assert result.cancelled and len(result.paths) == 4
    assert sorted(out.iterdir()) == sorted(result.paths)


def test_member_who_left_is_not_listed_and_missing_glyphs_are_named(ledger: Ledger, tmp_path: Path) -> None:
    """A fresh village: 𠮷祥 has a character the font lacks; his wife has died (kept, but not listed)."""
    need_poppler()
    add_household(
        ledger,
        number="001",
        head={"name": "𠮷祥", "id_number": make_id_number(dt.date(1950, 2, 3), 11)},
        fields={"group_name": "一组"},
    )
    wife = make_id_number(dt.date(1952, 6, 7), 22)
    add_member(ledger, "001", {"name": "拉姆", "id_number": wife, "relation": "配偶"})
    remove_person(ledger, wife, kind="死亡", happened_on=dt.date(2026, 3, 1))
    result = print_household_file(ledger, "001", tmp_path / "001.pdf")
    flat = pdf.squash(pdf.text(tmp_path / "001.pdf"))
    assert "拉姆" not in flat and wife not in flat
    assert "家庭人口1人" in flat
    assert result.missing_glyphs == ("𠮷",)
