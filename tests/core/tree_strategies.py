"""Hypothesis strategies for fault trees, shared by the layout and drawing tests."""

from __future__ import annotations

from hypothesis import strategies as st

from facilitator.db.models import CATEGORIES
from facilitator.fault_tree import FaultNode

# Any text at all, control characters included: the drawing must survive what XML cannot hold.
words = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
labels = st.lists(words, max_size=12).map(" ".join)


def _with_ids(node: FaultNode, counter: list[int]) -> FaultNode:
    counter[0] += 1
    ident = f"n{counter[0]}"
    children = tuple(_with_ids(child, counter) for child in node.children)
    return FaultNode(ident, node.text, node.category, node.gate, node.unknown, children=children)


nodes = st.builds(
    FaultNode,
    id=st.just(""),
    text=labels,
    category=st.sampled_from(CATEGORIES),
    gate=st.sampled_from(["and", "or", None]),
    unknown=st.booleans(),
)
# Trees of up to 30 leaves with labels of any length and any characters; ids n1, n2, … in
# reading order, so every node is distinct.
random_trees = st.recursive(
    nodes,
    lambda kids: st.builds(
        lambda parent, children: FaultNode(
            parent.id,
            parent.text,
            parent.category,
            parent.gate,
            parent.unknown,
            (),
            tuple(children),
        ),
        nodes,
        st.lists(kids, min_size=1, max_size=5),
    ),
    max_leaves=30,
).map(lambda tree: _with_ids(tree, [0]))
