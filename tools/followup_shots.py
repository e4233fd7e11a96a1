"""Screenshot material for the action items and the follow-up (used by tools/screenshots.py):
an earlier session on the demo's services, so the follow-up page has something to review,
and the Action items window and the triage dialog at 1280×720."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from facilitator import actions, sessions
from facilitator.db.store import Store
from ui.followup.window import ActionItemsWindow
from ui.library.triage import TriageDialog
from ui.style import Style
from ui.workers import Workers

Grab = Callable[[QWidget, Path], None]

TRIAGE_TITLES = (
    "Alert on connection-pool saturation",
    "Keep remote calls out of database transactions",
    "Exponential backoff with jitter in the mobile client",
    "Capacity planning input from marketing campaigns",
    "Runbook: what to do when the pool is full",
    "Load test the retry path before each sale",
    "Dashboard for pool wait time",
    "Chaos drill: kill a database replica",
)


def add_related_history(store: Store) -> str:
    """An earlier session on `orders-db` with one open (overdue) and one done item."""
    earlier = sessions.create_session(
        store,
        "Orders DB failover took 40 minutes",
        severity="SEV2",
        incident_ref="INC-2026-0912",
        started_at=datetime(2026, 9, 12, 8, 0, tzinfo=UTC),
    )
    sessions.set_labels(store, earlier, "service", ["orders-db"])
    actions.add_action(
        store,
        earlier,
        "Automate the orders-db failover",
        owner="Sofia Lindqvist",
        due=date.today() - timedelta(days=12),
        success_criteria="Failover in under 5 minutes in the quarterly drill",
        priority="must",
    )
    done = actions.add_action(
        store,
        earlier,
        "Page the database on-call for replication lag",
        owner="Jonas Richter",
        due=date.today() - timedelta(days=40),
        success_criteria="A page within 2 minutes of lag above 30 s",
    )
    completed = datetime.now(UTC) - timedelta(days=45)
    actions.set_status(store, earlier, done, "done", completed_at=completed)
    return earlier


def grab_windows(
    store: Store, style: Style, settings: QSettings, workers: Workers, scheme: str, grab: Grab
) -> None:
    """The Action items window (open items) and the triage dialog, in the current scheme."""
    window = ActionItemsWindow(store, style=style, settings=settings, workers=workers)
    window.show()
    workers.wait()
    grab(window, Path(f"action-items-{scheme}.png"))
    window.close()
    document = {
        "format": "postmortem-facilitator",
        "version": 1,
        "session": {
            "title": "Checkout failures",
            "actions": [
                {
                    "title": title,
                    "priority": "must" if n < 3 else "should",
                    "owner": ("Ada Park", "Jonas Richter", "Sofia Lindqvist")[n % 3],
                    "due": (date.today() + timedelta(days=14 + n)).isoformat(),
                }
                for n, title in enumerate(TRIAGE_TITLES)
            ],
        },
    }
    dialog = TriageDialog("incident-2291.json", document)
    dialog.show()
    grab(dialog, Path(f"triage-{scheme}.png"))
    dialog.close()
