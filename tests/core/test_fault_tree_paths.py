"""The open paths the factors canvas highlights: the action links read from the database,
the boxes on open paths, and a tree too big to expand."""

from __future__ import annotations

from facilitator import factors, sessions
from facilitator.db import models as m
from facilitator.fault_tree import FaultNode, addressed_factor_ids
from facilitator.fault_tree_paths import addressed_ids, nodes_on_paths, open_paths


def link(store, session_id: str, factor_id: str, status: str = "open") -> None:
    with store.session() as db:
        action = m.ActionItem(session_id=session_id, title="Fix it", status=status)
        action.addresses = [m.ActionTarget(factor_id=factor_id)]
        db.add(action)


def test_addressed_ids_agree_with_the_snapshot_rule(store):
    session_id = sessions.create_session(store, "Outage")
    a = factors.add_factor(store, session_id, None, text="A")
    b = factors.add_factor(store, session_id, None, text="B")
    link(store, session_id, a)
    link(store, session_id, b, status="dropped")  # a dropped action breaks nothing
    snapshot = sessions.load_session(store, session_id)
    assert addressed_ids(store, session_id) == addressed_factor_ids(snapshot) == {a}


def leaf(name: str) -> FaultNode:
    return FaultNode(id=name, text=name, category="technical")


def test_boxes_on_open_paths_run_from_the_leaf_to_the_top():
    both = FaultNode(
        id="and", text="and", category="process", gate="and", children=(leaf("x"), leaf("y"))
    )
    root = FaultNode(id="top", text="Outage", gate="or", children=(both, leaf("z")))
    shown = open_paths(root, {"y"})
    assert shown.paths == (frozenset({"z"}),)  # y addressed: the AND branch is closed
    assert shown.on_path == {"z", "top"}
    assert nodes_on_paths(root, [frozenset({"x", "y"})]) == {"x", "y", "and", "top"}
    assert shown.addressed == {"y"}


def test_a_tree_with_too_many_paths_says_so_instead_of_expanding():
    wide = tuple(
        FaultNode(
            id=f"g{i}",
            text="",
            category="technical",
            gate="or",
            children=tuple(leaf(f"l{i}.{j}") for j in range(10)),
        )
        for i in range(5)
    )
    root = FaultNode(id="top", text="Outage", gate="and", children=wide)  # 10^5 paths
    shown = open_paths(root, ())
    assert shown.too_many is not None
    assert shown.paths == ()
