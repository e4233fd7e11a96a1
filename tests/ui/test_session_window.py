"""The session window: agenda navigation by keyboard, step restored, focus on the main input."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from facilitator import agenda, sessions
from ui import steps
from ui.models.agenda import AgendaModel
from ui.session.window import SessionWindow, open_on_step


@pytest.fixture
def make_window(qtbot, store, style, settings, workers, clock):
    def make(session_id: str) -> SessionWindow:
        window = SessionWindow(
            store, session_id, style=style, settings=settings, workers=workers, clock=clock
        )
        qtbot.addWidget(window)
        with qtbot.waitActive(window):  # window shortcuts need the active window
            window.show()
            window.activateWindow()
        return window

    return make


def test_sidebar_lists_only_steps_with_a_page(make_window, session_id):
    window = make_window(session_id)
    expected = [s.id for s in agenda.agenda("standard", available=steps.available())]
    assert window.step_ids() == expected
    assert set(window.step_ids()) <= set(steps.PAGES)


def test_keyboard_moves_between_steps(qtbot, make_window, session_id):
    window = make_window(session_id)
    ids = window.step_ids()
    assert window.current == ids[0]
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.current == ids[1]
    assert ids[0] in window.progress.done  # moving on marks the step done
    qtbot.keyClick(window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.current == ids[0]
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current == ids[2]


def test_arrow_keys_in_sidebar_choose_steps(qtbot, make_window, session_id):
    window = make_window(session_id)
    window.sidebar.setFocus()
    qtbot.keyClick(window.sidebar, Qt.Key.Key_Down)  # skips the "Meeting" heading
    assert window.current == window.step_ids()[1]


def test_reopening_lands_on_the_step_where_it_was_left(make_window, session_id, store):
    window = make_window(session_id)
    window.go_to("opener")
    window.close()
    assert sessions.load_session(store, session_id).current_step == "opener"
    assert make_window(session_id).current == "opener"


def test_open_on_a_step_focuses_its_main_input(qtbot, make_window, session_id):
    window = make_window(session_id)
    window.activateWindow()
    open_on_step(window, "summary")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.pages["summary"].summary)
    assert window.current == "summary"


def test_changing_the_depth_rebuilds_the_agenda(make_window, session_id):
    window = make_window(session_id)
    window.document.update("depth", "quick")
    assert window.step_ids() == [s.id for s in agenda.agenda("quick", available=steps.available())]


def test_agenda_model_passes_modeltester(qtmodeltester):
    model = AgendaModel(agenda.agenda("deep"), frozenset({"opener"}))
    qtmodeltester.check(model)
    model.set_steps(agenda.agenda("quick"))
    qtmodeltester.check(model)


def test_a_step_change_is_one_write(qtbot, make_window, session_id, store, clock, monkeypatch):
    window = make_window(session_id)
    window.progress.toggle()  # a running clock: its time is saved with the step
    clock.advance(5)  # under the running clock's own save interval
    writes: list[set[str]] = []
    update = sessions.update_session

    def counted(store_, session_id_, **changes):
        writes.append(set(changes))
        return update(store_, session_id_, **changes)

    monkeypatch.setattr(sessions, "update_session", counted)
    window.go_to("opener")
    assert writes == []  # the new page is drawn first
    qtbot.waitUntil(lambda: bool(writes))
    assert writes == [{"current_step", "step_elapsed"}]
    saved = sessions.load_session(store, session_id)
    assert saved.current_step == "opener"
    assert saved.step_elapsed == window.progress.document.value("step_elapsed")
