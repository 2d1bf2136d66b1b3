"""The layers point one way, checked by reading every import statement (also those inside functions).

desktop/domain imports nothing of ours; desktop/store only domain; sync, media, reports and excel are
siblings over the store (sync may use media's BlobStore); desktop/services may use all of those;
desktop/ui and the command line (desktop/cli*.py, desktop/__main__.py) only services and domain;
desktop/app.py is the composition root and may import anything (the command line opens a ledger or
starts the GUI through it, nothing else does). Two leaves import nothing of ours and may be used by
every layer but domain: desktop/resources.py (where ``resources/`` is) and desktop/__init__.py (the
version). Only desktop/ui and desktop/app.py import PySide6.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

DESKTOP = Path(__file__).resolve().parents[1] / "desktop"

LEAVES = {"domain", "resources", "package"}
BELOW_STORE = LEAVES | {"store"}
ALLOWED: dict[str, set[str]] = {
    "domain": set(),
    "resources": set(),
    "package": set(),  # desktop/__init__.py: the version string
    "store": LEAVES,
    "media": BELOW_STORE,
    "sync": BELOW_STORE | {"media"},
    "reports": BELOW_STORE,
    "excel": BELOW_STORE,
    "services": BELOW_STORE | {"media", "sync", "reports", "excel"},
    "ui": LEAVES | {"services"},
    "cli": LEAVES | {"services", "app"},
    "app": BELOW_STORE | {"media", "sync", "reports", "excel", "services", "ui", "cli"},
}
QT_LAYERS = {"ui", "app"}
QT_PACKAGES = ("PySide6", "shiboken6")


def _layer_of_module(module: str) -> str | None:
    """The layer of an imported module of ours, ``None`` for anything else."""
    parts = module.split(".")
    if parts[0] != "desktop":
        return None
    if len(parts) == 1:
        return "package"
    top = parts[1]
    if top in ("domain", "store", "sync", "media", "reports", "excel", "services", "ui"):
        return top
    if top == "app":
        return "app"
    if top == "resources":
        return "resources"
    if top == "__main__" or top.startswith("cli"):
        return "cli"
    return "package"


def _module_of_file(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, root: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) for every import in the file; ``from desktop import app`` names
    ``desktop.app``, so a module imported through its package is seen too."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = _module_of_file(path, root)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            found.append((node.lineno, base))
            found.extend((node.lineno, f"{base}.{alias.name}") for alias in node.names if alias.name != "*")
    return found


def _violations(root: Path = DESKTOP) -> list[str]:
    problems: list[str] = []
    for path in sorted(root.rglob("*.py")):
        own = _layer_of_module(_module_of_file(path, root))
        assert own is not None
        rel = path.relative_to(root.parent).as_posix()
        if own == "package" and path != root / "__init__.py":
            problems.append(f"{rel} belongs to no layer (name its layer in tests/test_layers.py)")
            continue
        seen: set[tuple[int, str]] = set()
        for line, module in _imports(path, root):
            if module.split(".")[0] in QT_PACKAGES:
                if own not in QT_LAYERS and (line, "Qt") not in seen:
                    seen.add((line, "Qt"))
                    problems.append(f"{rel}:{line} imports {module} (layer {own} may not import PySide6)")
                continue
            target = _layer_of_module(module)
            if target is None or target == own or target in ALLOWED[own]:
                continue
            if target == "package" and module == "desktop":
                continue  # the ``from desktop import x`` statement itself; x is checked on its own
            if (line, target) in seen:
                continue  # one line, one message per layer
            seen.add((line, target))
            problems.append(f"{rel}:{line} imports {module} (layer {own} may not import layer {target})")
    return problems


def test_every_layer_imports_only_the_layers_below_it() -> None:
    problems = _violations()
    assert not problems, "imports against the layers:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("name", "source", "expected"),
    [
        ("ui/x.py", "from desktop.store.models import Household\n", "layer ui may not import layer store"),
        ("services/x.py", "def f():\n    import desktop.app\n", "layer services may not import layer app"),
        ("domain/sub/x.py", "from ...store import models\n", "layer domain may not import layer store"),
        ("reports/x.py", "from PySide6.QtCore import Qt\n", "layer reports may not import PySide6"),
        ("services/x.py", "from desktop import app\n", "layer services may not import layer app"),
        ("cli_x.py", "from desktop.ui import main_window\n", "layer cli may not import layer ui"),
        ("domain/x.py", "from desktop import __version__\n", "layer domain may not import layer package"),
        ("helpers.py", "import os\n", "desktop/helpers.py belongs to no layer"),
    ],
)
def test_the_walk_sees_a_wrong_import(name: str, source: str, expected: str, tmp_path: Path) -> None:
    # a tiny package laid out like desktop/, with one file importing what it should not
    target = tmp_path / "desktop" / name
    target.parent.mkdir(parents=True)
    target.write_text(source, encoding="utf-8")
    problems = _violations(tmp_path / "desktop")
    assert [p for p in problems if expected in p and p.startswith(f"desktop/{name}")], problems


@pytest.mark.parametrize(
    ("name", "source"),
    [
        ("app.py", "import desktop.cli\nfrom desktop.ui.shell.main_window import MainWindow\n"),
        ("cli.py", "from desktop.app import open_ledger\nfrom desktop import __version__, cli_sync\n"),
        ("domain/sub/x.py", "from ..enums import Status\nfrom . import y\n"),
        ("sync/x.py", "from desktop.media.blob_store import BlobStore\n"),
        ("services/x.py", "from desktop.resources import resources_dir\n"),
    ],
)
def test_the_walk_lets_an_allowed_import_pass(name: str, source: str, tmp_path: Path) -> None:
    target = tmp_path / "desktop" / name
    target.parent.mkdir(parents=True)
    target.write_text(source, encoding="utf-8")
    assert _violations(tmp_path / "desktop") == []
