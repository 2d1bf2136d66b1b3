"""Named points in the middle of a multi-step change of the data folder (``init``, turning encryption
on) where a fault-injection test may act — stop the process there, as a power cut would.

Production installs nothing, and :func:`passed` then does nothing. The crash tests run the real
command line through a wrapper (``tests/security/light_cli.py``) that installs a hook before the
command starts; nothing here reads the environment.
"""

from __future__ import annotations

from collections.abc import Callable

Hook = Callable[[str], None]

_hook: Hook | None = None


def install(hook: Hook | None) -> None:
    """Call ``hook`` with each checkpoint's name from now on (``None``: stop calling anything)."""
    global _hook
    _hook = hook


def passed(name: str) -> None:
    """The change has reached the point ``name`` (and nothing else happens here)."""
    if _hook is not None:
        _hook(name)
