"""Went well, went poorly, lucky and the parking lot: fast capture, edits, order, undo."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from facilitator import errors, lists, sessions
from facilitator.db.store import Store


@pytest.fixture
def session_id(store: Store) -> str:
    return sessions.create_session(store, "Checkout outage")


def texts(store: Store, session_id: str, list_name: str = "went_well") -> list[str]:
    return [item.text for item in lists.load_items(store, session_id, list_name)]


def test_lists_are_separate_and_ordered(store: Store, session_id: str) -> None:
    lists.add_item(store, session_id, "went_well", "Alert fired fast")
    lists.add_item(store, session_id, "went_poorly", "No runbook")
    lists.add_item(store, session_id, "went_well", "Rollback was easy")
    lists.add_item(store, session_id, "went_well", "Clear comms", index=0)
    lists.add_item(store, session_id, "parking_lot", "Budget for staging")
    assert texts(store, session_id) == ["Clear comms", "Alert fired fast", "Rollback was easy"]
    assert texts(store, session_id, "went_poorly") == ["No runbook"]
    assert texts(store, session_id, "lucky") == []
    snapshot = sessions.load_session(store, session_id)
    assert [i.text for i in lists.items(snapshot, "went_well")] == texts(store, session_id)
    assert [i.position for i in lists.items(snapshot, "went_well")] == [0, 1, 2]
    assert [i.text for i in lists.items(snapshot, "parking_lot")] == ["Budget for staging"]


@pytest.mark.parametrize(
    ("list_name", "text", "problem"),
    [
        ("went_sideways", "x", "list: must be one of went_well"),
        ("lucky", "   ", "text: must not be empty"),
        ("lucky", "x" * 20_001, "text: longer than"),
    ],
)
def test_bad_items_are_refused(
    store: Store, session_id: str, list_name: str, text: str, problem: str
) -> None:
    with pytest.raises(errors.ValidationError, match=problem):
        lists.add_item(store, session_id, list_name, text)


def test_unknown_list_is_refused_when_reading(store: Store, session_id: str) -> None:
    with pytest.raises(errors.ValidationError, match="list"):
        lists.load_items(store, session_id, "nope")


def test_update_returns_the_previous_text_and_accepts_blank(store: Store, session_id: str) -> None:
    item_id = lists.add_item(store, session_id, "lucky", "Low traffic")
    assert lists.update_item(store, session_id, item_id, "") == "Low traffic"
    assert texts(store, session_id, "lucky") == [""]
    assert lists.update_item(store, session_id, item_id, "Low traffic") == ""
    assert texts(store, session_id, "lucky") == ["Low traffic"]


def test_remove_and_restore_exactly(store: Store, session_id: str) -> None:
    ids = [lists.add_item(store, session_id, "went_poorly", t) for t in ("a", "b", "c")]
    lists.add_item(store, session_id, "went_well", "other list")
    record = lists.remove_item(store, session_id, ids[1])
    assert record == lists.ItemRecord(ids[1], "went_poorly", 1, "b")
    assert [i.position for i in lists.load_items(store, session_id, "went_poorly")] == [0, 1]
    lists.restore_item(store, session_id, record)
    stored = lists.load_items(store, session_id, "went_poorly")
    assert [(i.id, i.position, i.text) for i in stored] == [
        (ids[n], n, t) for n, t in enumerate("abc")
    ]
    assert texts(store, session_id) == ["other list"]
    with pytest.raises(errors.ValidationError, match="already exists"):
        lists.restore_item(store, session_id, record)


def test_move_stays_within_the_list(store: Store, session_id: str) -> None:
    ids = [lists.add_item(store, session_id, "went_well", t) for t in ("a", "b", "c")]
    lists.add_item(store, session_id, "lucky", "z")
    assert lists.move_item(store, session_id, ids[0], 2) == 0
    assert texts(store, session_id) == ["b", "c", "a"]
    with pytest.raises(errors.ValidationError, match="between 0 and 2"):
        lists.move_item(store, session_id, ids[0], 3)
    assert lists.move_item(store, session_id, ids[0], 0) == 2
    assert texts(store, session_id) == ["a", "b", "c"]
    assert texts(store, session_id, "lucky") == ["z"]


def test_edits_mark_the_session_changed(store: Store, session_id: str) -> None:
    before = sessions.load_session(store, session_id).updated_at
    item_id = lists.add_item(store, session_id, "went_well", "a")
    after_add = sessions.load_session(store, session_id).updated_at
    assert after_add > before
    lists.update_item(store, session_id, item_id, "a")  # nothing changed
    lists.move_item(store, session_id, item_id, 0)
    assert sessions.load_session(store, session_id).updated_at == after_add


def test_other_sessions_items_are_not_found(store: Store, session_id: str) -> None:
    theirs = lists.add_item(store, sessions.create_session(store, "Other"), "lucky", "x")
    with pytest.raises(errors.NotFoundError, match="no list item"):
        lists.update_item(store, session_id, theirs, "y")


@settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_moves_keep_positions_dense_and_are_a_permutation(
    store: Store, data: st.DataObject
) -> None:
    session_id = sessions.create_session(store, "property")
    count = data.draw(st.integers(1, 6))
    ids = [lists.add_item(store, session_id, "went_poorly", str(i)) for i in range(count)]
    order = list(ids)
    for _ in range(data.draw(st.integers(1, 4))):
        moved = data.draw(st.sampled_from(ids))
        new_index = data.draw(st.integers(0, count - 1))
        lists.move_item(store, session_id, moved, new_index)
        order.remove(moved)
        order.insert(new_index, moved)
    stored = lists.load_items(store, session_id, "went_poorly")
    assert [i.id for i in stored] == order
    assert [i.position for i in stored] == list(range(count))
