"""Printing the ledgers (台账打印): 一户一档, the roster, 明白卡 and 公示, as PDF files.

The one place the CLI, the GUI and the benchmarks import the print jobs from. The work lives in:

- ``ledger_jobs``: the five print jobs, with progress and cancel, written atomically;
- ``ledger_household_data`` and ``ledger_household_lines``: one household's 一户一档 values;
- ``ledger_roster_data``, ``ledger_card_data``, ``ledger_notice_data``: the other documents' values;
- ``ledger_queries`` and ``ledger_photos``: the bulk reads and the print-sized photos they share.
"""

from __future__ import annotations

from desktop.services.printing.jobs import (
    PrintResult,
    Progress,
    print_cards,
    print_household_file,
    print_household_files,
    print_notice,
    print_roster,
    print_township_summary,
)
from desktop.services.printing.notice_data import HEALTH_RISKS, NOTICE_PURPOSES
from desktop.services.printing.photos import PHOTO_EDGE
from desktop.services.printing.roster_data import gather_roster

__all__ = [
    "HEALTH_RISKS",
    "NOTICE_PURPOSES",
    "PHOTO_EDGE",
    "PrintResult",
    "Progress",
    "gather_roster",
    "print_cards",
    "print_household_file",
    "print_household_files",
    "print_notice",
    "print_roster",
    "print_township_summary",
]
