"""The interface in Chinese (Qt's own buttons too), in English from the compiled catalog, and under the
pseudo-locale that stretches every text 40 %: every page of the main window, village and township, still
fits a 1366×768 laptop without cutting a label off.

The catalog test is the one that fails when somebody adds a ``tr()`` text and forgets to translate it
(or to compile the .qm): run ``packaging/translations.py``, translate in resources/translations/zhucun_en.ts,
run it again.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import string
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QToolButton,
    QWidget,
)

from desktop.app import open_ledger, resources_dir
from desktop.domain import fields as domain_fields
from desktop.domain.enums import Dimension, Status
from desktop.services.context import Ledger
from desktop.services.demo import create_demo
from desktop.services.exchange.bundles import export_bundle, import_bundle
from desktop.services.exchange.identity import export_card, my_identity, trust_card
from desktop.services.households.households import list_households
from desktop.services.preferences import LANGUAGE, set_preference
from desktop.services.setup import init_township
from desktop.ui.checks.matrix_model import COL_FIRST_DIMENSION, DimensionRole
from desktop.ui.checks.page import ChecksPage
from desktop.ui.households.page import HouseholdsPage
from desktop.ui.overview.page import OverviewPage
from desktop.ui.settings.page import SettingsPage
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.fonts import install_app_font
from desktop.ui.shell.i18n import (
    CHINESE,
    ENGLISH,
    PSEUDO,
    PSEUDO_ENV,
    install_translators,
    stretch,
    tr,
    uninstall_translators,
)
from desktop.ui.shell.main_window import MainWindow
from tests.ui.conftest import build_village

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

REPO = Path(__file__).resolve().parents[3]
UI = REPO / "desktop" / "ui"
SCREEN = (1366, 698)  # a 1366×768 laptop screen less the taskbar and the title bar
HAN = re.compile(r"[\u3400-\u9fff]")
MARKERS = ("tr", "tr_noop", "tr_marked")

# Chinese literals in desktop/ui (by path below it) that are data, not interface text: values stored in or compared with the
# ledger, keys that name a page, strings measured for a column width, file names. Anything else
# user-visible goes through tr() (or tr_noop() where it is made at import time).
NOT_INTERFACE_TEXT = {
    "households/window.py": {"户主", "是", "否"},  # the head's relation as stored; yes/no typed into a field
    "households/record_forms.py": {"撤销"},  # reasons stored with a withdrawn record
    "households/income_form.py": {"撤销"},  # the same
    "households/measure_form.py": {"撤销添加"},
    "households/pairing_forms.py": {"撤销添加"},
    "shell/main_window.py": {"各村", "走访", "日志", "照片"},  # page keys (titles are translated where shown)
    "widgets/record_table_model.py": {"是", "否"},  # a boolean as the edit field holds it
    "checks/page.py": {"饮水安全"},  # measured: the narrowest verdict column
    "visits/page.py": {"演示驻村干", "走访内容"},  # measured: column widths
    "settings/page.py": {"未信任"},  # the trust state the service reports
    "sync/page.py": {"未信任"},
    "photos/viewer.py": {"照片.jpg"},  # a file name
    "printing/request.py": {  # file names of the printed (Chinese) documents
        "一户一档-{}.pdf",
        "一户一档-全部农户-{}.pdf",
        "一户一档-{}",
        "建档立卡",
        "{}人口台账-{}.pdf",
        "明白卡-{}.pdf",
        "公示-{}-{}.pdf",
        "各村汇总-{}.pdf",
    },
    "xlsx_import/dialog.py": {"{}-问题.xlsx"},  # the file name of the annotated copy
    "shell/self_check.py": {
        "驻村台账亚弄村卓嘎两不愁三保障饮水安全",
        "取消",
        "农户",
    },  # probes, not interface text
}


def translations_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "zhucun_translations", REPO / "packaging" / "translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def fields(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


# --- the catalog -----------------------------------------------------------------------------------
def test_every_interface_text_has_a_finished_english_translation_with_the_same_fields() -> None:
    t = translations_module()
    found = t.extract()
    catalog = t.read_ts()
    assert len(found) > 500  # the whole interface, not an empty scan
    missing = [key for key in found if key not in catalog or catalog[key].state != t.FINISHED]
    assert not missing, f"not translated in {t.TS_FILE.name} (run packaging/translations.py): {missing}"
    for key in found:
        message = catalog[key]
        assert message.translation, key  # " 年" (a spin box suffix) is rightly a bare space in English
        assert fields(message.translation) == fields(message.source), key
        assert not HAN.search(message.translation) or HAN.search(message.source), key


def test_the_shipped_qm_is_what_lrelease_makes_of_the_ts() -> None:
    t = translations_module()
    qm = t.TS_FILE.with_suffix(".qm")
    assert qm.is_file(), "run packaging/translations.py"
    assert qm.read_bytes() == t.compiled(t.TS_FILE.read_text(encoding="utf-8")), (
        "run packaging/translations.py"
    )
    check = subprocess.run(
        [sys.executable, str(REPO / "packaging" / "translations.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr


def domain_words() -> dict[str, str]:
    """Every word of the domain the interface shows as a heading, with what it names."""
    words = {text: f"TABLE_LABELS[{table!r}]" for table, text in domain_fields.TABLE_LABELS.items()}
    for table, labels in domain_fields.LABELS.items():
        words.update({text: f"{table}.{name}" for name, text in labels.items()})
    words.update({d.value: f"Dimension.{d.name}" for d in Dimension})
    words.update({s.label: f"Status.{s.name}" for s in Status})
    return words


def test_every_domain_label_and_dimension_is_catalogued_with_its_origin_and_translated() -> None:
    t = translations_module()
    found, notes = t.collect()
    catalog = t.read_ts()
    words = domain_words()
    assert len(words) > 150 and "联系电话" in words and "不愁吃" in words
    untranslated = [
        text for text in words if (text, "") not in catalog or catalog[(text, "")].state != t.FINISHED
    ]
    assert not untranslated, (
        f"not translated in {t.TS_FILE.name} (run packaging/translations.py): {untranslated}"
    )
    for text, what in words.items():
        message = catalog[(text, "")]
        assert (text, "") in found and message.translation and not HAN.search(message.translation), text
        assert what in message.note and message.note == notes[(text, "")], text  # the translator sees it
        assert {"desktop/domain/fields.py", "desktop/domain/enums.py"} & {
            name.removeprefix("../../") for name, _ in message.locations
        }, text
    phone = catalog[("联系电话", "")]
    assert phone.note == "desktop/domain/fields.py: household.phone, member.phone, pairing.phone"
    assert phone.translation == "Phone"
    assert catalog[("饮水安全", "")].note == (
        "desktop/domain/fields.py: household.water_safe; desktop/domain/enums.py: Dimension.WATER (a checklist item)"
    )
    fields_lines = (REPO / "desktop" / "domain" / "fields.py").read_text(encoding="utf-8").splitlines()
    for name, line in phone.locations:  # each points at its own table's line
        if name.endswith("fields.py"):
            assert fields_lines[line - 1].strip() == '"phone": "联系电话",'


def test_stored_values_are_data_and_not_catalogued() -> None:
    t = translations_module()
    found, _ = t.collect()
    assert ("脱贫户", "") not in found and ("低保贫困户", "") not in found  # household categories as stored


def test_extraction_refuses_a_text_that_is_not_a_literal(tmp_path: Path) -> None:
    t = translations_module()
    (tmp_path / "page.py").write_text('label = tr(f"共 {n} 户")\ntitle = tr_noop(TITLE)\nok = tr("农户")\n')
    with pytest.raises(t.NotALiteral) as refused:
        t.extract(tmp_path)
    assert "page.py:1" in str(refused.value) and "page.py:2" in str(refused.value)
    (tmp_path / "page.py").write_text(
        'ok = tr("农户")\nalso = tr("撤销", "undo")\nmarked = tr_noop("户主")\n'
    )
    assert list(t.extract(tmp_path)) == [("农户", ""), ("撤销", "undo"), ("户主", "")]


def test_updating_keeps_translations_adds_new_texts_unfinished_and_marks_vanished_ones_obsolete(
    tmp_path: Path,
) -> None:
    t = translations_module()
    ts = tmp_path / "zhucun_en.ts"
    old = [t.Message("农户", "", "Households", t.FINISHED), t.Message("旧的", "", "Old", t.FINISHED)]
    ts.write_text(t.render_ts(old), encoding="utf-8")
    (tmp_path / "page.py").write_text('a = tr("农户")\nb = tr("新的")\n')
    merged = t.merge(t.read_ts(ts), t.extract(tmp_path), ts)
    state = {m.source: (m.translation, m.state) for m in merged}
    assert state == {
        "农户": ("Households", t.FINISHED),
        "新的": ("", t.UNFINISHED),
        "旧的": ("Old", t.OBSOLETE),
    }
    ts.write_text(t.render_ts(merged), encoding="utf-8")
    assert t.read_ts(ts)[("旧的", "")].state == t.OBSOLETE  # and lrelease leaves it out
    assert t.read_ts(ts)[("农户", "")].locations == [("page.py", 1)]


def test_no_chinese_interface_text_bypasses_tr() -> None:
    bypassing = []
    for path in sorted(UI.rglob("*.py")):
        allowed = NOT_INTERFACE_TEXT.get(path.relative_to(UI).as_posix(), set())
        for text, line in _chinese_literals(path):
            if text not in allowed:
                bypassing.append(f"{path.relative_to(REPO)}:{line}: {text!r}")
    assert not bypassing, "wrap in tr() (or list here if it is data, not interface text):\n" + "\n".join(
        bypassing
    )


def _chinese_literals(path: Path) -> Iterator[tuple[str, int]]:
    """Chinese string literals outside tr/tr_noop/tr_marked and docstrings; an f-string as its template
    with ``{}`` for each field."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        is_marker = isinstance(node, ast.Call) and getattr(node.func, "id", "") in MARKERS
        if is_marker or (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)):
            skip.update(id(n) for n in ast.walk(node))
        elif isinstance(node, ast.JoinedStr):  # its literal parts and format specs belong to its template
            skip.update(id(v) for v in node.values if isinstance(v, ast.Constant))
            for value in node.values:
                if isinstance(value, ast.FormattedValue) and value.format_spec is not None:
                    skip.update(id(n) for n in ast.walk(value.format_spec))
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and HAN.search(node.value):
            yield node.value, node.lineno
        elif isinstance(node, ast.JoinedStr):
            template = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
            if HAN.search(template):
                yield template, node.lineno


# --- languages in the window -----------------------------------------------------------------------
@pytest.fixture
def language(qapp: QApplication) -> Iterator[Any]:
    """Call it with a language to install; whatever it installed is removed after the test."""
    install_app_font(qapp, resources_dir())

    def use(chosen: str) -> str:
        return install_translators(qapp, resources_dir(), chosen)

    yield use
    uninstall_translators(qapp)


def test_the_file_dialog_speaks_chinese(language: Any, qtbot: Any) -> None:
    """Qt 6's own file dialog has texts its Chinese catalog lacks (``&Look in:``): none shows English."""
    assert language(CHINESE) == CHINESE
    for mode, accept in (
        (QFileDialog.FileMode.ExistingFile, QFileDialog.AcceptMode.AcceptOpen),
        (QFileDialog.FileMode.AnyFile, QFileDialog.AcceptMode.AcceptSave),
        (QFileDialog.FileMode.Directory, QFileDialog.AcceptMode.AcceptOpen),
    ):
        dialog = QFileDialog(None, "保存到哪个文件夹")
        qtbot.addWidget(dialog)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setFileMode(mode)
        dialog.setAcceptMode(accept)
        dialog.show()
        widgets = [*dialog.findChildren(QLabel), *dialog.findChildren(QAbstractButton)]
        texts = [w.text() for w in widgets if w.text()]
        assert "查找范围(&L)：" in texts and "文件类型(&T)：" in texts
        assert [t for t in texts if re.search("[A-Za-z]{2}", t)] == []
        dialog.close()


def window_on(ledger: Ledger, qtbot: Any) -> MainWindow:
    window = MainWindow(UiContext(ledger))
    qtbot.addWidget(window)
    window.setWindowState(Qt.WindowState.WindowNoState)  # 1366×768, not maximised on the test screen
    window.resize(*SCREEN)
    window.show()
    qtbot.waitExposed(window)
    return window


def navigation(window: MainWindow) -> list[str]:
    return [window.nav.item(row).text() for row in range(window.nav.count())]


def headers(window: MainWindow) -> list[str]:
    page = window.show_page(HouseholdsPage.title)
    assert isinstance(page, HouseholdsPage)
    model = page.table.model()
    return [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]


def cancel_text() -> str:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    text = box.button(QDialogButtonBox.StandardButton.Cancel).text()
    box.deleteLater()
    return text


def test_chinese_is_the_default_with_qt_s_own_buttons_in_chinese(
    language: Any, ledger: Ledger, qtbot: Any
) -> None:
    assert language(CHINESE) == CHINESE
    window = window_on(ledger, qtbot)
    assert navigation(window) == ["概况", "农户", "走访", "日志", "核查", "监测", "照片", "台账打印", "同步", "设置"]
    assert headers(window)[:3] == ["户编号", "户主", "村民小组"]
    assert cancel_text() == "取消"
    assert window.windowTitle().startswith("驻村台账 — 亚弄村")


def test_english_reads_english_even_for_texts_made_at_import_time(
    language: Any, ledger: Ledger, qtbot: Any
) -> None:
    assert language(ENGLISH) == ENGLISH
    window = window_on(ledger, qtbot)
    assert navigation(window) == [
        "Overview", "Households", "Visits", "Diary", "Checks", "Monitoring", "Photos", "Print ledgers", "Sync", "Settings"
    ]  # fmt: skip
    assert headers(window) == [
        "Household no.", "Head of household", "Village group", "Category", "Poverty status", "People", "Phone",
        "Village",
    ]  # fmt: skip
    assert cancel_text() == "Cancel"
    assert window.windowTitle() == "Zhucun — 亚弄村"  # the village's name is data: it stays as written
    assert tr("共 {n} 户").format(n=4) == "4 households"
    page = window.show_page("监测")
    assert page.status_filter.itemText(0) == "All"  # type: ignore[attr-defined]


ENGLISH_DIMENSIONS = [
    "Enough food", "Enough clothing", "Compulsory education", "Basic medical care", "Safe housing",
    "Safe drinking water",
]  # fmt: skip


@pytest.mark.parametrize("chosen", [CHINESE, ENGLISH])
def test_domain_labels_and_dimensions_read_in_the_interface_language(
    chosen: str, language: Any, ledger: Ledger, qtbot: Any
) -> None:
    english = language(chosen) == ENGLISH
    window = window_on(ledger, qtbot)
    dialog = window.open_household(next(r.id for r in list_households(ledger) if r.number == "001"))
    qtbot.addWidget(dialog)
    shown = {name: dialog.basic_label(name) for name in dialog.basic_edits}
    if english:
        assert shown["number"] == "Household no." and shown["phone"] == "Phone"
        assert shown["address"] == "Address" and shown["main_cause"] == "Main cause of poverty"
        assert shown["house_grade"] == "Housing safety grade"
        assert not [text for text in shown.values() if HAN.search(text)]
        assert "Enough food" in dialog.checklist.toPlainText()
        assert "不愁吃" not in dialog.checklist.toPlainText()
    else:
        assert shown == {name: domain_fields.label("household", name) for name in dialog.basic_edits}
        assert shown["number"] == "户编号" and shown["phone"] == "联系电话"
        assert "不愁吃" in dialog.checklist.toPlainText()
    assert dialog.basic_edits["number"].text() == "001"  # values are data: as stored

    checks = window.show_page(ChecksPage.title)
    assert isinstance(checks, ChecksPage)
    model = checks.matrix
    dimensions = [
        model.headerData(COL_FIRST_DIMENSION + i, Qt.Orientation.Horizontal) for i in range(len(Dimension))
    ]
    verdict = model.data(model.index(0, COL_FIRST_DIMENSION))
    names = [w.text() for w in checks.form.findChildren(QLabel) if w.text().startswith("<b>")]
    assert model.rowCount() > 0
    if english:  # the matrix's columns in a word, the form beside it in full
        assert dimensions == ["Food", "Clothing", "Education", "Medical", "Housing", "Water"]
        assert verdict in ("Met", "Not met", "To verify")
        assert model.headerData(0, Qt.Orientation.Horizontal) == "Household no."
        assert names == [f"<b>{name}</b>" for name in ENGLISH_DIMENSIONS]
        assert "Enough staple food" in [w.text() for w in checks.form.findChildren(QLabel)]
    else:
        assert dimensions == [d.value for d in Dimension]
        assert verdict in [s.label for s in Status]
        assert names == [f"<b>{d.value}</b>" for d in Dimension]
    assert model.data(model.index(0, COL_FIRST_DIMENSION), DimensionRole) == "不愁吃"  # the key stays

    overview = window.show_page(OverviewPage.title)
    assert isinstance(overview, OverviewPage)
    bars = [bar.label for bar in overview.gaps_chart.bars()]
    assert bars == (ENGLISH_DIMENSIONS if english else [d.value for d in Dimension])

    settings = window.show_page(SettingsPage.title)
    assert isinstance(settings, SettingsPage)
    layout = settings.profile_form.layout()
    assert isinstance(layout, QFormLayout)
    rows = [row_label(layout, settings.profile_edits[name]) for name in ("county", "altitude_m")]
    assert rows == (["County:", "Altitude (m):"] if english else ["县：", "海拔（米）："])


def row_label(form: QFormLayout, field: QWidget) -> str:
    label = form.labelForField(field)
    assert isinstance(label, QLabel)
    return label.text()


def test_an_unknown_language_falls_back_to_chinese_and_the_env_forces_the_pseudo_locale(
    language: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert language("fr") == CHINESE and tr("农户") == "农户"
    monkeypatch.setenv(PSEUDO_ENV, "1")
    assert language(ENGLISH) == PSEUDO
    assert tr("农户") == stretch("Households") == "[Households~~~~]"
    assert tr("共 {n} 户").format(n=4) == stretch("{n} households").format(n=4)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"  # Qt's own texts left alone


def test_the_stored_language_is_used_from_the_start(tmp_path: Path) -> None:
    """run_gui for real, in its own process: the window it opens reads English."""
    ledger = build_village(tmp_path)
    set_preference(ledger, LANGUAGE, ENGLISH)
    ledger.store.close()
    script = (
        "import sys; from pathlib import Path; from desktop.ui.shell import main_window\n"
        "show = main_window.MainWindow.show\n"
        "def shown(self):\n"
        "    print('NAV:' + '|'.join(self.nav.item(r).text() for r in range(self.nav.count())), flush=True)\n"
        "    show(self)\n"
        "main_window.MainWindow.show = shown\n"
        "from desktop.app import run_gui\n"
        "sys.exit(run_gui(Path(sys.argv[1]), argv=sys.argv[:1]))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ZHUCUN_QUIT_AFTER_MS": "200"}
    env.pop(PSEUDO_ENV, None)
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    assert "NAV:Overview|Households|Visits|" in done.stdout


# --- the stretch test ------------------------------------------------------------------------------
@dataclass
class Offices:
    village: Ledger
    township: Ledger


@pytest.fixture(scope="module")
def offices(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Offices]:
    """The demo village (71 households, visits, checks, monitoring) and a township that imported it."""
    root = tmp_path_factory.mktemp("stretch")
    village = open_ledger(root / "village", create=True)
    create_demo(village)
    township = open_ledger(root / "township", create=True)
    init_township(township, code="513301207", name="甲根坝乡", user="洛桑")
    cards = root / "cards"
    cards.mkdir()
    for name, ledger in (("village", village), ("township", township)):
        export_card(ledger, cards / f"{name}.zcid")
    trust_card(village, cards / "township.zcid", my_identity(township).fingerprint)
    trust_card(township, cards / "village.zcid", my_identity(village).fingerprint)
    bundle = export_bundle(village, my_identity(township).fingerprint, root).path
    assert import_bundle(township, bundle).outcome == "applied"
    yield Offices(village, township)
    village.store.close()
    township.store.close()


@pytest.mark.parametrize("mode", ["village", "township"])
def test_under_the_pseudo_locale_every_page_fits_a_1366_screen_uncut(
    mode: str, offices: Offices, language: Any, qtbot: Any
) -> None:
    assert language(PSEUDO) == PSEUDO
    window = window_on(getattr(offices, mode), qtbot)
    assert navigation(window)[0].startswith("[")  # the pseudo-locale is on
    problems: list[str] = []
    for page in window.pages:
        window.show_page(page.title)
        qtbot.wait(20)
        QApplication.processEvents()
        minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
        if minimum.width() > SCREEN[0] or minimum.height() > SCREEN[1]:
            problems.append(f"{page.title}: the window needs {minimum.width()}×{minimum.height()}")
        problems += [f"{page.title}: {problem}" for problem in cut_off(page)]
    assert window.nav.sizeHintForColumn(0) <= window.nav.viewport().width()
    assert not problems, "\n".join(problems)


def cut_off(page: QWidget) -> list[str]:
    """Texts on the visible page shown narrower than they need, and scroll areas that need sideways
    scrolling (their content is wider than they are)."""
    found = []
    for widget in page.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if (
            isinstance(widget, QLabel)
            and widget.text()
            and not widget.wordWrap()
            and widget.pixmap().isNull()
        ):
            if widget.sizeHint().width() > widget.width():
                found.append(f"label {widget.text()!r} is {widget.width()} px of {widget.sizeHint().width()}")
        elif isinstance(widget, QAbstractButton) and not isinstance(widget, QToolButton) and widget.text():
            if widget.sizeHint().width() > widget.width():
                found.append(
                    f"button {widget.text()!r} is {widget.width()} px of {widget.sizeHint().width()}"
                )
        elif isinstance(widget, QGroupBox) and widget.title():
            needed = widget.fontMetrics().horizontalAdvance(widget.title()) + 16
            if needed > widget.width():
                found.append(f"box {widget.title()!r} is {widget.width()} px of {needed}")
        elif isinstance(widget, QScrollArea) and widget.widgetResizable() and widget.widget() is not None:
            needed = widget.widget().minimumSizeHint().width()
            if needed > widget.viewport().width():
                found.append(f"scroll area needs {needed} px, has {widget.viewport().width()}")
    return found
