"""The keyring: the data key wrapped per user and by the recovery code, no secret in the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.domain.errors import InvalidInput
from desktop.store.kdf import ARGON2ID
from desktop.store.keyring import (
    Keyring,
    KeyringProblem,
    WrongPassphrase,
    new_data_key,
    new_recovery_code,
    normalise_recovery_code,
    read_keyring,
    write_keyring,
)


def make(tmp_path: Path) -> tuple[Keyring, bytes, str]:
    key, code = new_data_key(), new_recovery_code()
    ring = Keyring(()).with_user("扎西", "第一个口令很长很长", key).with_recovery(code, key)
    write_keyring(tmp_path, ring)
    return ring, key, code


def test_the_passphrase_unwraps_the_data_key_and_nothing_secret_is_stored(tmp_path: Path) -> None:
    _, key, code = make(tmp_path)
    ring = read_keyring(tmp_path)
    assert ring is not None
    unlocked = ring.unlock("第一个口令很长很长")
    assert (unlocked.user, unlocked.data_key) == ("扎西", key)
    assert key.hex() not in repr(unlocked)
    text = (tmp_path / "keyring.json").read_text(encoding="utf-8")
    assert key.hex() not in text and code not in text and "第一个口令很长很长" not in text
    assert (tmp_path / "keyring.json").stat().st_mode & 0o077 == 0
    wraps = json.loads(text)["wraps"]
    # the cost parameters travel with each wrap, so they can be raised for new wraps only
    assert [w["kdf"]["name"] for w in wraps] == ["argon2id", "argon2id"]
    assert all(len(w["kdf"]["salt"]) == 24 for w in wraps)


def test_a_wrong_passphrase_or_code_is_refused(tmp_path: Path) -> None:
    ring, _, code = make(tmp_path)
    with pytest.raises(WrongPassphrase, match="口令不对"):
        ring.unlock("第一个口令很短很短")
    with pytest.raises(WrongPassphrase, match="没有用户“拉姆”"):
        ring.unlock("第一个口令很长很长", user="拉姆")
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    with pytest.raises(WrongPassphrase, match="恢复码不对"):
        ring.unlock_recovery(wrong)
    with pytest.raises(WrongPassphrase, match="格式不对"):
        ring.unlock_recovery("12345")


def test_a_recovery_code_is_read_forgivingly() -> None:
    code = new_recovery_code()
    groups = code.split("-")
    assert len(groups) == 8 and all(len(g) == 5 for g in groups)
    typed = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert normalise_recovery_code(typed) == code


def test_rewrapping_leaves_the_other_wraps_and_the_key(tmp_path: Path) -> None:
    ring, key, code = make(tmp_path)
    two = ring.with_user("拉姆", "拉姆自己的口令啊", key)
    changed = two.with_user("扎西", "扎西的新口令啊啊", key)
    assert changed.users == ["扎西", "拉姆"]
    assert changed.wraps[1] == two.wraps[1] and changed.wraps[2] == two.wraps[2]
    assert changed.unlock("扎西的新口令啊啊").data_key == key
    assert changed.unlock("拉姆自己的口令啊").user == "拉姆"
    assert changed.unlock_recovery(code) == key
    with pytest.raises(WrongPassphrase):
        changed.unlock("第一个口令很长很长")


def test_weak_passphrases_are_refused(tmp_path: Path) -> None:
    ring, key, _ = make(tmp_path)
    with pytest.raises(InvalidInput, match="太短"):
        ring.with_user("拉姆", "1234567", key)
    with pytest.raises(InvalidInput, match="不能和用户名相同"):
        ring.with_user("拉姆拉姆拉姆拉姆", "拉姆拉姆拉姆拉姆", key)


def test_a_tampered_keyring_opens_nothing(tmp_path: Path) -> None:
    make(tmp_path)
    path = tmp_path / "keyring.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    # a wrap renamed to another user (to write as them) no longer opens: the name is authenticated
    raw["wraps"][0]["name"] = "拉姆"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    ring = read_keyring(tmp_path)
    assert ring is not None
    with pytest.raises(WrongPassphrase):
        ring.unlock("第一个口令很长很长")
    # cost parameters beyond reason are refused before any memory is spent
    raw["wraps"][0]["kdf"]["memory_kib"] = 2**30
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(KeyringProblem, match="已损坏"):
        read_keyring(tmp_path)


def test_the_production_setting_is_rfc_9106s_second_recommendation() -> None:
    assert ARGON2ID["memory_kib"] == 65536 and ARGON2ID["iterations"] == 3 and ARGON2ID["lanes"] == 4
