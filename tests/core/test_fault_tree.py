"""The pure fault tree: building it from rows, minimal cut sets, open paths, checks."""

from __future__ import annotations

from itertools import combinations
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

from facilitator.fault_tree import (
    FaultNode,
    TooManyCutSetsError,
    describe_cut_set,
    factors_by_category,
    minimal_cut_sets,
    open_cut_sets,
    split_by_branch,
    tree_findings,
    tree_from_factors,
)


def leaf(ident: str, category: str = "technical", text: str | None = None) -> FaultNode:
    return FaultNode(ident, text if text is not None else ident.upper(), category)


def gate(ident: str, kind: str | None, *children: FaultNode) -> FaultNode:
    return FaultNode(ident, ident.upper(), "process", kind, children=children)


def top(kind: str | None, *children: FaultNode) -> FaultNode:
    return FaultNode("top", "Incident", None, kind, children=children)


def sets(*groups: str) -> list[frozenset[str]]:
    """`sets("ab", "c")` is [{a, b}, {c}]: one-letter ids keep the expected answers legible."""
    return [frozenset(group) for group in groups]


# --- textbook trees with hand-computed answers -------------------------------------------


def test_and_of_ors_is_the_cross_product() -> None:
    tree = top(
        "and", gate("g1", "or", leaf("a"), leaf("b")), gate("g2", "or", leaf("c"), leaf("d"))
    )
    assert minimal_cut_sets(tree) == sets("ac", "ad", "bc", "bd")


def test_or_of_ands_keeps_each_and_whole() -> None:
    tree = top(
        "or", gate("g1", "and", leaf("a"), leaf("b")), gate("g2", "and", leaf("c"), leaf("d"))
    )
    assert minimal_cut_sets(tree) == sets("ab", "cd")


def test_shared_event_absorbs_the_longer_products() -> None:
    # (a + b)(a + c) = a + ab + ac + bc = a + bc
    tree = top(
        "and", gate("g1", "or", leaf("a"), leaf("b")), gate("g2", "or", leaf("a"), leaf("c"))
    )
    assert minimal_cut_sets(tree) == sets("a", "bc")


def test_a_single_event_absorbs_an_and_that_contains_it() -> None:
    # a + ab = a
    tree = top("or", gate("g1", "and", leaf("a"), leaf("b")), leaf("a"))
    assert minimal_cut_sets(tree) == sets("a")


def test_two_out_of_three_textbook_tree() -> None:
    # TOP = G1·G2, G1 = A + B·C, G2 = C + A·B  ->  AC + AB + BC (the "2 out of 3" answer)
    g1 = gate("g1", "or", leaf("a"), gate("g3", "and", leaf("b"), leaf("c")))
    g2 = gate("g2", "or", leaf("c"), gate("g4", "and", leaf("a"), leaf("b")))
    assert minimal_cut_sets(top("and", g1, g2)) == sets("ab", "ac", "bc")


def test_nested_gates_three_levels_deep() -> None:
    # a·(b + c·(d + e)) = ab + acd + ace
    inner = gate("g2", "and", leaf("c"), gate("g3", "or", leaf("d"), leaf("e")))
    tree = top("and", leaf("a"), gate("g1", "or", leaf("b"), inner))
    assert minimal_cut_sets(tree) == sets("ab", "acd", "ace")


def test_repeated_event_in_one_product_counts_once() -> None:
    tree = top("and", leaf("a"), gate("g1", "and", leaf("a"), leaf("b")))
    assert minimal_cut_sets(tree) == sets("ab")


def test_missing_gate_counts_as_or_and_a_gate_on_a_leaf_is_ignored() -> None:
    with_or = top("or", leaf("a"), leaf("b"))
    no_gate = top(None, leaf("a"), leaf("b"))
    assert minimal_cut_sets(no_gate) == minimal_cut_sets(with_or) == sets("a", "b")
    gated_leaf = FaultNode("a", "A", "technical", "and")
    assert minimal_cut_sets(top("or", gated_leaf)) == sets("a")


def test_a_tree_with_no_factors_has_the_top_event_as_its_only_cut_set() -> None:
    assert minimal_cut_sets(top("or")) == [frozenset({"top"})]


def test_cut_sets_are_ordered_by_size_then_reading_order() -> None:
    tree = top("or", gate("g1", "and", leaf("z"), leaf("y")), leaf("x"), leaf("w"))
    assert minimal_cut_sets(tree) == sets("x", "w", "zy")


def test_an_explosion_of_cut_sets_is_refused_not_computed_forever() -> None:
    wide = [gate(f"g{i}", "or", *(leaf(f"l{i}_{j}") for j in range(4))) for i in range(8)]
    with pytest.raises(TooManyCutSetsError) as caught:
        minimal_cut_sets(top("and", *wide), max_sets=1_000)  # 4**8 = 65,536 sets
    assert caught.value.limit == 1_000


# --- open paths ----------------------------------------------------------------------------


def two_paths() -> FaultNode:
    """TOP = (a + b)·c + d"""
    g1 = gate("g1", "and", gate("g2", "or", leaf("a"), leaf("b")), leaf("c"))
    return top("or", g1, leaf("d"))


def test_no_action_leaves_every_cut_set_open() -> None:
    tree = two_paths()
    assert open_cut_sets(tree, []) == minimal_cut_sets(tree) == sets("d", "ac", "bc")


def test_addressing_a_leaf_closes_the_paths_through_it() -> None:
    assert open_cut_sets(two_paths(), ["c"]) == sets("d")
    assert open_cut_sets(two_paths(), ["a"]) == sets("d", "bc")


def test_addressing_an_ancestor_closes_every_path_through_its_subtree() -> None:
    assert open_cut_sets(two_paths(), ["g2"]) == sets("d")
    assert open_cut_sets(two_paths(), ["g1", "d"]) == []


def test_addressing_the_top_event_closes_everything() -> None:
    assert open_cut_sets(two_paths(), ["top"]) == []


def test_unknown_ids_among_the_addressed_are_ignored() -> None:
    assert open_cut_sets(two_paths(), ["nope"]) == minimal_cut_sets(two_paths())


def test_a_blocked_shared_event_reopens_a_path_it_had_absorbed() -> None:
    # a + a·d: blocking the branch g1 (= a) leaves a·d open, which `a` had absorbed.
    tree = top("or", gate("g1", "or", leaf("a")), gate("g2", "and", leaf("a"), leaf("d")))
    assert minimal_cut_sets(tree) == sets("a")
    assert open_cut_sets(tree, ["g1"]) == sets("ad")


def test_describe_cut_set_reads_in_tree_order() -> None:
    tree = two_paths()
    assert describe_cut_set(tree, frozenset({"c", "a"})) == "A + C"
    untitled = top("or", FaultNode("x", "  ", "technical"))
    assert describe_cut_set(untitled, {"x"}) == "(untitled factor)"


# --- brute force against random trees --------------------------------------------------------

EVENTS = "abcdef"


def _number(node: FaultNode, counter: list[int]) -> FaultNode:
    """Give every gate a unique id (leaves keep theirs: shared ids are shared events)."""
    if not node.children:
        return node
    counter[0] += 1
    ident = f"g{counter[0]}"
    children = tuple(_number(child, counter) for child in node.children)
    return FaultNode(ident, ident, "process", node.gate, children=children)


leaves = st.builds(lambda e: FaultNode(e, e, "technical"), st.sampled_from(EVENTS))
trees = st.recursive(
    leaves,
    lambda kids: st.builds(
        lambda kind, children: FaultNode("?", "?", None, kind, children=tuple(children)),
        st.sampled_from(["and", "or", None]),
        st.lists(kids, min_size=1, max_size=4),
    ),
    max_leaves=12,
).map(lambda tree: _number(tree, [0]))


def occurs(node: FaultNode, true: frozenset[str], blocked: frozenset[str]) -> bool:
    if node.id in blocked:
        return False
    if not node.children:
        return node.id in true
    results = (occurs(child, true, blocked) for child in node.children)
    return all(results) if node.effective_gate == "and" else any(results)


def brute_force(tree: FaultNode, blocked: frozenset[str] = frozenset()) -> set[frozenset[str]]:
    events = sorted({node.id for node in tree.leaves()})
    minimal: set[frozenset[str]] = set()
    for size in range(len(events) + 1):
        for combo in combinations(events, size):
            candidate = frozenset(combo)
            if occurs(tree, candidate, blocked) and not any(m <= candidate for m in minimal):
                minimal.add(candidate)
    return minimal


@settings(max_examples=100, deadline=None)
@given(trees)
def test_cut_sets_match_brute_force(tree: FaultNode) -> None:
    found = minimal_cut_sets(tree)
    assert len(found) == len(set(found))
    assert set(found) == brute_force(tree)


@settings(max_examples=60, deadline=None)
@given(trees, st.data())
def test_open_cut_sets_match_brute_force_with_addressed_nodes_false(
    tree: FaultNode, data: st.DataObject
) -> None:
    ids = sorted({node.id for node in tree.walk()})
    blocked = frozenset(data.draw(st.lists(st.sampled_from(ids), max_size=3)))
    assert set(open_cut_sets(tree, blocked)) == brute_force(tree, blocked)


# --- building from rows ----------------------------------------------------------------------


def row(ident: str, parent: str | None, position: int, **fields: Any) -> Any:
    defaults: dict[str, Any] = {"text": ident, "category": "technical", "gate": None}
    return SimpleNamespace(id=ident, parent_id=parent, position=position, **(defaults | fields))


def shape(node: FaultNode) -> Any:
    return (node.id, [shape(child) for child in node.children])


def test_tree_from_rows_orders_siblings_by_position_under_the_incident() -> None:
    rows = [
        row("b", None, 1, gate="and"),
        row("a", None, 0, category="process"),
        row("b2", "b", 1),
        row("b1", "b", 0),
    ]
    tree = tree_from_factors(rows, title="Checkout down", top_id="s1")
    assert (tree.id, tree.text, tree.category, tree.gate) == ("s1", "Checkout down", None, "or")
    assert shape(tree) == ("s1", [("a", []), ("b", [("b1", []), ("b2", [])])])
    assert tree.children[0].category == "process"
    assert tree.children[1].gate == "and"
    assert not tree.children[0].unknown


def test_tree_from_rows_reads_the_mark_and_the_evidence_in_order() -> None:
    links = [SimpleNamespace(entry_id="e2", position=1), SimpleNamespace(entry_id="e1", position=0)]
    rows = [row("a", None, 0, unknown=True, evidence=links), row("b", None, 1, evidence=["e3"])]
    a, b = tree_from_factors(rows).children
    assert (a.unknown, a.evidence) == (True, ("e1", "e2"))
    assert (b.unknown, b.evidence) == (False, ("e3",))


def test_the_top_gate_can_be_and() -> None:
    assert tree_from_factors([], top_gate="and").gate == "and"


def test_rows_with_a_missing_parent_or_on_a_cycle_still_appear_once() -> None:
    rows = [row("orphan", "gone", 0), row("x", "y", 0), row("y", "x", 1), row("self", "self", 2)]
    tree = tree_from_factors(rows)
    ids = [node.id for node in tree.walk()][1:]
    assert sorted(ids) == ["orphan", "self", "x", "y"]


def test_factors_by_category_lists_every_factor_in_reading_order() -> None:
    tree = top(
        "or",
        gate("p", "and", leaf("t1"), leaf("c1", "communication")),
        leaf("t2"),
        leaf("odd", "legacy"),
    )
    groups = factors_by_category(tree)
    assert list(groups) == ["technical", "process", "communication", "external", "legacy"]
    assert [n.id for n in groups["technical"]] == ["t1", "t2"]
    assert [n.id for n in groups["process"]] == ["p"]
    assert [n.id for n in groups["communication"]] == ["c1"]
    assert groups["external"] == []


def test_split_by_branch_keeps_the_incident_on_every_part() -> None:
    tree = two_paths()
    parts = split_by_branch(tree)
    assert [part.id for part in parts] == ["top", "top"]
    assert [part.children[0].id for part in parts] == ["g1", "d"]


# --- checks --------------------------------------------------------------------------------


def messages(found: list[Any]) -> list[str]:
    return [str(finding) for finding in found]


def test_an_empty_tree_has_nothing_to_say() -> None:
    assert tree_findings(top("or"), []) == []


def test_a_single_leaf_is_flagged() -> None:
    chain = top("or", gate("g", "or", leaf("a")))
    found = tree_findings(chain)
    assert len(found) == 1
    assert found[0].level == "warning"
    assert found[0].section == "factors"
    assert "single root cause is rarely the whole story" in found[0].message


def test_two_leaves_are_not_a_single_root_cause() -> None:
    assert tree_findings(top("or", leaf("a"), leaf("b"))) == []


def test_open_paths_are_reported_by_name() -> None:
    found = messages(tree_findings(two_paths(), ["a"]))
    assert found == [
        "warning factors: this path to the incident is still open: D",
        "warning factors: this path to the incident is still open: B + C",
    ]


def test_every_path_closed_reports_nothing() -> None:
    assert tree_findings(two_paths(), ["c", "d"]) == []


def test_no_addressed_factor_is_one_finding_not_one_per_path() -> None:
    found = messages(tree_findings(two_paths(), []))
    assert found == [
        "warning factors: no action item addresses a factor yet: all 3 paths to the "
        "incident are still open"
    ]


def test_many_open_paths_are_capped() -> None:
    tree = top("or", *(leaf(f"l{i}") for i in range(15)), leaf("fixed"))
    found = tree_findings(tree, ["fixed"])
    assert len(found) == 11
    assert found[-1].message == "…and 5 more open paths to the incident"


def test_too_many_paths_is_a_finding_not_a_crash() -> None:
    wide = [gate(f"g{i}", "or", *(leaf(f"l{i}_{j}") for j in range(5))) for i in range(7)]
    found = tree_findings(top("and", *wide), ["l0_0"])
    assert len(found) == 1
    assert "too many to check" in found[0].message
