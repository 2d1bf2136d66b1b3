"""``python tests/security/light_cli.py ARGS…``: the real ``zhucun`` command line, with a light Argon2id
(8 MiB, one pass) so that subprocess tests do not spend most of their time deriving keys. The
production setting is never changed by an environment variable: only this wrapper lowers it."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop import cli
from desktop.store import kdf

LIGHT_KDF = {"name": "argon2id", "memory_kib": 8192, "iterations": 1, "lanes": 1}

if __name__ == "__main__":
    kdf.ARGON2ID = dict(LIGHT_KDF)
    sys.exit(cli.main(sys.argv[1:]))
