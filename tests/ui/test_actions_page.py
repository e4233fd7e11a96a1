"""The actions page: add from the keyboard, edit in the form, the cap and its way on, status
changes through their dialogs, what an item addresses, undo, and completing the session."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from facilitator import actions, factors, sessions, whys
from facilitator.db.store import Store
from tests.ui.pages import open_page
from ui.models.actions import TITLE, ActionsFilter, ActionsModel
from ui.models.addresses import AddressesModel, load_targets
from ui.steps.actions import ActionsPage
from ui.widgets.action_dialogs import CompletionDateDialog, DropRationaleDialog


@pytest.fixture
def page(qtbot, store, session_id, workers, settings) -> ActionsPage:
    opened = open_page(qtbot, ActionsPage, store, session_id, workers, settings)
    assert isinstance(opened, ActionsPage)
    return opened


def _type_and_enter(qtbot, page: ActionsPage, text: str) -> None:
    page.capture.setText(text)
    qtbot.keyClick(page.capture, Qt.Key.Key_Return)


def _add(store: Store, session_id: str, title: str, **fields) -> str:
    return actions.add_action(store, session_id, title, **fields)


def test_enter_adds_and_undo_takes_it_back(qtbot, page: ActionsPage, store, session_id) -> None:
    assert page.capture.hasFocus()
    _type_and_enter(qtbot, page, "Add a canary stage to deploys")
    saved = actions.load_actions(store, session_id)
    assert [(a.title, a.priority) for a in saved] == [("Add a canary stage to deploys", "should")]
    assert page.capture.text() == ""
    assert page.capture.hasFocus()  # ready for the next one
    assert page.counter.text() == "1 of 5"
    assert page.lists.current_id() == saved[0].id
    assert page.form.title.text() == "Add a canary stage to deploys"
    page.context.undo_stack.undo()
    assert actions.load_actions(store, session_id) == []
    assert page.counter.text() == "0 of 5"
    page.context.undo_stack.redo()
    assert [a.id for a in actions.load_actions(store, session_id)] == [saved[0].id]


def test_form_edits_save_and_undo(qtbot, page: ActionsPage, store, session_id) -> None:
    _type_and_enter(qtbot, page, "Add a canary")
    item_id = page.lists.current_id()
    form = page.form
    form.owner.setFocus()
    qtbot.keyClicks(form.owner, "Ada")
    form.criteria.setFocus()  # focus out saves at once
    form.criteria.setPlainText("A bad deploy stops at 5% of traffic")
    form.flush()
    form.due.chosen.emit(date(2026, 12, 1))
    kind = form.combos["kind"]
    kind.setCurrentIndex(kind.findData("detect"))
    kind.activated.emit(kind.currentIndex())
    view = actions.load_actions(store, session_id)[0]
    assert (view.owner, view.success_criteria, view.due, view.kind) == (
        "Ada",
        "A bad deploy stops at 5% of traffic",
        date(2026, 12, 1),
        "detect",
    )
    stack = page.context.undo_stack
    stack.undo()  # the kind
    stack.undo()  # the deadline
    view = actions.load_actions(store, session_id)[0]
    assert (view.kind, view.due) == ("prevent", None)
    assert form.due.value() is None
    assert form.combos["kind"].currentData() == "prevent"
    assert page.lists.current_id() == item_id


def test_invalid_tracker_link_is_marked_and_not_saved(qtbot, page: ActionsPage, store, session_id):
    _type_and_enter(qtbot, page, "Add a canary")
    page.form.tracker.setText("javascript:alert(1)")
    page.form.flush()
    assert page.form.tracker.property("invalid") == "true"
    assert "http" in page.form.tracker.toolTip()
    assert actions.load_actions(store, session_id)[0].tracker_url == ""
    page.form.tracker.setText("https://tracker.example/OPS-1")
    page.form.flush()
    assert page.form.tracker.property("invalid") == "false"
    assert actions.load_actions(store, session_id)[0].tracker_url == "https://tracker.example/OPS-1"


def test_a_sixth_is_refused_with_a_way_to_the_backlog(
    qtbot, page: ActionsPage, store, session_id
) -> None:
    for n in range(5):
        _type_and_enter(qtbot, page, f"Item {n + 1}")
    assert page.counter.text() == "5 of 5 · full"
    assert page.banner.isHidden()
    _type_and_enter(qtbot, page, "One more thing")
    assert page.banner.isVisible()
    assert "at most 5 must/should" in page.banner.message.text()
    assert "1. Item 1 — Should-fix" in page.banner.toolTip()
    assert page.capture.text() == "One more thing"  # nothing lost
    assert len(actions.load_actions(store, session_id)) == 5
    qtbot.mouseClick(page.banner.nice, Qt.MouseButton.LeftButton)
    saved = actions.load_actions(store, session_id)
    assert [(a.title, a.priority) for a in saved][-1] == ("One more thing", "nice")
    assert page.banner.isHidden()
    assert page.counter.text() == "5 of 5 · full"
    assert page.lists.backlog.rowCount() == 1
    assert page.lists.current_id() == saved[-1].id


def test_raising_a_backlog_item_past_the_cap_is_explained(
    qtbot, page: ActionsPage, store, session_id
) -> None:
    for n in range(5):
        _add(store, session_id, f"Item {n + 1}", priority="must")
    nice = _add(store, session_id, "Later", priority="nice")
    page.model.reload()
    page.lists.select(nice)
    priority = page.form.combos["priority"]
    priority.setCurrentIndex(priority.findData("must"))
    priority.activated.emit(priority.currentIndex())
    assert page.banner.isVisible()
    assert page.banner.nice.isHidden()  # it simply stays in the backlog
    assert priority.currentData() == "nice"  # the form shows what is saved
    assert actions.load_actions(store, session_id)[-1].priority == "nice"


def test_done_asks_the_day_and_dropped_the_reason(
    qtbot, page: ActionsPage, store, session_id, monkeypatch
) -> None:
    sessions.update_session(store, session_id, timezone="UTC")
    page.context.document.update("timezone", "UTC")
    _type_and_enter(qtbot, page, "Add a canary")
    asked: list[str] = []

    def done_on(_parent, title, today=None):
        asked.append(title)
        return date(2026, 1, 5)

    monkeypatch.setattr(
        CompletionDateDialog, "ask", classmethod(lambda cls, *a, **k: done_on(*a, **k))
    )
    page.form.change_status("done")
    view = actions.load_actions(store, session_id)[0]
    assert asked == ["Add a canary"]
    assert view.status == "done"
    assert view.completed_at is not None
    assert view.completed_at.date() == date(2026, 1, 5)
    assert page.form.completed.text() == "✓ Done on 2026-01-05"
    page.context.undo_stack.undo()
    view = actions.load_actions(store, session_id)[0]
    assert (view.status, view.completed_at) == ("open", None)

    monkeypatch.setattr(DropRationaleDialog, "ask", classmethod(lambda cls, *a: None))
    page.form.change_status("dropped")  # cancelled: nothing changes
    assert actions.load_actions(store, session_id)[0].status == "open"
    monkeypatch.setattr(DropRationaleDialog, "ask", classmethod(lambda cls, *a: "Superseded"))
    page.form.change_status("dropped")
    view = actions.load_actions(store, session_id)[0]
    assert (view.status, view.rationale) == ("dropped", "Superseded")
    assert page.lists.backlog.rowCount() == 1  # dropped items do not count
    assert page.counter.text() == "0 of 5"


def test_addresses_are_picked_from_factors_and_chains(
    qtbot, page: ActionsPage, store, session_id
) -> None:
    factor = factors.add_factor(store, session_id, text="Retries without backoff")
    chain = whys.add_chain(store, session_id, problem="Pool exhausted", root_cause="No budget")
    _type_and_enter(qtbot, page, "Add backoff")
    page.entered()
    model = page.addresses
    assert model.rowCount() == 2
    assert model.index(0).data() == "Retries without backoff"
    assert model.index(1).data() == "Why chain 1: No budget"
    model.setData(model.index(1), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    model.setData(model.index(0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert actions.load_actions(store, session_id)[0].addresses == (factor, chain)
    assert model.index(0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    page.context.undo_stack.undo()
    assert actions.load_actions(store, session_id)[0].addresses == (chain,)
    assert model.index(0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked


def test_keys_move_and_delete_in_the_list(qtbot, page: ActionsPage, store, session_id) -> None:
    first = _add(store, session_id, "First")
    _add(store, session_id, "Nice idea", priority="nice")
    second = _add(store, session_id, "Second")
    page.model.reload()
    page.lists.select(second)
    page.lists.focus_current()
    view = page.lists.committed_view
    assert view.hasFocus()
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [a.title for a in actions.load_actions(store, session_id)] == [
        "Second",
        "First",
        "Nice idea",
    ]
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert [a.id for a in actions.load_actions(store, session_id)][:1] == [first]
    page.context.undo_stack.undo()
    assert actions.load_actions(store, session_id)[0].id == second
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert page.form.title.hasFocus()


def test_completion_says_what_is_missing(qtbot, page: ActionsPage, store, session_id) -> None:
    item = _add(store, session_id, "Add a canary", owner="Ada")
    page.model.reload()
    page.refresh_counts()
    text = page.completeness.text()
    assert "Item 1, “Add a canary”, needs a deadline and success criteria" in text
    assert "actions[" not in text  # the room sees the numbers the list shows, not check's ids
    page.mark_completed()
    assert sessions.load_session(store, session_id).status == "draft"
    assert page.lists.current_id() == item
    actions.update_action(
        store, session_id, item, due=date(2026, 12, 1), success_criteria="Stops at 5%"
    )
    page.mark_completed()
    assert sessions.load_session(store, session_id).status == "completed"
    assert "marked completed" in page.completeness.text()
    page.context.undo_stack.undo()
    assert sessions.load_session(store, session_id).status == "draft"


def test_check_findings_show_beside_each_item(
    qtbot, page: ActionsPage, store, session_id, monkeypatch
) -> None:
    from facilitator import checks
    from facilitator.findings import Finding

    item = _add(store, session_id, "Be more careful")

    def fake(_session) -> list[Finding]:
        return [
            Finding("warning", "actions[1]", "vague task"),
            Finding("warning", "actions", "root cause not addressed"),
        ]

    monkeypatch.setattr(checks, "CHECKS", (fake,))
    page.model.reload()
    page.lists.select(item)
    page.refresh_hints()
    qtbot.waitUntil(lambda: bool(page.model.findings_of(item)))
    assert [f.message for f in page.model.findings_of(item)] == ["vague task"]
    assert "⚠ vague task" in page.form.findings.text()
    assert page.general.text() == "⚠ root cause not addressed"
    notes = page.lists.committed.index(0, 5).data()
    assert notes == "⚠ 1"


def test_models_pass_the_model_tester(qtmodeltester, store: Store, session_id: str) -> None:
    _add(store, session_id, "First", owner="Ada")
    _add(store, session_id, "Nice", priority="nice")
    model = ActionsModel(store, session_id)
    qtmodeltester.check(model)
    for committed in (True, False):
        proxy = ActionsFilter(model, committed)
        qtmodeltester.check(proxy)
        assert proxy.rowCount() == 1
    factors.add_factor(store, session_id, text="A factor")
    addresses = AddressesModel()
    addresses.set_targets(load_targets(store, session_id))
    addresses.set_checked(())
    qtmodeltester.check(addresses)
    assert model.index(0, TITLE).data() == "First"
    QApplication.processEvents()
