"""The shipped CJK font: registered once, covers the names the issue names, reports what it lacks."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.app import resources_dir
from desktop.reports.fonts import FONT_FILE, FONT_NAME, register_cjk_font, strings_in, uncovered

from .conftest import RARE_NAMES


def test_registering_twice_gives_the_same_font() -> None:
    assert register_cjk_font(resources_dir() / FONT_FILE) == FONT_NAME
    assert register_cjk_font(resources_dir() / FONT_FILE) == FONT_NAME


def test_rare_tibetan_and_yi_names_have_glyphs() -> None:
    register_cjk_font(resources_dir() / FONT_FILE)
    assert uncovered(RARE_NAMES) == []
    assert uncovered(["第 1 页 共 3 页", "两不愁三保障", "饮水安全", "＿（）：；、·—", "0123456789X"]) == []


def test_characters_beyond_the_font_are_named() -> None:
    register_cjk_font(resources_dir() / FONT_FILE)
    # U+20BB7 (a variant of 吉 used in names) is outside GBK and outside WenQuanYi Micro Hei
    assert uncovered(["𠮷祥", "卓嘎"]) == ["𠮷"]


def test_strings_in_walks_nested_values() -> None:
    @dataclass(frozen=True)
    class Row:
        name: str
        tags: tuple[str, ...]
        extra: dict[str, str]
        count: int

    found = set(strings_in([Row("卓嘎", ("甲", "乙"), {"键": "值"}, 3)]))
    assert found == {"卓嘎", "甲", "乙", "键", "值"}
