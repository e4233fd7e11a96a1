"""The *details* step: key times typed in the session's zone, durations shown live, and times
out of order flagged where they are typed and below them, never as a negative duration."""

from __future__ import annotations

from PySide6.QtCore import Qt

from facilitator import sessions
from tests.ui.pages import open_page
from ui.steps.details import DetailsPage


def type_time(qtbot, page: DetailsPage, field: str, text: str) -> None:
    edit = page.times[field].widget
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)  # leaving the field saves it


def test_durations_follow_the_times_and_an_order_slip_is_flagged_in_view(
    qtbot, store, session_id, workers, settings
):
    sessions.update_session(store, session_id, timezone="Europe/Berlin")
    page = open_page(qtbot, DetailsPage, store, session_id, workers, settings)
    page.window().resize(1280, 560)  # the key times and what is below them past the fold
    type_time(qtbot, page, "started_at", "2026-03-04 14:00")
    type_time(qtbot, page, "detected_at", "2026-03-04 14:08")
    qtbot.waitUntil(lambda: "Time to detect: 8 min" in page.derived["detected_at"].text())
    assert page.findings.isHidden()

    type_time(qtbot, page, "detected_at", "2026-03-04 13:50")  # before it started
    detected = page.derived["detected_at"]
    qtbot.waitUntil(lambda: "⚠" in detected.text())
    assert "Time to detect" in detected.text()
    assert "-" not in detected.text()  # never a negative duration
    assert detected.property("role") == "warning"
    assert page.findings.isVisible()
    viewport = page._scroll.viewport()
    qtbot.waitUntil(lambda: not page.findings.visibleRegion().isEmpty())
    top = page.findings.mapTo(viewport, page.findings.rect().topLeft()).y()
    assert 0 <= top < viewport.height()  # the reason is on screen, not below the fold

    page.context.undo_stack.undo()
    qtbot.waitUntil(lambda: "Time to detect: 8 min" in detected.text())
    assert detected.property("role") == "muted"
    assert page.findings.isHidden()
