"""Triage of a document over the cap: the chosen items stay committed, the rest go to the
backlog, and the result imports."""

from __future__ import annotations

import pytest

from facilitator import errors
from facilitator.actions import load_actions
from facilitator.db.store import Store
from facilitator.exchange import import_documents
from facilitator.triage import keep_committed, triage_items


def _document(count: int) -> dict:
    items = [
        {"title": f"Item {n}", "priority": "must" if n < 2 else "should"} for n in range(count)
    ]
    items.append({"title": "Idea", "priority": "nice"})
    items.append({"title": "Old", "priority": "must", "status": "dropped", "rationale": "No"})
    return {
        "format": "postmortem-facilitator",
        "version": 1,
        "session": {"title": "T", "actions": items},
    }


def test_items_and_the_default_suggestion() -> None:
    found = triage_items(_document(7))
    assert [item.index for item in found] == list(range(7))  # not the nice or dropped ones
    # The default rule drops the latest should items first.
    assert [item.suggested for item in found] == [True] * 5 + [False] * 2
    assert found[0].priority == "must"


def test_keep_the_chosen_five_and_import(store: Store) -> None:
    document = _document(7)
    triaged, moved = keep_committed(document, [0, 1, 4, 5, 6])
    assert moved == ["Item 2", "Item 3"]
    assert document["session"]["actions"][2]["priority"] == "should"  # the original untouched
    [session_id] = import_documents(store, [("file.json", triaged)])
    priorities = {a.title: a.priority for a in load_actions(store, session_id)}
    assert priorities["Item 2"] == priorities["Item 3"] == "nice"
    assert priorities["Item 6"] == "should"


@pytest.mark.parametrize("keep", [[0, 1, 2, 3, 4, 5], [7]])
def test_refuses_too_many_or_not_committed(keep: list[int]) -> None:
    with pytest.raises(errors.ValidationError):
        keep_committed(_document(7), keep)
