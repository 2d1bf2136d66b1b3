"""A bug's report never carries personal data out of an encrypted ledger; a plain one keeps messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.services.maintenance.crash_reports import REDACTED, write_crash_report
from desktop.store.keyring import keyring_path

SECRET = "卓嘎 513301198001011230"


def failing() -> None:
    try:
        raise KeyError(SECRET)
    except KeyError as exc:
        raise ValueError(f"处理 {SECRET} 时出错") from exc


def crash(home: Path) -> str:
    with pytest.raises(ValueError) as caught:
        failing()
    path = write_crash_report(caught.value, home)
    assert path.parent == home / "logs"
    return path.read_text(encoding="utf-8")


def test_an_encrypted_folder_gets_where_it_happened_and_no_message(tmp_path: Path) -> None:
    keyring_path(tmp_path).write_text("{}", encoding="utf-8")  # the folder is encrypted
    text = crash(tmp_path)
    assert "卓嘎" not in text and "513301198001011230" not in text
    assert "KeyError" in text and "ValueError" in text and text.count(REDACTED) == 2
    assert "in failing" in text and "raise ValueError(" in text  # the code line, not the data
    assert text.index("KeyError") < text.index("ValueError")  # the first cause first


def test_a_plain_folder_keeps_the_messages(tmp_path: Path) -> None:
    text = crash(tmp_path)
    assert SECRET in text and "Traceback" in text
