"""Cyclic garbage is collected on the GUI thread only, never by a worker that happens to allocate."""

from __future__ import annotations

import gc
import threading
import weakref
from typing import Any

from desktop.ui.shell.main_thread_gc import collect_on_gui_thread


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: reference counting alone never frees it


def test_a_worker_never_collects_and_the_gui_thread_does(qapp: Any) -> None:
    collector = collect_on_gui_thread(qapp)
    assert not gc.isenabled() and collect_on_gui_thread(qapp) is collector
    node = Node()
    gone = weakref.ref(node)
    del node

    def allocate_a_lot() -> None:  # what would have started an automatic collection on this thread
        junk = [[i] for i in range(100_000)]
        del junk

    worker = threading.Thread(target=allocate_a_lot)
    worker.start()
    worker.join()
    assert gone() is not None  # still there: no collection ran on the worker
    gc.collect()  # stands for the GUI thread's timer passing its threshold
    assert gone() is None
