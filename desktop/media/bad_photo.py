"""The error of one photo file that cannot be stored, without Pillow: what a caller that only reports
it needs (the photo service is imported when the window opens; Pillow when a photo is read)."""

from __future__ import annotations

from desktop.domain.errors import InvalidInput


class BadPhoto(InvalidInput):
    """One file that cannot be stored as a photo; ``message`` names the file and says why."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}：{reason}")
        self.name = name
        self.reason = reason
