"""The actions page at 1280×720, as a QA run found it broken: five items and a backlog (and
the cap's banner) fit the window without growing it, in normal and presentation mode; every
committed row is in view or a scroll away; the room reads item numbers, not `actions[1]`."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QLabel

from facilitator import actions
from facilitator.db.store import Store
from tests.ui.helpers import session_window
from ui.session.window import SessionWindow
from ui.steps.actions import ActionsPage
from ui.widgets.action_status import MOST_LINES

TITLES = [
    "Add pool saturation alert at 80%",
    "Add exponential backoff with jitter to checkout client",
    "Name an owner for the shared HTTP client",
    "Load test checkout at 3x sale traffic",
    "Review alert thresholds quarterly",
]


def five_and_a_backlog(store: Store, session_id: str) -> None:
    """The QA run's session: five should-fix items with nothing filled in, two nice ones."""
    for title in TITLES:
        actions.add_action(store, session_id, title)
    actions.add_action(store, session_id, "Document rollback runbook", priority="nice")
    actions.add_action(store, session_id, "A chaos day on staging", priority="nice")


def actions_at_1280(qtbot, window: SessionWindow, *, present: bool = False) -> ActionsPage:
    window.go_to("actions")
    page = window.pages["actions"]
    assert isinstance(page, ActionsPage)
    qtbot.waitUntil(lambda: not page.building)
    if present:
        window.presentation.enter()
    QApplication.processEvents()
    window.resize(1280, 720)
    QApplication.processEvents()
    return page


def fits(window: SessionWindow) -> bool:
    """The window is 1280×720 and may stay so: nothing on the page asks for more height."""
    QApplication.processEvents()
    return window.size().toTuple() == (1280, 720) and window.minimumSizeHint().height() <= 720


def rows_reachable(view: QAbstractScrollArea, rows: int) -> bool:
    """Every row is whole in the viewport, or the view scrolls to the rest."""
    shown = view.viewport().height() // max(1, view.sizeHintForRow(0))  # type: ignore[attr-defined]
    return shown >= rows or view.verticalScrollBar().isVisible()


def visible_texts(page: ActionsPage) -> list[str]:
    return [label.text() for label in page.findChildren(QLabel) if label.isVisible()]


@pytest.mark.parametrize("present", [False, True], ids=["normal", "presenting"])
def test_five_items_and_a_backlog_fit_1280_by_720(
    qtbot, store, session_id, style, settings, workers, clock, present
):
    five_and_a_backlog(store, session_id)
    window = session_window(qtbot, store, session_id, style, settings, workers, clock)
    page = actions_at_1280(qtbot, window, present=present)
    qtbot.waitUntil(lambda: fits(window))
    lists = page.lists
    committed, backlog = lists.committed_view, lists.backlog_view
    row = committed.sizeHintForRow(0)
    # The committed items have the room first: three rows at least, at 22 pt too.
    assert committed.viewport().height() >= 3 * row - 4
    assert backlog.viewport().height() >= row - 4  # and the backlog one at least
    assert rows_reachable(committed, 5)
    assert rows_reachable(backlog, 2)
    if present:
        assert committed.font().pointSizeF() >= 20
    else:
        notes = page.status.notes
        assert notes.isVisible()
        assert notes.height() <= notes.fontMetrics().lineSpacing() * MOST_LINES + 1
        assert page.completeness.text().count("needs") == 5  # all of them, a scroll away


@pytest.mark.parametrize("present", [False, True], ids=["normal", "presenting"])
def test_the_cap_banner_fits_too(
    qtbot, store, session_id, style, settings, workers, clock, present
):
    five_and_a_backlog(store, session_id)
    window = session_window(qtbot, store, session_id, style, settings, workers, clock)
    page = actions_at_1280(qtbot, window, present=present)
    page.capture.setFocus()
    page.capture.setText("One more thing")
    QTest.keyClick(page.capture, Qt.Key.Key_Return)
    assert page.banner.isVisible()
    assert page.hint.isHidden()  # the banner says the rule: the hint gives it its room
    qtbot.waitUntil(lambda: fits(window))
    assert (
        page.lists.committed_view.viewport().height()
        >= page.lists.committed_view.sizeHintForRow(0) - 4
    )
    assert rows_reachable(page.lists.committed_view, 5)
    if present:
        # Esc is the banner's first: it closes it, and the room stays in presentation mode.
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
        assert page.banner.isHidden()
        assert window.presentation.active
        assert page.capture.hasFocus()


def test_the_room_reads_item_numbers_not_check_ids(
    qtbot, store, session_id, style, settings, workers, clock
):
    five_and_a_backlog(store, session_id)
    window = session_window(qtbot, store, session_id, style, settings, workers, clock)
    page = actions_at_1280(qtbot, window)
    texts = visible_texts(page)
    assert any("Item 1, “Add pool saturation alert at 80%”, needs an owner" in t for t in texts)
    assert not [t for t in texts if "actions[" in t]
