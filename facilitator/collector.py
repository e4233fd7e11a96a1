"""The cyclic garbage collector held off while a bulk operation builds many objects.

Reading a 100,000-line file makes some 300,000 objects; each time the heap grows by a
quarter, Python walks all of it looking for cycles, and those passes took 0.6-0.8 s of a
CSV's 5 s (and, holding the GIL, stalled any other thread). The rows of an import, its
preview, the values for the database and the records of an undo hold no cycles, so nothing
waits to be freed while it is off. Used by `timeline_import` and `timeline`'s bulk edits.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0  # how many `paused()` blocks are running, in any thread
_was_enabled = True  # whether the collector was on when the first of them began


@contextmanager
def paused() -> Iterator[None]:
    """No automatic collection inside the block (explicit `gc.collect()` still works).
    Counted, so overlapping blocks in several threads turn the collector back on only when
    the last one ends, and only if it was on before the first began."""
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()
