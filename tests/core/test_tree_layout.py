"""Tree layout: label metrics and wrapping, and the tidy-tree rules on random trees."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings

from facilitator.fault_tree import FaultNode
from facilitator.tree_layout import (
    DEFAULT_STYLE,
    DrawingStyle,
    TreeLayout,
    layout_tree,
    text_width,
    wrap_label,
)
from tests.core.tree_strategies import random_trees

EPSILON = 1e-6

# --- metrics and wrapping ------------------------------------------------------------------


def test_wide_letters_measure_wider_than_narrow_ones() -> None:
    assert text_width("WWW", 14) > text_width("MMM", 14) > text_width("iii", 14)
    assert text_width("abc", 14, bold=True) > text_width("abc", 14)
    assert text_width("漢字", 10) == 20.0  # full-width characters are a whole em


def test_wrap_breaks_on_spaces_and_keeps_line_breaks() -> None:
    lines = wrap_label("one two three four five six seven\neight", 60, 14, 10)
    assert lines[-1] == "eight"
    assert all(text_width(line, 14) <= 60 for line in lines)
    assert " ".join(lines) == "one two three four five six seven eight"


def test_wrap_breaks_a_word_too_long_for_a_line() -> None:
    lines = wrap_label("x" * 100, 100, 14, 20)
    assert "".join(lines) == "x" * 100
    assert all(text_width(line, 14) <= 100 for line in lines)


def test_wrap_cuts_to_max_lines_with_an_ellipsis() -> None:
    lines = wrap_label("word " * 200, 120, 14, 3)
    assert len(lines) == 3
    assert lines[-1].endswith("…")
    assert text_width(lines[-1], 14) <= 120


def test_empty_and_blank_labels_have_no_lines() -> None:
    assert wrap_label("", 100, 14, 5) == ()
    assert wrap_label(" \n\t ", 100, 14, 5) == ()


# --- layout rules --------------------------------------------------------------------------


def overlaps(a: tuple[float, ...], b: tuple[float, ...], gap: float) -> bool:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return (
        ax < bx + bw + gap - EPSILON
        and bx < ax + aw + gap - EPSILON
        and ay < by + bh
        and (by < ay + ah)
    )


def check_rules(layout: TreeLayout, style: DrawingStyle) -> None:
    boxes = [(p.x, p.y, p.width, p.height) for p in layout.nodes]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not overlaps(a, b, style.sibling_gap), (a, b)
    for placed in layout.nodes:
        assert placed.x >= style.margin - EPSILON
        assert placed.x + placed.width <= layout.width - style.margin + EPSILON
        assert placed.y + placed.height <= layout.height - style.margin + EPSILON
        for line in placed.lines:
            bold = placed.parent is None
            room = placed.width - 2 * style.padding_x
            assert text_width(line, style.font_size, bold=bold) <= room + EPSILON
        kids = [layout.nodes[i] for i in placed.children]
        if kids:
            assert abs(placed.cx - (kids[0].cx + kids[-1].cx) / 2) < EPSILON
            assert all(a.cx < b.cx for a, b in pairwise(kids))
            assert all(kid.y > placed.y + placed.height for kid in kids)
            assert placed.y + placed.height <= layout.gate_top(layout.nodes.index(placed))
            assert layout.bus_y(layout.nodes.index(placed)) < min(kid.y for kid in kids)


@settings(max_examples=30, deadline=None)
@given(random_trees)
def test_random_trees_obey_the_layout_rules(tree: FaultNode) -> None:
    layout = layout_tree(tree)
    assert [p.node for p in layout.nodes] == list(tree.walk())
    check_rules(layout, DEFAULT_STYLE)
    assert layout_tree(tree) == layout  # deterministic


@settings(max_examples=10, deadline=None)
@given(random_trees)
def test_the_rules_hold_with_another_style(tree: FaultNode) -> None:
    style = DrawingStyle(font_size=11, line_height=14, max_text_width=90, sibling_gap=4)
    check_rules(layout_tree(tree, style), style)


def test_a_lone_top_event_is_laid_out() -> None:
    layout = layout_tree(FaultNode("top", "Incident"))
    (placed,) = layout.nodes
    assert placed.x == DEFAULT_STYLE.margin
    assert layout.width == placed.width + 2 * DEFAULT_STYLE.margin


def test_subtrees_interleave_where_their_shapes_allow() -> None:
    # A branch wide only at the level below and a lone leaf beside it: the leaf sits over
    # the branch's children instead of getting a column of its own.
    wide = FaultNode(
        "w", "wide", "process", children=tuple(FaultNode(f"w{i}", "y", "process") for i in range(3))
    )
    lone = FaultNode("l", "lone", "technical")
    layout = layout_tree(FaultNode("top", "Incident", children=(wide, lone)))
    check_rules(layout, DEFAULT_STYLE)
    leaves = [p for p in layout.nodes if not p.children]
    one_column_each = sum(p.width for p in leaves) + DEFAULT_STYLE.sibling_gap * (len(leaves) - 1)
    assert layout.width - 2 * DEFAULT_STYLE.margin < one_column_each - 100


def test_a_long_chain_does_not_hit_the_recursion_limit() -> None:
    node = FaultNode("leaf", "leaf", "technical")
    for level in range(1_100):  # past the default recursion limit
        node = FaultNode(f"n{level}", "step", "technical", children=(node,))
    layout = layout_tree(node)
    assert len(layout.nodes) == 1_101
    assert len({round(p.cx, 6) for p in layout.nodes}) == 1  # each parent over its child
