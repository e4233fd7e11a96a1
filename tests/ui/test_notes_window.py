"""The facilitator's notes window: follows the step, shows the questions, the timer and the
next step, and stays open while the session window presents."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.helpers import session_window
from ui.session.notes import FacilitatorNotesWindow
from ui.widgets.prompts import prompts

SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, store, session_id, style, settings, workers, clock):
    return session_window(qtbot, store, session_id, style, settings, workers, clock)


def open_notes(qtbot, window) -> FacilitatorNotesWindow:
    qtbot.keyClick(window, Qt.Key.Key_F9, SHIFT)
    notes = window.notes
    assert notes is not None
    qtbot.addWidget(notes)
    qtbot.waitUntil(notes.isVisible)
    return notes


def question_texts(notes: FacilitatorNotesWindow) -> list[str]:
    return [text.removeprefix("•  ") for text in notes.prompts.questions()]


def test_shift_f9_opens_the_notes_on_the_current_step(qtbot, window):
    window.go_to("opener")
    notes = open_notes(qtbot, window)
    assert window.actions_["notes"].isChecked()
    assert notes.step_title.text() == "Blameless opener"
    assert question_texts(notes) == prompts()["opener"]
    assert notes.next_label.text() == "Next: Timeline walkthrough  ·  20 min"
    assert "step 5 of" in notes.where.text()
    assert "Checkout outage" in notes.windowTitle()

    qtbot.keyClick(notes, Qt.Key.Key_F9, SHIFT)  # the same key closes it, from either window
    qtbot.waitUntil(lambda: not notes.isVisible())
    assert not window.actions_["notes"].isChecked()


def test_follows_the_session_windows_step(qtbot, window):
    notes = open_notes(qtbot, window)
    window.go_to("whys")
    assert notes.step_title.text() == "5 Whys"
    assert question_texts(notes) == prompts()["whys"]
    window.go_to(window.step_ids()[-1])
    assert notes.next_label.text() == "This is the last step."


def test_moves_the_meeting_on_from_its_own_keys(qtbot, window):
    notes = open_notes(qtbot, window)
    with qtbot.waitActive(notes):
        notes.activateWindow()
    first = window.current
    qtbot.keyClick(notes, Qt.Key.Key_PageDown, CTRL)
    assert window.current == window.step_ids()[1]
    assert first in window.progress.done
    assert notes.step_title.text() == window.step_title.text()


def test_timer_against_the_step_and_meeting_timeboxes(qtbot, window, clock):
    window.go_to("opener")
    notes = open_notes(qtbot, window)
    assert notes.timer.clock.text() == "0:00 / 5:00"
    notes.timer.button.click()
    assert window.progress.timer.running
    assert window.timer.button.text() == notes.timer.button.text() == "Pause"
    clock.advance(65)
    notes.timer.refresh()
    assert notes.timer.clock.text() == "1:05 / 5:00"
    assert "Meeting 1:05 / " in notes.timer.status.text().replace("\N{NO-BREAK SPACE}", " ")
    qtbot.keyClick(notes, Qt.Key.Key_T, CTRL)  # Ctrl+T pauses from here too
    assert not window.progress.timer.running


def test_stays_open_while_the_session_window_presents(qtbot, window):
    notes = open_notes(qtbot, window)
    assert not notes.room.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.presentation.active
    assert notes.isVisible()
    assert notes.room.isVisible()
    assert notes.room.text() == "Presenting"
    assert notes.timer.button.isVisible()  # the facilitator's own button stays here
    assert not window.timer.button.isVisible()

    qtbot.keyClick(notes, Qt.Key.Key_B)  # blank the room's screen from the notes
    assert window.presentation.blanked
    assert "blank" in notes.room.text()
    qtbot.keyClick(notes, Qt.Key.Key_B)
    assert not window.presentation.blanked

    qtbot.keyClick(notes, Qt.Key.Key_F5)
    assert not window.presentation.active
    assert notes.isVisible()
    assert not notes.room.isVisible()


def test_closing_the_session_closes_the_notes_and_keeps_their_place(
    qtbot, window, store, session_id, style, settings, workers, clock
):
    notes = open_notes(qtbot, window)
    notes.move(notes.x() + 30, notes.y() + 20)
    notes.resize(700, 600)
    window.close()
    assert not notes.isVisible()
    again = session_window(qtbot, store, session_id, style, settings, workers, clock)
    reopened = open_notes(qtbot, again)
    assert reopened.size() == notes.size()
