"""Files that are not an .xlsx ZIP say what they are: a workbook with an open password is an encrypted
compound file (no ZIP at all), an old .xls is a compound file too; each is one line, exit 2, nothing
imported."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.domain.errors import InvalidInput
from desktop.services.context import Ledger
from desktop.services.maintenance.dump import dump_ledger
from desktop.services.xlsx.importing import import_roster

from .cfb import encrypted_xlsx, old_xls

PASSWORD = "这个 Excel 文件设置了打开密码，请在 Excel 中取消密码后另存再导入"


def test_a_password_protected_workbook_is_named_as_such(
    ledger: Ledger, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = encrypted_xlsx(tmp_path / "花名册（加密）.xlsx")
    before = dump_ledger(ledger)
    with pytest.raises(InvalidInput) as refused:
        import_roster(ledger, path)
    assert str(refused.value) == PASSWORD
    capsys.readouterr()
    assert main(["--home", str(tmp_path / "home"), "xlsx", "import", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and PASSWORD in err[0] and "BadZipFile" not in err[0]
    assert dump_ledger(ledger) == before


@pytest.mark.parametrize("name", ["旧表.xlsx", "旧表.xls"])
def test_an_old_xls_keeps_its_message_whatever_its_name(ledger: Ledger, tmp_path: Path, name: str) -> None:
    path = old_xls(tmp_path / name)
    with pytest.raises(
        InvalidInput, match=r"是旧版 Excel（\.xls）文件，请在 Excel 或 WPS 中另存为 \.xlsx 后再导入"
    ):
        import_roster(ledger, path)


def test_other_bytes_are_not_a_valid_xlsx(ledger: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "花名册.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0 not quite" + b"\0" * 100)
    with pytest.raises(InvalidInput, match=r"无法读取 花名册\.xlsx：不是有效的 \.xlsx 文件（BadZipFile）"):
        import_roster(ledger, path)
