"""GUI tests run offscreen against a real ledger in a temporary data folder."""

from __future__ import annotations

import os

# before anything imports Qt: no window ever reaches a real screen, and CI needs no display
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtWidgets import QWidget

from desktop.app import open_ledger
from desktop.domain.idnumber import check_character
from desktop.services.context import Ledger
from desktop.services.households.households import add_household
from desktop.services.households.members import add_member
from desktop.services.setup import init_village
from desktop.ui.shell.main_thread_gc import collect_on_gui_thread
from tests.ui.dialogs import ModalDialogs

W = TypeVar("W", bound=QWidget)

VILLAGE_NAME = "亚弄村"
USER = "扎西"


def id_number(birth: str, sequence: str) -> str:
    """A valid 18-digit number from region 513301 (康定), a birth date and a 3-digit sequence
    (odd: 男, even: 女)."""
    first17 = f"513301{birth}{sequence}"
    return first17 + check_character(first17)


# number, head, sex-matching sequence, group, category, status, phone, extra members
HOUSEHOLDS: list[tuple[str, str, str, str, str, str, str, list[str]]] = [
    ("001", "卓嘎", "002", "一组", "脱贫户", "已脱贫", "13800001234", ["次仁", "白玛"]),
    ("002", "格桑", "013", "一组", "一般户", "", "13912345678", []),
    ("010", "扎西次仁", "021", "二组", "监测户", "已脱贫", "", ["拉姆", "多吉", "德吉", "平措"]),
    ("003", "央金", "034", "二组", "脱贫户", "已脱贫", "0836-2812345", ["索朗"]),
]


def on_screen(widget: W, qtbot: Any, width: int, height: int) -> W:
    """``widget`` shown at ``width`` × ``height``, exposed and active, as a user would face it; closed
    with the test."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    return widget


def build_village(home: Path) -> Ledger:
    ledger = open_ledger(home, create=True)
    init_village(ledger, code="513301", name=VILLAGE_NAME, user=USER, township="姑咱镇")
    for i, (number, head, seq, group, category, status, phone, others) in enumerate(HOUSEHOLDS):
        fields: dict[str, Any] = {"group_name": group, "category": category, "phone": phone or None}
        if status:
            fields["poverty_status"] = status
        add_household(
            ledger,
            number=number,
            head={"name": head, "id_number": id_number(f"19{70 + i}0315", seq)},
            fields=fields,
        )
        for name in others:
            add_member(ledger, number, {"name": name, "relation": "子女"})
    return ledger


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    built = build_village(tmp_path)
    yield built
    built.store.close()


@pytest.fixture(autouse=True)
def user_settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's Qt settings (window placement) go to a folder of the test, never the real config:
    in this process, and in the programs a test starts (Qt reads XDG_CONFIG_HOME on Linux)."""
    from PySide6.QtCore import QSettings

    folder = tmp_path_factory.mktemp("config")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    return folder


@pytest.fixture(autouse=True)
def garbage_collected_on_the_gui_thread(qapp: Any) -> Iterator[None]:
    """As in the app (desktop/ui/shell/main_thread_gc.py): no collection may start on a worker thread and
    free a Qt object there; what a test leaves in cycles is collected here, on the GUI thread."""
    collector = collect_on_gui_thread(qapp)
    yield
    collector.check()


@pytest.fixture(autouse=True)
def modal(qapp: Any) -> Iterator[ModalDialogs]:
    """Every modal dialog of the test answered as a user would (tests/ui/dialogs.py); a question no test
    answered, or an answer no question asked for, fails the test."""
    dialogs = ModalDialogs()
    yield dialogs
    dialogs.stop()
    problems = dialogs.problems()
    assert not problems, problems
