"""The timeline page over a large timeline: read in a worker, shown in order, selected after."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from facilitator import timeline
from facilitator.timeline import EntryDraft
from tests.ui.pages import open_page
from ui.commands.timeline import AddEntriesCommand
from ui.models import timeline as timeline_model
from ui.models.timeline import TIME, GapRow, TimelineModel
from ui.steps.timeline import TimelinePage
from ui.timeline_import.dialog import TimelineImportDialog
from ui.widgets import timeline_table
from ui.widgets.timeline_table import selection_runs

START = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)
LARGE = timeline_model.SMALL + 500  # read in a worker


def drafts(count: int, *, offset: int = 0) -> list[EntryDraft]:
    """Entries a minute apart, a 20-minute silence every 100, added out of time order."""
    made = [
        EntryDraft(START + timedelta(minutes=i + 20 * (i // 100) + offset), f"e{i}")
        for i in range(count)
    ]
    return made[1::2] + made[::2]


def page_of(qtbot, store, session_id, workers, settings) -> TimelinePage:
    page = open_page(qtbot, TimelinePage, store, session_id, workers, settings)
    assert isinstance(page, TimelinePage)
    return page


def loaded(qtbot, page: TimelinePage) -> None:
    qtbot.waitUntil(lambda: not page.model.loading, timeout=20_000)


def shown_ids(page: TimelinePage) -> list[str]:
    return [e.id for e in page.model.entries()]


def saved_ids(store, session_id) -> list[str]:
    return [e.id for e in timeline.load_entries(store, session_id)]


def test_a_large_import_is_read_in_a_worker_then_shown_in_order_and_selected(
    qtbot, store, session_id, workers, settings, monkeypatch
):
    timeline.add_entries(store, session_id, drafts(3, offset=30))
    before = saved_ids(store, session_id)
    page = page_of(qtbot, store, session_id, workers, settings)
    assert shown_ids(page) == before
    monkeypatch.setattr(timeline_table, "SELECT_SLICE", 400)  # selected over several turns

    def ask(cls, parent, context, path=None, *, changed=None):
        ids = timeline.add_entries(store, session_id, drafts(LARGE))
        changed()
        return ids

    monkeypatch.setattr(TimelineImportDialog, "ask", classmethod(ask))
    page.import_file()
    # The table is still there, with what it showed, while the worker reads.
    assert page.model.loading
    assert page.views.currentWidget() is page.table
    assert shown_ids(page) == before
    loaded(qtbot, page)
    expected = saved_ids(store, session_id)
    assert len(expected) == LARGE + 3
    assert shown_ids(page) == expected  # every entry, in time order
    rows = page.model.rows
    assert sum(isinstance(row, GapRow) for row in rows) == (LARGE - 1) // 100
    gap = next(i for i, row in enumerate(rows) if isinstance(row, GapRow))
    assert page.table.columnSpan(gap, 0) == page.model.columnCount()
    assert page.table.rowHeight(gap) < page.table.rowHeight(0)
    assert [page.model.row_of(i) for i in expected] == [
        i for i, row in enumerate(rows) if not isinstance(row, GapRow)
    ]
    imported = set(expected) - set(before)
    qtbot.waitUntil(lambda: set(page.table.selected_ids()) == imported)
    assert "Imported 1,500 entries." in page.feedback.text()


def test_undo_and_redo_of_a_large_addition_show_the_timeline_each_time(
    qtbot, store, session_id, workers, settings
):
    timeline.add_entries(store, session_id, drafts(2, offset=-10))
    before = saved_ids(store, session_id)
    page = page_of(qtbot, store, session_id, workers, settings)
    stack = page.context.undo_stack
    stack.push(AddEntriesCommand(page.doc, drafts(LARGE), page.reload))
    loaded(qtbot, page)
    added = saved_ids(store, session_id)
    assert shown_ids(page) == added
    assert len(added) == LARGE + 2
    stack.undo()
    assert page.model.loading  # it was large: read in a worker
    loaded(qtbot, page)
    assert shown_ids(page) == before == saved_ids(store, session_id)
    assert not any(isinstance(row, GapRow) for row in page.model.rows)
    stack.redo()
    assert page.model.loading  # large again: counted before it is read
    loaded(qtbot, page)
    assert shown_ids(page) == added
    stack.undo()
    loaded(qtbot, page)
    assert shown_ids(page) == before


def test_a_small_timeline_refreshes_at_once_without_a_worker(
    qtbot, store, session_id, workers, settings
):
    timeline.add_entry(store, session_id, START, "first")
    page = page_of(qtbot, store, session_id, workers, settings)
    states: list[bool] = []
    page.model.loading_changed.connect(states.append)
    resets: list[bool] = []
    page.model.modelReset.connect(lambda: resets.append(True))
    page.add_lines("2026-03-04 13:05 second\n2026-03-04 13:40 third")  # Berlin: +1
    # Shown before the event loop turns: no worker, no reset (no flicker), the new selected.
    assert [e.text for e in page.model.entries()] == ["first", "second", "third"]
    assert isinstance(page.model.rows[2], GapRow)
    assert [page.model.entry(r).text for r in (1, 3)] == ["second", "third"]
    assert page.table.selected_ids() == [e.id for e in page.model.entries()[1:]]
    page.context.undo_stack.undo()
    assert [e.text for e in page.model.entries()] == ["first"]
    assert states == []
    assert resets == []


def test_a_large_timeline_first_shows_that_it_is_loading(
    qtbot, store, session_id, workers, settings
):
    timeline.add_entries(store, session_id, drafts(LARGE))
    page = page_of(qtbot, store, session_id, workers, settings)
    if page.model.loading:  # the worker may have been quicker than the window
        assert page.views.currentWidget() is page.loading
        assert page.loading.text() == f"Loading {LARGE:,} entries…"
    loaded(qtbot, page)
    assert page.views.currentWidget() is page.table
    assert shown_ids(page) == saved_ids(store, session_id)


def test_editing_a_large_timeline_keeps_the_selection_and_the_row_follows_its_time(
    qtbot, store, session_id, workers, settings
):
    timeline.add_entries(store, session_id, drafts(LARGE))
    page = page_of(qtbot, store, session_id, workers, settings)
    loaded(qtbot, page)
    model, table = page.model, page.table
    moved, other = shown_ids(page)[10], shown_ids(page)[500]
    table.select_ids([moved, other])
    # A star: one row changes, in place, without a reset.
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    page.toggle_key()
    loaded(qtbot, page)
    assert [e.key for e in model.entries() if e.id in (moved, other)] == [True, True]
    assert resets == []
    # A new time moves the row far down: shown afresh, the same entries selected, the
    # moved one still current.
    table.setCurrentIndex(model.index(model.row_of(moved), TIME))
    table.selectionModel().select(
        model.index(model.row_of(other), 0),
        table.selectionModel().SelectionFlag.Select | table.selectionModel().SelectionFlag.Rows,
    )
    model.setData(model.index(model.row_of(moved), TIME), "2026-03-09 09:00")
    loaded(qtbot, page)
    assert shown_ids(page) == saved_ids(store, session_id)
    assert shown_ids(page)[-1] == moved
    assert set(table.selected_ids()) == {moved, other}
    assert table.currentIndex().row() == model.row_of(moved)


def test_a_model_read_in_a_worker_passes_the_model_tester(
    qtbot, qtmodeltester, store, session_id, workers, monkeypatch
):
    monkeypatch.setattr(timeline_model, "SMALL", 5)
    timeline.add_entries(store, session_id, drafts(12))
    model = TimelineModel(store, session_id, "Europe/Berlin", START.date(), workers=workers)
    model.reload()
    qtbot.waitUntil(lambda: not model.loading)
    qtmodeltester.check(model)
    ids = [e.id for e in model.entries()]
    timeline.update_entry(store, session_id, ids[0], at=START + timedelta(days=1))  # moved
    model.reload()
    qtbot.waitUntil(lambda: not model.loading)
    timeline.remove_entries(store, session_id, ids[3:6])
    timeline.add_entries(store, session_id, drafts(3, offset=-60))
    model.reload()
    model.reload()  # asked again while reading: read once more after
    qtbot.waitUntil(lambda: not model.loading)
    assert [e.id for e in model.entries()] == saved_ids(store, session_id)
    qtmodeltester.check(model)


@pytest.mark.parametrize(
    ("ids", "runs"),
    [
        ([], []),
        (["c"], [(2, 2)]),
        (["e", "a", "b", "x", "d"], [(0, 1), (3, 4)]),
    ],
)
def test_selection_runs_are_consecutive_rows_top_first(ids, runs):
    index = {"a": 0, "b": 1, "c": 2, "d": 3, "e": 4}
    assert selection_runs(index, ids) == runs


def test_the_view_keeps_working_under_a_reset_with_nothing_selected(
    qtbot, store, session_id, workers, settings
):
    page = page_of(qtbot, store, session_id, workers, settings)
    page.model.beginResetModel()
    page.model.endResetModel()
    assert page.table.selected_ids() == []
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)  # nothing to delete: nothing happens


def test_a_reset_keeps_where_the_table_was_scrolled(qtbot, store, session_id, workers, settings):
    timeline.add_entries(store, session_id, drafts(LARGE))
    page = page_of(qtbot, store, session_id, workers, settings)
    loaded(qtbot, page)
    bar = page.table.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    scrolled = bar.value()
    page.model.beginResetModel()
    page.model.endResetModel()
    assert bar.value() == scrolled
