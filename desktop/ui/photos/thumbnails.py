"""Thumbnails for photo grids, loaded off the GUI thread.

A thumbnail may have to be made first (a photo that came in a bundle has none yet), which takes a
Pillow decode: never on the GUI thread. Requests go to a small thread pool; each answer comes back as
``loaded(sha256, image)`` on one application-wide hub, so a grid that is gone by then simply is no
longer connected (the hub lives as long as the application, so a worker never signals a dead object).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage

from desktop.domain.errors import UserError
from desktop.services.context import Ledger
from desktop.services.photos import photo_bytes

WORKERS = 2  # Pillow holds the GIL for little of a decode: two threads keep a grid filling quickly


class ThumbnailHub(QObject):
    """Hands out thumbnail loads and announces each result (a null image: none could be made)."""

    loaded = Signal(str, QImage)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(WORKERS)

    def request(self, ledger: Ledger, sha256: str, edge: int) -> None:
        self.pool.start(partial(self._load, ledger, sha256, edge))

    def wait(self, ms: int = 30_000) -> bool:
        """For tests and shutdown: block until every requested load is done."""
        return self.pool.waitForDone(ms)

    def _load(self, ledger: Ledger, sha256: str, edge: int) -> None:
        # a worker thread: QImage (unlike QPixmap) may be made and scaled here
        image = QImage()
        try:
            # bytes, not a file: in an encrypted data folder the thumbnail's file is ciphertext
            data = photo_bytes(ledger, sha256, thumbnail=True)
        except (OSError, ValueError, UserError):  # unreadable, a malformed hash, the ledger closed
            data = None
        if data is not None and image.loadFromData(data):
            image = image.scaled(
                QSize(edge, edge),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        self.loaded.emit(sha256, image)


_hub: ThumbnailHub | None = None


def thumbnail_hub() -> ThumbnailHub:
    """The application's hub (made on first use, owned by the application)."""
    global _hub
    if _hub is None:
        _hub = ThumbnailHub(QCoreApplication.instance())
    return _hub
