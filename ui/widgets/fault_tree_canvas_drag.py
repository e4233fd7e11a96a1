"""Dragging a box onto another on the fault-tree canvas: the box follows the pointer, the
box under it is marked as the drop target, and the drop asks to reparent (the core refuses
a drop under the box's own sub-factors, and the page says so)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from ui.widgets.fault_tree_canvas import FaultTreeCanvas


class BoxDrag:
    """One press-move-release on a box; a press without a move is only a click."""

    def __init__(self, canvas: FaultTreeCanvas) -> None:
        self.canvas = canvas
        self.node_id = ""
        self.start = QPoint()
        self.dragging = False

    @property
    def pressed(self) -> bool:
        return bool(self.node_id)

    def press(self, node_id: str, pos: QPoint) -> None:
        self.node_id, self.start, self.dragging = node_id, pos, False

    def move(self, pos: QPoint) -> None:
        canvas, scene = self.canvas, self.canvas.tree_scene
        item = scene.items_by_id.get(self.node_id)
        if item is None:
            return
        far = (pos - self.start).manhattanLength() >= QApplication.startDragDistance()
        if not self.dragging and far and self.node_id != canvas.top_id:
            self.dragging = True  # the incident stays on top: it cannot be dragged
            item.setZValue(10)
            item.setOpacity(0.6)  # the drop target stays visible under the dragged box
            canvas.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        if self.dragging:
            moved = canvas.mapToScene(pos) - canvas.mapToScene(self.start)
            item.setPos(QPointF(item.placed.x, item.placed.y) + moved)
            target = scene.node_at(canvas.mapToScene(pos), exclude=self.node_id)
            scene.set_drop_target(target.node.id if target else "")

    def release(self, pos: QPoint) -> tuple[str, str] | None:
        """(dragged id, target id) when dropped on a box; the box goes back either way."""
        node_id, dragging = self.node_id, self.dragging
        self.node_id, self.dragging = "", False
        canvas, scene = self.canvas, self.canvas.tree_scene
        item = scene.items_by_id.get(node_id)
        if not dragging or item is None:
            return None
        canvas.viewport().unsetCursor()
        target = scene.node_at(canvas.mapToScene(pos), exclude=node_id)
        item.setZValue(0)  # back in its place; a successful move then re-lays out the tree
        item.setPos(item.placed.x, item.placed.y)
        item.setOpacity(1.0)
        scene.set_drop_target("")
        return (node_id, target.node.id) if target is not None else None
