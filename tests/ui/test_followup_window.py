"""The Action items window: filters (tabs and owner), the figures, status changed in place
(done asks the date, dropped the reason; undoable), CSV and iCalendar through a replaced save
dialog, and opening from the library."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from facilitator import actions, sessions
from facilitator.db.store import Store
from tests.ui.helpers import show_active
from ui.followup.files import SaveFileDialog
from ui.followup.window import ActionItemsWindow
from ui.models.followup import DUE, STATUS, TITLE, FollowUpModel
from ui.widgets.action_dialogs import CompletionDateDialog, DropRationaleDialog

TODAY = date(2026, 11, 25)  # a Wednesday


@pytest.fixture
def library(store: Store) -> dict[str, str]:
    """Two sessions' items: one overdue, one due this week, one later, one done."""
    first = sessions.create_session(store, "Checkout outage", incident_ref="INC-1")
    second = sessions.create_session(store, "DNS failures", incident_ref="INC-2")
    ids = {
        "overdue": actions.add_action(
            store, first, "Add a canary", owner="Ada", due=TODAY - timedelta(days=3)
        ),
        "week": actions.add_action(
            store, first, "Runbook for the pool", owner="ada ", due=TODAY + timedelta(days=2)
        ),
        "later": actions.add_action(
            store, second, "Resolver health check", owner="Grace", due=TODAY + timedelta(days=30)
        ),
        "done": actions.add_action(
            store, second, "Page on lag", owner="Grace", due=TODAY - timedelta(days=10)
        ),
    }
    actions.set_status(
        store, second, ids["done"], "done", completed_at=datetime(2026, 11, 20, tzinfo=UTC)
    )
    return ids


@pytest.fixture
def window(qtbot, store, style, settings, workers, library) -> ActionItemsWindow:
    opened = ActionItemsWindow(
        store, style=style, settings=settings, workers=workers, timezone="UTC", today=TODAY
    )
    show_active(qtbot, opened)
    qtbot.waitUntil(lambda: opened.loads >= 1)
    return opened


def _titles(model: FollowUpModel) -> list[str]:
    return [model.index(row, TITLE).data() for row in range(model.rowCount())]


def _show(qtbot, window: ActionItemsWindow, view: str) -> None:
    loads = window.loads
    window.show_view(view)
    qtbot.waitUntil(lambda: window.loads > loads)


def test_tabs_and_owner_filter(qtbot, window: ActionItemsWindow) -> None:
    assert window.view() == "open"
    assert _titles(window.model) == [
        "Add a canary",
        "Runbook for the pool",
        "Resolver health check",
    ]
    assert window.model.index(0, DUE).data() == "⚠ 2026-11-22 · 3 days late"
    _show(qtbot, window, "overdue")
    assert _titles(window.model) == ["Add a canary"]
    _show(qtbot, window, "week")
    assert _titles(window.model) == ["Runbook for the pool"]
    _show(qtbot, window, "done")
    assert _titles(window.model) == ["Page on lag"]
    _show(qtbot, window, "all")
    assert len(_titles(window.model)) == 4
    owners = [window.owner.itemText(i) for i in range(window.owner.count())]
    assert owners == ["Anyone", "Ada", "Grace"]  # "ada " is the same person
    loads = window.loads
    window.owner.setCurrentIndex(window.owner.findData("Ada"))
    window.owner.activated.emit(window.owner.currentIndex())
    qtbot.waitUntil(lambda: window.loads > loads)
    assert _titles(window.model) == ["Add a canary", "Runbook for the pool"]
    assert window.figures.values["open"].text() == "2"
    assert window.figures.values["overdue"].text() == "⚠ 1"


def test_figures_over_every_session(window: ActionItemsWindow) -> None:
    figures = window.figures.values
    assert figures["rate"].text() == "25%"  # 1 done of 4
    assert figures["overdue"].text() == "⚠ 1"
    assert figures["open"].text() == "3"
    assert figures["median"].text() != "–"


def test_status_in_place_asks_and_undoes(
    qtbot, window: ActionItemsWindow, store, library, monkeypatch
) -> None:
    monkeypatch.setattr(
        CompletionDateDialog, "ask", classmethod(lambda cls, *a, **k: date(2026, 11, 24))
    )
    index = window.model.index(0, STATUS)  # "Add a canary"
    assert window.model.flags(index) & window.model.flags(index).ItemIsEditable
    loads = window.loads
    window.model.setData(index, "done")
    qtbot.waitUntil(lambda: window.loads > loads)
    item = next(a for a in _all(store) if a.id == library["overdue"])
    assert item.status == "done"
    assert item.completed_at is not None
    assert item.completed_at.date() == date(2026, 11, 24)
    assert "Add a canary" not in _titles(window.model)  # no longer open

    loads = window.loads
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: window.loads > loads)
    assert next(a for a in _all(store) if a.id == library["overdue"]).status == "open"

    monkeypatch.setattr(DropRationaleDialog, "ask", classmethod(lambda cls, *a: None))
    window.model.setData(window.model.index(0, STATUS), "dropped")  # cancelled
    assert window.undo_stack.count() == 1
    monkeypatch.setattr(DropRationaleDialog, "ask", classmethod(lambda cls, *a: "Superseded"))
    loads = window.loads
    window.model.setData(window.model.index(0, STATUS), "dropped")
    qtbot.waitUntil(lambda: window.loads > loads)
    dropped = next(a for a in _all(store) if a.id == library["overdue"])
    assert (dropped.status, dropped.rationale) == ("dropped", "Superseded")


def _all(store: Store) -> list[actions.ActionView]:
    found: list[actions.ActionView] = []
    for summary in sessions.list_sessions(store):
        found += actions.load_actions(store, summary.id)
    return found


def test_export_csv_and_calendar(
    qtbot, window: ActionItemsWindow, tmp_path: Path, monkeypatch
) -> None:
    target = tmp_path / "items"
    asked: list[str] = []

    def where(_parent, title, suggested, filters) -> Path:
        asked.append(suggested)
        return target

    monkeypatch.setattr(SaveFileDialog, "ask", classmethod(lambda cls, *a: where(*a)))
    assert window.export("csv")
    qtbot.waitUntil(lambda: target.with_suffix(".csv").exists())
    text = target.with_suffix(".csv").read_bytes().decode("utf-8")
    assert text.startswith("Title,Owner,Due,Priority,Status,Session,Success criteria\r\n")
    assert "Add a canary,Ada,2026-11-22,should,open,INC-1 Checkout outage," in text
    assert "Page on lag" not in text  # the items on show: the open ones
    assert asked[0].endswith(".csv")

    assert window.export("ics")
    qtbot.waitUntil(lambda: target.with_suffix(".ics").exists())
    calendar = target.with_suffix(".ics").read_bytes().decode("utf-8")
    assert calendar.startswith("BEGIN:VCALENDAR\r\n")
    assert calendar.count("BEGIN:VEVENT") == 3
    assert "DTSTART;VALUE=DATE:20261122" in calendar

    monkeypatch.setattr(SaveFileDialog, "ask", classmethod(lambda cls, *a: None))
    assert not window.export("csv")  # cancelled


def test_opening_a_row_asks_for_its_session(qtbot, window: ActionItemsWindow, library) -> None:
    with qtbot.waitSignal(window.open_requested) as opened:
        window.table.activated.emit(window.model.index(0, TITLE))
    session_of = window.model.item_at(0).session_id
    assert opened.args == [session_of]


def test_library_opens_it_with_its_shortcut(qtbot, store, style, settings, workers) -> None:
    from ui.library.window import LibraryWindow

    library = LibraryWindow(store, style=style, settings=settings, workers=workers)
    show_active(qtbot, library)
    action = library.actions_["action_items"]
    assert action.shortcut().toString() == "Ctrl+Shift+A"
    action.trigger()
    window = library.findChild(ActionItemsWindow)
    assert window is not None
    assert window.isVisible()
    action.trigger()
    assert library.findChildren(ActionItemsWindow) == [window]  # one window, brought back
    qtbot.waitUntil(lambda: window.loads >= 1)


def test_model_passes_the_tester(qtmodeltester, window: ActionItemsWindow) -> None:
    qtmodeltester.check(window.model)
