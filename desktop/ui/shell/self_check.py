"""``zhucun doctor``: does this installation have what the app needs? For a frozen build on a new
laptop (or after building on Windows) — each part checked for real, one line each, in Chinese.

The parts: the shipped CJK font registered and covering the interface's characters; the English
translation and Qt's own Chinese found; a PDF page rendered for the print preview; SQLCipher and the
passphrase key derivation; FTS5's trigram tokenizer for household search (and with ``--db``, whether the
server has its pg_trgm index). Nothing here touches a data folder.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QGuiApplication, QRawFont

from desktop.services.security.installation_check import (
    fts_trigrams,
    key_derivation,
    server_search_index,
    sqlcipher_version,
)
from desktop.ui.printing.pdf_pages import pages, renderer
from desktop.ui.shell.fonts import install_app_font
from desktop.ui.shell.i18n import install_translators, tr, uninstall_translators

SAMPLE = "驻村台账亚弄村卓嘎两不愁三保障饮水安全"  # characters the interface shows


@dataclass(frozen=True)
class Finding:
    part: str
    ok: bool
    detail: str


def run_checks(app: QGuiApplication, resources: Path, db_url: str | None = None) -> list[Finding]:
    checks: list[tuple[str, Callable[[], str]]] = [
        (tr("中文字体"), lambda: _font(app, resources)),
        (tr("界面翻译"), lambda: _translations(app, resources)),
        (tr("PDF 预览和打印"), _pdf_preview),
        (tr("数据库加密（SQLCipher）"), sqlcipher_version),
        (tr("口令密钥派生"), key_derivation),
        (tr("农户检索索引（FTS5 三元组）"), _search_trigrams),
    ]
    if db_url:
        # a server without pg_trgm still finds every household (slower): said, never a failure
        checks.append((tr("服务器的农户检索索引（pg_trgm）"), lambda: server_search_index(db_url)))
    findings = []
    for part, check in checks:
        try:
            findings.append(Finding(part, True, check()))
        except Exception as exc:  # every failure is a finding, whatever it is
            findings.append(Finding(part, False, f"{type(exc).__name__}: {exc}"))
    return findings


def _search_trigrams() -> str:
    found = fts_trigrams()
    missing = [f"{f.driver} (SQLite {f.sqlite_version})" for f in found if not f.ok]
    if missing:
        raise RuntimeError(
            tr("缺 FTS5 三元组分词：{0}；农户检索仍可用，但逐行比对，较慢").format("、".join(missing))
        )
    return "、".join(f"{f.driver} (SQLite {f.sqlite_version})" for f in found)


def _font(app: QGuiApplication, resources: Path) -> str:
    family = install_app_font(app, resources)
    raw = QRawFont.fromFont(QFont(family))  # the font Qt actually picked for that family
    missing = [ch for ch in SAMPLE if not raw.supportsCharacter(ord(ch))]
    if missing:
        raise RuntimeError(
            tr("{family} 缺少 {characters}").format(family=family, characters="".join(missing))
        )
    return family


def _translations(app: QGuiApplication, resources: Path) -> str:
    try:
        install_translators(app, resources, "en")
        english = tr("农户")  # a text every window has
        install_translators(app, resources, "zh_CN")
        cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
    finally:
        uninstall_translators(app)
    if english == "农户":
        raise RuntimeError(tr("找不到英文翻译 zhucun_en.qm"))
    if cancel != "取消":
        raise RuntimeError(tr("找不到 Qt 自带的中文翻译 qtbase_zh_CN.qm"))
    return tr("English（农户 → {english}），Qt 中文（Cancel → {cancel}）").format(
        english=english, cancel=cancel
    )


def _pdf_preview() -> str:
    kind = renderer()
    if kind is None:
        raise RuntimeError(tr("没有可用的 PDF 渲染组件（pypdfium2）"))
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "check.pdf"
        pdf.write_bytes(_tiny_pdf())
        (image,) = list(pages(pdf, dpi=72))
    dark = image.pixelColor(image.width() // 2, image.height() // 2)
    if image.isNull() or dark.value() > 100:
        raise RuntimeError(tr("{renderer} 渲染的页面不对").format(renderer=kind))
    return tr("{renderer}，{width}×{height} 像素").format(
        renderer=kind, width=image.width(), height=image.height()
    )


def _tiny_pdf() -> bytes:
    """A one-page PDF (200×100 pt) with a black square in the middle, written by hand: no PDF library
    on the interface side."""
    content = b"0 0 0 rg 80 30 40 40 re f"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
