"""Opening the store: engine settings, "is this ours?", integrity check, backup, migration.

Many writers, one ledger (the GUI and commands, or two commands): every SQLite connection waits up to
``busy_seconds`` for a lock (``busy_timeout``), and a write transaction (``Store.session``) starts with
``BEGIN IMMEDIATE``, so its write lock is taken up front, where SQLite waits for it, instead of at the
first flush in the middle of the work, where a reader that must become a writer after another commit
fails at once ("database is locked", which no wait can cure). Past the wait the user gets
``LedgerBusy`` (exit 7) and nothing changed. Reads (``read_session``) begin deferred and never wait for
a writer in WAL mode.

A read-only store (``open_store(read_only=True)``: ``check``, ``dump``, lists) opens the file with
``mode=ro``, ``query_only`` and temporary tables in memory, so reading never needs to write a byte; on a
full disk it works (see ``sqlite_file``) where every other command says how much space is left.

The GUI opens with ``defer_check``: a current SQLite ledger opens without its integrity check and
without the day's backup, so the window comes up at once; ``Store.verify()`` then runs the check (the
GUI on a worker thread, after the window is up), and ``backup_if_due()`` the backup. Until the check
has passed no write begins: a write waits for it (or runs it), and after a failed check every write is
refused with the same message an opening would have given. A ledger to migrate is checked first, as
always.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, QueuePool, create_engine, event, inspect, select
from sqlalchemy.engine import URL
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.errors import StoreProblem, UserError
from desktop.store import (
    disk,
    guard,
    migrate,
    search_index,
    switchover,
    transaction,
    unlocked,
)
from desktop.store.backup import backup_file, newest_backup_age
from desktop.store.disk import BUSY_ENV as BUSY_ENV
from desktop.store.disk import BUSY_SECONDS, busy_seconds_setting
from desktop.store.keyring import KEYRING_FILE
from desktop.store.sqlite_file import OUR_TABLES, SqliteFacts, inspect_sqlite

if TYPE_CHECKING:
    from desktop.store.verdict_table import Judge

DB_FILE = "zhucun.sqlite3"
DAILY = dt.timedelta(days=1)
GUI_BUSY_SECONDS = 15.0  # the GUI waits longer for another program's write lock than a command (5 s)
_WRITE = "zhucun_write"  # execution option: this transaction writes (BEGIN IMMEDIATE)
WRITE_CACHE_KB = 65_536  # page cache of a connection that may write (memory used only as pages are)


@dataclass(frozen=True)
class StoreLocation:
    """Where the data lives: a SQLite file in the data folder, or a server URL (township/county).

    ``data_key`` (from an unlocked keyring) opens the data folder's encrypted SQLite file."""

    home: Path
    url: str | None = None
    data_key: bytes | None = field(default=None, repr=False, compare=False)

    @property
    def db_path(self) -> Path:
        return self.home / DB_FILE

    @property
    def backups(self) -> Path:
        return self.home / "backups"

    @property
    def is_sqlite(self) -> bool:
        return self.url is None or self.url.startswith("sqlite")

    @property
    def engine_url(self) -> str:
        return self.url or f"sqlite:///{self.db_path}"

    @property
    def encrypted(self) -> bool:
        """The data folder's own database is encrypted (it has a keyring)."""
        return self.url is None and (self.home / KEYRING_FILE).exists()


class Store:
    """An open, migrated database. ``session()`` gives one transaction."""

    def __init__(
        self, location: StoreLocation, engine: Engine, *, author: str | None = None, checked: bool = True
    ) -> None:
        self.location = location
        self.engine = engine
        # ``checked`` False: opened with the integrity check deferred (see ``verify``)
        self._checked = checked
        self._check_lock = threading.Lock()
        self._problem: UserError | None = None
        # the unlocked user signs every operation written through this store (see ChangeWriter)
        self._sessions = sessionmaker(
            engine, expire_on_commit=False, info={"author": author} if author else None
        )
        self._commit_listeners: list[Callable[[frozenset[str]], None]] = []
        # the write transaction's parts, on this store's sessions only (see store/transaction.py)
        # judges the households a transaction touched, for the derived verdicts (set by the services'
        # Ledger, which knows the policy; None: their rows are only dropped, see verdict_table)
        self.verdict_judge: Judge | None = None
        guard.install(self._sessions)
        search_index.install(self._sessions, self._refresh_verdicts)
        transaction.install(self._sessions, self._committed)
        if location.data_key is not None:
            unlocked.register(location.home, location.data_key)

    def verify(self) -> UserError | None:
        """The integrity check an opening with ``defer_check`` left for later: the problem found (the
        message an opening would have refused the file with), else None. Once found, every write is
        refused with it. Runs once; a second caller waits for the first (any thread)."""
        with self._check_lock:
            if not self._checked:
                facts = inspect_sqlite(self.location.db_path, data_key=self.location.data_key)
                if facts.error is not None:
                    self._problem = unreadable(self.location, facts)
                elif facts.damage is not None:
                    self._problem = damaged(self.location, facts.damage)
                self._checked = True
            return self._problem

    def backup_if_due(self) -> Path | None:
        """The day's backup, when the newest is older than a day and the disk has room for it."""
        if not self.location.is_sqlite or not _room_for_backup(self.location):
            return None
        age = newest_backup_age(self.location.backups)
        if age is not None and age <= DAILY:
            return None
        try:
            return backup_file(
                self.location.db_path, self.location.backups, "daily", data_key=self.location.data_key
            )
        except (OSError, sqlite3.Error):
            # the day's backup is skipped, not the command, as on a disk without room for it (a file too
            # big for the disk, a disk that filled meanwhile): no partial file is left (backup_file), and
            # the next opening tries again; 设置 shows how old the newest backup is
            return None

    def _writable(self) -> None:
        problem = self.verify()
        if problem is not None:
            raise problem

    def _refresh_verdicts(self, session: Session, household_ids: set[str], touched: set[Any]) -> None:
        # imported at the first write (with the PostgreSQL dialect it needs): the start reads only
        from desktop.store import verdict_table

        verdict_table.refresh(session, household_ids, touched, self.verdict_judge)

    def refresh_search_index(self) -> bool:
        """Rebuild the household search texts when an older program made them (see search_index)."""
        return search_index.ensure_current(self._sessions)

    def set_author(self, author: str) -> None:
        """Another user unlocked the open ledger: the operations written from now on are theirs."""
        self._sessions.configure(info={"author": author})

    def add_commit_listener(self, listener: Callable[[frozenset[str]], None]) -> None:
        """Call ``listener`` after every commit that changed synced records, with their kinds (tables);
        a write of this device's own state only (trust, settings, receipts) calls nothing. It runs on
        the thread that wrote."""
        self._commit_listeners.append(listener)

    def _committed(self, kinds: frozenset[str]) -> None:
        for listener in self._commit_listeners:
            listener(kinds)

    @contextmanager
    def session(self, *, snapshot: bool = False) -> Iterator[Session]:
        """One write transaction: its lock is taken at the start (waiting for another writer up to the
        busy timeout); a full disk or a lock held too long becomes the user's one-line error.
        ``snapshot``: every query of the transaction sees the same state even on a server, where
        another client may commit meanwhile (REPEATABLE READ; SQLite's write lock already does this),
        for work that reads the ledger in several passes, such as writing a bundle."""
        self._writable()
        try:
            with self._sessions.begin() as session:
                if self.location.is_sqlite:
                    session.connection(execution_options={_WRITE: True})
                elif snapshot:
                    session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
                yield session
        except (OperationalError, DatabaseError) as exc:
            problem = disk.explain(exc, self.location.home) if self.location.is_sqlite else None
            if problem is None:
                raise
            raise problem from exc

    def require_free(self, needed: int, doing: str) -> None:
        """Refuse before a write of about ``needed`` bytes that the data folder's disk has no room for
        (``doing`` says what, e.g. "无法导入花名册"); a server database is not asked."""
        if self.location.url is None:
            disk.require_free(self.location.home, needed, f"{doing}（{disk.needs_text(needed)}）")

    def read_session(self) -> Session:
        return self._sessions()

    def write_session(self) -> Session:
        """A session the caller commits itself, whose transaction takes the write lock when it begins
        (``BEGIN IMMEDIATE``, waiting for another writer) like ``session()``."""
        self._writable()
        session = self._sessions()
        if self.location.is_sqlite:
            session.connection(execution_options={_WRITE: True})
        return session

    def backup(self, reason: str, folder: Path | None = None) -> Path:
        if not self.location.is_sqlite:
            raise StoreProblem("服务器数据库请用 pg_dump 备份（见 README“乡镇服务器”一节）")
        self._writable()  # a damaged file is never copied in as the newest backup
        target = folder or self.location.backups
        needed = self.location.db_path.stat().st_size
        disk.require_free(target, needed, f"无法备份台账到 {target}（{disk.needs_text(needed)}）")
        return backup_file(self.location.db_path, target, reason, data_key=self.location.data_key)

    def close(self) -> None:
        self.engine.dispose()
        if self.location.data_key is not None:
            unlocked.forget(self.location.home, self.location.data_key)


def make_engine(
    location: StoreLocation,
    *,
    busy_seconds: float = BUSY_SECONDS,
    read_only: bool = False,
    immutable: bool = False,
) -> Engine:
    if not location.is_sqlite:
        return create_engine(location.engine_url, pool_pre_ping=True)
    read_query = {"mode": "ro", "uri": "true", **({"immutable": "1"} if immutable else {})}
    if location.data_key is not None:
        from desktop.store import cipher

        url = cipher.engine_url(location.db_path, location.data_key)
        if read_only:
            url = url.set(database=f"file:{location.db_path}", query=read_query)
        # the same pool as a plain file gets; never a row's values in an error message or crash report
        engine = create_engine(url, module=cipher.module(), poolclass=QueuePool, hide_parameters=True)
    elif read_only and location.url is None:
        engine = create_engine(
            URL.create("sqlite", database=f"file:{location.db_path}", query=read_query), poolclass=QueuePool
        )
    else:
        engine = create_engine(location.engine_url)

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection: Any, record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide where transactions begin (the pysqlite recipe), so
        # that every service transaction, reads included, is one real SQLite transaction.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # first: even the journal mode may have to wait for another program's lock
        cursor.execute(f"PRAGMA busy_timeout={round(busy_seconds * 1000)}")
        if read_only:
            cursor.execute("PRAGMA query_only=ON")
        else:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")  # a power cut loses nothing committed
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA temp_store=MEMORY")  # sorting never needs a temporary file on disk
        if location.data_key is not None:
            # pages are decrypted on a cache miss: keep the 8 MB of the sqlcipher3 build whatever its
            # default becomes (with sqlite3's 2 MB, search is 1.5x slower; see bench_encryption.py)
            cursor.execute("PRAGMA cache_size=-8000")
        elif not read_only:
            # an import writes the log, its index and the records' indexes at once: with 2 MB their pages
            # leave the cache (to the WAL) and come back many times (a 10,000-household fold 1.2x slower)
            cursor.execute(f"PRAGMA cache_size=-{WRITE_CACHE_KB}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        write = connection.get_execution_options().get(_WRITE, False) and not read_only
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def open_store(
    location: StoreLocation,
    *,
    create: bool = False,
    daily_backup: bool = True,
    author: str | None = None,
    busy_seconds: float | None = None,
    read_only: bool = False,
    defer_check: bool = False,
) -> Store:
    """Open the store, creating or migrating it. Raises StoreProblem with a Chinese message.

    ``author``: the unlocked user, recorded as the author of every operation written through it.
    ``busy_seconds``: how long to wait for another writer (default: ``ZHUCUN_BUSY_WAIT`` or 5 s).
    ``read_only``: nothing is written, not even a journal (a database that needs migrating is opened
    for writing all the same). ``defer_check``: a current SQLite ledger opens without its integrity
    check and the day's backup; the caller runs ``Store.verify()`` and ``backup_if_due()`` soon after
    (no write begins before the check passed)."""
    wait = busy_seconds_setting() if busy_seconds is None else busy_seconds
    immutable = False
    deferred = False
    if location.is_sqlite:
        check_unlocked(location)
        # decided on a read-only look, so a file we refuse is left exactly as it was
        deferred = defer_check and not read_only
        state, immutable = _sqlite_state(location, read_only=read_only, check_integrity=not deferred)
        if deferred and state != "current":  # a file to migrate (or make) is checked before, as always
            deferred = False
            state, immutable = _sqlite_state(location, read_only=read_only)
        if state == "empty" and create:
            location.home.mkdir(parents=True, exist_ok=True)
    read_only = read_only and location.url is None and state == "current"
    engine = make_engine(location, busy_seconds=wait, read_only=read_only, immutable=immutable)
    store: Store | None = None
    try:
        if not location.is_sqlite:
            state = _schema_state(engine)
        if state == "empty" and not create:
            raise StoreProblem(f"{location.home} 中还没有台账，请先运行 zhucun init 或 zhucun demo")
        if state == "behind" and location.is_sqlite:
            engine.dispose()
            backup_file(location.db_path, location.backups, "before-migration", data_key=location.data_key)
        if state in ("empty", "behind"):
            migrate.upgrade(engine)
        # last but one: it holds the data key until closed
        store = Store(location, engine, author=author, checked=not deferred)
        if location.is_sqlite and daily_backup and state not in ("empty",) and not deferred:
            store.backup_if_due()
        if read_only:
            if _search_index_current(engine):
                return store
            # an older program made the search texts: rebuilding them writes, so open for writing
            _close(store, engine)
            return open_store(
                location, create=create, daily_backup=daily_backup, author=author, busy_seconds=wait
            )
        if deferred:
            if _search_index_current(engine):
                return store  # nothing to rebuild (the check and the backup come later, see verify)
            problem = store.verify()  # rebuilding the texts writes: only into a file found intact
            if problem is not None:
                raise problem
        store.refresh_search_index()  # after a backup: an older program's texts are rebuilt
        return store
    except (OperationalError, DatabaseError) as exc:
        _close(store, engine)
        problem = disk.explain(exc, location.home) if location.is_sqlite else None
        if problem is not None:
            raise problem from exc
        raise StoreProblem(f"无法打开数据库 {location.engine_url}：{_first_line(exc)}") from exc
    except OSError as exc:
        _close(store, engine)
        problem = disk.explain(exc, location.home)
        if problem is not None:
            raise problem from exc
        raise
    except BaseException:
        _close(store, engine)
        raise


def _search_index_current(engine: Engine) -> bool:
    from desktop.store.models import LocalSetting

    with engine.connect() as connection:
        stamp = connection.execute(
            select(LocalSetting.value).where(LocalSetting.key == search_index.STAMP_KEY)
        ).scalar()
    return stamp == search_index.index_stamp()


def _close(store: Store | None, engine: Engine) -> None:
    if store is not None:
        store.close()
    else:
        engine.dispose()


def check_unlocked(location: StoreLocation) -> None:
    """Finish or undo an interrupted conversion, then: an encrypted folder needs its data key."""
    if location.url is not None:
        if location.data_key is not None:
            raise StoreProblem("只有数据文件夹中的台账可以加密，服务器数据库不用数据密钥")
        return
    try:
        switchover.recover(location.home)
    except (ValueError, KeyError, TypeError) as exc:
        raise StoreProblem(
            f"{location.home / switchover.JOURNAL} 已损坏（{exc}），无法判断上次加密是否完成；请联系技术支持"
        ) from None
    if location.encrypted and location.data_key is None:
        raise StoreProblem(
            f"{location.home} 中的台账已加密，需要口令才能打开"
            "（打开程序时在解锁窗口输入口令；命令行会提示输入，或设置环境变量 ZHUCUN_PASSPHRASE）"
        )
    if not location.encrypted and location.data_key is not None:
        raise StoreProblem(f"{location.home} 中的台账没有加密，不能用口令打开")


def _schema_state(engine: Engine) -> str:
    """empty / current / behind; raises when the database is not ours or newer than this program."""
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        if not tables:
            return "empty"
        if not tables >= OUR_TABLES:
            raise StoreProblem("这个数据库不是驻村台账的数据库，未做任何改动")
        current = migrate.current_revision(connection)
    return _revision_state(current)


def _room_for_backup(location: StoreLocation) -> bool:
    """The daily backup is skipped (not the command) on a disk without room for a copy; a command that
    writes then says the disk is full, one that reads still works."""
    try:
        size = location.db_path.stat().st_size
    except OSError:
        return False
    return disk.free_bytes(location.backups) >= size + disk.WRITE_MARGIN_BYTES


def _sqlite_state(
    location: StoreLocation, *, read_only: bool = False, check_integrity: bool = True
) -> tuple[str, bool]:
    """The schema state, and whether the file can only be read as immutable (a full disk)."""
    if not location.db_path.exists():
        return "empty", False
    facts = inspect_sqlite(location.db_path, data_key=location.data_key, check_integrity=check_integrity)
    if facts.error is not None:
        raise unreadable(location, facts)
    if facts.needs_immutable and not read_only:
        raise disk.disk_full(location.home, "无法写入台账")
    return _facts_state(location, facts), facts.needs_immutable


def unreadable(location: StoreLocation, facts: SqliteFacts) -> UserError:
    """A database that could not be read: a full disk, a lock, else "cannot read", never "damaged"
    (nothing says it is: the integrity check could not even run)."""
    problem = disk.explain(sqlite3.OperationalError(facts.error), location.home)
    if problem is not None:
        return problem
    return StoreProblem(f"无法读取数据库 {location.db_path}（{facts.error}），未做任何改动")


def damaged(location: StoreLocation, damage: str) -> StoreProblem:
    return StoreProblem(
        f"数据库 {location.db_path} 已损坏（{damage}）；请用 zhucun restore 从 {location.backups} 恢复备份"
    )


def _facts_state(location: StoreLocation, facts: SqliteFacts) -> str:
    if not facts.is_sqlite and location.data_key is not None:
        raise StoreProblem(
            f"数据库 {location.db_path} 无法用钥匙环中的数据密钥打开（钥匙环与数据库不配套，或数据库已损坏），"
            f"未做任何改动；请用 zhucun restore 从 {location.backups} 恢复备份"
        )
    if not facts.is_sqlite:
        raise StoreProblem(f"{location.db_path} 不是驻村台账的数据库（不是 SQLite 文件），未做任何改动")
    if facts.damage is not None:
        raise damaged(location, facts.damage)
    if facts.empty:
        return "empty"
    if not facts.ours:
        raise StoreProblem("这个数据库不是驻村台账的数据库，未做任何改动")
    return _revision_state(facts.revision)


def _revision_state(current: str | None) -> str:
    if current == migrate.head_revision():
        return "current"
    if current in migrate.known_revisions():
        return "behind"
    raise StoreProblem(f"数据库版本（{current}）比本程序新，请先升级驻村台账再打开，未做任何改动")


def _first_line(exc: BaseException) -> str:
    original = getattr(exc, "orig", None)
    if isinstance(original, sqlite3.DatabaseError) and "not a database" in str(original):
        return "不是 SQLite 数据库文件"
    return str(original or exc).splitlines()[0]
