"""Device-local preferences, declared once with their defaults and allowed values (not synced: each
laptop keeps its own)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.domain.errors import InvalidInput

if TYPE_CHECKING:
    from desktop.services.context import Ledger


@dataclass(frozen=True)
class Preference:
    key: str
    default: str
    choices: tuple[tuple[str, str], ...]  # (value, what a person reads)
    version: int = 1  # a later format of the value upgrades from the stored version

    def value_of(self, stored: str | None) -> str:
        """The preference's value, given what is stored (None: nothing): the default unless allowed."""
        return (
            stored if stored is not None and stored in {value for value, _ in self.choices} else self.default
        )


LANGUAGE = Preference("ui.language", "zh_CN", (("zh_CN", "中文"), ("en", "English")))


def get_preference(ledger: Ledger, preference: Preference) -> str:
    from desktop.store.models import LocalSetting  # with the store: the first screen reads it otherwise

    with ledger.store.read_session() as session:
        row = session.get(LocalSetting, preference.key)
    return preference.value_of(row.value if row is not None else None)


def set_preference(ledger: Ledger, preference: Preference, value: str) -> None:
    allowed = {v for v, _ in preference.choices}
    if value not in allowed:
        raise InvalidInput(
            f"{value} 不是可选的值（可选：{'、'.join(label for _, label in preference.choices)}）"
        )
    from desktop.store.models import LocalSetting

    with ledger.store.session() as session:
        row = session.get(LocalSetting, preference.key)
        if row is None:
            session.add(LocalSetting(key=preference.key, value=value, version=preference.version))
        else:
            row.value, row.version = value, preference.version


# minutes without keyboard or mouse input before the window of an encrypted ledger locks; 0: never
IDLE_LOCK = Preference(
    "security.idle_lock_minutes",
    "10",
    (("0", "从不"), ("1", "1 分钟"), ("5", "5 分钟"), ("10", "10 分钟"), ("15", "15 分钟"),
     ("30", "30 分钟"), ("60", "60 分钟")),
)  # fmt: skip


def idle_lock_minutes(ledger: Ledger) -> int:
    return int(get_preference(ledger, IDLE_LOCK))


# the short first-run guide above the pages: shown on the first start of a ledger until dismissed
FIRST_RUN_GUIDE = Preference("ui.first_run_guide", "show", (("show", "显示"), ("dismissed", "不再显示")))


# 各村 (township): a village whose last sync bundle arrived more than this many days ago is marked
SILENT_DAYS_SETTING = Preference(
    "township.silent_days",
    "30",
    (("7", "7 天"), ("14", "14 天"), ("30", "30 天"), ("60", "60 天"), ("90", "90 天")),
)
