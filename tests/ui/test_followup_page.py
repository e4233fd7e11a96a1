"""The follow-up page: the effectiveness review of earlier related sessions' items, marked by
key or in place, with a note, undoable; this session's own items with their status."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt

from facilitator import actions, review, sessions
from facilitator.db.store import Store
from tests.ui.pages import open_page
from ui.models.followup import STATUS
from ui.models.review import NOTE, STATUS as STATUS_NOW, TASK, VERDICT, ReviewModel
from ui.steps.followup import FollowUpPage
from ui.widgets.action_dialogs import CompletionDateDialog
from ui.widgets.two_line import DetailRole


@pytest.fixture
def earlier(store: Store, session_id: str) -> dict[str, str]:
    """An earlier session on the same service, with an open and a recently done item."""
    old = sessions.create_session(
        store,
        "Orders DB failover",
        incident_ref="INC-7",
        started_at=datetime(2026, 9, 1, 8, 0, tzinfo=UTC),
    )
    sessions.set_labels(store, old, "service", ["orders-db"])
    sessions.set_labels(store, session_id, "service", ["orders-db"])
    sessions.update_session(store, session_id, started_at=datetime(2026, 11, 1, 8, 0, tzinfo=UTC))
    automate = actions.add_action(store, old, "Automate failover", owner="Sofia", priority="must")
    page_lag = actions.add_action(store, old, "Page on lag", owner="Jonas")
    actions.set_status(store, old, page_lag, "done", completed_at=datetime(2026, 10, 1, tzinfo=UTC))
    return {"session": old, "automate": automate, "page": page_lag}


@pytest.fixture
def page(qtbot, store, session_id, workers, settings, earlier) -> FollowUpPage:
    opened = open_page(qtbot, FollowUpPage, store, session_id, workers, settings)
    assert isinstance(opened, FollowUpPage)
    qtbot.waitUntil(lambda: not opened.loading)  # read in a pool thread
    return opened


def _verdicts(store: Store, session_id: str) -> dict[str, tuple[str, str]]:
    return {r.title: (r.verdict, r.note) for r in review.session_reviews(store, session_id)}


def test_candidates_listed_with_where_they_come_from(page: FollowUpPage) -> None:
    model = page.review_model
    assert model.rowCount() == 2
    assert [model.index(r, TASK).data() for r in range(2)] == ["Automate failover", "Page on lag"]
    assert model.index(0, TASK).data(DetailRole) == "Sofia · INC-7 Orders DB failover"
    assert model.index(1, STATUS_NOW).data() == "✓ Done"
    assert model.index(0, VERDICT).data() == "— Not reviewed"
    assert page.review_view.hasFocus()  # the step's main input
    assert page.review_view.currentIndex().row() == 0


def test_keys_mark_verdicts_and_undo(qtbot, page: FollowUpPage, store, session_id) -> None:
    view = page.review_view
    qtbot.keyClick(view, Qt.Key.Key_S)
    assert _verdicts(store, session_id) == {"Automate failover": ("slipped", "")}
    assert page.review_model.index(0, VERDICT).data() == "↻ Slipped"
    view.setCurrentIndex(page.review_model.index(1, TASK))
    qtbot.keyClick(view, Qt.Key.Key_C)
    assert _verdicts(store, session_id)["Page on lag"] == ("criteria_not_met", "")
    qtbot.keyClick(view, Qt.Key.Key_D)
    assert _verdicts(store, session_id)["Page on lag"] == ("done", "")
    page.context.undo_stack.undo()
    assert _verdicts(store, session_id)["Page on lag"] == ("criteria_not_met", "")
    qtbot.keyClick(view, Qt.Key.Key_0)
    assert "Page on lag" not in _verdicts(store, session_id)
    page.context.undo_stack.undo()
    assert _verdicts(store, session_id)["Page on lag"] == ("criteria_not_met", "")


def test_verdict_and_note_edited_in_place(page: FollowUpPage, store, session_id) -> None:
    model = page.review_model
    assert not model.flags(model.index(0, NOTE)) & Qt.ItemFlag.ItemIsEditable  # no verdict yet
    model.setData(model.index(0, VERDICT), "done")
    assert model.flags(model.index(0, NOTE)) & Qt.ItemFlag.ItemIsEditable
    model.setData(model.index(0, NOTE), "Drill passed in 4 minutes")
    assert _verdicts(store, session_id) == {
        "Automate failover": ("done", "Drill passed in 4 minutes")
    }
    page.context.undo_stack.undo()
    assert _verdicts(store, session_id) == {"Automate failover": ("done", "")}


def test_own_items_status_in_place(
    qtbot, page: FollowUpPage, store, session_id, monkeypatch
) -> None:
    item = actions.add_action(store, session_id, "Add a canary", owner="Ada")
    page.entered()
    qtbot.waitUntil(lambda: not page.loading)
    assert page.items_model.rowCount() == 1
    assert page.summary.text() == "0 of 1 done · 0 overdue"
    monkeypatch.setattr(
        CompletionDateDialog, "ask", classmethod(lambda cls, *a, **k: date(2026, 11, 2))
    )
    page.items_model.setData(page.items_model.index(0, STATUS), "done")
    assert actions.load_actions(store, session_id)[0].status == "done"
    assert page.summary.text() == "1 of 1 done · 0 overdue"
    page.context.undo_stack.undo()
    assert actions.load_actions(store, session_id)[0].id == item
    assert actions.load_actions(store, session_id)[0].status == "open"


def test_review_model_passes_the_tester(qtmodeltester, page: FollowUpPage) -> None:
    qtmodeltester.check(page.review_model)
    qtmodeltester.check(page.items_model)
    assert isinstance(page.review_model, ReviewModel)
