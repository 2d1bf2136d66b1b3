"""The one exception a report's progress callback stops it with: no reportlab here, so a caller that only
catches it (the GUI's print jobs) imports no PDF library until it prints."""

from __future__ import annotations


class Cancelled(Exception):
    """The progress callback asked to stop; nothing was written."""
