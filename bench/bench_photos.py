"""Photo ingest time per 12 MP JPEG (4000×3000, as phones take them, with EXIF orientation, time and GPS).

Prints the median and slowest of ``--photos`` distinct photos, each added on its own through
``add_photos`` (read, draft-mode decode, orient, cap at 2048 px, encode at quality 85, store the image
and its thumbnail, write the record), and, as the reference, the same photos with draft mode held back
(``draft_tolerance=0``: every pixel decoded, then resampled to 2048 px).

    .venv/bin/python bench/bench_photos.py [--photos 20]
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from pathlib import Path

from PIL import ExifTags, Image, ImageDraw

from desktop.app import open_ledger
from desktop.domain.idnumber import check_character
from desktop.media.ingest import IngestOptions
from desktop.services.context import Ledger
from desktop.services.households.households import add_household
from desktop.services.photos import PhotoStatus, add_photos
from desktop.services.setup import init_village

SIZE = (4000, 3000)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=20)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="zhucun-bench-photos-"))

    started = time.perf_counter()
    files = make_photos(work / "DCIM", args.photos)
    sizes = [f.stat().st_size for f in files]
    print(
        f"made {len(files)} JPEGs of {SIZE[0]}×{SIZE[1]} ({SIZE[0] * SIZE[1] / 1e6:.0f} MP, "
        f"median {statistics.median(sizes) / 1e6:.1f} MB) in {time.perf_counter() - started:.1f} s"
    )
    for label, options in (
        ("draft mode (default)", IngestOptions()),
        ("full decode (reference)", IngestOptions(draft_tolerance=0)),
    ):
        ledger = fresh_ledger(work / label.split()[0])
        timings = []
        for path in files:
            t0 = time.perf_counter()
            (result,) = add_photos(ledger, "001", [path], options=options)
            timings.append((time.perf_counter() - t0) * 1000)
            assert result.status == PhotoStatus.STORED, result.message
        ledger.store.close()
        print(
            f"photo ingest per 12 MP JPEG, {label}: median {statistics.median(timings):.0f} ms, "
            f"slowest {max(timings):.0f} ms (stored {result.width}×{result.height})"
        )


def make_photos(folder: Path, count: int) -> list[Path]:
    """Distinct photo-like JPEGs: a gradient with texture and noise, a different mark on each."""
    folder.mkdir(parents=True)
    width, height = SIZE
    texture = Image.merge(
        "RGB",
        (
            Image.effect_noise(SIZE, 40),
            Image.linear_gradient("L").resize(SIZE),
            Image.radial_gradient("L").resize(SIZE),
        ),
    )
    draw = ImageDraw.Draw(texture)
    for x in range(0, width, 53):
        draw.line((x, 0, width - x, height), fill=(x % 251, 140, 90), width=4)
    paths = []
    for n in range(count):
        photo = texture.copy()
        ImageDraw.Draw(photo).rectangle((40 * n, 40, 40 * n + 300, 400), fill=(200, 30 + 5 * n, 30))
        exif = Image.Exif()
        exif[ExifTags.Base.Orientation] = 6 if n % 2 else 1
        exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = f"2026:05:01 10:{n % 60:02d}:00"
        gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
        gps.update({1: "N", 2: (30.0, 3.0, 10.5), 3: "E", 4: (101.0, 57.0, 0.25)})
        out = io.BytesIO()
        photo.save(out, "JPEG", quality=90, exif=exif)
        path = folder / f"IMG_20260501_{n:04d}.jpg"
        path.write_bytes(out.getvalue())
        paths.append(path)
    return paths


def fresh_ledger(home: Path) -> Ledger:
    ledger = open_ledger(home, create=True)
    init_village(ledger, code="513301", name="亚弄村", user="扎西", province="四川省", groups=["一组"])
    first17 = "51330119700101002"
    add_household(
        ledger, number="001", head={"name": "卓嘎", "id_number": first17 + check_character(first17)}
    )
    return ledger


if __name__ == "__main__":
    main()
