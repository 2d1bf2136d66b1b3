"""``zhucun doctor``: every part of an installation checked for real, and a broken one named."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.app import resources_dir
from desktop.ui.shell.self_check import run_checks

REPO = Path(__file__).resolve().parents[3]


def test_doctor_finds_every_part_of_this_installation() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "doctor"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert [line[0] for line in lines[:5]] == ["✓"] * 5
    for part in ("中文字体", "界面翻译", "PDF 预览和打印", "SQLCipher", "口令密钥派生"):
        assert any(part in line for line in lines), part
    assert "PDFium" in done.stdout and "Households" in done.stdout


def test_missing_parts_are_named(qapp: QApplication, tmp_path: Path) -> None:
    broken = tmp_path / "resources"
    shutil.copytree(resources_dir(), broken, ignore=shutil.ignore_patterns("zhucun_en.qm", "*.ttc"))
    findings = {f.part: f for f in run_checks(qapp, broken)}
    assert not findings["中文字体"].ok and not findings["界面翻译"].ok
    assert "zhucun_en.qm" in findings["界面翻译"].detail
    assert findings["PDF 预览和打印"].ok and findings["数据库加密（SQLCipher）"].ok


@pytest.mark.postgres
def test_a_server_without_pg_trgm_is_said_not_failed(qapp: QApplication, postgres: object) -> None:
    url = postgres.create_database("zhucun_doctor_trgm")  # type: ignore[attr-defined]
    findings = {f.part: f for f in run_checks(qapp, resources_dir(), url)}
    assert findings["农户检索索引（FTS5 三元组）"].ok  # this installation's sqlite3 and sqlcipher3
    server = findings["服务器的农户检索索引（pg_trgm）"]
    assert server.ok and "pg_trgm" in server.detail and "逐行比对" in server.detail  # no ledger there yet
