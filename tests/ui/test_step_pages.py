"""The session window's pages: built ahead while idle, read again on entry only after a change,
and a change made on one step showing on another."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from facilitator import factors, whys
from tests.ui.helpers import session_window
from ui.session.window import SessionWindow
from ui.steps.whys import WhysPage


@pytest.fixture
def window(qtbot, store, session_id, style, settings, workers, clock) -> SessionWindow:
    return session_window(qtbot, store, session_id, style, settings, workers, clock)


def test_every_page_is_built_ahead_while_idle(qtbot, window: SessionWindow):
    qtbot.waitUntil(lambda: not window.step_pages.building, timeout=20_000)
    assert set(window.pages) == set(window.step_ids())
    built = window.step_pages.built.values()  # as built: `pages` finishes what it gives
    assert not any(page.building for page in built)  # no stage left over


def test_a_page_reads_the_session_again_only_after_a_change(
    qtbot, window: SessionWindow, monkeypatch
):
    window.go_to("walkthrough")
    window.go_to("opener")
    entered: list[str] = []
    page = window.pages["walkthrough"]
    monkeypatch.setattr(page, "entered", lambda: entered.append("walkthrough"))
    window.go_to("walkthrough")
    assert entered == []  # nothing changed since it last read: a plain switch
    window.go_to("summary")
    window.progress.toggle()  # the timer's saves are not edits
    window.pages["summary"].summary.setPlainText("The pool ran dry.")
    window.document.flush()
    window.go_to("walkthrough")
    assert entered == ["walkthrough"]


def test_new_background_jobs_wait_while_a_new_page_is_drawn(qtbot, window: SessionWindow):
    workers = window.context.workers
    qtbot.waitUntil(lambda: not workers.holding, timeout=5000)
    window.go_to("summary")
    started = threading.Event()
    workers.run(started.set)  # as a page's own load on entry, or the language counts
    assert not started.wait(0.05)  # not while the page is drawn: the GIL is the GUI's
    qtbot.waitUntil(started.is_set, timeout=5000)


def test_an_edit_has_the_pages_left_behind_read_again_while_idle_not_on_the_visit(
    qtbot, window: SessionWindow, monkeypatch
):
    qtbot.waitUntil(lambda: not window.step_pages.building, timeout=20_000)
    window.go_to("timeline")
    entered: list[str] = []
    for step_id in ("walkthrough", "timeline"):
        page = window.pages[step_id]
        monkeypatch.setattr(page, "entered", lambda step_id=step_id: entered.append(step_id))
    quick_add = window.pages["timeline"].quick_add  # type: ignore[attr-defined]
    quick_add.setText("14:18 Checkout errors page the on-call")
    qtbot.keyClick(quick_add, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "walkthrough" in entered, timeout=5000)
    assert "timeline" not in entered  # on show: it reads when shown again, not meanwhile
    window.go_to("walkthrough")
    assert entered == ["walkthrough"]  # read already: not again in the visit's turn
    qtbot.waitUntil(lambda: "timeline" in entered, timeout=5000)  # left behind, changed
    window.go_to("timeline")
    assert entered == ["walkthrough", "timeline"]


def test_pages_whose_entry_starts_a_job_read_again_on_the_visit_only(
    qtbot, window: SessionWindow, monkeypatch
):
    qtbot.waitUntil(lambda: not window.step_pages.building, timeout=20_000)
    entered: list[str] = []
    for step_id in ("walkthrough", "follow-up", "export"):
        page = window.pages[step_id]
        monkeypatch.setattr(page, "entered", lambda step_id=step_id: entered.append(step_id))
    window.go_to("export")  # its first visit: it starts a renderer
    window.go_to("summary")
    window.pages["summary"].summary.setPlainText("The pool ran dry.")  # type: ignore[attr-defined]
    window.document.flush()
    window.go_to("details")
    qtbot.waitUntil(lambda: "walkthrough" in entered, timeout=5000)
    qtbot.waitUntil(lambda: not window.step_pages.building, timeout=5000)
    assert entered == ["export", "walkthrough"]  # no renderer, no library-wide load ahead
    window.go_to("follow-up")
    assert entered == ["export", "walkthrough", "follow-up"]


def test_a_stopped_window_reads_nothing_ahead_after_an_edit(
    qtbot, window: SessionWindow, monkeypatch
):
    qtbot.waitUntil(lambda: not window.step_pages.building, timeout=20_000)
    window.step_pages.stop()  # as the stall bench's window that builds only what is shown
    entered: list[str] = []
    monkeypatch.setattr(window.pages["walkthrough"], "entered", lambda: entered.append("w"))
    window.go_to("summary")
    window.pages["summary"].summary.setPlainText("The pool ran dry.")  # type: ignore[attr-defined]
    window.document.flush()
    window.go_to("details")
    qtbot.wait(800)  # longer than the delay before reading ahead
    assert entered == []
    assert not window.step_pages.building


def test_an_entry_added_on_the_timeline_shows_in_the_walkthrough(qtbot, window: SessionWindow):
    window.go_to("walkthrough")
    assert window.pages["walkthrough"].entries == []
    window.go_to("timeline")
    quick_add = window.pages["timeline"].quick_add  # type: ignore[attr-defined]
    quick_add.setText("14:18 Checkout errors page the on-call")
    qtbot.keyClick(quick_add, Qt.Key.Key_Return)
    window.go_to("walkthrough")
    shown = window.pages["walkthrough"].entries  # type: ignore[attr-defined]
    assert [entry.text for entry in shown] == ["Checkout errors page the on-call"]


def test_a_root_cause_made_a_factor_on_the_whys_step_shows_on_the_actions_step(
    qtbot, window: SessionWindow, store, session_id
):
    window.go_to("actions")
    addresses = window.pages["actions"].addresses  # type: ignore[attr-defined]
    assert addresses.rowCount() == 0
    window.go_to("whys")
    page = window.pages["whys"]
    assert isinstance(page, WhysPage)
    page.add_chain()
    editor = page.current_editor()
    assert editor is not None
    editor.root.setFocus()
    qtbot.keyClicks(editor.root, "No retry budget")
    editor.flush()
    page.root_cause_to_factor()
    assert [f.text for f in factors.load_tree(store, session_id).children] == ["No retry budget"]
    window.go_to("actions")
    shown = [addresses.index(row).data() for row in range(addresses.rowCount())]
    assert "No retry budget" in shown


def test_a_first_visit_shows_the_page_at_once_and_finishes_it_in_the_next_turns(
    qtbot, window: SessionWindow, monkeypatch
):
    window.step_pages.stop()  # the window just opened: nothing built ahead yet
    entered: list[str] = []
    window.go_to("actions")
    page = window.step_pages.built["actions"]
    monkeypatch.setattr(page, "entered", lambda: entered.append("actions"))
    assert window.stack.currentWidget() is page
    assert page.building  # its lists and form come in turns of their own, not in the visit
    assert not window.step_pages.showing_ready
    with qtbot.waitSignal(window.stack.page_ready, timeout=5000):
        pass
    assert not page.building
    assert entered == ["actions"]  # read once it has all its parts
    assert window.step_pages.showing_ready


def test_a_page_read_through_pages_is_complete_even_mid_visit(qtbot, window: SessionWindow):
    window.step_pages.stop()
    window.go_to("actions")
    assert window.step_pages.built["actions"].building
    page = window.pages["actions"]
    assert not page.building
    assert page.addresses.rowCount() == 0  # type: ignore[attr-defined]
    assert window.step_pages.showing_ready  # and it read the session: nothing left to do


def test_the_focus_asked_for_during_a_first_visit_lands_once_the_page_is_complete(
    qtbot, window: SessionWindow
):
    window.step_pages.stop()
    window.go_to("actions")
    window.step_pages.focus("actions")
    page = window.step_pages.built["actions"]
    assert page.building
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.capture, timeout=5000)  # type: ignore[attr-defined]
    assert not page.building


def test_a_page_left_half_built_is_finished_while_idle(qtbot, window: SessionWindow):
    window.step_pages.stop()
    window.go_to("actions")
    window.go_to("whys")  # before the actions page got its lists
    actions = window.step_pages.built["actions"]
    qtbot.waitUntil(lambda: not actions.building, timeout=5000)
    qtbot.waitUntil(lambda: window.step_pages.showing_ready, timeout=5000)
    assert not window.step_pages.built["whys"].building


def test_a_page_first_shown_while_presenting_keeps_the_facilitators_controls_hidden(
    qtbot, window: SessionWindow, store, session_id
):
    whys.add_chain(store, session_id, problem="Checkout failed")
    window.step_pages.stop()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    window.go_to("whys")
    page = window.step_pages.built["whys"]
    assert page.building
    with qtbot.waitSignal(window.stack.page_ready, timeout=5000):
        pass
    assert isinstance(page, WhysPage)
    editor = page.current_editor()
    assert editor is not None
    assert not editor.add_button.isVisible()  # made in a later turn, hidden all the same
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert editor.add_button.isVisible()


def test_a_closed_window_builds_nothing_more(qtbot, window: SessionWindow):
    window.step_pages.stop()
    window.go_to("actions")
    page = window.step_pages.built["actions"]
    assert window.step_pages.building  # its stages are due in the next turns
    window.close()
    assert not window.step_pages.building  # none runs for a window that is gone
    assert page.building


def test_next_step_to_a_page_not_built_yet_puts_the_focus_in_it_once_complete(
    qtbot, window: SessionWindow
):
    window.step_pages.stop()
    window.go_to("factors")
    window.next_step()  # Ctrl+PgDown: the actions, not built yet
    page = window.step_pages.built["actions"]
    assert window.current == "actions"
    assert page.building  # the keys did not make the whole page in their turn
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.capture, timeout=5000)  # type: ignore[attr-defined]
