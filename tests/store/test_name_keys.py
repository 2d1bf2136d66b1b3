"""The pinyin keys of a name stay few however polyphonic the name (see the caps in name_keys.py)."""

from __future__ import annotations

import itertools

import pytest
from pypinyin import Style, pinyin

from desktop.store.name_keys import MAX_SPELLINGS, MIXED_UP_TO, name_keys
from desktop.store.search_index import household_text


@pytest.mark.parametrize("name", ["降央长乐", "和长乐朴", "单曾解仇", "阿依古丽·买买提江", "行长重朝"])
def test_a_name_full_of_polyphonic_characters_does_not_explode(name: str) -> None:
    chars = [c for c in name if c != "·"]
    n = len(chars)
    keys = name_keys(name)
    assert 0 < len(keys) <= MAX_SPELLINGS * 2 * n + (n - 1 if n <= MIXED_UP_TO else 0)
    # every combination of the readings would be dozens of spellings of the whole name (行长重朝: 36)
    every = {"".join(p) for p in itertools.product(*pinyin(chars, style=Style.NORMAL, heteronym=True))}
    assert len(every) > MAX_SPELLINGS
    assert 1 <= len(every & set(keys)) <= MAX_SPELLINGS


def test_each_alternative_reading_is_kept_once_against_the_usual_ones() -> None:
    keys = name_keys("降央曲珍")  # 降 jiang/xiang, 央 yang/ying
    assert {"jiangyangquzhen", "xiangyangquzhen", "jiangyingquzhen"} <= set(keys)
    assert "xiangyingquzhen" not in keys  # two unusual readings at once: found by its parts instead
    assert {"yingquzhen", "quzhen", "zhen"} <= set(keys)


def test_the_household_text_has_plain_tokens_and_no_key_twice() -> None:
    text = household_text(
        "001", "138 0000 1234", "一组", [("次仁卓玛", None, None, False), ("次仁", None, None, False)]
    )
    tokens = text.split()
    assert text.startswith(" ") and text.endswith("  ") and "  " not in text.rstrip()
    assert "13800001234" in tokens  # spaces inside a value are dropped: the query drops them too
    assert len(tokens) == len(set(tokens))
    assert "ciren" not in tokens and "cirenzhuoma" in tokens  # a key that begins another is dropped
    assert all(t.isascii() and t.isalpha() and t.islower() for t in tokens[5:])
    assert household_text("002", None, None, [("卓嘎", None, None, True)]) == " 002  "  # archived: not found


def test_a_value_spelt_like_a_key_is_in_the_text_once() -> None:
    # a 户编号 or group typed in letters that is also a member's pinyin key: one token, where the value is
    text = household_text("zg", None, "Zhuo Ga", [("卓嘎", None, None, False), ("次仁", None, None, False)])
    tokens = text.split()
    assert tokens[:2] == ["zg", "zhuoga"]
    assert tokens.count("zg") == 1 and tokens.count("zhuoga") == 1
    assert "ciren" in tokens and "cr" in tokens
