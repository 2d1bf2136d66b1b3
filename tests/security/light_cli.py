"""``python tests/security/light_cli.py ARGS…``: the real ``zhucun`` command line, with a light Argon2id
(8 MiB, one pass) so that subprocess tests do not spend most of their time deriving keys. The
production setting is never changed by an environment variable: only this wrapper lowers it.

With ``KILL_AT=N`` in its environment the wrapper kills the process at the N-th checkpoint the command
passes (``desktop/store/checkpoints.py``), as a power cut would: the crash tests' fault injection,
installed here and never by the program itself."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop import cli
from desktop.store import checkpoints, kdf

LIGHT_KDF = {"name": "argon2id", "memory_kib": 8192, "iterations": 1, "lanes": 1}
KILL_ENV = "ZHUCUN_TEST_KILL_AT"


def install_killer(kill_at: int) -> None:
    passed = 0

    def count(_name: str) -> None:
        nonlocal passed
        passed += 1
        if passed == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    checkpoints.install(count)


if __name__ == "__main__":
    kdf.ARGON2ID = dict(LIGHT_KDF)
    if os.environ.get(KILL_ENV):
        install_killer(int(os.environ[KILL_ENV]))
    sys.exit(cli.main(sys.argv[1:]))
