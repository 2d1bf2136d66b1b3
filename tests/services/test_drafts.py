"""Drafts kept for the forms (services/drafts.py): a plain ledger's in a file written whole, an unreadable
one ignored, names checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.app import open_ledger
from desktop.services.drafts import VISIT, discard_draft, load_draft, save_draft


def test_a_draft_is_kept_replaced_and_discarded(tmp_path: Path) -> None:
    ledger = open_ledger(tmp_path, create=True)
    try:
        assert load_draft(ledger, VISIT) is None
        save_draft(ledger, VISIT, {"content": "了解务工情况", "photos": ["/media/u盘/一.jpg"]})
        save_draft(ledger, VISIT, {"content": "了解务工情况和医保"})
        assert load_draft(ledger, VISIT) == {"content": "了解务工情况和医保"}
        assert [p.name for p in (tmp_path / "drafts").iterdir()] == ["visit.json"]  # no .partial left
        (tmp_path / "drafts" / "visit.json").write_text('{"content": "半', encoding="utf-8")  # cut short
        assert load_draft(ledger, VISIT) is None
        discard_draft(ledger, VISIT)
        discard_draft(ledger, VISIT)  # twice: nothing to remove is fine
        assert load_draft(ledger, VISIT) is None
        with pytest.raises(ValueError):
            save_draft(ledger, "../escape", {})
    finally:
        ledger.store.close()
