"""The walkthrough page: one entry at a time, keys that do not fight typing, notes saved."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt

from facilitator import sessions, timeline
from tests.ui.helpers import session_window
from tests.ui.pages import open_page
from ui.binding import DEBOUNCE_MS
from ui.session.window import open_on_step
from ui.steps.walkthrough import WalkthroughPage

BERLIN = ZoneInfo("Europe/Berlin")
ALT = Qt.KeyboardModifier.AltModifier


def at(hour: int, minute: int) -> datetime:
    return datetime(2026, 3, 4, hour, minute, tzinfo=BERLIN)


@pytest.fixture
def entries(store, session_id) -> list[str]:
    sessions.update_session(store, session_id, started_at=at(13, 55))
    return [
        timeline.add_entry(store, session_id, at(14, 0), "Alert fired", kind="alert"),
        timeline.add_entry(store, session_id, at(14, 5), "Restarted pods", kind="action"),
        timeline.add_entry(store, session_id, at(14, 47), "**Resolved**", key=True),
    ]


def notes_of(store, session_id) -> list[str]:
    return [e.notes for e in timeline.load_entries(store, session_id)]


def page_of(qtbot, store, session_id, workers, settings) -> WalkthroughPage:
    page = open_page(qtbot, WalkthroughPage, store, session_id, workers, settings)
    assert isinstance(page, WalkthroughPage)
    return page


def test_arrows_move_while_the_note_is_empty(qtbot, store, session_id, entries, workers, settings):
    page = page_of(qtbot, store, session_id, workers, settings)
    assert page.notes.hasFocus()  # the main input
    assert page.position.text() == "1 of 3"
    assert page.time.text() == "14:00"
    assert "Alert" in page.kind.text()
    qtbot.keyClick(page.notes, Qt.Key.Key_Right)
    assert page.position.text() == "2 of 3"
    qtbot.keyClick(page.notes, Qt.Key.Key_PageDown)
    assert page.position.text() == "3 of 3"
    assert page.key.isVisibleTo(page)
    assert "42 min" in page.gap.text()
    assert page.gap.isVisibleTo(page)
    assert page.text.toPlainText() == "Resolved"  # Markdown shown formatted
    assert "42 min" in page.notes.placeholderText()
    qtbot.keyClick(page.notes, Qt.Key.Key_Right)
    assert page.position.text() == "3 of 3"  # the end: nowhere further
    qtbot.keyClick(page.notes, Qt.Key.Key_Home)
    assert page.position.text() == "1 of 3"
    qtbot.keyClick(page.notes, Qt.Key.Key_End)
    assert page.position.text() == "3 of 3"
    qtbot.keyClick(page.notes, Qt.Key.Key_PageUp)
    assert page.position.text() == "2 of 3"


def test_arrows_edit_text_once_there_is_a_note_and_alt_arrows_still_move(
    qtbot, store, session_id, entries, workers, settings
):
    page = page_of(qtbot, store, session_id, workers, settings)
    qtbot.keyClicks(page.notes, "We knew")
    qtbot.keyClick(page.notes, Qt.Key.Key_Left)
    assert page.position.text() == "1 of 3"
    assert page.notes.textCursor().position() == len("We knew") - 1
    qtbot.keyClick(page.notes, Qt.Key.Key_Right, ALT)
    assert page.position.text() == "2 of 3"
    assert notes_of(store, session_id)[0] == "We knew"  # saved on the way, not lost
    assert page.notes.toPlainText() == ""
    qtbot.keyClick(page.notes, Qt.Key.Key_Left, ALT)
    assert page.notes.toPlainText() == "We knew"


def test_notes_reach_the_database_within_the_debounce(
    qtbot, store, session_id, entries, workers, settings
):
    assert DEBOUNCE_MS <= 500
    page = page_of(qtbot, store, session_id, workers, settings)
    qtbot.keyClicks(page.notes, "Only support saw it")
    qtbot.waitUntil(lambda: notes_of(store, session_id)[0] == "Only support saw it", timeout=1000)


def test_undo_of_a_note_shows_the_entry_it_belongs_to(
    qtbot, store, session_id, entries, workers, settings
):
    page = page_of(qtbot, store, session_id, workers, settings)
    stack = page.context.undo_stack
    qtbot.keyClicks(page.notes, "first note")
    page.next_entry()
    qtbot.keyClicks(page.notes, "second")
    page.context.document.flush()
    assert notes_of(store, session_id)[:2] == ["first note", "second"]
    assert stack.count() == 2
    stack.undo()
    assert notes_of(store, session_id)[1] == ""
    stack.undo()
    assert notes_of(store, session_id)[0] == ""
    assert page.position.text() == "1 of 3"
    assert page.notes.toPlainText() == ""
    stack.redo()
    assert page.notes.toPlainText() == "first note"
    assert notes_of(store, session_id)[0] == "first note"


def test_it_reopens_on_the_entry_it_was_left_on(
    qtbot, store, session_id, entries, workers, settings
):
    page = page_of(qtbot, store, session_id, workers, settings)
    page.go_to(2)
    again = page_of(qtbot, store, session_id, workers, settings)
    assert again.position.text() == "3 of 3"


def test_an_empty_timeline_says_where_to_add_entries(qtbot, store, session_id, workers, settings):
    page = page_of(qtbot, store, session_id, workers, settings)
    assert page.views.currentWidget() is not page.card
    assert not page.notes.isEnabled()
    qtbot.keyClick(page, Qt.Key.Key_Right)  # nothing to move to, nothing breaks
    timeline.add_entry(store, session_id, at(9, 0), "later")
    page.entered()
    assert page.views.currentWidget() is page.card
    assert page.position.text() == "1 of 1"
    # No key times yet, so the incident's date is unknown: the time says its date.
    assert page.time.text() == "2026-03-04 09:00"


def test_presentation_type_is_at_least_20_pt(
    qtbot, store, session_id, entries, workers, settings, style
):
    page = page_of(qtbot, store, session_id, workers, settings)
    page.window().setStyleSheet(style.presentation_sheet())
    for widget in (page.text, page.notes, page.time, page.kind, page.position):
        assert widget.font().pointSizeF() >= 20, widget.objectName()


def test_the_entry_pager_stays_together_when_the_hint_is_hidden(
    qtbot, store, session_id, entries, workers, settings
):
    """Presenting hides the keys hint: "‹ 6 of 7 ›" stays together at the right."""
    page = page_of(qtbot, store, session_id, workers, settings)
    page.window().resize(1280, 720)
    page.hint.hide()
    qtbot.wait(10)
    previous, following = page.previous_button, page.next_button
    assert following.geometry().right() - previous.geometry().left() < 300  # not spread out
    assert following.geometry().right() > page.width() * 0.8  # at the right


def test_opening_either_step_puts_the_focus_in_its_main_input(
    qtbot, store, session_id, entries, style, settings, workers, clock
):
    window = session_window(qtbot, store, session_id, style, settings, workers, clock)
    open_on_step(window, "timeline")
    qtbot.waitUntil(lambda: window.pages["timeline"].quick_add.hasFocus())
    window.go_to("walkthrough")
    window.focus_main_input()
    assert window.pages["walkthrough"].notes.hasFocus()


def test_reading_again_writes_the_remembered_entry_only_when_it_moves(
    qtbot, store, session_id, entries, workers, settings, monkeypatch
):
    page = page_of(qtbot, store, session_id, workers, settings)
    written: list[object] = []
    write = settings.setValue
    monkeypatch.setattr(
        settings, "setValue", lambda key, value: (written.append(value), write(key, value))
    )
    page.reload()  # the same entry again: each write is the whole settings file (a sync)
    assert written == []
    page.next_entry()
    assert written == [entries[1]]
    assert settings.value(f"walkthrough/{session_id}") == entries[1]
