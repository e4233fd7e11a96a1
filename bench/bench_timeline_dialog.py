"""The Import… dialog under a 100,000-line CSV (issue 7): the GUI thread's longest stall while
the preview is read and shown, while the entries are added, and the undo and redo of it.

    python bench/bench_timeline_dialog.py [--lines 100000] [--page]

Also run by `bench_timeline_import.py --dialog`. A 5 ms timer beats on the GUI thread; the
widest gap between two beats in a phase is that phase's longest stall (budget 50 ms); the
floor is the widest gap while nothing happens, what a busy machine adds by itself. Undo
and redo are pushed the way Ctrl+Z and Ctrl+Shift+Z push them; with `--page` the timeline
page is there too and shows the result, as in the app: a phase ends once the page shows every
entry (its reload, on the GUI thread or in a worker, is counted in the stall and the wall
time), and the import selects the new entries as the page's Import… does. The last line
gives the import end to end: the preview read and shown, the entries added and shown.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QDialog

from facilitator import sessions
from facilitator.db.store import open_store
from ui.session.document import SessionDocument
from ui.steps.base import PageContext
from ui.style import Style
from ui.workers import Workers

BEAT_MS = 5
BUDGET_MS = 50.0


class Heartbeat:
    """A precise timer on the GUI thread; `longest` is the widest gap between two beats."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer(timerType=Qt.TimerType.PreciseTimer, interval=BEAT_MS)
        self._timer.timeout.connect(self._beat)

    def start(self) -> None:
        self.longest, self._last = 0.0, time.perf_counter()
        self._timer.start()

    def stop(self) -> float:
        self._beat()
        self._timer.stop()
        return self.longest

    def _beat(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, (now - self._last) * 1000)
        self._last = now


def until(done: Callable[[], bool], timeout: float = 120.0) -> None:
    """Run the event loop until `done()` (checked every few milliseconds)."""
    loop = QEventLoop()
    limit = time.perf_counter() + timeout

    def check() -> None:
        if done() or time.perf_counter() > limit:
            loop.quit()
        else:
            QTimer.singleShot(BEAT_MS, check)

    QTimer.singleShot(0, check)
    loop.exec()


def phase(name: str, start: Callable[[], object], done: Callable[[], bool]) -> float:
    """Start some work, let the event loop run until it is done; print and return the
    longest stall and the wall time."""
    beat = Heartbeat()
    beat.start()
    wall = time.perf_counter()
    QTimer.singleShot(0, start)
    until(done)
    wall = time.perf_counter() - wall
    longest = beat.stop()
    verdict = "ok" if longest < BUDGET_MS else "OVER"
    print(f"  {name:30} longest stall {longest:7.1f} ms ({verdict})   wall {wall:6.3f} s")
    WALLS[name] = wall
    return longest


WALLS: dict[str, float] = {}  # each phase's wall time, by name


def bench_dialog(path: Path, folder: Path, zone: str, *, page: bool = False) -> float:
    """Drive the dialog over `path`; return the longest stall of all phases."""
    from ui.timeline_import.dialog import TimelineImportDialog

    app = QApplication.instance() or QApplication(sys.argv[:1])
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    Style(app, settings, scheme="light").apply()  # type: ignore[arg-type]
    store = open_store(folder / "dialog.sqlite")
    workers = Workers()
    try:
        session_id = sessions.create_session(store, "dialog", timezone=zone)
        stack = QUndoStack()
        context = PageContext(store, SessionDocument(store, session_id), stack, workers, settings)
        changed: Callable[[], object] = lambda: None  # noqa: E731 (a stand-in for the page)
        host = None
        shown: Callable[[int], bool] = lambda _count: True  # noqa: E731
        selected: Callable[[], bool] = lambda: True  # noqa: E731
        if page:
            from ui.steps.timeline import TimelinePage

            host = TimelinePage(context)
            host.resize(1000, 640)
            host.show()
            changed = host.reload
            shown = lambda count: _page_shows(host, count)  # noqa: E731
            if hasattr(host, "imported"):  # the new entries are selected (maybe by a worker)
                selected = host.table.selectionModel().hasSelection
        dialog = TimelineImportDialog(context, None, changed)
        dialog.show()
        until(lambda: dialog.isVisible())
        print(f"\ndialog: {path.name}, {'with' if page else 'without'} the timeline page")
        quiet_until = time.perf_counter() + 2.0
        floor = phase("floor (2 s of nothing)", print, lambda: time.perf_counter() > quiet_until)
        read = "read and show the preview"
        stalls = [
            phase(
                read,
                lambda: dialog.open_file(path),
                lambda: dialog.preview is not None and not dialog.is_busy(),
            ),
        ]
        chosen = dialog.model.count
        imported = f"import {chosen:,} entries"

        def import_() -> None:
            dialog.import_chosen()
            if host is not None:  # what the page's Import… does once the dialog is done
                until(lambda: dialog.result() == QDialog.DialogCode.Accepted)
                if hasattr(host, "imported"):
                    host.imported(dialog.ids)

        stalls.append(
            phase(
                imported,
                import_,
                lambda: (
                    dialog.result() == QDialog.DialogCode.Accepted and shown(chosen) and selected()
                ),
            )
        )
        count = stack.count()
        stalls.append(
            phase("undo the import", stack.undo, lambda: stack.index() == count - 1 and shown(0))
        )
        stalls.append(
            phase("redo the import", stack.redo, lambda: stack.index() == count and shown(chosen))
        )
        workers.wait()
        host = None  # the page goes before the store closes
    finally:
        store.close()
    longest = max(stalls)
    print(f"  longest stall {longest:.1f} ms (floor {floor:.1f} ms); budget {BUDGET_MS:.0f} ms")
    total = WALLS[read] + WALLS[imported]
    print(f"  import end to end (preview, add{', show' if page else ''}) {total:.2f} s")
    return longest


def _page_shows(page: object, count: int) -> bool:
    """The timeline page shows `count` entries of a timeline that had none (and is not still
    reading them): as many rows or more (gap rows come between). Checked every few ms, so
    cheap: no walk over the rows."""
    model = page.model  # type: ignore[attr-defined]
    if getattr(model, "loading", False):
        return False
    rows = model.rowCount()
    return rows >= count if count else rows == 0


def main() -> int:
    from bench_timeline_import import ZONE, write_csv

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--page", action="store_true", help="with the timeline page showing")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        path = folder / "events.csv"
        write_csv(path, args.lines, random.Random(7))
        longest = bench_dialog(path, folder, ZONE, page=args.page)
    return 0 if longest < BUDGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
