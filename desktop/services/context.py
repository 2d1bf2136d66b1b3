"""The handle every service takes: the open store, the policy tables and today's date."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.domain.errors import InvalidInput, StoreProblem, UserError
from desktop.domain.policy import PolicyTables, YearFigure
from desktop.store.disk import explain

if TYPE_CHECKING:  # the store (SQLAlchemy, the models) is imported by opening a ledger, not by this module:
    # the window's first screen comes up before it (services/first_screen)
    from sqlalchemy.orm import Session

    from desktop.store.database import Store
    from desktop.store.models import DeviceState


@dataclass(frozen=True)
class Change:
    """What a committed write changed, for readers that show it (the GUI's pages).

    ``kinds``: the kinds of synced record (``household``, ``member``, ``visit`` …, the tables) it
    changed. ``everything``: it cannot be told (another program wrote, the village in view changed, a
    write changed only this device's own state): every reader reads again."""

    kinds: frozenset[str] = frozenset()
    everything: bool = False

    def concerns(self, watched: frozenset[str] | None) -> bool:
        """Whether a reader of ``watched`` kinds (None: of everything) must read again."""
        return self.everything or watched is None or bool(self.kinds & watched)


EVERYTHING = Change(everything=True)


@dataclass(frozen=True)
class DeviceFacts:
    """This device as plain values: the UI and the command line never hold an ORM row."""

    device_id: str
    role: str  # village / township
    village_id: str | None
    user_name: str
    township_code: str | None
    township_name: str | None


@dataclass(frozen=True)
class FolderFacts:
    """Where the ledger lives, as plain values: the data folder, its backups, the kind of database."""

    home: Path
    backups: Path
    is_sqlite: bool
    encrypted: bool  # the data folder's own database is encrypted (it has a keyring)
    url: str | None  # a server database's URL; None for the data folder's SQLite file


@dataclass
class Ledger:
    store: Store
    policy: PolicyTables
    today: Callable[[], dt.date] = field(default=dt.date.today)
    # the day verdicts, ages and default income years are judged on (``--as-of``); None: today
    as_of: dt.date | None = None
    # True once ``policy`` holds the township's 政策标准 records (see ``with_policy_settings``)
    settings_applied: bool = False

    def __post_init__(self) -> None:
        if self.as_of is None:  # a ledger judging another day never judges what is written
            # the store's writes keep the derived verdicts current with this policy (checklist/standing,
            # imported at the first write: the start only reads)
            self.store.verdict_judge = functools.partial(judge_written, self)

    def judged_on(self) -> dt.date:
        return self.as_of or self.today()

    def on_commit(self, listener: Callable[[Change], None]) -> None:
        """Call ``listener`` after every commit that changed records of the ledger, with the kinds it
        changed (on the thread that wrote). A write of this device's own state only (trust, settings,
        receipts) calls nothing: the caller knows it wrote, and that it cannot tell what changed."""
        self.store.add_commit_listener(lambda kinds: listener(Change(kinds=kinds)))

    def _device_state(self) -> DeviceState:
        from desktop.store.device import get_device

        with self.store.read_session() as session:
            state = get_device(session)
        if state is None:
            raise StoreProblem("台账尚未初始化，请先运行 zhucun init 或 zhucun demo")
        return state

    def current_village_id(self) -> str | None:
        return self._device_state().village_id

    def this_device(self) -> DeviceFacts:
        """This device (role, village, user, township) for the interface: plain values."""
        state = self._device_state()
        return DeviceFacts(
            device_id=state.device_id,
            role=state.role,
            village_id=state.village_id,
            user_name=state.user_name,
            township_code=state.township_code,
            township_name=state.township_name,
        )

    def folder(self) -> FolderFacts:
        location = self.store.location
        return FolderFacts(
            home=location.home,
            backups=location.backups,
            is_sqlite=location.is_sqlite,
            encrypted=location.encrypted,
            url=location.url,
        )

    def data_stamp(self) -> tuple[int, ...] | None:
        """Changes whenever anything writes the data folder's database (this program or another, e.g. a
        command-line export): the modification times of the file and its write-ahead log. None for a
        server database (its readers are told otherwise)."""
        location = self.store.location
        if not location.is_sqlite or location.url is not None:
            return None
        stamps: list[int] = []
        for path in (location.db_path, location.db_path.with_name(location.db_path.name + "-wal")):
            try:
                stamps.append(path.stat().st_mtime_ns)
            except OSError:
                stamps.append(0)
        return tuple(stamps)

    def sign_as(self, user: str) -> None:
        """What is written from now on is signed by ``user`` (another member of the team unlocked)."""
        self.store.set_author(user)

    def close(self) -> None:
        """Close the database connections (the next use opens them again)."""
        self.store.close()


def judge_written(ledger: Ledger, session: Session, household_ids: list[str]) -> None:
    """The households a write touched, judged with ``ledger``'s policy today (the store's verdict judge)."""
    from desktop.services.checklist.standing import refresh

    refresh(session, ledger, household_ids)


def explain_failure(error: BaseException, home: Path) -> UserError | None:
    """A full disk or a busy ledger met where no service expected it, as the user's one-line error."""
    return explain(error, home)


def judged_as_of(ledger: Ledger, as_of: dt.date | None) -> Ledger:
    """The ledger judging verdicts, ages and default income years on ``as_of`` (an inspection asks
    "as of 2025-09-01"; None: today), with the township's 政策标准 in its policy. A day after today is
    refused: nothing is known about it."""
    ledger = with_policy_settings(ledger)
    if as_of is None:
        return ledger
    today = ledger.today()
    if as_of > today:
        raise InvalidInput(
            f"判断日期 {as_of.isoformat()} 晚于今天（{today.isoformat()}），只能按今天或以前的日期判断"
        )
    return replace(ledger, as_of=as_of)


POVERTY_LINE, MONITORING = "扶贫标准", "监测标准"


def with_policy_settings(ledger: Ledger) -> Ledger:
    """The ledger whose policy puts the township's own figures (设置 → 政策标准, synced records) in front
    of the shipped files'. One read of a small table; a ledger that has them already is returned as is."""
    if ledger.settings_applied:
        return ledger
    from sqlalchemy import select

    from desktop.store.models import PolicySetting
    from desktop.store.queries import live

    figures: dict[str, dict[int, YearFigure]] = {POVERTY_LINE: {}, MONITORING: {}}
    village_id = ledger.current_village_id()
    with ledger.store.read_session() as session:
        query = select(PolicySetting).where(live(PolicySetting))
        if village_id is not None:  # a village laptop: the figures the township sent to this village
            query = query.where(PolicySetting.village_id == village_id)
        rows = session.execute(query).scalars()
        # a township writes the same figure to each of its villages: one per kind and year is enough
        for row in sorted(rows, key=lambda r: r.id):
            if row.kind in figures and row.year is not None and row.amount is not None and row.source:
                figures[row.kind][row.year] = YearFigure(row.year, row.amount, row.note or "", row.source)
    policy = ledger.policy.with_settings(
        tuple(figures[POVERTY_LINE].values()), tuple(figures[MONITORING].values())
    )
    return replace(ledger, policy=policy, settings_applied=True)
