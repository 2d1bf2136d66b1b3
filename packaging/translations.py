"""Collect the interface's texts into the English Qt Linguist file and compile it.

    .venv/bin/python packaging/translations.py           # update zhucun_en.ts, compile zhucun_en.qm
    .venv/bin/python packaging/translations.py --check   # change nothing; exit 1 if either is out of date

Every ``tr("…")`` (or ``tr("…", "disambiguation")``) and ``tr_noop("…")`` in ``desktop/ui`` is found by
reading the source (ast): its arguments must be string literals, else this stops naming the file and
line (an f-string or a variable cannot be looked up in a catalog; ``tr_marked(variable)`` is the call
for a text marked elsewhere with ``tr_noop``).
The domain's own words that the interface shows as headings join them: the field and record labels of
``desktop/domain/fields.py`` and the checklist dimensions and verdicts of ``desktop/domain/enums.py``,
taken by importing those modules (the domain knows nothing of Qt; ``desktop/ui`` shows them through
``tr_marked``). Each carries a note for the translator (``<extracomment>``) naming what it labels, e.g.
``desktop/domain/fields.py: household.phone, member.phone``. Stored values (household categories,
names, villages) are data and are not translated.
``resources/translations/zhucun_en.ts`` (TS 2.1, context ``zhucun``) keeps its translations; a new text
comes in unfinished (empty), a text no longer in the source is marked obsolete. Open the file in Qt
Linguist (``.venv/bin/pyside6-linguist``) or any editor to translate, then run this again: it compiles
``zhucun_en.qm`` with ``pyside6-lrelease``, leaving unfinished texts out (they show in Chinese).
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO / "desktop" / "ui"
TS_FILE = REPO / "resources" / "translations" / "zhucun_en.ts"
CONTEXT = "zhucun"
MARKERS = ("tr", "tr_noop")
FINISHED, UNFINISHED, OBSOLETE = "", "unfinished", "obsolete"


class NotALiteral(Exception):
    """A tr()/tr_noop() whose text is not a string literal."""


Key = tuple[str, str]  # (source, disambiguation comment; "" without)


@dataclass
class Message:
    source: str
    comment: str = ""  # the disambiguation: one Chinese text that means two things in English
    translation: str = ""
    state: str = UNFINISHED  # FINISHED, UNFINISHED or OBSOLETE
    locations: list[tuple[str, int]] = field(default_factory=list)  # (path relative to the .ts, line)
    note: str = ""  # for the translator: what a domain word labels (not part of the key)

    @property
    def key(self) -> Key:
        return (self.source, self.comment)


# --- extracting ------------------------------------------------------------------------------------


def extract(root: Path = SOURCES) -> dict[Key, list[tuple[Path, int]]]:
    """Every marked text (with its disambiguation) under ``root``, in order of first appearance, with
    where it appears."""
    found: dict[Key, list[tuple[Path, int]]] = {}
    problems: list[str] = []
    for path in sorted(root.rglob("*.py")):
        try:
            texts = extract_file(path)
        except NotALiteral as error:
            problems.append(str(error))
            continue
        for text, line in texts:
            found.setdefault(text, []).append((path, line))
    if problems:
        raise NotALiteral("\n".join(problems))
    return found


def extract_file(path: Path) -> list[tuple[Key, int]]:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source, filename=str(path))
    texts, problems = [], []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and _marker(node.func) in MARKERS):
            continue
        most = 2  # tr(text, disambiguation) / tr_noop(text, disambiguation)
        if 1 <= len(node.args) <= most and not node.keywords and all(_literal(a) for a in node.args):
            comment = node.args[1].value if len(node.args) == 2 else ""  # type: ignore[attr-defined]
            texts.append(((node.args[0].value, comment), node.lineno))  # type: ignore[attr-defined]
        else:
            what = ast.get_source_segment(source, node) or _marker(node.func)
            problems.append(f"{_shown(path)}:{node.lineno}: not a string literal: {what}")
    if problems:
        raise NotALiteral("\n".join(problems))
    return sorted(texts, key=lambda t: t[1])


def _literal(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _marker(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):  # i18n.tr(…)
        return func.attr
    return ""


# --- the domain's words ---------------------------------------------------------------------------
DOMAIN = REPO / "desktop" / "domain"
Place = tuple[Path, int]


def domain_vocabulary() -> list[tuple[Key, Place, str]]:
    """The domain's words the interface shows as headings, each with where it is defined and what it
    names: every record label (``TABLE_LABELS``) and field label (``LABELS``) of ``fields.py``, the
    checklist dimensions and the verdicts (达标 / 未达标 / 待核实) of ``enums.py``. Read by importing
    the modules; the file is searched only for the line a translator is pointed to."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from desktop.domain import enums, fields

    fields_file, enums_file = DOMAIN / "fields.py", DOMAIN / "enums.py"
    field_lines = fields_file.read_text(encoding="utf-8").splitlines()
    enum_lines = enums_file.read_text(encoding="utf-8").splitlines()
    found: list[tuple[Key, Place, str]] = []
    for table, text in fields.TABLE_LABELS.items():
        line = _line(field_lines, "TABLE_LABELS", f'"{table}": "{text}"')
        found.append(((text, ""), (fields_file, line), f"TABLE_LABELS[{table!r}] (a kind of record)"))
    for table, labels in fields.LABELS.items():
        for name, text in labels.items():
            block = f'LABELS["{table}"]' if _line(field_lines, f'LABELS["{table}"]') else f'"{table}": {{'
            line = _line(field_lines, "LABELS: dict", block, f'"{name}":')
            found.append(((text, ""), (fields_file, line), f"{table}.{name}"))
    for dimension in enums.Dimension:
        line = _line(enum_lines, "class Dimension", f'{dimension.name} = "{dimension.value}"')
        found.append(
            ((dimension.value, ""), (enums_file, line), f"Dimension.{dimension.name} (a checklist item)")
        )
    for status in enums.Status:
        line = _line(enum_lines, "_STATUS_LABELS =")
        found.append(
            ((status.label, ""), (enums_file, line), f"Status.{status.name}.label (a checklist verdict)")
        )
    return found


def _line(lines: list[str], *anchors: str) -> int:
    """The line (1-based) of the last anchor, each looked for from the line of the one before; an anchor
    not found leaves the line of the one before (0 when the first is not found)."""
    at = -1
    for anchor in anchors:
        start = max(at, 0)
        hit = next((i for i in range(start, len(lines)) if anchor in lines[i]), None)
        if hit is None:
            break
        at = hit
    return at + 1


def collect(root: Path = SOURCES) -> tuple[dict[Key, list[Place]], dict[Key, str]]:
    """Every text the catalog holds: the interface's (``extract``) then the domain's words, with where
    each appears, and the translator's note of each domain word."""
    found = extract(root)
    grouped: dict[Key, dict[str, list[str]]] = {}
    for key, (path, line), what in domain_vocabulary():
        places = found.setdefault(key, [])
        if (path, line) not in places:
            places.append((path, line))
        grouped.setdefault(key, {}).setdefault(_shown(path), []).append(what)
    notes = {
        key: "; ".join(f"{file}: {', '.join(whats)}" for file, whats in files.items())
        for key, files in grouped.items()
    }
    return found, notes


# --- the .ts file ----------------------------------------------------------------------------------
def read_ts(path: Path = TS_FILE) -> dict[Key, Message]:
    if not path.is_file():
        return {}
    root = ElementTree.parse(path).getroot()
    messages: dict[Key, Message] = {}
    for context in root.iter("context"):
        if (context.findtext("name") or "") != CONTEXT:
            continue
        for element in context.iter("message"):
            source = element.findtext("source") or ""
            comment = element.findtext("comment") or ""
            translation = element.find("translation")
            kind = translation.get("type", "") if translation is not None else UNFINISHED
            state = OBSOLETE if kind in ("obsolete", "vanished") else UNFINISHED if kind else FINISHED
            locations = [
                (loc.get("filename", ""), int(loc.get("line", "0") or 0)) for loc in element.iter("location")
            ]
            text = (translation.text or "") if translation is not None else ""
            note = element.findtext("extracomment") or ""
            messages[(source, comment)] = Message(source, comment, text, state, locations, note)
    return messages


def merge(
    old: dict[Key, Message],
    found: dict[Key, list[tuple[Path, int]]],
    ts_path: Path = TS_FILE,
    notes: dict[Key, str] | None = None,
) -> list[Message]:
    """The new catalog: texts in source order with their translations (and translator's notes), then
    the obsolete ones."""
    merged = []
    notes = notes or {}
    for (text, comment), places in found.items():
        before = old.get((text, comment))
        locations = [(_relative(path, ts_path.parent), line) for path, line in places]
        note = notes.get((text, comment), "")
        if before is None:
            merged.append(Message(text, comment, "", UNFINISHED, locations, note))
        else:
            state = before.state
            if state == OBSOLETE:  # back in the source: its translation is good again, if it had one
                state = FINISHED if before.translation else UNFINISHED
            merged.append(Message(text, comment, before.translation, state, locations, note))
    gone = sorted((m for k, m in old.items() if k not in found), key=lambda m: m.key)
    merged += [Message(m.source, m.comment, m.translation, OBSOLETE, []) for m in gone if m.translation]
    return merged


def render_ts(messages: list[Message]) -> str:
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!DOCTYPE TS>",
        '<TS version="2.1" language="en" sourcelanguage="zh_CN">',
        "<context>",
        f"    <name>{CONTEXT}</name>",
    ]
    for message in messages:
        lines.append("    <message>")
        for filename, line in message.locations:
            lines.append(f"        <location filename={quoteattr(filename)} line={quoteattr(str(line))}/>")
        lines.append(f"        <source>{escape(message.source)}</source>")
        if message.comment:
            lines.append(f"        <comment>{escape(message.comment)}</comment>")
        if message.note:
            lines.append(f"        <extracomment>{escape(message.note)}</extracomment>")
        kind = {FINISHED: "", UNFINISHED: ' type="unfinished"', OBSOLETE: ' type="obsolete"'}[message.state]
        lines.append(f"        <translation{kind}>{escape(message.translation)}</translation>")
        lines.append("    </message>")
    lines += ["</context>", "</TS>", ""]
    return "\n".join(lines)


# --- compiling -------------------------------------------------------------------------------------
def lrelease() -> str:
    """The ``lrelease`` of the PySide6 beside this Python, else one on the PATH."""
    folder = Path(sys.executable).parent
    for name in ("pyside6-lrelease", "pyside6-lrelease.exe", "lrelease"):
        if (folder / name).is_file():
            return str(folder / name)
    found = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    if found is None:
        raise FileNotFoundError("pyside6-lrelease not found (pip install PySide6-Essentials)")
    return found


def compile_qm(ts_path: Path, qm_path: Path) -> None:
    command = [lrelease(), "-silent", "-nounfinished", str(ts_path), "-qm", str(qm_path)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not qm_path.is_file():
        raise RuntimeError(f"lrelease failed: {done.stderr or done.stdout}")


def compiled(ts_text: str) -> bytes:
    """What lrelease makes of ``ts_text``."""
    with tempfile.TemporaryDirectory(prefix="zhucun-ts-") as folder:
        ts_path, qm_path = Path(folder) / "zhucun_en.ts", Path(folder) / "zhucun_en.qm"
        ts_path.write_text(ts_text, encoding="utf-8")
        compile_qm(ts_path, qm_path)
        return qm_path.read_bytes()


# --- the command -----------------------------------------------------------------------------------
def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="更新英文译文文件（.ts）并编译（.qm）")
    parser.add_argument("--check", action="store_true", help="不改动文件；过时则退出码 1")
    args = parser.parse_args(argv[1:])
    try:
        found, notes = collect()
    except NotALiteral as error:
        print(error, file=sys.stderr)
        return 2
    messages = merge(read_ts(), found, notes=notes)
    ts_text = render_ts(messages)
    qm_path = TS_FILE.with_suffix(".qm")
    unfinished = [m.source for m in messages if m.state == UNFINISHED]
    if args.check:
        stale = []
        if not TS_FILE.is_file() or _sources(read_ts()) != _sources({m.key: m for m in messages}):
            stale.append(f"{_shown(TS_FILE)} is out of date: run packaging/translations.py")
        elif not qm_path.is_file() or qm_path.read_bytes() != compiled(TS_FILE.read_text(encoding="utf-8")):
            stale.append(f"{_shown(qm_path)} is not compiled from the .ts: run packaging/translations.py")
        stale += [f"untranslated: {text!r}" for text in unfinished]
        print(
            "\n".join(stale) if stale else "translations up to date", file=sys.stderr if stale else sys.stdout
        )
        return 1 if stale else 0
    TS_FILE.parent.mkdir(parents=True, exist_ok=True)
    _write(TS_FILE, ts_text.encode("utf-8"))
    _write(qm_path, compiled(ts_text))
    live = [m for m in messages if m.state != OBSOLETE]
    obsolete = len(messages) - len(live)
    print(f"{len(live)} texts, {len(unfinished)} untranslated, {obsolete} obsolete → {_shown(qm_path)}")
    for text in unfinished:
        print(f"  untranslated: {text!r}")
    return 0


def _sources(messages: dict[Key, Message]) -> set[tuple[Key, bool]]:
    return {(m.key, m.state == OBSOLETE) for m in messages.values()}


def _write(path: Path, data: bytes) -> None:
    if path.is_file() and path.read_bytes() == data:
        return
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(data)
    os.replace(partial, path)


def _relative(path: Path, folder: Path) -> str:
    return Path(os.path.relpath(path, folder)).as_posix()


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(REPO).as_posix()
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
