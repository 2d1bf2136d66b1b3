"""``python -m desktop``: the same as the ``zhucun`` command (no sub-command opens the GUI)."""

from desktop.cli import main

raise SystemExit(main())
