"""Screenshots of every page, for the README and for looking at before a release.

    xvfb-run -a .venv/bin/python packaging/screenshots.py OUTDIR [--font-scale 1.5] [--language en]

Builds the demo village in a temporary data folder, and a township office that trusts it. The village
exports its bundle through its 同步 page; the township imports it through its own 同步 page, together
with a bundle from a device nobody has trusted yet (quarantined). Saved: the main window on every page
of both, the household window, the township's quarantine and fingerprint check, and 概况 of one village
chosen on 各村. The window is 1366×698: a 1366×768 laptop screen less the taskbar and title bar.
``--font-scale 1.5`` enlarges the interface font (a user's 150% text setting) to check nothing is cut off;
``--language en`` shows the English interface, ``--language pseudo`` every text 40 % wider (the stretch test).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QTabWidget, QWidget

from desktop.app import open_ledger, resources_dir
from desktop.services.context import Ledger
from desktop.services.demo import create_demo
from desktop.services.exchange.bundles import export_bundle
from desktop.services.exchange.identity import export_card, my_identity, trust_card
from desktop.services.setup import init_township, init_village
from desktop.services.village.overview import village_overview
from desktop.ui.printing.page import PrintingPage
from desktop.ui.printing.request import Document
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.fonts import install_app_font
from desktop.ui.shell.i18n import CHINESE, LANGUAGES, install_translators, tr
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.sync.page import SyncPage
from desktop.ui.villages.page import VillagesPage

WIDTH, HEIGHT = 1366, 698
SLUGS = {
    "各村": "villages",
    "概况": "overview",
    "农户": "households",
    "走访": "visits",
    "日志": "diary",
    "核查": "checks",
    "监测": "monitoring",
    "照片": "photos",
    "台账打印": "printing",
    "同步": "sync",
    "设置": "settings",
}


def _press_enter_on_a_message_box() -> None:
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox) and box.isVisible():
        print(f"（已关闭提示：{box.text()}）", file=sys.stderr)
        QTest.keyClick(box, Qt.Key.Key_Return)


@dataclass
class Scene:
    village: Ledger
    township: Ledger
    stick: Path
    stranger_bundle: Path
    stranger_card: Path
    stranger_fingerprint: str


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="每一页的截图（在 xvfb-run 下运行）")
    parser.add_argument("outdir", type=Path, help="截图保存到的文件夹")
    parser.add_argument("--font-scale", type=float, default=1.0, help="界面字体放大倍数，如 1.5")
    parser.add_argument("--language", choices=LANGUAGES, default=CHINESE, help="界面语言（pseudo：拉长文字）")
    args = parser.parse_args(argv[1:])
    out = args.outdir.resolve()
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(argv[:1])
    closer = QTimer(app)  # a message box must not stop the run: Enter answers it, as a user would
    closer.timeout.connect(_press_enter_on_a_message_box)
    closer.start(50)
    install_app_font(app, resources_dir())
    install_translators(app, resources_dir(), args.language)
    if args.font_scale != 1.0:
        font = app.font()
        font.setPointSizeF(font.pointSizeF() * args.font_scale)
        app.setFont(font)
    with tempfile.TemporaryDirectory(prefix="zhucun-shots-") as folder:
        root = Path(folder)
        os.environ["ZHUCUN_HOME"] = str(root / "reports")  # crash reports, if any, stay in the temp folder
        # the window's saved place (desktop/ui/shell/window_place.py) too: the user's own is neither read nor changed
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(root / "config"))
        scene = _scene(root)
        try:
            village_bundle, saved = _village_run(scene, out)
            saved += _township_run(scene, [village_bundle, scene.stranger_bundle], out)
        finally:
            scene.village.store.close()
            scene.township.store.close()
    for path in saved:
        print(path)
    return 0


def _scene(root: Path) -> Scene:
    village = open_ledger(root / "village", create=True)
    create_demo(village)
    township = open_ledger(root / "township", create=True)
    init_township(township, code="513301207", name="甲根坝乡", user="洛桑")
    stranger = open_ledger(root / "stranger", create=True)
    init_village(stranger, code="513301208", name="色乌绒村", user="次仁", township="甲根坝乡")
    cards = root / "cards"
    cards.mkdir()
    for name, ledger in (("village", village), ("township", township), ("stranger", stranger)):
        export_card(ledger, cards / f"{name}.zcid")
    township_fp = my_identity(township).fingerprint
    trust_card(village, cards / "township.zcid", township_fp)
    trust_card(stranger, cards / "township.zcid", township_fp)
    trust_card(township, cards / "village.zcid", my_identity(village).fingerprint)
    stick = root / "stick"
    stick.mkdir()
    stranger_bundle = export_bundle(stranger, township_fp, stick).path
    stranger_fp = my_identity(stranger).fingerprint
    stranger.store.close()
    return Scene(village, township, stick, stranger_bundle, cards / "stranger.zcid", stranger_fp)


def _village_run(scene: Scene, out: Path) -> tuple[Path, list[Path]]:
    ctx = UiContext(scene.village)
    window = _window(ctx)
    sync = window.show_page("同步")
    assert isinstance(sync, SyncPage)
    sync.set_destination(scene.stick)
    sync.export_bundle()
    _wait(ctx)
    assert sync.last_export is not None, "the village's export failed"
    window.show_page("概况")
    _settle()
    saved = [_save(window, out / "village-00-first-run-guide.png")]
    window.guide.dismiss()  # the other shots show the pages as used every day
    saved += _every_page(window, out, "village")
    saved += _printing_and_help(window, ctx, scene.stick.parent / "printed", out)
    gaps = village_overview(scene.village).gap_households
    if gaps:
        dialog = window.open_household(gaps[0].household_id)
        _settle()
        saved.append(_save(dialog, out / "village-household.png"))
        tabs = dialog.findChild(QTabWidget)
        titles = [tabs.tabText(i) for i in range(tabs.count())] if tabs is not None else []
        if tabs is not None and tr("两不愁三保障") in titles:
            tabs.setCurrentIndex(titles.index(tr("两不愁三保障")))
            _settle()
            saved.append(_save(dialog, out / "village-household-checklist.png"))
        if tabs is not None and tr("家庭成员") in titles:
            tabs.setCurrentIndex(titles.index(tr("家庭成员")))
            _settle()
            saved.append(_save(dialog, out / "village-household-members.png"))
        form = dialog.open_event_form("split")  # 登记家庭变动…, as it looks before anything is ticked
        _settle()
        saved.append(_save(form, out / "village-household-event.png"))
        form.done(0)
        dialog.close()
    window.close()
    return sync.last_export.path, saved


def _printing_and_help(window: MainWindow, ctx: UiContext, folder: Path, out: Path) -> list[Path]:
    """台账打印 with the roster made and previewed, at 100 % on its second page; the manual (F1)."""
    printing = window.show_page("台账打印")
    assert isinstance(printing, PrintingPage)
    printing.options.choose(Document.ROSTER)
    printing.options.folder.setText(str(folder))
    printing.make()
    _wait(ctx)
    view = printing.preview.view
    view.go_to(2)
    view.set_zoom(100)
    while view._busy or view._queue:
        _settle(50)
    _settle()
    saved = [_save(window, out / "village-printing-roster.png")]
    manual = window.show_help()
    manual.resize(WIDTH - 200, HEIGHT - 60)
    manual.contents.setCurrentRow(5)
    _settle()
    saved.append(_save(manual, out / "village-help.png"))
    manual.close()
    return saved


def _township_run(scene: Scene, bundles: list[Path], out: Path) -> list[Path]:
    ctx = UiContext(scene.township)
    window = _window(ctx)
    window.guide.dismiss()
    sync = window.show_page("同步")
    assert isinstance(sync, SyncPage)
    sync.import_files(bundles)
    _wait(ctx)
    saved = _every_page(window, out, "township")

    window.show_page("同步")
    sync.tabs.setCurrentIndex(1)
    sync.quarantine_table.selectRow(0)
    _settle()
    saved.append(_save(window, out / "township-sync-quarantine.png"))
    dialog = sync.open_trust_dialog()
    if dialog is not None:
        dialog.set_card(scene.stranger_card)
        dialog.typed.setText(scene.stranger_fingerprint)
        _settle()
        saved.append(_save(dialog, out / "township-trust-dialog.png"))
        dialog.reject()
    sync.tabs.setCurrentIndex(3)
    _settle()
    saved.append(_save(window, out / "township-sync-status.png"))
    sync.tabs.setCurrentIndex(0)

    villages = window.show_page("各村")
    assert isinstance(villages, VillagesPage)
    villages.choose_selected()
    window.show_page("概况")
    _settle()
    saved.append(_save(window, out / "township-overview-one-village.png"))
    window.close()
    return saved


def _window(ctx: UiContext) -> MainWindow:
    window = MainWindow(ctx)
    window.setWindowState(Qt.WindowState.WindowNoState)  # exactly this size, whatever the virtual screen
    window.resize(WIDTH, HEIGHT)
    window.show()
    _settle()
    return window


def _every_page(window: MainWindow, out: Path, prefix: str) -> list[Path]:
    saved = []
    for i, page in enumerate(window.pages):
        window.show_page(page.title)
        _settle()
        slug = SLUGS.get(page.title, f"page{i + 1}")
        saved.append(_save(window, out / f"{prefix}-{i + 1:02d}-{slug}.png"))
    return saved


def _save(widget: QWidget, path: Path) -> Path:
    if not widget.grab().save(str(path)):
        raise OSError(f"无法保存 {path}")
    return path


def _settle(ms: int = 150) -> None:
    """Let layouts, pending refreshes and paints run (a script may wait; the app never does)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _wait(ctx: UiContext) -> None:
    """Until the background jobs (export, import) have finished."""
    while ctx.jobs:
        _settle(50)
    _settle()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
