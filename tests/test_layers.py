"""The layers point one way, checked by reading every import statement (also those inside functions).

desktop/domain imports nothing of ours; desktop/store only domain; sync, media, reports and excel are
siblings over the store (sync may use media's BlobStore); desktop/services may use all of those;
desktop/ui and the command line (desktop/cli*.py, desktop/__main__.py) only services and domain;
desktop/app.py is the composition root and may import anything (the command line opens a ledger or
starts the GUI through it, nothing else does). Two leaves import nothing of ours and may be used by
every layer but domain: desktop/resources.py (where ``resources/`` is) and desktop/__init__.py (the
version). Only desktop/ui and desktop/app.py import PySide6.

Four ways round those rules are closed too: an import by name (``importlib.import_module("desktop.…")``,
``__import__``, or a ``"desktop.x.y:Class"`` string as the page registry uses) counts as an import; the
UI and the command line take from services only names that services define (or that come from a layer
they may import themselves), so ``Unlocked`` of the store does not slip through ``services.security``;
they never reach through ``ledger.store`` or hold ``ledger.device()`` (an ORM row) but ask the ledger
for plain values (``folder()``, ``this_device()``); and desktop/domain imports the standard library only.
"""

from __future__ import annotations

import ast
import re
import sys
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
TOP_LAYERS = {"ui", "cli"}  # the layers that take services' names and must not reach through them
REACH_THROUGH = {
    "store": "ledger.store",
    "device": "ledger.device()",
    "_device_state": "ledger._device_state()",
}
MODULE_STRING = re.compile(r"^desktop(?:\.\w+)+(?::\w+)?$")
DYNAMIC_IMPORTS = {"import_module", "__import__"}


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
        elif isinstance(node, ast.Call) and _called_name(node.func) in DYNAMIC_IMPORTS and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.append((node.lineno, first.value))
        elif (
            isinstance(node, ast.Constant) and isinstance(node.value, str) and MODULE_STRING.match(node.value)
        ):
            found.append((node.lineno, node.value.partition(":")[0]))  # "desktop.ui.x.page:Page"
    return found


def _called_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _module_file(module: str, root: Path) -> Path | None:
    base = root.parent.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _origin(module: str, name: str, root: Path, depth: int = 0) -> str:
    """The module that defines ``name`` as imported from ``module``: followed through re-exports."""
    path = _module_file(module, root)
    if path is None or depth > 20:
        return module
    if _module_file(f"{module}.{name}", root) is not None:
        return f"{module}.{name}"  # a submodule
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    statements = list(tree.body)
    for statement in statements:
        if isinstance(statement, (ast.If, ast.Try)):
            statements.extend(statement.body)  # ``if TYPE_CHECKING:`` and ``try:`` blocks
        elif isinstance(statement, ast.ImportFrom):
            for alias in statement.names:
                if (alias.asname or alias.name) != name:
                    continue
                if statement.level:
                    parts = package.split(".")
                    source = ".".join([*parts[: len(parts) - (statement.level - 1)], statement.module or ""])
                else:
                    source = statement.module or ""
                source = source.rstrip(".")
                if source.split(".")[0] != "desktop":
                    return source
                return _origin(source, alias.name, root, depth + 1)
    return module


def _reexported(path: Path, own: str, root: Path) -> list[tuple[int, str, str]]:
    """(line, name, origin) for every name a UI or command-line module takes from services although
    services only pass it on from a layer the importer may not use (or from a third-party package)."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or node.level or not node.module:
            continue
        if _layer_of_module(node.module) != "services":
            continue
        passed_on = _passed_on(node.module, root)
        for alias in node.names:
            if alias.name in passed_on:
                continue  # the services module passes it on deliberately
            origin = _origin(node.module, alias.name, root)
            layer = _layer_of_module(origin)
            if layer is None:
                top = origin.split(".")[0]
                if top in sys.stdlib_module_names or top == "__future__":
                    continue
                found.append((node.lineno, alias.name, origin))
            elif layer != own and layer not in ALLOWED[own]:
                found.append((node.lineno, alias.name, origin))
    return found


def _passed_on(module: str, root: Path) -> set[str]:
    """The names a services module passes on from a lower layer on purpose: ``PASSED_ON = ("X", …)``."""
    path = _module_file(module, root)
    if path is None:
        return set()
    for statement in ast.parse(path.read_text(encoding="utf-8"), filename=str(path)).body:
        if isinstance(statement, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "PASSED_ON" for t in statement.targets
        ):
            value = ast.literal_eval(statement.value)
            return {str(v) for v in value}
    return set()


def _reaches_through(path: Path) -> list[tuple[int, str]]:
    """(line, what) for ``ledger.store`` and ``ledger.device`` (also ``x.ledger.store``)."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute) or node.attr not in REACH_THROUGH:
            continue
        holder = node.value
        if (isinstance(holder, ast.Name) and holder.id == "ledger") or (
            isinstance(holder, ast.Attribute) and holder.attr == "ledger"
        ):
            found.append((node.lineno, REACH_THROUGH[node.attr]))
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
        imports = _imports(path, root)
        if own == "domain":
            for line, module in imports:
                top = module.split(".")[0]
                if top and top != "desktop" and top not in sys.stdlib_module_names and top != "__future__":
                    problems.append(
                        f"{rel}:{line} imports {module} (domain imports only the standard library)"
                    )
        if own in TOP_LAYERS:
            for line, name, origin in _reexported(path, own, root):
                problems.append(
                    f"{rel}:{line} imports {name} from services, which is {origin}'s "
                    f"(re-exported: layer {own} takes from services only what services define)"
                )
            for line, what in _reaches_through(path):
                problems.append(
                    f"{rel}:{line} reaches through {what} (ask the ledger or a service for plain values)"
                )
        for line, module in imports:
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
        # the four holes: an import by name, a reach through the ledger, a third-party import in domain
        (
            "ui/x.py",
            "import importlib\nm = importlib.import_module('desktop.store.models')\n",
            "layer ui may not import layer store",
        ),
        ("cli/x.py", "__import__('desktop.sync.chain')\n", "layer cli may not import layer sync"),
        ("ui/x.py", "PAGES = ('desktop.store.models:Household',)\n", "layer ui may not import layer store"),
        ("ui/x.py", "def f(ctx):\n    return ctx.ledger.store.location\n", "reaches through ledger.store"),
        ("cli/x.py", "def f(ledger):\n    return ledger.device().role\n", "reaches through ledger.device()"),
        ("domain/x.py", "import sqlalchemy\n", "domain imports only the standard library"),
        ("domain/x.py", "def f():\n    from PIL import Image\n", "domain imports only the standard library"),
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
        ("domain/x.py", "import datetime as dt\nfrom collections.abc import Iterable\n"),
        ("ui/x.py", "def f(ctx):\n    return ctx.ledger.folder().home, ctx.store_name\n"),
    ],
)
def test_the_walk_lets_an_allowed_import_pass(name: str, source: str, tmp_path: Path) -> None:
    target = tmp_path / "desktop" / name
    target.parent.mkdir(parents=True)
    target.write_text(source, encoding="utf-8")
    assert _violations(tmp_path / "desktop") == []


@pytest.mark.parametrize(
    ("services_source", "ui_source", "expected"),
    [
        # the store's Unlocked passed on by a service: a leak, wherever the import chain goes
        (
            "from desktop.store.keyring import Unlocked\n",
            "from desktop.services.s import Unlocked\n",
            "desktop.store.keyring",
        ),
        (
            "from desktop.services.t import Unlocked\n",
            "from desktop.services.s import Unlocked\n",
            "desktop.store.keyring",
        ),
        (
            "from sqlalchemy.orm import Session\n",
            "from desktop.services.s import Session\n",
            "sqlalchemy.orm",
        ),
        # defined in services, or from a layer the UI may import itself: fine
        ("class Unlocked:\n    pass\n", "from desktop.services.s import Unlocked\n", None),
        ("from desktop.domain.errors import UserError\n", "from desktop.services.s import UserError\n", None),
        (  # passed on deliberately, and said so where the test can read it
            "from desktop.store.keyring import Unlocked\nPASSED_ON = ('Unlocked',)\n",
            "from desktop.services.s import Unlocked\n",
            None,
        ),
    ],
)
def test_the_walk_sees_a_name_passed_on_through_services(
    services_source: str, ui_source: str, expected: str | None, tmp_path: Path
) -> None:
    root = tmp_path / "desktop"
    files = {
        "services/s.py": services_source,
        "services/t.py": "from desktop.store.keyring import Unlocked\n",
        "store/keyring.py": "class Unlocked:\n    pass\n",
        "domain/errors.py": "class UserError(Exception):\n    pass\n",
        "ui/x.py": ui_source,
    }
    for name, source in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(source, encoding="utf-8")
    problems = [p for p in _violations(root) if p.startswith("desktop/ui/x.py")]
    if expected is None:
        assert problems == []
    else:
        assert [p for p in problems if "re-exported" in p and expected in p], problems
