"""The follow-up page at 1280×720 as the room sees it (presentation mode): the review and
this session's items each get rows to show, not a sliver under the guidance text."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtWidgets import QApplication

from facilitator import actions, sessions
from facilitator.db.store import Store
from tests.ui.helpers import session_window
from ui.session.window import SessionWindow
from ui.steps.followup import FollowUpPage
from ui.widgets.row_view import RowTableView


def history(store: Store, session_id: str, *, reviewed: int, own: int) -> None:
    """`reviewed` items of earlier sessions on this session's service, `own` items here."""
    sessions.set_labels(store, session_id, "service", ["orders-db"])
    sessions.update_session(store, session_id, started_at=datetime(2026, 11, 1, tzinfo=UTC))
    earlier = ""
    for i in range(reviewed):
        if i % 5 == 0:  # at most five committed items a session
            earlier = sessions.create_session(
                store, f"Earlier {i}", started_at=datetime(2026, 9, 1 + i, tzinfo=UTC)
            )
            sessions.set_labels(store, earlier, "service", ["orders-db"])
        actions.add_action(store, earlier, f"Earlier item {i}", owner="Sofia", priority="must")
    for i in range(own):
        actions.add_action(store, session_id, f"Own item {i}", owner="Jonas", priority="should")


def presenting(qtbot, window: SessionWindow) -> FollowUpPage:
    window.go_to("follow-up")
    page = window.pages["follow-up"]
    assert isinstance(page, FollowUpPage)
    qtbot.waitUntil(lambda: not page.loading)
    window.presentation.enter()
    QApplication.processEvents()
    window.resize(1280, 720)  # what a screen share at 1280×720 shows
    qtbot.waitUntil(lambda: window.size().width() == 1280 and window.size().height() == 720)
    return page


def rows_shown(view: RowTableView) -> float:
    """How many of the table's rows fit in its viewport (rows are of equal height here)."""
    assert view.model().rowCount()
    return view.viewport().height() / view.rowHeight(0)


def test_presenting_shows_the_whole_review_and_three_of_the_items(
    qtbot, store, session_id, style, settings, workers, clock
):
    history(store, session_id, reviewed=2, own=5)
    window = session_window(qtbot, store, session_id, style, settings, workers, clock)
    page = presenting(qtbot, window)
    assert page.review_view.font().pointSizeF() >= 20  # the room's type
    qtbot.waitUntil(lambda: rows_shown(page.review_view) >= 2)
    qtbot.waitUntil(lambda: rows_shown(page.items_view) >= 3)


def test_a_long_review_gets_the_room_a_short_item_list_leaves(
    qtbot, store, session_id, style, settings, workers, clock
):
    history(store, session_id, reviewed=8, own=1)
    window = session_window(qtbot, store, session_id, style, settings, workers, clock)
    page = presenting(qtbot, window)
    qtbot.waitUntil(lambda: rows_shown(page.review_view) >= 3.5)
    assert rows_shown(page.items_view) >= 1


def test_both_long_share_the_page_the_review_first(
    qtbot, store, session_id, style, settings, workers, clock
):
    history(store, session_id, reviewed=8, own=5)
    window = session_window(qtbot, store, session_id, style, settings, workers, clock)
    page = presenting(qtbot, window)
    qtbot.waitUntil(lambda: rows_shown(page.review_view) >= 2.5)
    assert rows_shown(page.items_view) >= 2
