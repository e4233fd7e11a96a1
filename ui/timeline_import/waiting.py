"""Large imports without GUI-thread stalls: the collector paused while a worker builds many
rows, and a modal progress window while an undo step waits for a worker."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from facilitator import collector
from ui.workers import Workers

T = TypeVar("T")


@contextmanager
def collector_paused() -> Iterator[None]:
    """A worker's big build without the cyclic garbage collector (`collector.paused`);
    what it built is then frozen.

    A full collection walks every object while holding the GIL: reading a 100,000-line file
    set off passes of 60-250 ms in the worker, each as long a stall of the GUI thread.
    Freezing what was built (as `ui.app.settle_heap` does at start-up) keeps the rows out of
    later passes too, which would walk them on whichever thread allocates next; rows still
    go when nothing refers to them."""
    with collector.paused():
        yield
        gc.freeze()


def wait_for(
    workers: Workers,
    fn: Callable[..., T],
    *args: Any,
    text: str,
    parent: QWidget | None = None,
) -> T:
    """`fn(*args)` run in a worker (collector paused) while a modal window says `text` with
    a busy bar; its result, or its exception raised here.

    For work that must be done before the caller goes on, as an undo step must: the event
    loop keeps turning (no stall), and the window being modal keeps the user from starting
    another edit of the same timeline meanwhile. There is no Cancel: the work is one unit
    of work, and stopping it half way would leave nothing to show for it."""
    outcome: dict[str, Any] = {}

    def work() -> T:
        with collector_paused():
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
