"""A throwaway PostgreSQL server for the tests (standard library only).

    with ThrowawayPostgres() as pg:
        engine = sqlalchemy.create_engine(pg.url)       # database "zhucun_test"
        other = pg.create_database("zhucun_other")      # a fresh, empty database

The server lives in a temporary directory under /tmp, listens on 127.0.0.1 on a free
port, trusts every local connection (superuser ``zhucun``, no password) and is stopped
and deleted on exit.  As root, initdb and pg_ctl run as the ``postgres`` user, because
PostgreSQL refuses to run as root.

Run ``python tests/pg_server.py`` to try it by hand (``--hold`` keeps it running).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pwd
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SUPERUSER = "zhucun"
DEFAULT_DB = "zhucun_test"
HOST = "127.0.0.1"
_TIMEOUT = 120  # seconds for any single initdb / pg_ctl / createdb call
_DB_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")


def find_pg_bin() -> Path | None:
    """The directory holding initdb: newest /usr/lib/postgresql/*/bin, else initdb on PATH.

    ZHUCUN_PG_BIN, when set, is used as is.
    """
    override = os.environ.get("ZHUCUN_PG_BIN")
    if override:
        path = Path(override)
        return path if (path / "initdb").is_file() else None

    def version(bin_dir: Path) -> tuple[int, ...]:
        digits = re.findall(r"\d+", bin_dir.parent.name)
        return tuple(int(d) for d in digits) or (0,)

    candidates = [p for p in Path("/usr/lib/postgresql").glob("*/bin") if (p / "initdb").is_file()]
    if candidates:
        return max(candidates, key=version)
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _clean_env() -> dict[str, str]:
    """The environment without PG* variables (they would override our flags) and with a C locale
    for the tools' own messages, so that logs are in English and never hit a missing locale."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.pop("LC_ALL", None)
    env["LANG"] = "C"
    env["LC_MESSAGES"] = "C"
    return env


class ThrowawayPostgres:
    """Context manager around a temporary PostgreSQL cluster.

    Attributes once started: ``port``, ``url`` (SQLAlchemy URL of ``zhucun_test``), ``dsn``
    (libpq URL of the same, for ``psycopg.connect``), ``bin_dir``, ``tmpdir``.
    """

    def __init__(self, bin_dir: Path | None = None, dbname: str = DEFAULT_DB) -> None:
        self.bin_dir = Path(bin_dir) if bin_dir else find_pg_bin()
        self.dbname = dbname
        self.tmpdir: Path | None = None
        self.port: int | None = None
        self.start_seconds: float | None = None
        self._as_postgres = os.geteuid() == 0  # initdb and postgres refuse to run as root
        self._started = False

    # -- paths -------------------------------------------------------------------------------------
    @property
    def datadir(self) -> Path:
        assert self.tmpdir is not None
        return self.tmpdir / "data"

    @property
    def logfile(self) -> Path:
        assert self.tmpdir is not None
        return self.tmpdir / "postgres.log"

    # -- URLs --------------------------------------------------------------------------------------
    def admin_url_for(self, dbname: str) -> str:
        """SQLAlchemy URL (psycopg 3 driver) for ``dbname`` as the superuser."""
        if self.port is None:
            raise RuntimeError("PostgreSQL is not running")
        return f"postgresql+psycopg://{SUPERUSER}@{HOST}:{self.port}/{dbname}"

    def dsn_for(self, dbname: str) -> str:
        """libpq URL for ``dbname`` as the superuser (for psycopg.connect)."""
        return self.admin_url_for(dbname).replace("postgresql+psycopg://", "postgresql://", 1)

    @property
    def url(self) -> str:
        return self.admin_url_for(self.dbname)

    @property
    def dsn(self) -> str:
        return self.dsn_for(self.dbname)

    # -- lifecycle ---------------------------------------------------------------------------------
    def __enter__(self) -> ThrowawayPostgres:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def start(self) -> None:
        """Create the cluster, start the server and create the default database.

        On any failure everything made so far is cleaned up and RuntimeError is raised."""
        if self.bin_dir is None:
            raise RuntimeError(
                "PostgreSQL server binaries not found (initdb); on Debian/Ubuntu: apt-get install postgresql"
            )
        began = time.monotonic()
        atexit.register(self.stop)
        try:
            self._make_tmpdir()
            self._initdb()
            self._start_server()
            self.create_database(self.dbname)
        except BaseException:
            self.stop()
            raise
        self.start_seconds = time.monotonic() - began

    def stop(self) -> None:
        """Stop the server (immediately: the data is thrown away) and delete the directory.

        Safe to call more than once and after a failed start."""
        atexit.unregister(self.stop)
        if self.tmpdir is None:
            return
        if self._started or (self.datadir / "postmaster.pid").exists():
            with contextlib.suppress(Exception):
                self._run(
                    [self._tool("pg_ctl"), "-D", str(self.datadir), "-m", "immediate", "-w", "stop"],
                    as_postgres=True,
                    check=False,
                )
        self._started = False
        shutil.rmtree(self.tmpdir, ignore_errors=True)
        self.tmpdir = None
        self.port = None

    def create_database(self, name: str) -> str:
        """Create an empty database ``name`` owned by the superuser; return its SQLAlchemy URL."""
        if not _DB_NAME.fullmatch(name):
            raise ValueError(f"unusual database name: {name!r}")
        if self.port is None:
            raise RuntimeError("PostgreSQL is not running")
        self._run(
            [self._tool("createdb"), "-h", HOST, "-p", str(self.port), "-U", SUPERUSER, name],
            as_postgres=False,
        )
        return self.admin_url_for(name)

    # -- steps -------------------------------------------------------------------------------------
    def _make_tmpdir(self) -> None:
        self.tmpdir = Path(tempfile.mkdtemp(prefix="zhucun-pg-", dir="/tmp"))
        os.chmod(self.tmpdir, 0o700)
        if self._as_postgres:
            try:
                pw = pwd.getpwnam("postgres")
            except KeyError:
                raise RuntimeError(
                    "running as root but there is no 'postgres' user to run PostgreSQL as "
                    "(it comes with the Debian package: apt-get install postgresql)"
                ) from None
            os.chown(self.tmpdir, pw.pw_uid, pw.pw_gid)

    def _initdb(self) -> None:
        base = [self._tool("initdb"), "-D", str(self.datadir), "-A", "trust", "-U", SUPERUSER, "-E", "UTF8"]
        try:
            self._run([*base, "--locale=C.UTF-8"], as_postgres=True)
        except RuntimeError:
            shutil.rmtree(self.datadir, ignore_errors=True)
            self._run([*base, "--no-locale"], as_postgres=True)

    def _start_server(self) -> None:
        last_error: RuntimeError | None = None
        for _attempt in range(3):  # another process may grab the free port between check and bind
            self.port = _free_port()
            options = (
                f"-c listen_addresses={HOST} -p {self.port} -k {self.tmpdir} "
                "-c fsync=off -c full_page_writes=off -c synchronous_commit=off"
            )
            try:
                self._run(
                    [
                        self._tool("pg_ctl"),
                        "-D",
                        str(self.datadir),
                        "-l",
                        str(self.logfile),
                        "-w",
                        "-t",
                        "60",
                        "-o",
                        options,
                        "start",
                    ],
                    as_postgres=True,
                )
            except RuntimeError as exc:
                last_error = exc
                if "could not bind" not in self._log_tail() and "already in use" not in self._log_tail():
                    break
                continue
            self._started = True
            return
        self.port = None
        assert last_error is not None
        raise last_error

    # -- helpers -----------------------------------------------------------------------------------
    def _tool(self, name: str) -> str:
        assert self.bin_dir is not None
        return str(self.bin_dir / name)

    def _log_tail(self, lines: int = 30) -> str:
        if self.tmpdir is None:
            return ""
        try:
            text = self.logfile.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def _run(self, cmd: list[str], *, as_postgres: bool, check: bool = True) -> subprocess.CompletedProcess:
        if as_postgres and self._as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        try:
            result = subprocess.run(
                cmd,
                cwd=self.tmpdir,  # the postgres user may not be allowed into our working directory
                env=_clean_env(),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=_TIMEOUT,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise RuntimeError(f"{' '.join(cmd)} failed: {exc}\n{self._log_tail()}") from exc
        if check and result.returncode != 0:
            output = (result.stdout + result.stderr).strip()
            tail = self._log_tail()
            raise RuntimeError(
                f"{' '.join(cmd)} exited with {result.returncode}:\n{output}"
                + (f"\n--- server log (last lines) ---\n{tail}" if tail else "")
            )
        return result


def _main(argv: list[str]) -> int:
    hold = "--hold" in argv
    with ThrowawayPostgres() as pg:
        print(f"PostgreSQL from {pg.bin_dir}, started in {pg.start_seconds:.2f} s")
        print(f"url: {pg.url}")
        print(f"dsn: {pg.dsn}")
        if hold:
            print("Ctrl-C to stop")
            with contextlib.suppress(KeyboardInterrupt):
                while True:
                    time.sleep(3600)
    print("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
