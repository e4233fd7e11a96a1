"""Blameful phrasing in the session window: counts per step in the sidebar (after saves), and
View > Underline blameful phrasing, remembered per mode, off while presenting by default."""

from __future__ import annotations

from PySide6.QtCore import Qt

from facilitator import lists, sessions
from tests.ui.helpers import session_window
from ui.models.agenda import AgendaModel, LanguageRole
from ui.session.document import SessionDocument
from ui.session.language import LanguageCounts
from ui.widgets.language_highlighter import LanguageDisplay


def test_counts_follow_saves(qtbot, store, session_id, workers) -> None:
    document = SessionDocument(store, session_id)
    counts = LanguageCounts(document, workers, delay_ms=10)
    with qtbot.waitSignal(counts.counted) as first:
        document.update("summary", "Checkout failed. John deployed broken code.")
    assert first.args == [{"summary": 1}]
    lists.add_item(store, session_id, "went_poorly", "It was human error.")
    with qtbot.waitSignal(counts.counted) as second:
        document.update("title", "Outage: my fault")
    assert second.args == [{"summary": 1, "details": 1, "went-poorly": 1}]


def test_agenda_model_shows_counts(qtmodeltester) -> None:
    from facilitator.agenda import agenda

    model = AgendaModel(agenda("standard"))
    qtmodeltester.check(model)
    changed: list[int] = []
    model.dataChanged.connect(lambda top, _bottom, _roles: changed.append(top.row()))
    model.set_language_counts({"summary": 2})
    row = model.row_of("summary")
    assert changed == [row]
    index = model.index(row)
    assert index.data(LanguageRole) == 2
    assert "2 phrases to reframe" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(model.row_of("details")).data(LanguageRole) == 0
    model.set_language_counts({})
    assert index.data(LanguageRole) == 0
    assert "reframe" not in index.data(Qt.ItemDataRole.ToolTipRole)
    qtmodeltester.check(model)


def test_window_badges_and_view_toggle(
    qtbot, store, session_id, style, settings, workers, clock
) -> None:
    sessions.update_session(store, session_id, summary="It was human error.")
    window = session_window(qtbot, store, session_id, style, settings, workers, clock)
    window.language_counts.refresh()
    row = window.agenda_model.row_of("summary")
    qtbot.waitUntil(lambda: window.agenda_model.index(row).data(LanguageRole) == 1)
    window.sidebar.viewport().grab()  # the badge paints without error

    toggle = window.actions_["language_underlines"]
    display = LanguageDisplay.of(settings)
    assert toggle.isCheckable()
    assert toggle.isChecked()
    toggle.trigger()
    assert not display.shown()
    assert settings.value("view/language_underlines", type=bool) is False
    toggle.trigger()
    assert display.shown()

    window.presentation.enter()
    assert window.property("presenting") is True
    assert not toggle.isChecked()  # presentation mode hides them unless asked
    toggle.trigger()
    assert display.shown(presenting=True)
    window.presentation.leave()
    assert toggle.isChecked()
    assert window.property("presenting") is False


def test_a_closed_window_starts_no_more_counts(
    qtbot, store, session_id, style, settings, workers, clock, monkeypatch
) -> None:
    """A count pending when the window closed ran later against a store closed by then (in
    the tests, during the next test), and the process crashed."""
    window = session_window(qtbot, store, session_id, style, settings, workers, clock)
    counts = window.language_counts
    started = []
    monkeypatch.setattr(counts.workers, "run", lambda *args, **kwargs: started.append(args))
    window.close()
    assert not counts._timer.isActive()
    counts.document.edited.emit()  # a late save: still nothing scheduled
    counts.refresh()
    assert started == []
