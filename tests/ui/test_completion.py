"""Meeting > Mark the session completed…: refused with exactly what is missing (and a way
there), or done as one undoable step."""

from __future__ import annotations

from datetime import date

from facilitator import actions, sessions
from tests.ui.helpers import session_window
from ui.session.completion import BlockersDialog


def test_menu_completes_or_says_what_is_missing(
    qtbot, store, session_id, style, settings, workers, clock, monkeypatch
) -> None:
    item = actions.add_action(store, session_id, "Add a canary", owner="Ada")
    window = session_window(qtbot, store, session_id, style, settings, workers, clock)
    shown: list[list[str]] = []

    def answer(_parent, blockers) -> bool:
        shown.append([b.describe() for b in blockers])
        return True  # "Go to the action items"

    monkeypatch.setattr(BlockersDialog, "ask", classmethod(lambda cls, *a: answer(*a)))
    window.actions_["complete"].trigger()
    assert shown == [['actions[1] "Add a canary" needs a deadline and success criteria']]
    assert sessions.load_session(store, session_id).status == "draft"
    assert window.current == "actions"
    assert window.pages["actions"].lists.current_id() == item

    actions.update_action(store, session_id, item, due=date(2026, 12, 1), success_criteria="5%")
    window.actions_["complete"].trigger()
    assert sessions.load_session(store, session_id).status == "completed"
    assert window.document.value("status") == "completed"
    window.undo_stack.undo()
    assert sessions.load_session(store, session_id).status == "draft"


def test_blockers_dialog_lists_each_item(qtbot) -> None:
    blockers = [actions.Blocker("a", 2, "Add a canary", ("owner", "due"))]
    dialog = BlockersDialog(blockers)
    qtbot.addWidget(dialog)
    assert dialog.list.text() == '•  actions[2] "Add a canary" needs an owner and a deadline'
