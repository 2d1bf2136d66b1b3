"""The PyInstaller build, for real: packaging/build_linux.sh, then packaging/smoke_frozen.sh on the result.

Takes a few minutes, so it runs only with ZHUCUN_TEST_FROZEN=1 (CI runs the two scripts itself after
the test suite, see .ci/run).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("ZHUCUN_TEST_FROZEN") != "1", reason="builds the frozen app: set ZHUCUN_TEST_FROZEN=1"
    ),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux build script"),
]


def _run(command: list[str], env: dict[str, str], timeout: int) -> str:
    done = subprocess.run(
        command, cwd=REPO, env=env, capture_output=True, text=True, errors="replace", timeout=timeout
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, f"{' '.join(command)} exited {done.returncode}:\n{output[-6000:]}"
    return output


def test_build_and_smoke_run(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "ZHUCUN_VENV": sys.prefix,
        "ZHUCUN_DIST_DIR": str(tmp_path / "dist"),
        "ZHUCUN_BUILD_DIR": str(tmp_path / "build"),
        "TMPDIR": str(tmp_path),
    }
    built = _run(["bash", "packaging/build_linux.sh"], env, timeout=1200)
    assert "zhucun.spec: trimmed" in built
    app = tmp_path / "dist" / "zhucun"
    assert (app / "zhucun").is_file()
    assert (app / "_internal" / "resources" / "fonts" / "wqy-microhei.ttc").is_file()
    assert (app / "_internal" / "desktop" / "store" / "migrations" / "env.py").is_file()
    assert not list(app.rglob("*QtWebEngine*")) and not list(app.rglob("*Qt6Quick*"))
    smoked = _run(["bash", "packaging/smoke_frozen.sh", str(app)], env, timeout=900)
    assert "passed, 0 failed" in smoked
