"""The sync commands as a first secretary and a township clerk type them, with their exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main


def run(capsys: pytest.CaptureFixture[str], home: Path, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main(["--home", str(home), *argv])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 2
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def homes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    village, township = tmp_path / "village", tmp_path / "township"
    code, _, err = run(
        capsys, village, "init", "--village-code", "513301", "--village-name", "亚弄村", "--user", "扎西",
        "--no-encryption",
    )  # fmt: skip
    assert code == 0, err
    code, out, err = run(
        capsys, township, "init", "--role", "township", "--township-code", "513301100",
        "--township-name", "姑咱镇", "--user", "洛桑", "--no-encryption",
    )  # fmt: skip
    assert code == 0 and "乡镇设备" in out, err
    return village, township


def fingerprint(capsys: pytest.CaptureFixture[str], home: Path) -> str:
    code, out, _ = run(capsys, home, "identity", "show", "--json")
    assert code == 0
    return str(json.loads(out)["fingerprint"])


def test_the_whole_round_with_exit_codes(
    homes: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    village, township = homes
    code, out, _ = run(capsys, village, "identity", "show")
    assert code == 0 and "指纹：" in out and "亚弄村" in out
    assert run(capsys, village, "identity", "export", "--out", str(tmp_path / "v.zcid"))[0] == 0
    assert run(capsys, township, "identity", "export", "--out", str(tmp_path / "t.zcid"))[0] == 0
    code, _, err = run(
        capsys, village, "trust", str(tmp_path / "t.zcid"), "--fingerprint", "0000 0000 0000 0000 0000 0000"
    )
    assert code == 2 and "指纹不符" in err
    code, out, _ = run(
        capsys, village, "trust", str(tmp_path / "t.zcid"), "--fingerprint", fingerprint(capsys, township)
    )
    assert code == 0 and "已信任" in out
    stick = tmp_path / "stick"
    stick.mkdir()
    code, out, err = run(
        capsys, village, "bundle", "export", "--to", str(tmp_path / "t.zcid"), "--out", str(stick)
    )
    assert code == 0, err
    (bundle,) = stick.iterdir()
    assert bundle.suffix == ".zcb"
    code, out, _ = run(capsys, township, "bundle", "inspect", str(bundle))
    assert code == 0 and json.loads(out)["sender"]["fingerprint"] == fingerprint(capsys, village)
    code, out, _ = run(capsys, township, "bundle", "import", str(bundle))
    assert code == 11 and "隔离" in out
    code, out, _ = run(capsys, township, "bundle", "quarantine")
    assert fingerprint(capsys, village) in out
    code, out, _ = run(
        capsys, township, "trust", str(tmp_path / "v.zcid"), "--fingerprint", fingerprint(capsys, village)
    )
    assert code == 0 and "导入" in out and "设备证书" in out
    code, out, _ = run(capsys, township, "bundle", "import", str(bundle))
    assert code == 10 and "没有新内容" in out
    code, out, _ = run(capsys, township, "household", "list", "--village", "513301")
    assert code == 0 and "共 0 户" in out
    code, out, _ = run(capsys, township, "sync", "status")
    assert code == 0 and "亚弄村" in out and "身份卡" in out
    code, out, _ = run(
        capsys,
        township,
        "bundle",
        "export",
        "--to",
        fingerprint(capsys, village)[:14],
        "--out",
        str(tmp_path / "back.zcb"),
    )
    assert code == 0
    code, out, _ = run(capsys, village, "bundle", "import", "--dry-run", str(tmp_path / "back.zcb"))
    assert code in (0, 10) and "试运行" in out
    code, _, err = run(capsys, village, "bundle", "import", str(tmp_path / "missing.zcb"))
    assert code == 12 and "找不到文件" in err
    (tmp_path / "junk.zcb").write_bytes(b"not a bundle")
    code, _, err = run(
        capsys, village, "bundle", "import", str(tmp_path / "back.zcb"), str(tmp_path / "junk.zcb")
    )
    assert code == 12 and "junk.zcb：已拒绝" in err and "不是同步包" in err


def test_revoke_is_for_townships(
    homes: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    village, township = homes
    run(capsys, village, "identity", "export", "--out", str(tmp_path / "v.zcid"))
    run(capsys, township, "identity", "export", "--out", str(tmp_path / "t.zcid"))
    run(capsys, village, "trust", str(tmp_path / "t.zcid"))
    run(capsys, township, "trust", str(tmp_path / "v.zcid"))
    code, _, err = run(capsys, village, "device", "revoke", fingerprint(capsys, township), "--reason", "丢失")
    assert code == 2 and "只有乡镇设备" in err
    code, out, _ = run(
        capsys, township, "device", "revoke", fingerprint(capsys, village), "--reason", "笔记本电脑丢失"
    )
    assert code == 0 and "已吊销" in out
    code, _, err = run(
        capsys,
        township,
        "bundle",
        "export",
        "--to",
        fingerprint(capsys, village),
        "--out",
        str(tmp_path / "x.zcb"),
    )
    assert code == 2 and "已被吊销" in err


def test_the_township_exports_for_every_village_device_at_once(
    homes: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    village, township = homes
    stick = tmp_path / "stick"
    stick.mkdir()
    code, _, err = run(capsys, township, "bundle", "export", "--every-village", "--out", str(stick))
    assert code == 2 and "还没有信任任何村的设备" in err and not list(stick.iterdir())
    assert run(capsys, village, "identity", "export", "--out", str(tmp_path / "v.zcid"))[0] == 0
    code, _, err = run(
        capsys, township, "trust", str(tmp_path / "v.zcid"), "--fingerprint", fingerprint(capsys, village)
    )
    assert code == 0, err
    code, out, err = run(capsys, township, "bundle", "export", "--every-village", "--out", str(stick))
    assert code == 0, err
    (bundle,) = stick.iterdir()
    assert "亚弄村" in out and bundle.name in out and "共 1 台村设备，导出 1 个同步包" in out
    code, _, err = run(
        capsys, township, "bundle", "export", "--every-village", "--to", "x", "--out", str(stick)
    )
    assert code == 2


def test_sync_status_says_none_for_a_device_with_no_operations(
    homes: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    village, township = homes
    assert run(capsys, township, "identity", "export", "--out", str(tmp_path / "t.zcid"))[0] == 0
    code, _, err = run(
        capsys, village, "trust", str(tmp_path / "t.zcid"), "--fingerprint", fingerprint(capsys, township)
    )
    assert code == 0, err
    code, out, _ = run(capsys, village, "sync", "status")
    assert code == 0
    assert "本机有它的操作：无" in out  # the township has written nothing yet
    assert "1–0" not in out
