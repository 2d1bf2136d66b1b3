"""Reading a PDF back with poppler's command-line tools, as a person's viewer would see it."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

POPPLER = ("pdftotext", "pdfinfo", "pdffonts", "pdfimages")


def need_poppler() -> None:
    missing = [tool for tool in POPPLER if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"poppler-utils not installed ({', '.join(missing)}): apt-get install poppler-utils")


def _run(*args: str | Path) -> str:
    return subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True).stdout


def pages_text(path: Path) -> list[str]:
    """The text of each page (pdftotext -layout separates pages by form feeds)."""
    text = _run("pdftotext", "-layout", path, "-")
    return text.split("\f")[:-1]


def text(path: Path) -> str:
    return "\f".join(pages_text(path))


def squash(value: str) -> str:
    """Without whitespace: pdftotext spaces CJK text by position, not as it was written."""
    return re.sub(r"\s+", "", value)


def info(path: Path) -> dict[str, str]:
    result = {}
    for line in _run("pdfinfo", "-f", "1", "-l", "100000", path).splitlines():
        key, _, value = line.partition(":")
        result[key.strip()] = value.strip()
    return result


def page_sizes(path: Path) -> list[str]:
    data = info(path)
    return [value for key, value in data.items() if re.fullmatch(r"Page\s+\d+ size", key)]


@dataclass(frozen=True)
class Font:
    name: str
    kind: str
    embedded: bool
    subset: bool


def fonts(path: Path) -> list[Font]:
    rows = _run("pdffonts", path).splitlines()[2:]
    result = []
    for row in rows:
        parts = row.split()
        # name type [type2] encoding emb sub uni id gen: read the flags from the end
        emb, sub = parts[-5], parts[-4]
        result.append(Font(parts[0], parts[1], emb == "yes", sub == "yes"))
    return result


def image_count(path: Path) -> int:
    return len(_run("pdfimages", "-list", path).splitlines()[2:])


def outline_titles(path: Path) -> list[str]:
    """The bookmark titles, decoded from the PDF's UTF-16 literal strings."""
    data = path.read_bytes()
    titles = []
    for body in re.findall(rb"\bobj\s*<<(.*?)>>\s*endobj", data, re.DOTALL):
        title = re.search(rb"/Title \(((?:\\.|[^\\)])*)\)", body)
        if title and b"/Parent" in body:  # an outline item (the document's own title has no parent)
            titles.append(_literal(title.group(1)).decode("utf-16"))
    return titles


def _literal(raw: bytes) -> bytes:
    out = bytearray()
    i = 0
    while i < len(raw):
        char = raw[i]
        if char == 0x5C:  # backslash
            octal = re.match(rb"[0-7]{1,3}", raw[i + 1 : i + 4])
            if octal:
                out.append(int(octal.group(0), 8))
                i += 1 + len(octal.group(0))
                continue
            escaped = raw[i + 1 : i + 2]
            out += {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}.get(escaped, escaped)
            i += 2
            continue
        out.append(char)
        i += 1
    return bytes(out)
