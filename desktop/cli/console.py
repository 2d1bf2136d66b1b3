"""Printing that never fails on the console it is given.

A Chinese Windows console, and output redirected to a file there, use GBK (cp936); a Western one uses
cp1252. Neither has "✓", cp1252 has no Chinese at all, and Python's default ``strict`` error handler
then ends the command in a UnicodeEncodeError (exit 70) halfway through its output. At start the CLI
reconfigures stdout and stderr, when their encoding is not a Unicode one, to replace what the encoding
cannot show: first by a look-alike the encoding has ("✓" → "√" in GBK, "[OK]" in cp1252; "✗" → "×"),
else by "?" (so on cp1252 Chinese text comes out as question marks: readable it cannot be, but the
command finishes and its exit code holds). UTF-8 output is left untouched. The frozen Windows app runs
in Python's UTF-8 mode (packaging/zhucun.spec), so this is the fallback for consoles that still cannot
show UTF-8 and for runs from source.
"""

from __future__ import annotations

import codecs
import io
import json
import sys
from typing import Any

HANDLER = "zhucun-console"

# what to print instead of a character the console's encoding lacks, best first
_LOOK_ALIKES: dict[str, tuple[str, ...]] = {
    "✓": ("√", "[OK]"),
    "✔": ("√", "[OK]"),
    "✗": ("×", "[X]"),
    "✘": ("×", "[X]"),
    "−": ("-",),
    "→": ("->",),
    "≤": ("<=",),
    "≥": (">=",),
    "–": ("-",),
    "—": ("-",),
    "…": ("...",),
    "“": ('"',),
    "”": ('"',),
    "·": (".",),
}


def _replace(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out = []
    for char in error.object[error.start : error.end]:
        for candidate in _LOOK_ALIKES.get(char, ()):
            try:
                candidate.encode(error.encoding)
            except UnicodeEncodeError:
                continue
            out.append(candidate)
            break
        else:
            out.append("?")
    return "".join(out), error.end


codecs.register_error(HANDLER, _replace)


def make_console_safe() -> None:
    """Let stdout and stderr replace what their encoding cannot show instead of failing."""
    for stream in (sys.stdout, sys.stderr):
        if not isinstance(stream, io.TextIOWrapper):
            continue  # captured by a test or replaced by an embedding program: not a console
        try:
            name = codecs.lookup(stream.encoding).name
        except LookupError:
            name = ""
        if name.startswith("utf"):
            continue
        stream.reconfigure(errors=HANDLER)


def print_json(value: Any) -> None:
    """``--json`` output: UTF-8 text (not \\u escapes), indented, keys sorted, dates as ISO text."""
    print(json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True, default=str))
