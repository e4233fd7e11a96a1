"""Large imports without GUI-thread stalls: a worker's big job kept from holding the GIL for
long (`big_job`), and a modal progress window while an undo step waits for a worker."""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Final, TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from facilitator import collector
from ui.workers import Workers

T = TypeVar("T")


# How soon a thread waiting for the GIL gets it while a big job runs, in seconds (Python's
# default is 5 ms). With the default, the GUI thread waited 60-115 ms at a time for a
# worker reading or adding 100,000 rows on a busy 2-core machine; with 1 ms, 20-40 ms,
# and the job took no longer.
HANDOVER: Final = 0.001

_lock = threading.Lock()
_jobs = 0
_interval = 0.005


@contextmanager
def big_job() -> Iterator[None]:
    """A worker's big build of rows, kept from stalling the GUI thread.

    - The cyclic garbage collector is off (`collector.paused`): a full pass walks every
      object holding the GIL, 60-250 ms at a time for a 100,000-line file.
    - What was built is frozen at the end (as `ui.app.settle_heap` does at start-up), which
      keeps the rows out of later passes too, whatever thread allocates next; rows still go
      when nothing refers to them.
    - The GIL changes hands every HANDOVER rather than every 5 ms, so each Python call the
      GUI thread makes (a timer, a paint) waits less for it.

    Counted, so overlapping jobs put things back only when the last one ends."""
    global _jobs, _interval
    with _lock:
        if _jobs == 0:
            _interval = sys.getswitchinterval()
            sys.setswitchinterval(min(_interval, HANDOVER))
        _jobs += 1
    try:
        with collector.paused():
            yield
            gc.freeze()
    finally:
        with _lock:
            _jobs -= 1
            if _jobs == 0:
                sys.setswitchinterval(_interval)


def wait_for(
    workers: Workers,
    fn: Callable[..., T],
    *args: Any,
    text: str,
    parent: QWidget | None = None,
) -> T:
    """`fn(*args)` run in a worker (as a `big_job`) while a modal window says `text` with
    a busy bar; its result, or its exception raised here.

    For work that must be done before the caller goes on, as an undo step must: the event
    loop keeps turning (no stall), and the window being modal keeps the user from starting
    another edit of the same timeline meanwhile. There is no Cancel: the work is one unit
    of work, and stopping it half way would leave nothing to show for it."""
    outcome: dict[str, Any] = {}

    def work() -> T:
        with big_job():
            return fn(*args)

    window = QProgressDialog(text, "", 0, 0, parent)
    window.setCancelButton(None)  # type: ignore[arg-type]  # Qt takes None: no button
    window.setWindowTitle(_tr("Please wait"))
    window.setWindowModality(Qt.WindowModality.ApplicationModal)
    window.setMinimumDuration(0)
    window.setAutoClose(False)
    window.setAutoReset(False)

    def finish(key: str, value: object) -> None:
        outcome[key] = value
        window.done(0)

    workers.run(
        work,
        on_done=lambda result: finish("result", result),
        on_error=lambda error: finish("error", error),
    )
    if not outcome:  # the job may have reported already (a tiny one, or a test's pool)
        window.exec()
    window.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]  # type: ignore[no-any-return]


def _tr(text: str) -> str:
    return QCoreApplication.translate("timeline_import", text)
