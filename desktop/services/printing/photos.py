"""Photo images for print: read from the blob store, made small enough for the page, read once each."""

from __future__ import annotations

import io

from desktop.reports import data as r
from desktop.services.context import Ledger
from desktop.store.models import Photo

PHOTO_EDGE = 1200  # px: 300 dpi across the 10 cm a photo gets on the page


class PrintPhotos:
    """Photo images from the blob store, made small enough for print (and read once each)."""

    def __init__(self, ledger: Ledger, *, load: bool = True) -> None:
        from desktop.media.blob_store import BlobStore

        self.blobs = BlobStore.of_home(ledger.store.location.home)
        self.load = load
        self.missing = 0
        self._cache: dict[str, bytes | None] = {}

    def photo(self, record: Photo) -> r.Photo:
        sha = record.sha256 or ""
        if sha not in self._cache:
            self._cache[sha] = self._read(sha) if self.load else None
        image = self._cache[sha]
        if image is None and self.load:
            self.missing += 1
        taken = f"{record.taken_at:%Y-%m-%d %H:%M}" if record.taken_at else ""
        return r.Photo(caption=record.caption or "", taken=taken, image=image, sha256=sha)

    def _read(self, sha: str) -> bytes | None:
        from PIL import Image, UnidentifiedImageError

        try:
            raw = self.blobs.read(sha)
        except (OSError, ValueError):  # not synced to this device yet, or no hash
            return None
        try:
            with Image.open(io.BytesIO(raw)) as image:
                image.draft("RGB", (PHOTO_EDGE, PHOTO_EDGE))  # decode a large JPEG at a fraction of its size
                small = image.convert("RGB")
                small.thumbnail((PHOTO_EDGE, PHOTO_EDGE))
                buffer = io.BytesIO()
                small.save(buffer, "JPEG", quality=82, optimize=True)
                return buffer.getvalue()
        except (OSError, UnidentifiedImageError, Image.DecompressionBombError):
            return None
