"""Translating the interface: Chinese is the source text, English the second (compiled) translation.

Every user-visible string in ``desktop/ui`` goes through :func:`tr` with its Chinese text; formatted
strings keep named fields so the translation can move them: ``tr("共 {n} 户").format(n=n)``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = "zhucun"


def tr(text: str) -> str:
    """The text in the interface language (the Chinese itself when no translation is installed)."""
    return QCoreApplication.translate(CONTEXT, text)
