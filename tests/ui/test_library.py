"""The library: search, filters, new, open, delete and undo, trash, empty state."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from facilitator import sessions
from tests.ui.helpers import show_active
from ui.library.new_session_dialog import NewSession, NewSessionDialog
from ui.library.window import LibraryWindow
from ui.models.sessions import SessionTableModel


@pytest.fixture
def library(qtbot, store, style, settings, workers):
    def make() -> LibraryWindow:
        window = LibraryWindow(store, style=style, settings=settings, workers=workers)
        show_active(qtbot, window)
        return window

    return make


@pytest.fixture
def three(store):
    ids = [
        sessions.create_session(store, "DNS outage", severity="SEV1"),
        sessions.create_session(store, "Checkout latency", severity="SEV3"),
        sessions.create_session(store, "Login errors", severity="SEV2"),
    ]
    sessions.set_labels(store, ids[1], "service", ["checkout"])
    sessions.set_labels(store, ids[2], "tag", ["auth"])
    return ids


def titles(window):
    return [window.model.session(r).title for r in range(window.model.rowCount())]


def test_first_run_explains_what_to_do(library):
    window = library()
    assert window.pages.currentWidget() is window.empty
    assert window.empty.reason == "first"
    assert window.empty.new_button.isVisibleTo(window)


def test_newest_first_and_search_as_you_type(qtbot, library, three):
    window = library()
    assert titles(window) == ["Login errors", "Checkout latency", "DNS outage"]
    qtbot.keyClicks(window.search, "dns")
    qtbot.waitUntil(lambda: titles(window) == ["DNS outage"], timeout=1000)
    window.search.clear()
    qtbot.keyClicks(window.search, "nothing like this")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.empty, timeout=1000)
    assert window.empty.reason == "filter"


def test_filters(library, three):
    window = library()
    window.severity.setCurrentIndex(window.severity.findData("SEV1"))
    assert titles(window) == ["DNS outage"]
    window.severity.setCurrentIndex(0)
    window.service.setCurrentIndex(window.service.findData("checkout"))
    assert titles(window) == ["Checkout latency"]
    window.service.setCurrentIndex(0)
    window.tag.setCurrentIndex(window.tag.findData("auth"))
    assert titles(window) == ["Login errors"]


def test_new_session_opens_it(qtbot, library, store, monkeypatch):
    choice = NewSession("Queue backlog", "SEV2", "quick", "Europe/Berlin")
    monkeypatch.setattr(NewSessionDialog, "ask", classmethod(lambda cls, *a: choice))
    window = library()
    with qtbot.waitSignal(window.open_requested) as opened:
        qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    created = sessions.load_session(store, opened.args[0])
    assert (created.title, created.depth, created.timezone) == (
        "Queue backlog",
        "quick",
        "Europe/Berlin",
    )
    assert titles(window) == ["Queue backlog"]


def test_enter_opens_the_selected_session(qtbot, library, three):
    window = library()
    window.table.setFocus()
    window.table.selectRow(1)
    with qtbot.waitSignal(window.open_requested) as opened:
        qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert opened.args == [three[1]]


def test_delete_with_confirmation_then_undo(qtbot, library, three, store, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window = library()
    window.table.setFocus()
    window.table.selectRow(0)
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert titles(window) == ["Checkout latency", "DNS outage"]
    assert [s.title for s in sessions.list_sessions(store, trash=True)] == ["Login errors"]
    assert window.undo_button.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert titles(window) == ["Login errors", "Checkout latency", "DNS outage"]
    assert sessions.list_sessions(store, trash=True) == []


def test_trash_restores_and_empties(qtbot, library, three, store, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    sessions.delete_session(store, three[0])
    sessions.delete_session(store, three[1])
    window = library()
    window.show_trash(True)
    assert titles(window) == ["Checkout latency", "DNS outage"]
    window.open_row(0)  # in the trash, opening restores
    assert titles(window) == ["DNS outage"]
    window.empty_trash_button.click()
    assert window.empty.reason == "trash"
    assert len(sessions.list_sessions(store)) == 2


def test_session_model_passes_modeltester(qtmodeltester, store, three):
    model = SessionTableModel()
    model.set_rows(sessions.list_sessions(store))
    qtmodeltester.check(model)


def test_duplicate_by_shortcut_then_undo_and_redo(qtbot, library, three, store):
    window = library()
    window.table.setFocus()
    window.table.selectRow(1)  # "Checkout latency"
    qtbot.keyClick(
        window,
        Qt.Key.Key_D,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert titles(window)[0] == "Checkout latency (copy)"
    assert window.selected_id() != three[1]
    copy = sessions.load_session(store, window.selected_id())
    assert (copy.status, [s.value for s in copy.labels]) == ("draft", ["checkout"])
    assert window.undo_button.isVisible()

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Checkout latency (copy)" not in titles(window)
    assert [s.title for s in sessions.list_sessions(store, trash=True)] == [
        "Checkout latency (copy)"
    ]
    assert window.statusBar().currentMessage() == "The copy is in the trash."
    window.actions_["redo"].trigger()
    assert titles(window)[0] == "Checkout latency (copy)"
    assert sessions.list_sessions(store, trash=True) == []


def test_context_menu_offers_duplicate_and_restore(qtbot, library, three, store):
    from ui.library.menus import context_menu

    window = library()
    window.table.selectRow(2)  # "DNS outage"
    menu = context_menu(window, window.actions_)
    qtbot.addWidget(menu)
    duplicate = next(a for a in menu.actions() if a.objectName() == "action_duplicate")
    duplicate.trigger()
    assert titles(window)[0] == "DNS outage (copy)"

    sessions.delete_session(store, three[0])
    window.show_trash(True)
    window.table.selectRow(0)
    menu = context_menu(window, window.actions_)
    qtbot.addWidget(menu)
    assert [a.text() for a in menu.actions()] == ["Restore"]
    menu.actions()[0].trigger()
    assert window.empty.reason == "trash"


def test_a_long_library_lists_its_first_screen_then_the_rest_once_painted(
    qtbot, store, style, settings, workers, three, monkeypatch
):
    """Start-up lists only the newest sessions before the first paint (DESIGN section 7);
    the rest, and the filters' values, come right after it."""
    from ui.library import window as window_module

    monkeypatch.setattr(window_module, "FIRST_SCREEN", 2)
    window = LibraryWindow(store, style=style, settings=settings, workers=workers)
    qtbot.addWidget(window)
    assert titles(window) == ["Login errors", "Checkout latency"]
    assert window.service.count() == 1  # "Any service" only, so far
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=2_000)
    assert window.service.count() == 2
    assert window.table.currentIndex().row() == 0  # the selection kept


def test_a_short_library_is_listed_whole_with_its_filters(store, style, settings, workers, three):
    window = LibraryWindow(store, style=style, settings=settings, workers=workers)
    assert window.model.rowCount() == 3
    assert (window.service.count(), window.tag.count()) == (2, 2)
    window.deleteLater()
