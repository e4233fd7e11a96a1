"""Autosave and undo: every keystroke reaches the database, undo and redo too."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from facilitator import errors, sessions
from ui.binding import DEBOUNCE_MS, TextBinding
from ui.commands import SetLabelsCommand
from ui.session.document import SessionDocument


@pytest.fixture
def document(store, session_id):
    return SessionDocument(store, session_id)


@pytest.fixture
def stack(undo_stack):
    return undo_stack


@pytest.fixture
def edit(qtbot, document, stack):
    widget = QLineEdit()
    qtbot.addWidget(widget)
    TextBinding(widget, document, stack, "incident_ref")
    return widget


def saved(store, session_id, field="incident_ref"):
    return getattr(sessions.load_session(store, session_id), field)


def test_typing_saves_within_the_debounce(qtbot, edit, store, session_id):
    assert DEBOUNCE_MS <= 500
    qtbot.keyClicks(edit, "INC-42")
    assert saved(store, session_id) == ""  # not yet: the debounce is still running
    qtbot.waitUntil(lambda: saved(store, session_id) == "INC-42", timeout=1000)


def test_flush_saves_at_once(qtbot, edit, document, store, session_id):
    qtbot.keyClicks(edit, "INC-7")
    document.flush()  # what step change, close and quit do
    assert saved(store, session_id) == "INC-7"


def test_a_sentence_is_one_undo_step_and_undo_reaches_the_database(
    qtbot, edit, document, stack, store, session_id
):
    qtbot.keyClicks(edit, "INC")
    document.flush()
    qtbot.keyClicks(edit, "-9")
    document.flush()
    assert stack.count() == 1
    stack.undo()
    assert saved(store, session_id) == ""
    assert edit.text() == ""
    stack.redo()
    assert saved(store, session_id) == "INC-9"
    assert edit.text() == "INC-9"


def test_focus_out_starts_a_new_undo_step(qtbot, edit, document, stack):
    qtbot.keyClicks(edit, "A")
    edit.clearFocus()
    binding = edit.findChild(TextBinding)
    binding.eventFilter(edit, _focus_out())
    qtbot.keyClicks(edit, "B")
    document.flush()
    assert stack.count() == 2


def _focus_out():
    from PySide6.QtGui import QFocusEvent

    return QFocusEvent(QFocusEvent.Type.FocusOut)


def test_ctrl_z_in_a_field_goes_to_the_session_stack(qtbot, edit, stack, store, session_id):
    qtbot.keyClicks(edit, "X1")
    binding = edit.findChild(TextBinding)
    from PySide6.QtGui import QKeyEvent

    override = QKeyEvent(
        QKeyEvent.Type.ShortcutOverride, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
    )
    assert binding.eventFilter(edit, override)  # swallowed, so the window's Undo fires
    assert saved(store, session_id) == "X1"  # and what was typed was saved first
    assert stack.canUndo()


def test_a_failed_save_keeps_the_text_and_says_so(
    qtbot, edit, document, store, session_id, monkeypatch
):
    def locked(*_args, **_kwargs):
        raise errors.DatabaseLockedError("sessions.sqlite")

    monkeypatch.setattr(sessions, "update_session", locked)
    with qtbot.waitSignal(document.save_failed) as failed:
        qtbot.keyClicks(edit, "INC-1")
        document.flush()
    assert "locked" in failed.args[0]
    assert edit.text() == "INC-1"
    assert edit.findChild(TextBinding).dirty  # tried again on the next flush
    monkeypatch.undo()
    document.flush()
    assert saved(store, session_id) == "INC-1"


def test_plain_text_and_labels(qtbot, document, stack, store, session_id):
    summary = QPlainTextEdit()
    tags = QLineEdit()
    for w in (summary, tags):
        qtbot.addWidget(w)
    TextBinding(summary, document, stack, "summary")
    TextBinding(
        tags,
        document,
        stack,
        "tags",
        parse=lambda t: [p.strip() for p in t.split(",") if p.strip()],
        format=", ".join,
        command=SetLabelsCommand,
    )
    qtbot.keyClicks(summary, "Checkout failed.")
    qtbot.keyClicks(tags, "db, retries")
    document.flush()
    snapshot = sessions.load_session(store, session_id)
    assert snapshot.summary == "Checkout failed."
    assert snapshot.tags == ["db", "retries"]
    stack.undo()
    assert sessions.load_session(store, session_id).tags == []


def test_typing_then_closing_at_once_loses_nothing(
    qtbot, store, session_id, style, settings, workers, clock
):
    from tests.ui.helpers import session_window

    window = session_window(qtbot, store, session_id, style, settings, workers, clock)
    title = window.pages["details"].title
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Checkout outage, 3 May")
    window.close()
    assert saved(store, session_id, "title") == "Checkout outage, 3 May"
