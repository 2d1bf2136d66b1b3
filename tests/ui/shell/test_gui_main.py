"""Starting the GUI for real, each in its own process: Qt may start only once per process, and a
headless start must not even import it."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.app import NO_DISPLAY_EXIT, NO_DISPLAY_MESSAGE, QUIT_AFTER_ENV, has_ledger
from desktop.store.database import StoreLocation
from tests.ui.conftest import HOUSEHOLDS, build_village

REPO = Path(__file__).resolve().parents[3]
RUN = (
    "import sys; from pathlib import Path; from desktop.app import run_gui; "
    "code = run_gui(Path(sys.argv[1]), argv=sys.argv[:1]); "
    "print('qt imported' if 'PySide6.QtWidgets' in sys.modules else 'qt not imported'); "
    "sys.exit(code)"
)
DISPLAY_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


def run(home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in DISPLAY_VARIABLES and k != QUIT_AFTER_ENV}
    return subprocess.run(
        [sys.executable, "-c", RUN, str(home)],
        cwd=REPO,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="these always have a display")
def test_no_display_is_one_line_and_exit_5(tmp_path: Path) -> None:
    done = run(tmp_path / "home")
    assert done.returncode == NO_DISPLAY_EXIT
    assert done.stderr.splitlines() == [NO_DISPLAY_MESSAGE]
    assert "没有可用的显示器" in done.stderr and "QT_QPA_PLATFORM=offscreen" in done.stderr
    assert done.stdout.strip() == "qt not imported"
    assert not (tmp_path / "home").exists()  # nothing created either


def test_starts_offscreen_and_quits_cleanly(tmp_path: Path) -> None:
    build_village(tmp_path).store.close()
    done = run(tmp_path, QT_QPA_PLATFORM="offscreen", **{QUIT_AFTER_ENV: "300"})
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout.strip() == "qt imported"


def test_user_error_shows_its_message_and_exit_code(tmp_path: Path) -> None:
    db_path = StoreLocation(tmp_path).db_path
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.write_bytes(b"this is a spreadsheet, not a ledger")
    done = run(tmp_path, QT_QPA_PLATFORM="offscreen", **{QUIT_AFTER_ENV: "300"})
    assert done.returncode == 4  # StoreProblem
    assert "不是驻村台账的数据库" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_first_start_creates_the_demo_village(tmp_path: Path) -> None:
    pytest.importorskip("desktop.services.demo")
    home = tmp_path / "fresh"
    done = run(home, QT_QPA_PLATFORM="offscreen", **{QUIT_AFTER_ENV: "300"})
    assert done.returncode == 0, done.stderr
    assert has_ledger(home)


HEAVY = ("reportlab", "openpyxl", "alembic", "PIL")


def test_the_first_screen_imports_no_pdf_spreadsheet_migration_or_image_library(tmp_path: Path) -> None:
    """They are imported when first used (printing, a spreadsheet, a migration, a photo): the window
    comes up without them."""
    assert modules_at_first_screen(tmp_path, HEAVY) == []


LATER = (
    "desktop.ui.diary.page",
    "desktop.ui.visits.page",
    "desktop.ui.printing.page",
    "desktop.ui.sync.page",
    "desktop.ui.photos.page",
    "desktop.ui.households.window",
    "desktop.services.printing.jobs",
)


def test_the_first_screen_builds_the_household_list_only(tmp_path: Path) -> None:
    """The other pages (and the household window, and the print jobs) are built when first opened."""
    assert modules_at_first_screen(tmp_path, LATER) == []


def modules_at_first_screen(tmp_path: Path, modules: tuple[str, ...]) -> list[str]:
    """Which of ``modules`` a real start of the app (offscreen, quit after 300 ms) has imported."""
    build_village(tmp_path).store.close()
    script = RUN.replace(
        "print('qt imported' if 'PySide6.QtWidgets' in sys.modules else 'qt not imported'); ",
        f"print(sorted(m for m in {modules!r} if m in sys.modules)); ",
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        cwd=REPO,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", QUIT_AFTER_ENV: "300"},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    return list(ast.literal_eval(done.stdout.strip().splitlines()[-1]))


FOR_WRITING = (
    "desktop.store.writer",
    "desktop.services.exchange.identity",
    "desktop.sync.wire",
    "desktop.store.verdict_table",
    "desktop.services.checklist.verdicts",
    "sqlalchemy.dialects.postgresql",
)
SHOW_THE_LIST = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from desktop.app import open_ledger
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.main_window import MainWindow
ledger = open_ledger(Path(sys.argv[1]), defer_checks=True)  # as run_gui opens it
window = MainWindow(UiContext(ledger))
window.show()
app.processEvents()
print(window.households.table.model().rowCount())
print(sorted(m for m in sys.argv[2:] if m in sys.modules))
"""


def show_in_a_process(script: str, home: Path, modules: tuple[str, ...]) -> tuple[str, str]:
    """``script`` run in a fresh interpreter on ``home``: the two lines it prints last (what the list
    shows, and which of ``modules`` were imported)."""
    done = subprocess.run(
        [sys.executable, "-c", script, str(home), *modules],
        cwd=REPO,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    shown, imported = done.stdout.strip().splitlines()[-2:]
    return shown, imported


def test_the_household_list_is_shown_without_what_writes_or_judges(tmp_path: Path) -> None:
    """The window and its 农户 list read: the change writer, the device keys and the bundle format, the
    checklist judge and the PostgreSQL dialect come with the first write (or the opening check after
    the window, not started here)."""
    build_village(tmp_path).store.close()
    shown, imported = show_in_a_process(SHOW_THE_LIST, tmp_path, FOR_WRITING)
    assert int(shown) == len(HOUSEHOLDS)
    assert ast.literal_eval(imported) == []


THE_STORE = ("sqlalchemy", "desktop.store.models", "desktop.store.database")
SHOW_THE_FIRST_SCREEN = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from desktop.cli import main  # the command the start runs (its own imports)
from desktop.services.first_screen import first_screen
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.main_window import MainWindow
window = MainWindow(UiContext(None, first=first_screen(Path(sys.argv[1]))))  # as run_gui shows it
window.show()
app.processEvents()
print(window.households.table.model().rowCount(), window.households.count_label.text())
print(sorted(m for m in sys.argv[2:] if m in sys.modules))
"""


def test_the_first_screen_is_shown_without_the_store(tmp_path: Path) -> None:
    """A village laptop's window shows its 农户 list before SQLAlchemy, the models and the engine are
    imported (run_gui opens the ledger on a worker thread once the window is up; not started here)."""
    build_village(tmp_path).store.close()
    shown, imported = show_in_a_process(SHOW_THE_FIRST_SCREEN, tmp_path, THE_STORE)
    assert shown == f"{len(HOUSEHOLDS)} 共 {len(HOUSEHOLDS)} 户"
    assert ast.literal_eval(imported) == []
