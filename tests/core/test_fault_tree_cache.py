"""What the canvas relies on to stay quick on a big tree, and must never get wrong: cut sets
remembered per tree shape (and forgotten on every change of shape), one factor's new fields
put into a tree already read, and a subtree deleted in a few statements."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event

from facilitator import factors, fault_tree, sessions
from facilitator.db.store import Store, open_store
from facilitator.fault_tree import (
    FaultNode,
    TooManyCutSetsError,
    minimal_cut_sets,
    open_cut_sets,
    structure_key,
    with_fields,
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    opened = open_store(tmp_path_factory.mktemp("cache") / "sessions.sqlite")
    yield opened
    opened.close()


@pytest.fixture
def sid(store: Store) -> str:
    return sessions.create_session(store, "Checkout outage")


@pytest.fixture
def expansions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each real expansion of a tree (not an answer remembered), by the tree's top id."""
    fault_tree.forget_cut_sets()
    calls: list[str] = []
    expand = fault_tree._expand

    def counted(node: FaultNode, blocked: frozenset[str], limit: int) -> Any:
        if node.category is None:  # the top event: one whole expansion
            calls.append(node.id)
        return expand(node, blocked, limit)

    monkeypatch.setattr(fault_tree, "_expand", counted)
    return calls


def names(root: FaultNode, sets: list[frozenset[str]]) -> list[set[str]]:
    text = {node.id: node.text for node in root.walk()}
    return [{text[i] for i in cut} for cut in sets]


def build(store: Store, sid: str) -> dict[str, str]:
    """Incident ← OR(A = AND(a1, a2), B)."""
    a = factors.add_factor(store, sid, None, text="A", gate="and")
    ids = {"A": a, "B": factors.add_factor(store, sid, None, text="B")}
    ids["a1"] = factors.add_factor(store, sid, a, text="a1")
    ids["a2"] = factors.add_factor(store, sid, a, text="a2")
    return ids


def cuts(store: Store, sid: str) -> list[set[str]]:
    root = factors.load_tree(store, sid)
    return names(root, minimal_cut_sets(root))


def test_a_field_edit_reuses_the_cut_sets_and_every_change_of_shape_recomputes_them(
    store: Store, sid: str, expansions: list[str]
) -> None:
    ids = build(store, sid)
    assert cuts(store, sid) == [{"B"}, {"a1", "a2"}]
    assert len(expansions) == 1
    factors.edit_factor(store, sid, ids["a1"], text="a1", category="process", unknown=True)
    assert cuts(store, sid) == [{"B"}, {"a1", "a2"}]
    assert len(expansions) == 1  # text, category and "?" open or close no path

    factors.edit_factor(store, sid, ids["A"], gate="or")  # a gate change
    assert cuts(store, sid) == [{"a1"}, {"a2"}, {"B"}]
    factors.edit_factor(store, sid, ids["A"], gate="and")
    factors.move_factor(store, sid, ids["B"], ids["A"])  # a reparent: A needs B too
    assert cuts(store, sid) == [{"a1", "a2", "B"}]
    deleted = factors.delete_factor(store, sid, ids["a2"])  # a delete
    assert cuts(store, sid) == [{"a1", "B"}]
    factors.restore_factors(store, sid, deleted)  # and its undo: the first shape again
    assert cuts(store, sid) == [{"a1", "a2", "B"}]
    factors.reorder_factors(store, sid, ids["A"], [ids["B"], ids["a1"], ids["a2"]])
    assert cuts(store, sid) == [{"B", "a1", "a2"}]
    assert len(expansions) == 5  # one per new shape; the restored one was remembered


def test_the_addressed_factors_are_part_of_what_is_remembered(expansions: list[str]) -> None:
    tree = FaultNode("top", "Outage", children=(FaultNode("x", "X", "technical"),))
    assert open_cut_sets(tree, []) == [frozenset({"x"})]
    assert open_cut_sets(tree, ["x"]) == []
    assert open_cut_sets(tree, ["x", "not in the tree"]) == []  # the same question
    assert len(expansions) == 2


def test_an_answer_handed_out_cannot_change_the_remembered_one(expansions: list[str]) -> None:
    tree = FaultNode("top", "Outage", children=(FaultNode("x", "X", "technical"),))
    minimal_cut_sets(tree).clear()
    assert minimal_cut_sets(tree) == [frozenset({"x"})]


def test_a_tree_with_too_many_paths_is_refused_again_from_memory(expansions: list[str]) -> None:
    wide = FaultNode(
        "top",
        "Outage",
        gate="and",
        children=tuple(
            FaultNode(
                f"g{i}",
                "",
                "process",
                children=tuple(FaultNode(f"l{i}{j}", "", "process") for j in range(10)),
            )
            for i in range(5)
        ),
    )
    for _ in range(2):
        with pytest.raises(TooManyCutSetsError):
            minimal_cut_sets(wide, max_sets=1_000)
    assert len(expansions) == 1


def test_the_shape_leaves_out_what_cannot_open_or_close_a_path() -> None:
    plain = FaultNode("top", "T", children=(FaultNode("x", "X", "technical"),))
    edited = FaultNode("top", "T2", children=(FaultNode("x", "Y", "process", unknown=True),))
    gated = FaultNode("top", "T", children=(FaultNode("x", "X", "technical", gate="and"),))
    assert structure_key(plain) == structure_key(edited)
    assert structure_key(plain) == structure_key(gated)  # a gate on a leaf counts for nothing
    moved = FaultNode("top", "T", children=(FaultNode("x", "X", children=(FaultNode("y", "Y"),)),))
    flat = FaultNode("top", "T", children=(FaultNode("x", "X"), FaultNode("y", "Y")))
    assert structure_key(moved) != structure_key(flat)


def test_one_factors_fields_put_into_a_tree_match_reading_it_again(store: Store, sid: str) -> None:
    ids = build(store, sid)
    kept = factors.load_tree(store, sid)
    edits: list[dict[str, Any]] = [
        {"text": "a1 changed"},
        {"category": "communication"},
        {"unknown": True},
        {"gate": "or"},
        {"gate": None},
    ]
    for name, edit in zip(["a1", "a2", "B", "A", "A"], edits, strict=True):
        factors.edit_factor(store, sid, ids[name], **edit)
        patched = with_fields(kept, factors.load_factor(store, sid, ids[name]))
        assert patched == factors.load_tree(store, sid)
        assert patched is not None
        kept = patched
    untouched = kept.children[1]
    again = with_fields(kept, factors.load_factor(store, sid, ids["a1"]))
    assert again is not None
    assert again.children[1] is untouched  # only the way down to the factor is copied


def test_fields_of_a_factor_not_in_the_tree_give_none(store: Store, sid: str) -> None:
    ids = build(store, sid)
    kept = factors.load_tree(store, sid)
    factors.delete_factor(store, sid, ids["B"])
    stranger = FaultNode("elsewhere", "X", "technical")
    assert with_fields(kept, stranger) is None


def test_deleting_a_subtree_takes_a_few_statements_whatever_its_size(
    store: Store, sid: str
) -> None:
    top = factors.add_factor(store, sid, None, text="Deploy")
    below = [top]
    for i in range(40):
        below.append(factors.add_factor(store, sid, below[i // 3], text=f"Cause {i}"))
    statements: list[str] = []

    def seen(_conn: object, _cursor: object, sql: str, *_args: object) -> None:
        statements.append(sql)

    event.listen(store.engine, "before_cursor_execute", seen)
    try:
        deleted = factors.delete_factor(store, sid, top)
    finally:
        event.remove(store.engine, "before_cursor_execute", seen)
    assert len(deleted.rows) == 41
    assert sum(sql.lstrip().upper().startswith("DELETE") for sql in statements) == 3
    assert len(statements) < 15
    factors.restore_factors(store, sid, deleted)
    assert sum(1 for _ in factors.load_tree(store, sid).walk()) == 42
