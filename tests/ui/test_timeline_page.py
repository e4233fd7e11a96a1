"""The timeline page: quick add, time order, key events, paste, delete, gaps, undo."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit

from facilitator import evidence, sessions, timeline
from tests.ui.pages import open_page
from ui.models.timeline import EVIDENCE, KEY, KIND, SOURCE, TEXT, TIME, GapRow, TimelineModel
from ui.steps.timeline import TimelinePage
from ui.widgets.paste_lines import PasteLinesDialog

BERLIN = ZoneInfo("Europe/Berlin")


def at(hour: int, minute: int) -> datetime:
    return datetime(2026, 3, 4, hour, minute, tzinfo=BERLIN)


@pytest.fixture
def dated(store, session_id):
    """The incident started on 4 March 2026, so a bare 14:18 means that day."""
    sessions.update_session(store, session_id, started_at=at(13, 0).astimezone(UTC))
    return session_id


def saved(store, session_id):
    return timeline.load_entries(store, session_id)


def page_of(qtbot, store, session_id, workers, settings) -> TimelinePage:
    page = open_page(qtbot, TimelinePage, store, session_id, workers, settings)
    assert isinstance(page, TimelinePage)
    return page


def editor_of(page: TimelinePage) -> QLineEdit:
    editors = page.table.viewport().findChildren(QLineEdit)
    assert editors, "no cell editor is open"
    return editors[0]


def test_typing_a_line_and_enter_adds_it_and_keeps_the_focus(
    qtbot, store, dated, workers, settings
):
    page = page_of(qtbot, store, dated, workers, settings)
    assert page.views.currentWidget() is page.empty
    qtbot.keyClicks(page.quick_add, "14:18 Alert fired")
    qtbot.keyClick(page.quick_add, Qt.Key.Key_Return)
    [entry] = saved(store, dated)
    assert (entry.text, entry.at, entry.kind) == ("Alert fired", at(14, 18), "note")
    assert page.quick_add.text() == ""
    assert page.quick_add.hasFocus()
    assert page.views.currentWidget() is page.table
    assert page.table.selected_ids() == [entry.id]

    page.kind.setCurrentIndex(page.kind.findData("alert"))
    qtbot.keyClicks(page.quick_add, "14:20 Pager")
    qtbot.keyClick(page.quick_add, Qt.Key.Key_Return)
    assert [e.kind for e in saved(store, dated)] == ["note", "alert"]
    page.context.undo_stack.undo()
    assert len(saved(store, dated)) == 1


def test_a_line_without_a_time_is_refused_and_kept(qtbot, store, dated, workers, settings):
    page = page_of(qtbot, store, dated, workers, settings)
    qtbot.keyClicks(page.quick_add, "Alert fired")
    qtbot.keyClick(page.quick_add, Qt.Key.Key_Return)
    assert saved(store, dated) == []
    assert page.quick_add.text() == "Alert fired"
    assert page.feedback.isVisible()
    assert "no time" in page.feedback.text()
    assert page.quick_add.property("invalid") == "true"


def test_editing_a_time_re_sorts_and_the_selection_follows(qtbot, store, dated, workers, settings):
    first = timeline.add_entry(store, dated, at(14, 0), "first")
    timeline.add_entry(store, dated, at(14, 10), "second")
    timeline.add_entry(store, dated, at(14, 20), "third")
    page = page_of(qtbot, store, dated, workers, settings)
    index = page.model.index(page.model.row_of(first), TIME)
    page.table.setCurrentIndex(index)
    page.table.edit(index)
    editor = editor_of(page)
    editor.selectAll()
    qtbot.keyClicks(editor, "14:30")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert [e.text for e in saved(store, dated)] == ["second", "third", "first"]
    assert [e.text for e in page.model.entries()] == ["second", "third", "first"]
    assert page.table.currentIndex().row() == page.model.row_of(first) == 2
    assert page.table.selected_ids() == [first]
    page.context.undo_stack.undo()
    assert [e.text for e in page.model.entries()] == ["first", "second", "third"]


def test_a_bad_time_shows_the_core_message_and_keeps_what_was_typed(
    qtbot, store, dated, workers, settings
):
    entry = timeline.add_entry(store, dated, at(14, 0), "first")
    page = page_of(qtbot, store, dated, workers, settings)
    index = page.model.index(0, TIME)
    page.table.setCurrentIndex(index)
    page.table.edit(index)
    editor = editor_of(page)
    editor.selectAll()
    qtbot.keyClicks(editor, "25:99")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.isVisible()
    assert editor.text() == "25:99"
    assert "'25:99' is not a time" in page.feedback.text()
    assert page.model.problem(entry) is not None
    assert saved(store, dated)[0].at == at(14, 0)
    assert page.context.undo_stack.count() == 0

    editor.selectAll()
    qtbot.keyClicks(editor, "14:05")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert saved(store, dated)[0].at == at(14, 5)
    assert page.model.problem(entry) is None
    assert not page.feedback.isVisible()


def test_space_marks_and_unmarks_key_events(qtbot, store, dated, workers, settings):
    one = timeline.add_entry(store, dated, at(14, 0), "one")
    two = timeline.add_entry(store, dated, at(14, 5), "two")
    page = page_of(qtbot, store, dated, workers, settings)
    page.table.select_ids([one, two])
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    assert [e.key for e in saved(store, dated)] == [True, True]
    assert page.context.undo_stack.count() == 1  # two entries, one step
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    assert [e.key for e in saved(store, dated)] == [False, False]
    page.context.undo_stack.undo()
    assert [e.key for e in saved(store, dated)] == [True, True]
    assert page.model.data(page.model.index(0, 0)) == "★"


def test_pasted_lines_are_one_undo_step_and_problems_name_their_lines(
    qtbot, store, dated, workers, settings
):
    page = page_of(qtbot, store, dated, workers, settings)
    QGuiApplication.clipboard().setText("14:00 First\n14:05 Second\n25:99 broken\n14:10 Third")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    entries = saved(store, dated)
    assert [e.text for e in entries] == ["First", "Second", "Third"]
    assert "Line 3" in page.feedback.text()
    assert page.context.undo_stack.count() == 1
    page.context.undo_stack.undo()
    assert saved(store, dated) == []
    assert page.views.currentWidget() is page.empty
    page.context.undo_stack.redo()
    assert [e.id for e in saved(store, dated)] == [e.id for e in entries]


def test_a_pasted_line_without_a_time_is_joined_and_the_message_says_so(
    qtbot, store, dated, workers, settings
):
    page = page_of(qtbot, store, dated, workers, settings)
    QGuiApplication.clipboard().setText(
        "14:10 Deploy finished\n14:18 Alert fired\nno time here, just a remark\n14:22 Paged"
    )
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [e.text for e in saved(store, dated)][1] == "Alert fired\nno time here, just a remark"
    assert page.feedback.text() == (
        "Added 3 entries (line 3 has no time and is joined to the entry above). "
        "Ctrl+Z takes them back."
    )
    dialog = PasteLinesDialog(page.parse, "14:00 A\nmore\n14:05 B\nstill B\nand B", page)
    qtbot.addWidget(dialog)
    assert dialog.add_button.text() == "Add 2 entries"
    assert dialog.summary.text() == (
        "Lines 2, 4, 5 have no time and are each joined to the entry above."
    )


def test_pasting_several_lines_into_the_quick_add_field_adds_them_all(
    qtbot, store, dated, workers, settings
):
    page = page_of(qtbot, store, dated, workers, settings)
    QGuiApplication.clipboard().setText("14:00 First\n14:05 Second")
    qtbot.keyClick(page.quick_add, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [e.text for e in saved(store, dated)] == ["First", "Second"]
    assert page.quick_add.text() == ""


def test_delete_removes_and_undo_restores_exactly(qtbot, store, dated, workers, settings):
    one = timeline.add_entry(store, dated, at(14, 0), "one", kind="alert", source="pager")
    two = timeline.add_entry(store, dated, at(14, 5), "two", key=True, notes="we knew")
    three = timeline.add_entry(store, dated, at(14, 10), "three")
    before = [(e.id, e.at, e.text, e.kind, e.source, e.key, e.notes) for e in saved(store, dated)]
    page = page_of(qtbot, store, dated, workers, settings)
    page.table.select_ids([one, two])
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert [e.id for e in saved(store, dated)] == [three]
    assert page.table.selected_ids() == [three]  # Delete can go on
    page.context.undo_stack.undo()
    after = [(e.id, e.at, e.text, e.kind, e.source, e.key, e.notes) for e in saved(store, dated)]
    assert after == before
    assert [e.id for e in page.model.entries()] == [one, two, three]


def test_gaps_over_fifteen_minutes_are_rows_of_their_own(qtbot, store, dated, workers, settings):
    timeline.add_entry(store, dated, at(14, 0), "a")
    timeline.add_entry(store, dated, at(14, 10), "b")
    timeline.add_entry(store, dated, at(14, 52), "c")
    page = page_of(qtbot, store, dated, workers, settings)
    model = page.model
    assert [type(r).__name__ for r in model.rows] == ["EntryRow", "EntryRow", "GapRow", "EntryRow"]
    assert model.data(model.index(2, 0)) == "— 42 min gap —"
    assert model.flags(model.index(2, TEXT)) == Qt.ItemFlag.NoItemFlags
    assert page.table.columnSpan(2, 0) == model.columnCount()
    assert page.table.rowHeight(2) < page.table.rowHeight(1)
    # Moving the last entry closer closes the gap.
    model.setData(model.index(3, TIME), "14:20")
    assert not any(isinstance(r, GapRow) for r in model.rows)
    assert page.table.columnSpan(2, 0) == 1


def test_kind_and_evidence_are_chosen_per_entry(qtbot, store, dated, workers, settings):
    entry = timeline.add_entry(store, dated, at(14, 0), "graph spike")
    link = evidence.add_link(store, dated, "https://grafana.example/d/1", name="Grafana board")
    page = page_of(qtbot, store, dated, workers, settings)
    model = page.model
    assert not page.table.isColumnHidden(EVIDENCE)
    model.setData(model.index(0, KIND), "detection")
    model.setData(model.index(0, EVIDENCE), link)
    [saved_entry] = saved(store, dated)
    assert (saved_entry.kind, saved_entry.attachment_id) == ("detection", link)
    assert model.data(model.index(0, KIND)) == "Detection"
    assert model.data(model.index(0, EVIDENCE)) == "Grafana board"
    page.context.undo_stack.undo()
    assert saved(store, dated)[0].attachment_id is None
    assert entry == saved(store, dated)[0].id


def test_the_table_model_passes_the_model_tester(qtmodeltester, store, dated):
    for minute, text in ((0, "a"), (5, "b"), (40, "c")):
        timeline.add_entry(store, dated, at(14, minute), text)
    model = TimelineModel(store, dated, "Europe/Berlin", at(0, 0).date())
    model.reload()
    qtmodeltester.check(model)
    # The tester stays attached: moves, removals and insertions must keep the model sound.
    first = model.entries()[0].id
    timeline.update_entry(store, dated, first, at=at(15, 0))
    model.reload()
    timeline.remove_entry(store, dated, model.entries()[0].id)
    timeline.add_entry(store, dated, at(13, 0), "early")
    model.reload()
    assert [e.text for e in model.entries()] == ["early", "c", "a"]
    qtmodeltester.check(model)


def test_paste_lines_dialog_previews_and_its_text_is_added(
    qtbot, store, dated, workers, settings, monkeypatch
):
    page = page_of(qtbot, store, dated, workers, settings)
    dialog = PasteLinesDialog(page.parse, "14:00 First\nno time here\n25:99 bad", page)
    qtbot.addWidget(dialog)
    assert dialog.add_button.text() == "Add 1 entry"
    assert "Line 3" in dialog.problems.text()
    dialog.editor.setPlainText("14:00 First\n14:02 Second")
    dialog.preview()
    assert dialog.add_button.text() == "Add 2 entries"
    assert not dialog.problems.isVisibleTo(dialog)

    monkeypatch.setattr(PasteLinesDialog, "ask", classmethod(lambda cls, *a: "14:00 First"))
    page.paste_button.click()
    assert [e.text for e in saved(store, dated)] == ["First"]


LONG_TEXT = "Alert fired: checkout error rate above 5% for five minutes on checkout-api"


def test_what_happened_gets_the_width_empty_and_narrow_columns_stay_narrow(
    qtbot, store, dated, workers, settings, style
):
    timeline.add_entry(store, dated, at(14, 10), "Deploy of checkout v2.3 finished")
    timeline.add_entry(store, dated, at(14, 18), LONG_TEXT)
    page = page_of(qtbot, store, dated, workers, settings)
    page.window().resize(720, 640)  # the page's share of a 1280-wide window
    table = page.table
    qtbot.waitUntil(lambda: table.viewport().width() < 720)
    metrics, heading = table.fontMetrics(), table.horizontalHeader().fontMetrics()
    widths = {c: table.columnWidth(c) for c in (KEY, TIME, KIND, TEXT, SOURCE)}
    # No entry names a source: the column is as wide as its heading, not a quarter of the rest.
    assert widths[SOURCE] <= heading.horizontalAdvance("Source") + 40
    # Every entry is a note: no room kept for "Communication".
    assert widths[KIND] < metrics.horizontalAdvance("◉  Communication") + 20
    assert (
        widths[TEXT]
        >= table.viewport().width() - sum(w for c, w in widths.items() if c != TEXT) - 2
    )
    assert widths[TEXT] > 2 * (widths[SOURCE] + widths[KIND])
    # What does not fit shows whole on hover.
    tip = page.model.index(1, TEXT).data(Qt.ItemDataRole.ToolTipRole)
    assert LONG_TEXT in tip
    # Once an entry names its source, the column takes a share; a communication widens kinds.
    timeline.add_entry(
        store, dated, at(14, 25), "Status page updated", kind="communication", source="#incident"
    )
    page.model.reload()
    qtbot.waitUntil(lambda: table.columnWidth(SOURCE) > widths[SOURCE])
    kind = table.columnWidth(KIND)
    assert kind >= metrics.horizontalAdvance("◉") + 8 + metrics.horizontalAdvance("Communication")
