"""The 台账打印 page on a real ledger: a roster PDF made through the page (checked with pdftotext), its
preview and printing it; one household's file chosen with the picker; a file each in a folder; a
public notice; refusals."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from desktop.domain.enums import MONITORING_CATEGORIES
from desktop.services.context import Ledger
from desktop.services.households.households import list_households
from desktop.services.monitoring import start_monitoring
from desktop.ui.printing.page import PrintingPage
from desktop.ui.printing.page_view import FIT_PAGE, GAP, PERCENTS
from desktop.ui.printing.pdf_pages import renderer
from desktop.ui.printing.request import Document
from desktop.ui.shell.context import UiContext
from tests.ui.dialogs import ModalDialogs, shown

pytestmark = [
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)"),
]
JOB_TIMEOUT = 60_000


@pytest.fixture
def page(ledger: Ledger, qtbot: Any, tmp_path: Path) -> PrintingPage:
    shown = PrintingPage(UiContext(ledger))
    qtbot.addWidget(shown)
    shown.resize(1246, 690)
    shown.show()
    qtbot.waitExposed(shown)
    shown.options.folder.setText(str(tmp_path / "打印"))  # the ledger's own files stay out of it
    return shown


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def dialogs() -> list[str]:
    return shown()


def make(page: PrintingPage, qtbot: Any) -> None:
    job = page.make()
    assert job is not None
    qtbot.waitUntil(lambda: not page.ctx.jobs, timeout=JOB_TIMEOUT)
    assert job.error is None, job.error


def test_a_roster_is_made_previewed_and_printed(
    page: PrintingPage, ledger: Ledger, qtbot: Any, tmp_path: Path
) -> None:
    page.options.choose(Document.ROSTER)
    assert page.options.purpose.isHidden() and not page.options.year.isHidden()
    name = page.options.name.text()
    assert name == f"人口台账-{ledger.today()}.pdf"
    make(page, qtbot)

    out = tmp_path / "打印" / name
    text = pdf_text(out)
    assert "卓嘎" in text and "扎西次仁" in text and "亚弄村" in text
    assert page.printed is not None and page.printed.result.paths == (out,)
    assert f"已生成 {name}" in page.outcome.text() and "4 户" in page.outcome.text()
    assert page.preview.folder_button.isEnabled()
    if renderer() is None:  # no way to render here: the page says where the file is instead
        assert not page.preview.print_button.isEnabled()
        assert "打开文件夹" in page.preview.heading.text()
        return
    # every page, A4 landscape, drawn as it comes into view, and the print button
    assert page.preview.page_count() == pdf_pages(out) == page.printed.result.pages
    view = page.preview.view
    qtbot.waitUntil(lambda: 0 in view.images, timeout=JOB_TIMEOUT)
    image = view.images[0][1]
    assert image.width() > image.height() and view.page_rect(0).width() > view.page_rect(0).height()
    assert page.preview.print_button.isEnabled()
    # printed to a PDF printer (what QPrintDialog would hand over): one sheet per page
    printed = tmp_path / "打印输出.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    job = page.print_to(printer)
    assert job is not None
    qtbot.waitUntil(lambda: not page.ctx.jobs, timeout=JOB_TIMEOUT)
    assert job.error is None and job.result == page.printed.result.pages
    assert pdf_pages(printed) == page.printed.result.pages
    (text,) = dialogs()
    assert f"已发送 {job.result} 页到打印机" in text


def test_one_household_file_chosen_with_the_picker(
    page: PrintingPage, ledger: Ledger, qtbot: Any, tmp_path: Path, modal: ModalDialogs
) -> None:
    options = page.options
    assert options.document() == Document.HOUSEHOLD and not options.picker.isHidden()
    target = next(r for r in list_households(ledger) if r.number == "003")
    options.picker.set_household(target.id, "003　央金　二组")
    assert options.name.text() == "一户一档-003-央金.pdf"
    make(page, qtbot)
    text = pdf_text(tmp_path / "打印" / "一户一档-003-央金.pdf")
    assert "央金" in text and "索朗" in text and "卓嘎" not in text
    # a second time the file exists: the user is asked; 否 keeps the file, 是 replaces it
    made = tmp_path / "打印" / "一户一档-003-央金.pdf"
    made.write_bytes(b"%PDF- kept")
    modal.answer("no")
    assert page.make() is None
    (question,) = dialogs()
    assert "已存在，要替换它吗" in question and made.read_bytes() == b"%PDF- kept"
    modal.answer("yes")
    make(page, qtbot)
    (question,) = dialogs()
    assert "已存在，要替换它吗" in question and "央金" in pdf_text(made)


def test_a_card_of_one_household_previews_its_single_page(
    page: PrintingPage, ledger: Ledger, qtbot: Any
) -> None:
    page.options.choose(Document.CARD)
    assert not page.options.picker_hint.isHidden()
    target = next(r for r in list_households(ledger) if r.number == "002")
    page.options.picker.set_household(target.id, "002　格桑　一组")
    assert page.options.name.text() == "明白卡-002-格桑.pdf"
    make(page, qtbot)
    assert "格桑" in pdf_text(page.options.out_path())
    assert page.printed is not None and page.printed.result.pages == 1
    if renderer() is not None:
        assert page.preview.page_count() == 1 and "共 1 页" in page.preview.heading.text()
        assert page.preview.page_box.text() == "第 1 页 共 1 页"
    assert page.make_button.isEnabled()


def test_a_file_each_goes_into_a_folder_and_a_typed_name_is_kept(
    page: PrintingPage, qtbot: Any, tmp_path: Path
) -> None:
    page.options.choose(Document.EACH)
    assert page.options.form.labelForField(page.options.name).text() == "文件夹名"
    page.options.name.clear()
    page.options.name.insert("各户档案")  # typed: no longer replaced by the default
    page.options.picker.clear_choice()
    assert page.options.name.text() == "各户档案"
    make(page, qtbot)
    files = sorted(p.name for p in (tmp_path / "打印" / "各户档案").iterdir())
    assert files == ["001-卓嘎.pdf", "002-格桑.pdf", "003-央金.pdf", "010-扎西次仁.pdf"]
    assert "4 个文件" in page.outcome.text()


def test_a_public_notice_never_shows_phones(
    page: PrintingPage, ledger: Ledger, qtbot: Any, tmp_path: Path
) -> None:
    start_monitoring(
        ledger, household="002", category=MONITORING_CATEGORIES[-1], risk_types=["因自然灾害"],
        clue_on=ledger.today() - dt.timedelta(days=3),
    )  # fmt: skip
    page.options.choose(Document.NOTICE)
    assert not page.options.purpose.isHidden() and page.options.picker.isHidden()
    page.options.days.setValue(5)
    make(page, qtbot)
    text = pdf_text(page.options.out_path())
    assert "格桑" in text and "共 5 天" in text and "13912345678" not in text


def test_refusals_are_shown_and_nothing_is_written(page: PrintingPage, qtbot: Any, tmp_path: Path) -> None:
    page.options.picker.clear_choice()  # 一户一档 of one household, but none chosen
    assert page.make() is None and not page.ctx.jobs
    (text,) = dialogs()
    assert "请先选择农户" in text
    assert not (tmp_path / "打印").exists() and page.printed is None
    assert not page.preview.print_button.isEnabled() and not page.preview.folder_button.isEnabled()


def test_a_file_where_the_folder_should_be_is_refused_in_plain_words(
    page: PrintingPage, qtbot: Any, tmp_path: Path
) -> None:
    page.options.choose(Document.EACH)
    page.options.folder.setText(str(tmp_path))
    (tmp_path / page.options.name.text()).write_text("不是文件夹", encoding="utf-8")
    job = page.make()
    assert job is not None
    qtbot.waitUntil(lambda: not page.ctx.jobs, timeout=JOB_TIMEOUT)
    assert job.error is not None
    (text,) = dialogs()
    assert "不是文件夹" in text and "程序出现了问题" not in text
    page.options.folder.clear()
    assert page.make() is None
    (text,) = dialogs()
    assert "请选择保存到哪个文件夹" in text


needs_renderer = pytest.mark.skipif(renderer() is None, reason="no PDF renderer (pypdfium2) here")


def settled(view: Any) -> bool:
    """Every page in view (and one either side) is drawn at the zoom now."""
    return not view._busy and not view._queue


@needs_renderer
def test_the_preview_follows_the_chosen_document(page: PrintingPage, qtbot: Any) -> None:
    page.options.choose(Document.ROSTER)
    make(page, qtbot)
    roster = page.options.out_path()
    assert roster.name in page.preview.heading.text()
    assert page.preview.page_count() == pdf_pages(roster)
    view = page.preview.view
    assert view.page_rect(0).width() > view.page_rect(0).height()  # A4 landscape
    # another document: the roster is no longer shown (nor printed), until this one is made
    page.options.choose(Document.CARD)
    assert page.preview.page_count() == 0 and page.printed is None
    assert "明白卡：还没有生成" in page.preview.heading.text()
    assert not page.preview.print_button.isEnabled() and page.outcome.text() == ""
    make(page, qtbot)
    cards = page.options.out_path()
    assert cards.name in page.preview.heading.text() and roster.name not in page.preview.heading.text()
    assert page.preview.page_count() == pdf_pages(cards) == 4  # one card per household
    assert view.page_rect(0).width() < view.page_rect(0).height()  # portrait
    qtbot.waitUntil(lambda: 0 in view.images and settled(view), timeout=JOB_TIMEOUT)
    assert view.images[0][1].width() < view.images[0][1].height()
    # back to the roster made before: shown again at once, and it is what 打印 would print
    page.options.choose(Document.ROSTER)
    assert roster.name in page.preview.heading.text() and page.preview.print_button.isEnabled()
    assert page.printed is not None and page.printed.result.paths == (roster,)
    assert page.preview.page_count() == pdf_pages(roster)


@needs_renderer
def test_pages_are_drawn_as_they_come_into_view_and_navigated_with_keys(
    page: PrintingPage, qtbot: Any
) -> None:
    page.options.choose(Document.COMBINED)
    make(page, qtbot)
    count = pdf_pages(page.options.out_path())
    preview, view = page.preview, page.preview.view
    assert count >= 6 and preview.page_count() == count
    assert preview.page_box.text() == f"第 1 页 共 {count} 页"
    qtbot.waitUntil(lambda: 0 in view.images and settled(view), timeout=JOB_TIMEOUT)
    assert len(view.images) < count  # only the pages in view and one beyond
    page.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)

    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert preview.current_page() == 2 and preview.page_box.text() == f"第 2 页 共 {count} 页"
    assert abs(view.verticalScrollBar().value() - view.page_rect(1).top()) <= GAP
    qtbot.waitUntil(lambda: 1 in view.images and settled(view), timeout=JOB_TIMEOUT)
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert preview.current_page() == 1 and view.verticalScrollBar().value() == 0

    # a page number typed into the box: the last page, drawn; the first ones are let go
    box = preview.page_box
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, str(count))
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert preview.current_page() == count
    qtbot.waitUntil(lambda: count - 1 in view.images and settled(view), timeout=JOB_TIMEOUT)
    assert 0 not in view.images
    qtbot.keyClick(box, Qt.Key.Key_PageUp)
    assert preview.current_page() == count - 1


@needs_renderer
def test_zoom_changes_the_drawn_size(page: PrintingPage, qtbot: Any) -> None:
    page.options.choose(Document.COMBINED)
    make(page, qtbot)
    preview, view = page.preview, page.preview.view
    qtbot.waitUntil(lambda: 0 in view.images and settled(view), timeout=JOB_TIMEOUT)
    fitted, drawn = view.page_rect(0).width(), view.images[0][1].width()
    assert preview.zoom_box.currentText() == "适合宽度"
    assert fitted <= view.viewport().width()  # fit width: no sideways scrolling
    page.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)

    qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    percent = view.percent()
    assert percent in PERCENTS and preview.zoom_box.currentText() == f"{percent} %"
    assert view.page_rect(0).width() > fitted
    qtbot.waitUntil(lambda: settled(view) and view.images[view.current][1].width() > drawn)
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.percent() < percent and view.page_rect(0).width() < fitted
    # Ctrl+wheel zooms too; the whole page fits when asked
    wheel = QWheelEvent(
        QPointF(50, 50), QPointF(50, 50), QPoint(0, 0), QPoint(0, 120), Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    before = view.percent()
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.percent() > before
    preview.zoom_box.setCurrentIndex(preview.zoom_box.findData(FIT_PAGE))
    preview.zoom_box.activated.emit(preview.zoom_box.currentIndex())
    assert view.page_rect(0).height() <= view.viewport().height()
    shown = view.page_rect(view.current)  # the current page, whole, in view
    top = view.verticalScrollBar().value()
    assert top <= shown.top() and shown.bottom() <= top + view.viewport().height()
    for _ in range(8):  # 50 % at the least, 200 % at the most
        qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.percent() == 50
    for _ in range(8):
        qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.percent() == 200 and view.page_rect(0).width() > view.viewport().width()
