"""Screenshot material for the timeline's Import… dialog (used by tools/screenshots.py): a
chat log from the demo incident's channel, read into the dialog and grabbed at 1280×720."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QWidget

from facilitator.db.store import Store
from ui.session.document import SessionDocument
from ui.steps.base import PageContext
from ui.timeline_import.dialog import TimelineImportDialog
from ui.workers import Workers

Grab = Callable[[QWidget, Path], None]

# Copied from a chat client: bare times on the incident's day, bots, a line pasted twice,
# a time with a typo, kinds to guess.
CHAT_LOG = """\
[18:14] maria.s: support is seeing a spike in "payment stuck" chats, anyone looking at checkout?
[18:15] jonas: looking. checkout-api p99 is way up
[18:15] jonas: pool graph is flat at 240/240
[18:17] alertbot: FIRING checkout-api p99 latency > 2 s for 10 min
[18:21] priya: ack, payments on-call here. declaring SEV2
[18:21] priya: ack, payments on-call here. declaring SEV2
[18:26] jonas: restarting checkout-api pods per the runbook
[18:27] alertbot: FIRING checkout-api p99 latency > 2 s for 10 min (still)
[18:31] priya: paging database platform on-call
[18:38] statusbot: status page updated: degraded checkout performance
[18:44] priya: decision: not raising the pool size, it would move the load to orders-db
[18:49] lena: switched checkout.client_retry to a single retry after 5 s
[18:53] lena: lowered the gateway rate limit on POST /v2/checkout to 600/s (mitigation)
[19:62] jonas: pool use down to 150/240
[19:10] statusbot: status page: monitoring
[20:40] alertbot: RESOLVED checkout-api p99 latency
"""


def grab_import_dialog(
    store: Store,
    session_id: str,
    settings: QSettings,
    workers: Workers,
    folder: Path,
    scheme: str,
    grab: Grab,
) -> None:
    """The dialog on the chat log, read, with one key event starred, in the current scheme."""
    folder = folder / "Downloads"
    folder.mkdir(exist_ok=True)
    path = folder / "inc-checkout-1110.txt"
    path.write_text(CHAT_LOG, encoding="utf-8")
    document = SessionDocument(store, session_id)
    context = PageContext(store, document, QUndoStack(), workers, settings)
    dialog = TimelineImportDialog(context, path)
    dialog.show()
    _settle(lambda: not dialog.is_busy(), workers)
    dialog.model.set_key([3], True)  # the first alert: a key event
    dialog.table.selectRow(3)
    _settle(lambda: bool(dialog.summary.text()), workers)
    grab(dialog, Path(f"timeline-import-{scheme}.png"))
    dialog.close()


def _settle(done: Callable[[], bool], workers: Workers, timeout: float = 10.0) -> None:
    """Let the workers report and the dialog's timers fire, until `done` or the timeout."""
    end = time.monotonic() + timeout
    while not done() and time.monotonic() < end:
        workers.wait()
        QApplication.processEvents()
        time.sleep(0.02)
