"""Page images for the preview and for printing come from PDFium, a dependency, so a Windows laptop
without Poppler previews and prints like this machine; Poppler's rendering is the yardstick here."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from desktop.app import resources_dir
from desktop.domain.errors import InvalidInput
from desktop.ui.printing.pdf_pages import PDFIUM, page_count, pages, renderer


def roster_like(path: Path, count: int = 3) -> Path:
    pdfmetrics.registerFont(
        TTFont("WQY", str(resources_dir() / "fonts" / "wqy-microhei.ttc"), subfontIndex=0)
    )
    canvas = Canvas(str(path), pagesize=landscape(A4))
    for number in range(1, count + 1):
        canvas.setFont("WQY", 28)
        canvas.drawString(60, 480, f"亚弄村人口台账 第 {number} 页")
        canvas.rect(60, 100, 700, 300)
        canvas.showPage()
    canvas.save()
    return path


def dark_share(image: QImage) -> float:
    small = image.scaled(200, 140)
    dark = sum(
        1 for y in range(small.height()) for x in range(small.width()) if small.pixelColor(x, y).value() < 128
    )
    return dark / (small.width() * small.height())


def test_pages_render_with_pdfium_page_by_page(tmp_path: Path) -> None:
    pdf = roster_like(tmp_path / "roster.pdf")
    assert renderer() == PDFIUM
    assert page_count(pdf) == 3
    images = list(pages(pdf, dpi=72, first=2))
    assert len(images) == 2
    # A4 landscape at 72 dpi is 841.9 × 595.3 points
    assert abs(images[0].width() - 842) <= 1 and abs(images[0].height() - 595) <= 1
    assert 0.001 < dark_share(images[0]) < 0.2  # text and a frame on white: not blank, not black


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="the Poppler yardstick is not installed")
def test_pdfium_draws_what_poppler_draws(tmp_path: Path) -> None:
    pdf = roster_like(tmp_path / "roster.pdf", 1)
    (ours,) = pages(pdf, dpi=50)
    done = subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-singlefile", str(pdf)], capture_output=True, check=True
    )
    theirs = QImage.fromData(done.stdout, "PNG")
    assert abs(ours.width() - theirs.width()) <= 1 and abs(ours.height() - theirs.height()) <= 1
    assert dark_share(ours) == pytest.approx(dark_share(theirs), abs=0.01)


@pytest.mark.parametrize("damage", ["not a pdf", "truncated"])
def test_a_damaged_file_is_named_in_the_message(tmp_path: Path, damage: str) -> None:
    pdf = tmp_path / "坏文件.pdf"
    if damage == "not a pdf":
        pdf.write_text("这不是 PDF", encoding="utf-8")
    else:
        whole = roster_like(tmp_path / "whole.pdf").read_bytes()
        pdf.write_bytes(whole[: len(whole) // 3])
    with pytest.raises(InvalidInput, match=r"坏文件\.pdf"):
        list(pages(pdf, dpi=50))
