"""Quick checks of the packaging files that need no build: the frozen app finds its files where the
spec puts them, the installer never names the user's data folder in anything that writes or deletes,
and the shell scripts parse."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import app
from desktop.store import migrate

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"


def test_resources_are_found_in_the_frozen_layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the spec copies resources/ to <_MEIPASS>/resources
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert app.resources_dir() == tmp_path / "resources"
    spec = (PACKAGING / "zhucun.spec").read_text(encoding="utf-8")
    assert 'REPO / "resources"' in spec and "relative_to(REPO)" in spec


def test_migrations_are_read_from_files_beside_the_module() -> None:
    # frozen, desktop/store/migrate.py lives at <_MEIPASS>/desktop/store/, and the spec ships the
    # scripts to <_MEIPASS>/desktop/store/migrations: the same relative place as in a checkout
    assert Path(migrate.__file__).with_name("migrations") == migrate.MIGRATIONS
    assert (migrate.MIGRATIONS / "env.py").is_file()
    assert list((migrate.MIGRATIONS / "versions").glob("*.py"))


def _sections(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        match = re.fullmatch(r"\[(\w+)\]", line)
        if match:
            current = match.group(1)
            continue
        sections.setdefault(current, []).append(line)
    return sections


def test_the_installer_never_touches_the_users_data() -> None:
    sections = _sections((PACKAGING / "windows" / "zhucun.iss").read_text(encoding="utf-8-sig"))
    user_areas = re.compile(
        r"\{(localappdata|userappdata|userdocs|userprofile|commonappdata|%LOCALAPPDATA)", re.I
    )
    for name in ("Files", "Dirs", "InstallDelete", "UninstallDelete", "Registry", "INI"):
        for entry in sections.get(name, []):
            assert not user_areas.search(entry), f"[{name}] names a user data area: {entry}"
    for name in ("InstallDelete", "UninstallDelete"):
        for entry in sections.get(name, []):
            target = re.search(r'Name:\s*"([^"]+)"', entry)
            assert target and target.group(1).startswith("{app}"), (
                f"[{name}] deletes outside {{app}}: {entry}"
            )
    setup = "\n".join(sections["Setup"])
    assert re.search(r"^AppId=\{\{[0-9A-F-]{36}\}$", setup, re.M), (
        "a fixed AppId: upgrades find the installation"
    )
    assert "DefaultDirName={autopf}" in setup
    assert any(entry.startswith('Name: "{autoprograms}') for entry in sections["Icons"])


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize("script", ["build_linux.sh", "smoke_frozen.sh"])
def test_shell_scripts_parse(script: str) -> None:
    done = subprocess.run(["bash", "-n", str(PACKAGING / script)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
