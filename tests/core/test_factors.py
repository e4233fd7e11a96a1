"""Editing the factor tree over a real database: positions, reparenting, cycles, undo data."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from facilitator import errors, factors, sessions
from facilitator.db import models as m
from facilitator.db.store import Store, open_store
from facilitator.fault_tree import FaultNode


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One database for the module: opening one runs every migration (~0.15 s), and each
    test works inside its own new session, which isolates it well enough."""
    opened = open_store(tmp_path_factory.mktemp("factors") / "sessions.sqlite")
    yield opened
    opened.close()


@pytest.fixture
def sid(store: Store) -> str:
    return sessions.create_session(store, "Checkout outage")


def shape(node: FaultNode) -> Any:
    """The tree as nested (text, children) pairs: what the room sees, without the ids."""
    return [(child.text, shape(child)) if child.children else child.text for child in node.children]


def positions(store: Store, sid: str) -> dict[str | None, list[int]]:
    with store.session() as db:
        rows = db.scalars(select(m.Factor).where(m.Factor.session_id == sid))
        found: dict[str | None, list[int]] = {}
        for row in rows:
            found.setdefault(row.parent_id, []).append(row.position)
    return {parent: sorted(values) for parent, values in found.items()}


def assert_positions_dense(store: Store, sid: str) -> None:
    for values in positions(store, sid).values():
        assert values == list(range(len(values)))


def updated_at(store: Store, sid: str) -> datetime:
    return sessions.load_session(store, sid).updated_at


def build(store: Store, sid: str) -> dict[str, str]:
    """A: (A1, A2 (A2a)), B: the ids by text."""
    ids: dict[str, str] = {}
    ids["A"] = factors.add_factor(store, sid, text="A", category="process", gate="and")
    ids["B"] = factors.add_factor(store, sid, text="B")
    ids["A1"] = factors.add_child(store, sid, ids["A"], text="A1")
    ids["A2"] = factors.add_child(store, sid, ids["A"], text="A2")
    ids["A2a"] = factors.add_child(store, sid, ids["A2"], text="A2a")
    return ids


def test_load_tree_puts_the_title_on_top(store: Store, sid: str) -> None:
    build(store, sid)
    tree = factors.load_tree(store, sid)
    assert (tree.id, tree.text, tree.gate) == (sid, "Checkout outage", "or")
    assert shape(tree) == [("A", ["A1", ("A2", ["A2a"])]), "B"]
    assert_positions_dense(store, sid)


def test_children_inherit_their_parents_category(store: Store, sid: str) -> None:
    ids = build(store, sid)
    tree = factors.load_tree(store, sid)
    a = tree.find(ids["A"])
    assert a is not None
    assert {child.category for child in a.children} == {"process"}
    assert tree.find(ids["B"]) == FaultNode(ids["B"], "B", "technical")


def test_add_sibling_goes_right_after_and_copies_the_category(store: Store, sid: str) -> None:
    ids = build(store, sid)
    factors.add_sibling(store, sid, ids["A1"], text="A1.5")
    factors.add_sibling(store, sid, ids["B"], text="C", category="external")
    tree = factors.load_tree(store, sid)
    assert shape(tree) == [("A", ["A1", "A1.5", ("A2", ["A2a"])]), "B", "C"]
    a = tree.find(ids["A"])
    assert a is not None
    assert a.children[1].category == "process"
    assert tree.children[2].category == "external"
    assert_positions_dense(store, sid)


def test_add_at_a_position_inserts(store: Store, sid: str) -> None:
    build(store, sid)
    factors.add_factor(store, sid, text="first", position=0)
    assert shape(factors.load_tree(store, sid))[0] == "first"
    assert_positions_dense(store, sid)


def test_edit_changes_only_what_is_given(store: Store, sid: str) -> None:
    ids = build(store, sid)
    factors.edit_factor(store, sid, ids["A"], text="A!")
    factors.edit_factor(store, sid, ids["A"], category="communication")
    a = factors.load_tree(store, sid).find(ids["A"])
    assert a is not None
    assert (a.text, a.category, a.gate) == ("A!", "communication", "and")
    factors.edit_factor(store, sid, ids["A"], gate=None)
    a = factors.load_tree(store, sid).find(ids["A"])
    assert a is not None
    assert a.gate is None
    assert a.effective_gate == "or"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"category": "people"}, "category"),
        ({"gate": "xor"}, "gate"),
        ({"text": 3}, "text"),
        ({"text": "x" * 20_001}, "text"),
    ],
)
def test_edit_refuses_bad_values(
    store: Store, sid: str, changes: dict[str, Any], field: str
) -> None:
    ids = build(store, sid)
    with pytest.raises(errors.ValidationError) as caught:
        factors.edit_factor(store, sid, ids["A"], **changes)
    assert caught.value.where == field


def test_add_refuses_a_bad_position_and_an_unknown_parent(store: Store, sid: str) -> None:
    build(store, sid)
    with pytest.raises(errors.ValidationError):
        factors.add_factor(store, sid, text="x", position=9)
    with pytest.raises(errors.NotFoundError):
        factors.add_factor(store, sid, "no-such-factor", text="x")
    with pytest.raises(errors.NotFoundError):
        factors.add_factor(store, "no-such-session", text="x")


def test_factors_of_another_session_are_not_found(store: Store, sid: str) -> None:
    ids = build(store, sid)
    other = sessions.create_session(store, "Other")
    with pytest.raises(errors.NotFoundError):
        factors.edit_factor(store, other, ids["A"], text="stolen")
    with pytest.raises(errors.NotFoundError):
        factors.add_child(store, other, ids["A"], text="x")


def test_move_reparents_a_subtree_and_renumbers_both_sides(store: Store, sid: str) -> None:
    ids = build(store, sid)
    original = factors.load_tree(store, sid)
    first = factors.move_factor(store, sid, ids["A2"], ids["B"])
    assert first == (ids["A"], 1)
    assert shape(factors.load_tree(store, sid)) == [("A", ["A1"]), ("B", [("A2", ["A2a"])])]
    second = factors.move_factor(store, sid, ids["A1"], None, 0)
    assert second == (ids["A"], 0)
    assert shape(factors.load_tree(store, sid)) == ["A1", "A", ("B", [("A2", ["A2a"])])]
    assert_positions_dense(store, sid)
    factors.move_factor(store, sid, ids["A1"], *second)  # the undo, last move first
    factors.move_factor(store, sid, ids["A2"], *first)
    assert factors.load_tree(store, sid) == original


def test_move_within_the_same_parent_reorders(store: Store, sid: str) -> None:
    ids = build(store, sid)
    factors.move_factor(store, sid, ids["A1"], ids["A"], 1)
    assert shape(factors.load_tree(store, sid))[0] == ("A", [("A2", ["A2a"]), "A1"])
    assert_positions_dense(store, sid)


@pytest.mark.parametrize("target", ["A", "A2", "A2a"])
def test_move_refuses_a_cycle(store: Store, sid: str, target: str) -> None:
    ids = build(store, sid)
    before = factors.load_tree(store, sid)
    with pytest.raises(errors.ValidationError) as caught:
        factors.move_factor(store, sid, ids["A"], ids[target])
    assert caught.value.where == "parent_id"
    assert factors.load_tree(store, sid) == before


def test_the_tree_depth_is_bounded(store: Store, sid: str) -> None:
    parent = None
    for level in range(factors.MAX_DEPTH):
        parent = factors.add_factor(store, sid, parent, text=f"level {level + 1}")
    assert parent is not None
    with pytest.raises(errors.ValidationError):
        factors.add_child(store, sid, parent, text="one too deep")
    other = factors.add_factor(store, sid, text="small")
    factors.add_child(store, sid, other, text="below")
    with pytest.raises(errors.ValidationError):
        factors.move_factor(store, sid, other, parent)


def test_reorder_sets_the_given_order(store: Store, sid: str) -> None:
    ids = build(store, sid)
    factors.reorder_factors(store, sid, None, [ids["B"], ids["A"]])
    factors.reorder_factors(store, sid, ids["A"], [ids["A2"], ids["A1"]])
    assert shape(factors.load_tree(store, sid)) == ["B", ("A", [("A2", ["A2a"]), "A1"])]
    assert_positions_dense(store, sid)


@pytest.mark.parametrize("wrong", [["A"], ["A", "B", "A"], ["A", "A1"]])
def test_reorder_refuses_anything_but_a_permutation(
    store: Store, sid: str, wrong: list[str]
) -> None:
    ids = build(store, sid)
    with pytest.raises(errors.ValidationError):
        factors.reorder_factors(store, sid, None, [ids[name] for name in wrong])


def add_action(store: Store, sid: str, *factor_ids: str, status: str = "open") -> str:
    with store.session() as db:
        action = m.ActionItem(
            id=m.new_id(),
            session_id=sid,
            title="Add a canary stage",
            status=status,
            addresses=[m.ActionTarget(factor_id=f, position=i) for i, f in enumerate(factor_ids)],
        )
        db.add(action)
    return action.id


def test_delete_takes_the_subtree_and_restore_puts_it_back(store: Store, sid: str) -> None:
    ids = build(store, sid)
    add_action(store, sid, ids["A2a"], ids["B"])
    before = factors.load_tree(store, sid)
    deleted = factors.delete_factor(store, sid, ids["A"])
    assert [row.text for row in deleted.rows] == ["A", "A1", "A2", "A2a"]
    assert [t.factor_id for t in deleted.targets] == [ids["A2a"]]
    assert shape(factors.load_tree(store, sid)) == ["B"]
    assert_positions_dense(store, sid)
    session = sessions.load_session(store, sid)
    assert [[t.factor_id for t in a.addresses] for a in session.actions] == [[ids["B"]]]

    factors.restore_factors(store, sid, deleted)
    assert factors.load_tree(store, sid) == before
    session = sessions.load_session(store, sid)
    assert [[t.factor_id for t in a.addresses] for a in session.actions] == [[ids["A2a"], ids["B"]]]
    assert_positions_dense(store, sid)


def test_restore_skips_links_to_actions_deleted_since(store: Store, sid: str) -> None:
    ids = build(store, sid)
    action = add_action(store, sid, ids["B"])
    deleted = factors.delete_factor(store, sid, ids["B"])
    with store.session() as db:
        db.delete(db.get(m.ActionItem, action))
    factors.restore_factors(store, sid, deleted)
    assert shape(factors.load_tree(store, sid))[-1] == "B"


def test_delete_a_middle_sibling_renumbers(store: Store, sid: str) -> None:
    ids = build(store, sid)
    factors.add_child(store, sid, ids["A"], text="A3")
    factors.delete_factor(store, sid, ids["A2"])
    assert shape(factors.load_tree(store, sid))[0] == ("A", ["A1", "A3"])
    assert_positions_dense(store, sid)


Edit = Callable[[Store, str, dict[str, str]], object]
EDITS: dict[str, Edit] = {
    "add": lambda s, sid, ids: factors.add_factor(s, sid, text="x"),
    "child": lambda s, sid, ids: factors.add_child(s, sid, ids["B"], text="x"),
    "sibling": lambda s, sid, ids: factors.add_sibling(s, sid, ids["B"], text="x"),
    "edit": lambda s, sid, ids: factors.edit_factor(s, sid, ids["B"], text="x"),
    "move": lambda s, sid, ids: factors.move_factor(s, sid, ids["B"], ids["A"]),
    "reorder": lambda s, sid, ids: factors.reorder_factors(s, sid, None, [ids["B"], ids["A"]]),
    "delete": lambda s, sid, ids: factors.delete_factor(s, sid, ids["B"]),
    "unknown": lambda s, sid, ids: factors.edit_factor(s, sid, ids["B"], unknown=True),
    "evidence": lambda s, sid, ids: factors.set_evidence(s, sid, ids["B"], []),
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_every_edit_touches_the_session(store: Store, sid: str, name: str) -> None:
    ids = build(store, sid)
    before = updated_at(store, sid)
    EDITS[name](store, sid, ids)
    assert updated_at(store, sid) > before


def test_a_refused_edit_changes_nothing(store: Store, sid: str) -> None:
    ids = build(store, sid)
    before = updated_at(store, sid)
    with pytest.raises(errors.ValidationError):
        factors.edit_factor(store, sid, ids["A"], text="fine", category="bogus")
    assert updated_at(store, sid) == before
    a = factors.load_tree(store, sid).find(ids["A"])
    assert a is not None
    assert a.text == "A"


# --- "?" marks and evidence ---------------------------------------------------------------


def add_entries(store: Store, sid: str, *texts: str) -> list[str]:
    """Timeline entries straight into the database: this module only cites them."""
    with store.session() as db:
        entries = [
            m.TimelineEntry(
                id=m.new_id(), session_id=sid, at=datetime(2026, 3, 1, 12, i, tzinfo=UTC), text=t
            )
            for i, t in enumerate(texts)
        ]
        db.add_all(entries)
    return [entry.id for entry in entries]


def test_unknown_is_set_on_add_and_by_edit(store: Store, sid: str) -> None:
    top = factors.add_factor(store, sid, text="Suspected", unknown=True)
    child = factors.add_child(store, sid, top, text="Child", unknown=True)
    sibling = factors.add_sibling(store, sid, top, text="Known")
    tree = factors.load_tree(store, sid)
    assert [tree.find(i).unknown for i in (top, child, sibling)] == [True, True, False]  # type: ignore[union-attr]
    factors.edit_factor(store, sid, top, unknown=False)
    factors.edit_factor(store, sid, sibling, unknown=True, text="Known?")
    tree = factors.load_tree(store, sid)
    assert [tree.find(i).unknown for i in (top, sibling)] == [False, True]  # type: ignore[union-attr]
    with pytest.raises(errors.ValidationError) as caught:
        factors.edit_factor(store, sid, top, unknown="yes")  # type: ignore[arg-type]
    assert caught.value.where == "unknown"


def test_set_evidence_cites_entries_in_order_and_returns_the_previous(
    store: Store, sid: str
) -> None:
    ids = build(store, sid)
    e1, e2, e3 = add_entries(store, sid, "alert", "page", "rollback")
    assert factors.set_evidence(store, sid, ids["A1"], [e3, e1, e3]) == []
    assert factors.load_tree(store, sid).find(ids["A1"]).evidence == (e3, e1)  # type: ignore[union-attr]
    assert factors.set_evidence(store, sid, ids["A1"], [e1, e2]) == [e3, e1]
    assert factors.load_tree(store, sid).find(ids["A1"]).evidence == (e1, e2)  # type: ignore[union-attr]
    assert factors.set_evidence(store, sid, ids["A1"], [e3, e1]) == [e1, e2]  # the undo
    assert factors.load_tree(store, sid).find(ids["A1"]).evidence == (e3, e1)  # type: ignore[union-attr]
    session = sessions.load_session(store, sid)  # a full snapshot carries it too
    by_id = {f.id: f for f in session.factors}
    assert [link.entry_id for link in by_id[ids["A1"]].evidence] == [e3, e1]
    assert factors.set_evidence(store, sid, ids["A1"], []) == [e3, e1]
    assert factors.load_tree(store, sid).find(ids["A1"]).evidence == ()  # type: ignore[union-attr]


def test_set_evidence_refuses_entries_of_another_session(store: Store, sid: str) -> None:
    ids = build(store, sid)
    (mine,) = add_entries(store, sid, "mine")
    other = sessions.create_session(store, "Other")
    (theirs,) = add_entries(store, other, "theirs")
    factors.set_evidence(store, sid, ids["B"], [mine])
    before = updated_at(store, sid)
    for wrong in (theirs, "no-such-entry"):
        with pytest.raises(errors.NotFoundError):
            factors.set_evidence(store, sid, ids["B"], [mine, wrong])
    with pytest.raises(errors.NotFoundError):
        factors.set_evidence(store, other, ids["B"], [theirs])
    assert factors.load_tree(store, sid).find(ids["B"]).evidence == (mine,)  # type: ignore[union-attr]
    assert updated_at(store, sid) == before


def test_delete_and_restore_keep_marks_and_evidence(store: Store, sid: str) -> None:
    ids = build(store, sid)
    e1, e2 = add_entries(store, sid, "alert", "page")
    factors.edit_factor(store, sid, ids["A2a"], unknown=True)
    factors.set_evidence(store, sid, ids["A2a"], [e2, e1])
    factors.set_evidence(store, sid, ids["A"], [e1])
    before = factors.load_tree(store, sid)
    deleted = factors.delete_factor(store, sid, ids["A"])
    assert deleted.rows[-1].unknown
    assert deleted.rows[-1].evidence == (e2, e1)
    gone = [row.id for row in deleted.rows]
    with store.session() as db:  # none left behind
        assert (
            db.scalars(select(m.FactorEvidence).where(m.FactorEvidence.factor_id.in_(gone))).all()
            == []
        )
    factors.restore_factors(store, sid, deleted)
    assert factors.load_tree(store, sid) == before

    # An entry deleted in between is no longer cited; the rest comes back.
    deleted = factors.delete_factor(store, sid, ids["A"])
    with store.session() as db:
        db.delete(db.get(m.TimelineEntry, e2))
    factors.restore_factors(store, sid, deleted)
    tree = factors.load_tree(store, sid)
    assert tree.find(ids["A2a"]).evidence == (e1,)  # type: ignore[union-attr]
    assert tree.find(ids["A2a"]).unknown  # type: ignore[union-attr]
