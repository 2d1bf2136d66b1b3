"""Crash reports: where a bug's details go instead of a traceback on screen (``logs/`` in the data folder).

An exception's message can quote what it was working on — a name, an ID number — so in an encrypted
data folder the report keeps only where it happened (file, line, function, the line of code, the
exception's type) and leaves every message out: the folder must hold no personal data in clear. A
plain folder's report keeps the messages too. One writer for the command line and the GUI.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
import traceback
from pathlib import Path

from desktop import __version__
from desktop.store.keyring import keyring_path

REDACTED = "（内容已略去：台账已加密，错误信息可能含个人信息）"
_home: Path | None = None


def report_into(home: Path) -> None:
    """The data folder whose ``logs/`` later reports go to (the GUI sets it once at start)."""
    global _home
    _home = home


def write_crash_report(error: BaseException, home: Path | None = None) -> Path:
    """Write the report; returns its path (a Chinese phrase instead when it cannot be written)."""
    folder = (home or _home or Path(os.environ.get("ZHUCUN_HOME") or Path.home() / ".zhucun")) / "logs"
    redact = keyring_path(folder.parent).exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{dt.datetime.now():%Y%m%d-%H%M%S-%f}.txt"
        path.write_text(crash_text(error, redact=redact), encoding="utf-8")
        if os.name != "nt":
            path.chmod(0o600)
        return path
    except OSError:
        return Path("（无法写入崩溃报告）")


def crash_text(error: BaseException, *, redact: bool) -> str:
    lines = [
        f"驻村台账 {__version__}  Python {platform.python_version()}  {platform.platform()}",
        f"{dt.datetime.now().isoformat(timespec='seconds')}  frozen={getattr(sys, 'frozen', False)}",
        "",
    ]
    if not redact:
        return "\n".join(lines) + "".join(traceback.format_exception(error))
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    for exc in reversed(chain):  # the first cause first, as Python prints them
        lines.append("Traceback (most recent call last):")
        for frame in traceback.extract_tb(exc.__traceback__):
            lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
            if frame.line:
                lines.append(f"    {frame.line.strip()}")
        lines.append(f"{type(exc).__module__}.{type(exc).__qualname__}: {REDACTED}")
        lines.append("")
    return "\n".join(lines)
