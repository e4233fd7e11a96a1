"""The fault-tree canvas's scene: one layout from the core turned into items, with the
selection, the drop target and the open-paths highlight as states of those items.

After an edit the boxes are kept by factor id and only moved or repainted where the new
layout differs: remaking 200 items costs more than the layout itself."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QGraphicsScene, QGraphicsTextItem, QWidget

from facilitator.fault_tree_paths import OpenPaths
from facilitator.tree_layout import TreeLayout
from ui.widgets.fault_tree_canvas_items import ConnectorsItem, NodeItem
from ui.widgets.fault_tree_canvas_theme import CanvasColours, Fonts

# Room around the tree, so the outer boxes never sit on the window's edge; small, as a
# tree fitted to the window (as the step opens) shrinks by all of it.
PAD = 20.0


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
        self.connectors: ConnectorsItem | None = None
        self._look: tuple[CanvasColours, Fonts] | None = None
        self._lines: tuple[object, ...] = ()  # what the connectors item was drawn from
        # Boxes move on every re-layout: an index would be rebuilt more often than used.
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)

    def show_layout(
        self,
        layout: TreeLayout,
        colours: CanvasColours,
        fonts: Fonts,
        highlight: OpenPaths | None = None,
    ) -> None:
        """Show `layout`: boxes of factors still there move and repaint only if changed,
        new ones are made, gone ones removed; a new theme or font starts afresh."""
        if (colours, fonts) != self._look:
            self.clear()
            self.items_by_id, self.connectors, self.hint = {}, None, None
            self._look = (colours, fonts)
            self.setBackgroundBrush(QBrush(QColor(colours.bg)))
        if self.hint is not None:
            self.removeItem(self.hint)
        self.hint = None
        self.layout_ = layout
        on_path = highlight.on_path if highlight is not None else frozenset()
        lines = ConnectorsItem.shape_of(layout, on_path)
        if self.connectors is None or lines != self._lines:
            # Only when a line or gate moved: the item spans the whole tree, so replacing
            # it repaints every box, which most text edits need not.
            if self.connectors is not None:
                self.removeItem(self.connectors)
            self.connectors = ConnectorsItem(layout, colours, on_path)
            self.addItem(self.connectors)
            self._lines = lines
        if self.selected_id not in {p.node.id for p in layout.nodes}:
            self.selected_id = layout.nodes[0].node.id
        kept: dict[str, NodeItem] = {}
        for placed in layout.nodes:
            node_id = placed.node.id
            item = self.items_by_id.pop(node_id, None)
            if item is not None and item.top == (placed.parent is None):
                item.place(placed)
            else:
                if item is not None:
                    self.removeItem(item)
                item = NodeItem(placed, layout.style, colours, fonts)
                self.addItem(item)
            item.set_marks(*self._marks(item, highlight))
            item.set_state(selected=node_id == self.selected_id, drop_target=False)
            kept[node_id] = item
        for gone in self.items_by_id.values():
            self.removeItem(gone)
        self.items_by_id = kept
        self.drop_id = ""
        bounds = QRectF(0, 0, layout.width, layout.height)
        if len(layout.nodes) == 1:
            bounds = bounds.united(self._empty_hint(layout, colours, fonts))
        self.setSceneRect(bounds.adjusted(-PAD, -PAD, PAD, PAD))

    @staticmethod
    def _marks(item: NodeItem, highlight: OpenPaths | None) -> tuple[tuple[str, str] | None, float]:
        """The words under a box and its opacity while the open paths are shown."""
        node_id = item.node.id
        if highlight is None or item.top:
            return None, 1.0
        marker = None
        if node_id in highlight.addressed:
            marker = ("addressed", _tr("✓ action"))
        elif item.node.is_leaf and node_id in highlight.on_path:
            marker = ("open", _tr("open path"))
        # A closed branch stays readable but steps back.
        on_a_path = node_id in highlight.on_path or node_id in highlight.addressed
        return marker, 1.0 if on_a_path else 0.45

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
