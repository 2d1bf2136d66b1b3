"""Where ``resources/`` (fonts, icons, translations, policy tables, the demo village) is found.

A leaf module: it imports nothing of ours, so every layer that needs a shipped file can ask it without
reaching up to the composition root (desktop/app.py re-exports it for its callers).
"""

from __future__ import annotations

import functools
import sys
import tomllib
from pathlib import Path


def resources_dir() -> Path:
    """``resources/`` beside the package in a checkout, or inside the PyInstaller bundle when frozen."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


@functools.cache
def surname_readings() -> dict[str, str]:
    """``{"单": "shan", …}``: how a character is read as a surname, where that differs from its usual
    reading (``resources/names/surname_readings.toml``, with its source)."""
    with open(resources_dir() / "names" / "surname_readings.toml", "rb") as file:
        readings = tomllib.load(file)["readings"]
    return {str(char): str(reading) for char, reading in readings.items()}
