"""Moving the fault-tree canvas's selection with the arrow keys, over the core's layout.

Up goes to the parent, Down to a child (the one we came up from, else the first), Left and
Right to the neighbouring box on the same row: a sibling, or a cousin at a family's edge,
so the whole tree is reachable without ever reaching for the mouse. The selected box is
also described in words for screen readers.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from facilitator.fault_tree import FaultNode
from facilitator.tree_layout import TreeLayout


def _tr(text: str) -> str:
    return QCoreApplication.translate("FaultTreeCanvas", text)


def describe(node: FaultNode, *, top: bool) -> str:
    """What a screen reader says about the selected box: its kind, words and gate."""
    kind = _tr("Incident") if top else _tr((node.category or "factor").capitalize())
    parts = [f"{kind}: {node.text or _tr('(no text yet)')}"]
    if node.unknown:
        parts.append(_tr("not yet known"))
    if node.children:
        gate = "AND" if node.effective_gate == "and" else "OR"
        count = len(node.children)
        words = (
            _tr("{gate} gate over 1 factor") if count == 1 else _tr("{gate} gate over {n} factors")
        )
        words = words.format(gate=gate, n=count)
        parts.append(words)
    return ", ".join(parts)


class TreeNavigator:
    """Answers "where does this arrow key go from here?" for the current layout."""

    def __init__(self) -> None:
        self.layout: TreeLayout | None = None
        self._index: dict[str, int] = {}
        self._rows: dict[int, list[int]] = {}
        self._came_up_from: dict[str, str] = {}  # parent id → the child we left it by

    def set_layout(self, layout: TreeLayout) -> None:
        self.layout = layout
        self._index = {placed.node.id: i for i, placed in enumerate(layout.nodes)}
        rows: dict[int, list[int]] = {}
        for i, placed in enumerate(layout.nodes):
            rows.setdefault(placed.depth, []).append(i)
        for members in rows.values():
            members.sort(key=lambda i: layout.nodes[i].x)
        self._rows = rows

    def parent_of(self, node_id: str) -> str | None:
        """The parent's id, None for the top event or an id not in the tree."""
        if self.layout is None or node_id not in self._index:
            return None
        parent = self.layout.nodes[self._index[node_id]].parent
        return None if parent is None else self.layout.nodes[parent].node.id

    def siblings_of(self, node_id: str) -> list[str]:
        """The ids under the same parent, in order, `node_id` included."""
        assert self.layout is not None
        parent = self.layout.nodes[self._index[node_id]].parent
        if parent is None:
            return [node_id]
        return [self.layout.nodes[kid].node.id for kid in self.layout.nodes[parent].children]

    def up(self, node_id: str) -> str | None:
        parent = self.parent_of(node_id)
        if parent is not None:
            self._came_up_from[parent] = node_id
        return parent

    def down(self, node_id: str) -> str | None:
        if self.layout is None or node_id not in self._index:
            return None
        kids = [
            self.layout.nodes[k].node.id for k in self.layout.nodes[self._index[node_id]].children
        ]
        if not kids:
            return None
        remembered = self._came_up_from.get(node_id)
        return remembered if remembered in kids else kids[0]

    def across(self, node_id: str, step: int) -> str | None:
        """The box `step` places to the right (negative: left) on the same row."""
        if self.layout is None or node_id not in self._index:
            return None
        index = self._index[node_id]
        row = self._rows[self.layout.nodes[index].depth]
        at = row.index(index) + step
        return self.layout.nodes[row[at]].node.id if 0 <= at < len(row) else None

    def after_delete(self, node_id: str) -> str:
        """Where the selection goes when `node_id` is deleted: the next sibling, else the
        previous one, else the parent."""
        siblings = self.siblings_of(node_id)
        at = siblings.index(node_id)
        if at + 1 < len(siblings):
            return siblings[at + 1]
        if at > 0:
            return siblings[at - 1]
        return self.parent_of(node_id) or ""
