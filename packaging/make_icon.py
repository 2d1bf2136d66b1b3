"""Draw the app icon: 驻 in white on a red rounded square, with a ledger's ruled lines.

    .venv/bin/python packaging/make_icon.py      # writes resources/icons/zhucun.png and zhucun.ico

Drawn from the shipped font so it needs nothing else; re-run after changing the design and commit
both files (the Windows build embeds the .ico in zhucun.exe and the installer).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

REPO = Path(__file__).resolve().parent.parent
ICONS = REPO / "resources" / "icons"
FONT = REPO / "resources" / "fonts" / "wqy-microhei.ttc"
RED, CREAM = (183, 28, 28, 255), (255, 248, 225, 255)
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def draw(size: int = 1024) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    margin = size // 16
    pen.rounded_rectangle((margin, margin, size - margin, size - margin), radius=size // 6, fill=RED)
    # ruled lines of a ledger page along the bottom, faint, under the character
    for i in range(3):
        y = size * (0.77 + 0.055 * i)
        pen.line((size * 0.22, y, size * 0.78, y), fill=(255, 255, 255, 70), width=max(1, size // 64))
    font = ImageFont.truetype(str(FONT), int(size * 0.54), index=0)
    left, top, right, bottom = pen.textbbox((0, 0), "驻", font=font)
    x = (size - (right - left)) / 2 - left
    y = (size - (bottom - top)) / 2 - top - size * 0.07
    pen.text((x, y), "驻", font=font, fill=CREAM)
    return image


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    big = draw()
    big.resize((256, 256), Image.Resampling.LANCZOS).save(ICONS / "zhucun.png", optimize=True)
    big.save(ICONS / "zhucun.ico", sizes=ICO_SIZES)
    print(f"wrote {ICONS / 'zhucun.png'} and {ICONS / 'zhucun.ico'}")


if __name__ == "__main__":
    main()
