"""Python's cyclic garbage collector runs only on the GUI thread.

Left automatic, a collection starts on whichever thread happens to allocate at that moment — often a
worker running an export or a PDF — and may free a Qt object caught in a reference cycle there: Qt
objects must be destroyed on their own thread, and a widget freed on a worker crashed the process
(seen as a segmentation fault "Garbage-collecting" inside a bundle export). So automatic collection
is switched off and a timer on the GUI thread collects when the counts pass the usual thresholds.
Reference counting still frees everything not in a cycle at once, on any thread, as before.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class MainThreadGarbageCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        # what exists now (the program's modules, classes, Qt types: 125,000 objects at a start) lives as
        # long as the process: no collection walks it again (the first would take a tenth of a second)
        gc.freeze()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(INTERVAL_MS)

    def check(self) -> int:
        """Collect the generations whose counts passed their thresholds; returns objects freed."""
        counts = gc.get_count()
        generation = -1
        for level in range(3):
            if counts[level] > self.threshold[level]:
                generation = level
        return gc.collect(generation) if generation >= 0 else 0

    def stop(self) -> None:
        self.timer.stop()
        gc.enable()


def collect_on_gui_thread(app: QObject) -> MainThreadGarbageCollector:
    """Install once per application (the app owns it); idempotent."""
    existing = app.findChild(MainThreadGarbageCollector)
    return existing if existing is not None else MainThreadGarbageCollector(app)
