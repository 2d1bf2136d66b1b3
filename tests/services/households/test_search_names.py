"""Households are found by their names as people say and type them: every reading of a polyphonic
character, surname readings, lu as well as lv, initials or full pinyin of any part of a name, mixed
forms, spaces and capitals ignored — on a real SQLite file and on PostgreSQL. An existing ledger whose
search texts an older program wrote gets the new ones when it is opened."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from records import make_id_number
from sqlalchemy import select, update

from desktop.app import resources_dir
from desktop.domain.policy import load_policy
from desktop.services.context import Ledger
from desktop.services.households.households import add_household, list_households
from desktop.services.households.members import add_member
from desktop.services.setup import init_village
from desktop.store.database import StoreLocation, open_store
from desktop.store.models import HouseholdSearch, LocalSetting
from desktop.store.search_index import STAMP_KEY

# 户编号: head (and other members)
FAMILIES = {
    "001": ["次仁卓玛", "扎西"],
    "002": ["单丽"],  # 单 as a surname is shan, not dan
    "003": ["曾国强"],  # zeng, not ceng
    "004": ["吕小红"],  # lv / lu
    "005": ["卓嘎"],
    "006": ["解放", "仇刚"],  # xie (first) / qiu
    "007": ["翟红", "朴英"],  # zhai / piao
    "008": ["查文", "缪芳", "覃丽", "区伟"],  # zha, miao, qin, ou
}


def heads(ledger: Ledger, text: str) -> list[str]:
    return [row.number for row in list_households(ledger, search=text)]


def fill(ledger: Ledger) -> None:
    for index, (number, (head, *others)) in enumerate(FAMILIES.items()):
        add_household(
            ledger,
            number=number,
            head={"name": head, "id_number": make_id_number(dt.date(1970, 1, 1 + index), 2)},
        )
        for name in others:
            add_member(ledger, number, {"name": name, "relation": "配偶"})


@pytest.fixture
def village(any_ledger: Ledger) -> Ledger:
    fill(any_ledger)
    return any_ledger


# (what is typed, the 户编号 found)
SEARCHES: list[tuple[str, list[str]]] = [
    # 次仁卓玛: initials and full pinyin of the whole name and of every part, and mixed forms
    ("zm", ["001"]),
    ("zhuoma", ["001"]),
    ("cr", ["001"]),
    ("ciren", ["001"]),
    ("crzm", ["001"]),
    ("cirenzhuoma", ["001"]),
    ("cirenzm", ["001"]),
    ("renzhuoma", ["001"]),
    ("Ci Ren", ["001"]),  # a space and capitals
    ("CIREN ZHUOMA", ["001"]),
    ("ci ren zhuo ma", ["001"]),
    ("zirenzhuoma", ["001"]),  # 次 has a second reading, zi
    ("za xi", ["001"]),  # 扎西: 扎 is zha and za
    ("zhaxi", ["001"]),
    # surname readings of the first character
    ("shan", ["002"]),
    ("shanli", ["002"]),
    ("danli", ["002"]),  # and the usual reading still finds it
    ("zeng", ["003"]),
    ("zengguoqiang", ["003"]),
    ("zgq", ["003"]),
    ("xiefang", ["006"]),
    ("qiugang", ["006"]),
    ("zhaihong", ["007"]),
    ("piaoying", ["007"]),
    ("zhawen", ["008"]),
    ("miaofang", ["008"]),
    ("qinli", ["008"]),
    ("ouwei", ["008"]),
    # ü typed as v, u or ü
    ("lv", ["004"]),
    ("lvxiaohong", ["004"]),
    ("luxiaohong", ["004"]),
    ("lüxiaohong", ["004"]),
    ("lxh", ["004"]),
    # Chinese, spaces ignored
    ("卓玛", ["001"]),
    ("次 仁", ["001"]),
    # and not more than that
    ("zg", ["003", "005", "007"]),  # 曾国强 zgq, 卓嘎, 翟红 (红 is also gong)
    ("zhuoga", ["005"]),
    ("zhuomx", []),
    ("dan", ["002"]),  # dan finds 单丽 only, not every d… name
]


def test_a_name_is_found_as_people_say_it(village: Ledger) -> None:
    # one ledger for all the searches (filling one per search on PostgreSQL takes a minute)
    wrong = [(text, heads(village, text), found) for text, found in SEARCHES if heads(village, text) != found]
    assert wrong == []


def test_a_part_in_the_middle_of_a_word_is_not_a_match(village: Ledger) -> None:
    # "en" is inside cirenzhuoma but begins no part of any name
    assert heads(village, "en") == []
    assert heads(village, "hao") == []


def test_the_texts_stay_small(village: Ledger) -> None:
    with village.store.read_session() as session:
        texts = dict(session.execute(select(HouseholdSearch.household_id, HouseholdSearch.text)).all())
    assert all(len(t.split()) == len(set(t.split())) for t in texts.values())  # no token twice
    assert max(len(t.encode()) for t in texts.values()) < 600  # four names with polyphonic characters


def _age_the_index(location: StoreLocation) -> None:
    """What a ledger written by the previous program holds: texts with the first reading's initials
    and full spelling only, and no format stamp."""
    store = open_store(location)
    try:
        with store.session() as session:
            session.execute(
                update(HouseholdSearch).values(text=" 001 次仁卓玛 crzm cirenzhuoma 扎西 zx zhaxi")
            )
            session.execute(LocalSetting.__table__.delete().where(LocalSetting.key == STAMP_KEY))
    finally:
        store.close()


@pytest.fixture
def reopened(location: StoreLocation) -> Iterator[Ledger]:
    store = open_store(location, create=True)
    ledger = Ledger(store=store, policy=load_policy(resources_dir() / "policy"))
    init_village(ledger, code="513301", name="亚弄村", user="扎西", province="四川省", groups=["一组"])
    add_household(ledger, number="001", head={"name": "次仁卓玛"})
    add_member(ledger, "001", {"name": "扎西", "relation": "配偶"})
    store.close()
    _age_the_index(location)

    store = open_store(location)
    yield Ledger(store=store, policy=load_policy(resources_dir() / "policy"))
    store.close()


def test_an_older_index_is_rebuilt_when_the_ledger_is_opened(reopened: Ledger) -> None:
    assert heads(reopened, "zhuoma") == ["001"]
    assert heads(reopened, "Ci Ren") == ["001"]
    with reopened.store.read_session() as session:
        assert session.get(LocalSetting, STAMP_KEY) is not None
    assert reopened.store.refresh_search_index() is False  # current now: the next open does nothing
