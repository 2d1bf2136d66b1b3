"""A demo village (30 households) with evidence photos and households whose names use rare characters.

Built once per module: the tests only read it and write PDFs into their own folders.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from records import make_id_number
from sqlalchemy import select

from desktop.app import open_ledger
from desktop.media.blob_store import BlobStore
from desktop.services.context import Ledger
from desktop.services.demo import create_demo
from desktop.services.households.households import add_household
from desktop.services.households.members import add_member
from desktop.store.models import Household, Monitoring, Photo
from desktop.store.writer import ChangeWriter

from .pdf import need_poppler

TODAY = dt.date(2026, 11, 23)
RARE_NAMES = ("金野以匹", "单珍珠玛", "卓嘎")


@dataclass(frozen=True)
class Village:
    ledger: Ledger
    monitored: str  # 户编号 of the household under monitoring (its house is graded C)
    rare: str  # 户编号 of the household of 金野以匹 and 单珍珠玛
    zhuoga: str  # 户编号 of 卓嘎's household
    photo_caption: str
    missing_caption: str


def jpeg(width: int = 1600, height: int = 1200, colour: tuple[int, int, int] = (170, 120, 90)) -> bytes:
    """A real JPEG of a cracked wall: a coloured field with dark diagonal lines."""
    image = Image.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(image)
    for x in range(0, width, 90):
        draw.line([(x, 0), (x + height // 3, height)], fill=(60, 40, 30), width=9)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def village(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Village]:
    need_poppler()
    ledger = open_ledger(tmp_path_factory.mktemp("village") / "home", create=True)
    ledger.today = lambda: TODAY
    create_demo(ledger, households=30)
    add_household(
        ledger,
        number="5133012072019001",
        head={"name": "金野以匹", "id_number": make_id_number(dt.date(1968, 3, 9), 31), "ethnicity": "彝族"},
        fields={
            "group_name": "三组",
            "category": "一般贫困户",
            "poverty_status": "已脱贫",
            "phone": "13990011223",
        },
    )
    add_member(
        ledger,
        "5133012072019001",
        {"name": "单珍珠玛", "id_number": make_id_number(dt.date(1971, 5, 2), 42), "relation": "配偶",
         "ethnicity": "藏族", "health": "患有大病"},
    )  # fmt: skip
    add_household(
        ledger,
        number="5133012072019002",
        head={"name": "卓嘎", "id_number": make_id_number(dt.date(1980, 1, 1), 44), "ethnicity": "藏族"},
        fields={"group_name": "二组", "category": "非贫困户"},
    )
    caption, missing = "墙体开裂，已列入危改", "屋顶漏雨处"
    with ledger.store.session() as session:
        monitored = session.execute(select(Monitoring.household_id)).scalars().first()
        household = session.get(Household, monitored)
        assert household is not None
        sha = BlobStore.of_home(ledger.store.location.home).put(jpeg())
        writer = ChangeWriter(session)
        common = {"household_id": household.id, "mime": "image/jpeg", "width": 1600, "height": 1200}
        taken = dt.datetime(2026, 10, 4, 15, 2)
        writer.create(
            Photo, {**common, "sha256": sha, "dimension": "住房安全", "caption": caption, "taken_at": taken}
        )
        # a photo whose image has not reached this device yet
        writer.create(Photo, {**common, "sha256": "ab" * 32, "caption": missing})
        number = household.number or ""
    yield Village(ledger, number, "5133012072019001", "5133012072019002", caption, missing)
    ledger.store.close()


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder
