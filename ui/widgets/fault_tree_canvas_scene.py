"""The fault-tree canvas's scene: one layout from the core turned into items, rebuilt whole
after each edit (200 boxes take a few milliseconds), with selection, drop target and the
open-paths highlight as states of those items."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QGraphicsScene, QGraphicsTextItem, QWidget

from facilitator.fault_tree_paths import OpenPaths
from facilitator.tree_layout import TreeLayout
from ui.widgets.fault_tree_canvas_items import CanvasColours, ConnectorsItem, Fonts, NodeItem

PAD = 40.0  # room around the tree, so the outer boxes never sit on the window's edge


def _tr(text: str) -> str:
    return QCoreApplication.translate("FaultTreeCanvas", text)


class FaultTreeScene(QGraphicsScene):
    """Boxes by factor id over one connectors item; knows nothing about editing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_: TreeLayout | None = None
        self.items_by_id: dict[str, NodeItem] = {}
        self.selected_id = ""
        self.drop_id = ""
        self.hint: QGraphicsTextItem | None = None
        # The tree is rebuilt, never moved item by item: no index to keep up to date.
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)

    def show_layout(
        self,
        layout: TreeLayout,
        colours: CanvasColours,
        fonts: Fonts,
        highlight: OpenPaths | None = None,
    ) -> None:
        """Replace everything with `layout`; keep the selection if its factor is still there."""
        self.clear()
        self.hint = None
        self.layout_ = layout
        self.setBackgroundBrush(QBrush(QColor(colours.bg)))
        on_path = highlight.on_path if highlight is not None else frozenset()
        self.addItem(ConnectorsItem(layout, colours, on_path))
        self.items_by_id = {}
        for placed in layout.nodes:
            item = NodeItem(placed, layout.style, colours, fonts)
            if highlight is not None:
                self._highlight(item, highlight)
            self.addItem(item)
            self.items_by_id[placed.node.id] = item
        if self.selected_id not in self.items_by_id:
            self.selected_id = layout.nodes[0].node.id
        self.items_by_id[self.selected_id].set_state(selected=True)
        self.drop_id = ""
        bounds = QRectF(0, 0, layout.width, layout.height)
        if len(layout.nodes) == 1:
            bounds = bounds.united(self._empty_hint(layout, colours, fonts))
        self.setSceneRect(bounds.adjusted(-PAD, -PAD, PAD, PAD))

    @staticmethod
    def _highlight(item: NodeItem, highlight: OpenPaths) -> None:
        node_id = item.node.id
        if item.top:
            return
        if node_id in highlight.addressed:
            item.marker = ("addressed", _tr("✓ action"))
        elif item.node.is_leaf and node_id in highlight.on_path:
            item.marker = ("open", _tr("open path"))
        if node_id not in highlight.on_path and node_id not in highlight.addressed:
            item.setOpacity(0.45)  # closed: still readable, clearly in the background

    def _empty_hint(self, layout: TreeLayout, colours: CanvasColours, fonts: Fonts) -> QRectF:
        """What to do first, under the incident, in the canvas's own scale."""
        top = layout.nodes[0]
        hint = QGraphicsTextItem(
            _tr("Start with what made the incident possible: press Tab to add the first factor.")
        )
        font = QFont(fonts.text)
        font.setPixelSize(16)
        hint.setFont(font)
        hint.setDefaultTextColor(QColor(colours.muted))
        hint.setTextWidth(320)
        option = hint.document().defaultTextOption()
        option.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        hint.document().setDefaultTextOption(option)
        hint.setPos(top.cx - 160, top.bottom + 28)
        self.addItem(hint)
        self.hint = hint
        return hint.sceneBoundingRect()

    def select(self, factor_id: str) -> NodeItem | None:
        """Move the selection ring; returns the selected item (None for an unknown id)."""
        item = self.items_by_id.get(factor_id)
        if item is None:
            return None
        old = self.items_by_id.get(self.selected_id)
        if old is not None and old is not item:
            old.set_state(selected=False)
        self.selected_id = factor_id
        item.set_state(selected=True)
        return item

    def set_drop_target(self, factor_id: str) -> None:
        if factor_id == self.drop_id:
            return
        old = self.items_by_id.get(self.drop_id)
        if old is not None:
            old.set_state(drop_target=False)
        self.drop_id = factor_id
        new = self.items_by_id.get(factor_id)
        if new is not None:
            new.set_state(drop_target=True)

    def node_at(self, pos: QPointF, exclude: str = "") -> NodeItem | None:
        """The box under a scene point (its ring counts, so near misses still land)."""
        for item in self.items_by_id.values():
            if item.node.id != exclude and item.mapRectToScene(item.rect()).adjusted(
                -4, -4, 4, 4
            ).contains(pos):
                return item
        return None
