"""Fault-tree drawing budget (DESIGN section 7 and issue 4): layout + SVG of a 200-node tree.

    python bench/bench_tree.py [--nodes 200] [--repeat 30]

Prints the median time of `layout_tree` + `render_svg`, and beside it a floor measured in
the same run on the same tree: a plain recursive walk that formats as many strings as the
SVG has elements and joins them. The ratio says how much our geometry and escaping cost
over just visiting the nodes and writing the output; the budget is the absolute < 100 ms.
Also times the minimal cut sets of the same tree, for the live "open paths" highlight:
worked out afresh, and asked again for a tree of the same shape (remembered).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable

from facilitator.db.models import CATEGORIES
from facilitator.fault_tree import FaultNode, forget_cut_sets, minimal_cut_sets
from facilitator.tree_drawing import render_layout
from facilitator.tree_layout import layout_tree

BUDGET_MS = 100.0
WORDS = (  # split where used: a literal list of 22 words would take 24 lines
    "deploy config canary alert threshold pager database replica failover timeout retry "
    "queue lock runbook review flag network certificate cache quota provider rollback"
)


def make_tree(count: int, seed: int = 4) -> FaultNode:
    """A realistic shape: 3–6 top-level branches, mostly OR with some AND, 3–12-word labels."""
    rnd = random.Random(seed)
    words = WORDS.split()
    spec: list[tuple[int | None, str, str, str | None]] = [(None, "Checkout outage", "", "or")]
    top_level = rnd.randint(3, 6)
    for index in range(1, count):
        # Prefer recent nodes as parents so the tree grows deep as well as wide.
        parent = 0 if index <= top_level else rnd.randint(max(1, index - 25), index - 1)
        label = " ".join(rnd.choice(words) for _ in range(rnd.randint(3, 12)))
        gate = "and" if rnd.random() < 0.2 else "or"
        spec.append((parent, label.capitalize(), rnd.choice(CATEGORIES), gate))
    kids: dict[int, list[int]] = {}
    for child, (above, *_rest) in enumerate(spec):
        if above is not None:
            kids.setdefault(above, []).append(child)

    def build(index: int) -> FaultNode:
        _, text, category, gate = spec[index]
        return FaultNode(
            id=f"f{index}",
            text=text,
            category=category or None,
            gate=gate,
            unknown=index % 17 == 5,  # a few "?" factors, never the incident
            children=tuple(build(kid) for kid in kids.get(index, [])),
        )

    return build(0)


def floor(root: FaultNode, strings: int) -> str:
    """The least any drawing must do: visit every node and write `strings` strings."""
    out: list[str] = []
    per_node = max(1, strings // sum(1 for _ in root.walk()))

    def visit(node: FaultNode, depth: int) -> None:
        for part in range(per_node):
            out.append(f'<text x="{depth}" y="{part}">{node.text}</text>')
        for child in node.children:
            visit(child, depth + 1)

    visit(root, 0)
    return "".join(out)


def ours(root: FaultNode) -> str:
    return render_layout(layout_tree(root))


def median_ms(work: Callable[[], object], repeat: int) -> float:
    work()  # warm caches (the character-width table) as a running app would have them
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    root = make_tree(args.nodes)
    svg = ours(root)
    elements = svg.count("<") - svg.count("</")
    ours_ms = median_ms(lambda: ours(root), args.repeat)
    floor_ms = median_ms(lambda: floor(root, elements), args.repeat)
    layout_ms = median_ms(lambda: layout_tree(root), args.repeat)
    cuts = minimal_cut_sets(root)
    cuts_ms = median_ms(lambda: (forget_cut_sets(), minimal_cut_sets(root)), args.repeat)
    remembered_ms = median_ms(lambda: minimal_cut_sets(root), args.repeat)

    print(f"tree: {args.nodes} nodes, {len(root.leaves())} leaves, {len(cuts)} minimal cut sets")
    print(f"svg: {len(svg) / 1024:.0f} KiB, {elements} elements")
    print(f"layout + svg     {ours_ms:8.2f} ms   (layout alone {layout_ms:.2f} ms)")
    print(f"floor (walk)     {floor_ms:8.2f} ms")
    print(f"ratio            {ours_ms / floor_ms:8.1f} ×")
    print(f"cut sets         {cuts_ms:8.2f} ms   (the same shape again: {remembered_ms:.2f} ms)")
    verdict = "within" if ours_ms < BUDGET_MS else "OVER"
    print(f"budget: layout + svg < {BUDGET_MS:.0f} ms: {verdict} ({ours_ms:.1f} ms)")


if __name__ == "__main__":
    main()
