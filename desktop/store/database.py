"""Opening the store: engine settings, "is this ours?", integrity check, backup, migration."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, QueuePool, create_engine, event, inspect
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.errors import StoreProblem
from desktop.store import migrate, search_index, switchover, unlocked
from desktop.store.backup import backup_file, newest_backup_age
from desktop.store.keyring import KEYRING_FILE
from desktop.store.sqlite_file import OUR_TABLES, inspect_sqlite

DB_FILE = "zhucun.sqlite3"
DAILY = dt.timedelta(days=1)


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

    def __init__(self, location: StoreLocation, engine: Engine, *, author: str | None = None) -> None:
        self.location = location
        self.engine = engine
        # the unlocked user signs every operation written through this store (see ChangeWriter)
        self._sessions = sessionmaker(
            engine, expire_on_commit=False, info={"author": author} if author else None
        )
        search_index.install(self._sessions)
        if location.data_key is not None:
            unlocked.register(location.home, location.data_key)

    def refresh_search_index(self) -> bool:
        """Rebuild the household search texts when an older program made them (see search_index)."""
        return search_index.ensure_current(self._sessions)

    def set_author(self, author: str) -> None:
        """Another user unlocked the open ledger: the operations written from now on are theirs."""
        self._sessions.configure(info={"author": author})

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    def read_session(self) -> Session:
        return self._sessions()

    def backup(self, reason: str, folder: Path | None = None) -> Path:
        if not self.location.is_sqlite:
            raise StoreProblem("服务器数据库请用 pg_dump 备份（见 README“乡镇服务器”一节）")
        return backup_file(
            self.location.db_path, folder or self.location.backups, reason, data_key=self.location.data_key
        )

    def close(self) -> None:
        self.engine.dispose()
        if self.location.data_key is not None:
            unlocked.forget(self.location.home, self.location.data_key)


def make_engine(location: StoreLocation) -> Engine:
    if not location.is_sqlite:
        return create_engine(location.engine_url, pool_pre_ping=True)
    if location.data_key is not None:
        from desktop.store import cipher

        # the same pool as a plain file gets; never a row's values in an error message or crash report
        engine = create_engine(
            cipher.engine_url(location.db_path, location.data_key),
            module=cipher.module(),
            poolclass=QueuePool,
            hide_parameters=True,
        )
    else:
        engine = create_engine(location.engine_url)

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection: Any, record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide where transactions begin (the pysqlite recipe), so
        # that every service transaction, reads included, is one real SQLite transaction.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")  # a power cut loses nothing committed
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        if location.data_key is not None:
            # pages are decrypted on a cache miss: keep the 8 MB of the sqlcipher3 build whatever its
            # default becomes (with sqlite3's 2 MB, search is 1.5x slower; see bench_encryption.py)
            cursor.execute("PRAGMA cache_size=-8000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


def open_store(
    location: StoreLocation, *, create: bool = False, daily_backup: bool = True, author: str | None = None
) -> Store:
    """Open the store, creating or migrating it. Raises StoreProblem with a Chinese message.

    ``author``: the unlocked user, recorded as the author of every operation written through it."""
    if location.is_sqlite:
        check_unlocked(location)
        # decided on a read-only look, so a file we refuse is left exactly as it was
        state = _sqlite_state(location)
        if state == "empty" and create:
            location.home.mkdir(parents=True, exist_ok=True)
    engine = make_engine(location)
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
        if location.is_sqlite and daily_backup and state not in ("empty",):
            age = newest_backup_age(location.backups)
            if age is None or age > DAILY:
                backup_file(location.db_path, location.backups, "daily", data_key=location.data_key)
        store = Store(location, engine, author=author)  # last but one: it holds the data key until closed
        store.refresh_search_index()  # after a backup: an older program's texts are rebuilt
        return store
    except (OperationalError, DatabaseError) as exc:
        _close(store, engine)
        raise StoreProblem(f"无法打开数据库 {location.engine_url}：{_first_line(exc)}") from exc
    except BaseException:
        _close(store, engine)
        raise


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
            "（命令行会提示输入，或设置环境变量 ZHUCUN_PASSPHRASE；图形界面的解锁尚未提供）"
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


def _sqlite_state(location: StoreLocation) -> str:
    if not location.db_path.exists():
        return "empty"
    facts = inspect_sqlite(location.db_path, data_key=location.data_key)
    if not facts.is_sqlite and location.data_key is not None:
        raise StoreProblem(
            f"数据库 {location.db_path} 无法用钥匙环中的数据密钥打开（钥匙环与数据库不配套，或数据库已损坏），"
            f"未做任何改动；请用 zhucun restore 从 {location.backups} 恢复备份"
        )
    if not facts.is_sqlite:
        raise StoreProblem(f"{location.db_path} 不是驻村台账的数据库（不是 SQLite 文件），未做任何改动")
    if facts.damage is not None:
        raise StoreProblem(
            f"数据库 {location.db_path} 已损坏（{facts.damage}）；请用 zhucun restore 从 {location.backups} 恢复备份"
        )
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
