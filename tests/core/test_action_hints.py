"""The check findings about action items, placed per item (by id) and about the items as a
whole, for the actions page."""

from __future__ import annotations

import pytest

from facilitator import actions, checks
from facilitator.action_hints import action_hints
from facilitator.db.store import Store
from facilitator.findings import Finding


def test_findings_are_placed_by_item_id(store: Store, session_id: str, monkeypatch) -> None:
    first = actions.add_action(store, session_id, "First")
    second = actions.add_action(store, session_id, "Second")

    def fake(_session) -> list[Finding]:
        return [
            Finding("warning", "actions[2]", "vague"),
            Finding("error", "actions[1]", "needs an owner"),
            Finding("warning", "actions", "a root cause nothing addresses"),
            Finding("warning", "actions[9]", "an item that is not there"),
            Finding("warning", "whys[1]", "not about actions"),
        ]

    monkeypatch.setattr(checks, "CHECKS", (fake,))
    hints = action_hints(store, session_id)
    assert {key: [f.message for f in found] for key, found in hints.items.items()} == {
        first: ["needs an owner"],
        second: ["vague"],
    }
    assert [f.message for f in hints.general] == [
        "a root cause nothing addresses",
        "an item that is not there",
    ]


def test_real_checks_run_on_a_session(store: Store, session_id: str) -> None:
    actions.add_action(store, session_id, "Add a canary")
    hints = action_hints(store, session_id)
    assert all(f.section.startswith("actions") for found in hints.items.values() for f in found)


@pytest.fixture
def session_id(store: Store) -> str:
    from facilitator import sessions

    return sessions.create_session(store, "Checkout outage")
