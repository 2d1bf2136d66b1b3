"""Pinyin keys of a person's name, spelled the ways people type a name into a search box.

次仁卓玛 is found by ``crzm``, ``cirenzhuoma``, any contiguous part (``zm``, ``zhuoma``, ``ren``) and a
full spelling followed by initials (``cirenzm``); 单 at the start of a name by ``shan`` as well as
``dan`` (the surname readings of resources/names/surname_readings.toml); every reading of a polyphonic
character (扎 ``zha`` and ``za``); ü as ``v`` and as ``u`` (吕 ``lv`` and ``lu``).

The keys are plain lower-case ASCII tokens, matched by their start (``LIKE '% zm%'``): a part that
begins a name is the start of a longer key, so only the parts that *end* a name need keys of their own.

Size is capped, so that a long name full of polyphonic characters does not explode:
- readings: the first spelling is the usual reading of each character (the surname reading for the
  first character when it has one); each other reading of a character gives one more spelling that
  differs from the first in that character only — never the product of all readings — and a name
  gets at most ``MAX_SPELLINGS`` spellings (half as many when it is longer than ``MIXED_UP_TO``).
  A name with two polyphonic characters of two readings each thus has 3 spellings, not 4; one that
  needs two unusual readings at once is found by the parts of the name instead.
- mixed forms (full spelling, then initials: ``cirenzm``, ``cirzm``) only from the start of the name,
  only for the first spelling and only for names of at most ``MIXED_UP_TO`` characters (Han and
  Tibetan names; long transliterated names get parts only).
So a name of n characters has at most ``MAX_SPELLINGS`` × 2n + n − 1 keys (twice that with a ü) before
duplicates and keys that begin another key are dropped: a 4-character name at most 51, typically
about 10. On the demo village the search text of a household grew from 308 to about 620 bytes.
"""

from __future__ import annotations

import functools

from desktop.resources import surname_readings

MAX_SPELLINGS = 6
MIXED_UP_TO = 4


def primary_keys(name: str) -> tuple[str, str]:
    """``卓嘎`` -> ``("zg", "zhuoga")``: initials and full spelling of the usual reading."""
    syllables = [reading[0] for reading in _readings(name)]
    return "".join(s[0] for s in syllables), "".join(syllables)


@functools.lru_cache(maxsize=65_536)
def name_keys(name: str) -> tuple[str, ...]:
    """Every key of ``name``, sorted; names repeat (a county has a few thousand different ones), and
    pypinyin is the slow part of writing the index."""
    readings = _readings(name)
    if not readings:
        return ()
    first = [r[0] for r in readings]
    spellings = [first]
    for index, alternatives in enumerate(readings):
        for reading in alternatives[1:]:
            spellings.append([*first[:index], reading, *first[index + 1 :]])
    keys: set[str] = set()
    limit = MAX_SPELLINGS if len(first) <= MIXED_UP_TO else MAX_SPELLINGS // 2
    for number, spelling in enumerate(spellings[:limit]):
        keys.update(_spelling_keys(spelling, mixed=number == 0 and len(spelling) <= MIXED_UP_TO))
    keys.update([key.replace("v", "u") for key in keys if "v" in key])  # ü: lv and lu
    return tuple(sorted(keys))


def _spelling_keys(syllables: list[str], *, mixed: bool) -> list[str]:
    initials = [s[0] for s in syllables]
    keys = []
    for start in range(len(syllables)):
        keys += ["".join(syllables[start:]), "".join(initials[start:])]
    if mixed:
        keys += ["".join(syllables[:split]) + "".join(initials[split:]) for split in range(1, len(syllables))]
    return keys


@functools.lru_cache(maxsize=65_536)
def _readings(name: str) -> tuple[tuple[str, ...], ...]:
    """The readings of each Han character of ``name``, its usual one first (the surname reading for
    the first character when it has one); characters that are not Han (``·``, letters) are left out."""
    # imported here: loading pypinyin's dictionaries takes a second, which every start of the app or
    # of a command would pay without writing anything
    from pypinyin import lazy_pinyin

    chars = [c for c in name if _char_readings(c)]
    usual = lazy_pinyin(name, errors="ignore")  # by phrase: 长 in 长江 is chang
    if len(usual) != len(chars):
        usual = [_char_readings(c)[0] for c in chars]
    surnames = surname_readings()
    result = []
    for index, (char, reading) in enumerate(zip(chars, usual, strict=True)):
        every = [reading.lower(), *_char_readings(char)]
        if index == 0 and char in surnames:
            every.insert(0, surnames[char])
        result.append(tuple(dict.fromkeys(r for r in every if r.isascii() and r.isalpha())))
    return tuple(r for r in result if r)


@functools.lru_cache(maxsize=16_384)
def _char_readings(char: str) -> tuple[str, ...]:
    """Every reading pypinyin knows for one character, without tones; none for what is not Han."""
    from pypinyin import Style, pinyin

    found = pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")
    return tuple(r.lower() for r in found[0] if r.isascii() and r.isalpha()) if found else ()
