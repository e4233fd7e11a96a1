"""The agenda sidebar at 1280×720: every step's name reads whole beside its timebox, done mark
and language badge (wrapped onto a second line when it must, never cut)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics

from facilitator import participants
from tests.ui.helpers import show_active
from ui.models.agenda import DoneRole, HeaderRole, SkippedRole
from ui.session.sidebar import MARGIN, NUMBER_GAP
from ui.session.window import SessionWindow


@pytest.fixture
def window(demo_window: SessionWindow) -> SessionWindow:
    return demo_window


def shown_lines(window: SessionWindow) -> dict[str, list[str]]:
    """Each step's name as its row draws it (in bold, the widest it gets), checked to fit
    the room the row leaves it, and the row checked to be tall enough for its lines."""
    view, delegate = window.sidebar, window.sidebar.delegate
    model = window.agenda_model
    font = QFont(view.font())
    font.setBold(True)
    metrics = QFontMetrics(font)
    number = metrics.horizontalAdvance("00") + NUMBER_GAP
    lines: dict[str, list[str]] = {}
    for row in range(model.rowCount()):
        index = model.index(row)
        if index.data(HeaderRole):
            continue
        rect = view.visualRect(index)
        drawn, stacked = delegate.name_layout(view.font(), rect.width(), index)
        room = (
            rect.width() - 2 * MARGIN - number
            if stacked
            else delegate._title_width(metrics, rect.width(), index)
        )
        assert room > 0
        assert all(metrics.horizontalAdvance(line) <= room for line in drawn)
        assert rect.height() >= metrics.lineSpacing() * (len(drawn) + stacked)
        assert rect.right() <= view.viewport().width()
        lines[index.data()] = drawn
    return lines


def test_every_step_name_reads_whole_on_one_line(qtbot, window):
    window.agenda_model.set_done(frozenset(window.step_ids()))
    lines = shown_lines(window)
    assert lines["Contributing factors"] == ["Contributing factors"]
    assert all(drawn == [name] for name, drawn in lines.items())
    assert window.stack.width() >= 700  # the page keeps its room


def test_a_badge_wraps_a_long_name_rather_than_cutting_it(qtbot, window):
    window.agenda_model.set_done(frozenset(window.step_ids()))
    window.agenda_model.set_language_counts({s: 12 for s in window.step_ids()})
    qtbot.waitUntil(
        lambda: (
            window.sidebar.visualRect(
                window.agenda_model.index(window.agenda_model.row_of("factors"))
            ).height()
            > window.sidebar.visualRect(
                window.agenda_model.index(window.agenda_model.row_of("whys"))
            ).height()
        )
    )
    lines = shown_lines(window)
    for name, drawn in lines.items():
        assert " ".join(drawn) == name  # whole, nothing elided


def test_a_step_moved_past_while_empty_is_marked_apart(
    qtbot, store, session_id, style, settings, workers, clock
):
    window = SessionWindow(
        store, session_id, style=style, settings=settings, workers=workers, clock=clock
    )
    show_active(qtbot, window)
    model = window.agenda_model
    window.go_to("details")
    window.next_step()  # details has the session's title: done
    window.next_step()  # participants: nobody added
    assert {"details", "participants"} <= window.progress.done  # both were passed
    details, people = (model.index(model.row_of(s)) for s in ("details", "participants"))
    qtbot.waitUntil(lambda: people.data(SkippedRole))
    assert people.data(DoneRole)
    assert "nothing recorded" in people.data(Qt.ItemDataRole.ToolTipRole)
    assert "nothing recorded" in people.data(Qt.ItemDataRole.AccessibleTextRole)
    assert details.data(DoneRole)
    assert not details.data(SkippedRole)
    assert ", done" in details.data(Qt.ItemDataRole.AccessibleTextRole)
    window.sidebar.viewport().grab()  # both marks paint

    participants.add_participant(store, session_id, "Priya")
    window.document.saved.emit()  # as a page's save does
    qtbot.waitUntil(lambda: not people.data(SkippedRole))  # now done, with a ✓
    assert people.data(DoneRole)
