"""The session window's pages: built ahead while idle, read again on entry only after a change,
and a change made on one step showing on another."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from facilitator import factors
from tests.ui.helpers import session_window
from ui.session.window import SessionWindow
from ui.steps.whys import WhysPage


@pytest.fixture
def window(qtbot, store, session_id, style, settings, workers, clock) -> SessionWindow:
    return session_window(qtbot, store, session_id, style, settings, workers, clock)


def test_every_page_is_built_ahead_while_idle(qtbot, window: SessionWindow):
    qtbot.waitUntil(lambda: not window.step_pages.building, timeout=20_000)
    assert set(window.pages) == set(window.step_ids())
    assert not any(page.building for page in window.pages.values())  # no stage left over


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
