"""What the fault-tree canvas paints: factor boxes, gates and connectors, in theme colours.

Every shape is placed from the core's `TreeLayout` (the geometry `tree_drawing` turns into
SVG), so the app and the write-up show the same tree. Colour is never alone: a box has its
category's Okabe–Ito colour *and* the category in words, a "?" factor is dashed *and*
badged, a box on an open path gets an outline *and* the words "open path".
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from facilitator.tree_drawing import on_colour
from facilitator.tree_layout import DrawingStyle, PlacedNode, TreeLayout, tag_label, tag_width
from ui.widgets.fault_tree_canvas_theme import (
    CanvasColours,
    Fonts,
    gate_font,
    gate_label,
    gate_label_rect,
    gate_path,
)

RING = 5.0  # room around a box for the selection ring, inside the item's bounds
# Below this scale text is a smudge (the overview, a fitted 200-box tree): boxes and lines
# only, which also keeps a paint of the whole tree to a few milliseconds.
SKETCH_BELOW = 0.4


@dataclass(frozen=True, slots=True)
class GateShape:
    """One gate's symbol, made the first time it is painted and kept with the layout: every
    repaint of a box under the tree repaints the connectors item too, so its paint must not
    rebuild a hundred symbols each time, nor build those never scrolled into view."""

    path: QPainterPath
    label: str
    label_rect: QRectF


class ConnectorsItem(QGraphicsItem):
    """Every gate and bus line of the tree in one item: hundreds of lines, one paint."""

    def __init__(self, layout: TreeLayout, colours: CanvasColours, on_path: frozenset[str]):
        super().__init__()
        self.layout = layout
        self.colours = colours
        self.plain = QPainterPath()
        self.open = QPainterPath()  # the lines on an open path, drawn heavier on top
        self.gates: list[tuple[str, float, float]] = []  # kind, centre x, top
        self._shapes: dict[int, GateShape] = {}  # by index in `gates`, made when painted
        for index, placed in enumerate(layout.nodes):
            if placed.children:
                self._add(index, placed, on_path)
        self.setZValue(-1)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        # exposedRect: a repaint of one box paints the few gates near it, not all of them.
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    @staticmethod
    def shape_of(layout: TreeLayout, on_path: frozenset[str]) -> tuple[object, ...]:
        """Everything the item's lines and gates are drawn from: equal shapes, equal pixels."""
        boxes = tuple(
            (p.x, p.y, p.width, p.height, p.children, p.node.effective_gate, p.node.id in on_path)
            for p in layout.nodes
        )
        return (boxes, layout.row_tops, layout.row_bottoms, layout.width, layout.height)

    def _add(self, index: int, placed: PlacedNode, on_path: frozenset[str]) -> None:
        # Plain arithmetic over the layout's numbers: this runs for every parent after
        # each change of shape, in the same stall as the re-layout.
        nodes = self.layout.nodes
        gate_top = self.layout.gate_top(index)
        bus = self.layout.bus_y(index)
        cx = placed.x + placed.width / 2
        for child in placed.children:
            kid = nodes[child]
            kid_cx = kid.x + kid.width / 2
            target = self.open if kid.node.id in on_path else self.plain
            target.moveTo(kid_cx, bus)
            target.lineTo(kid_cx, kid.y)
            target.moveTo(cx, bus)
            target.lineTo(kid_cx, bus)
        trunk = self.open if placed.node.id in on_path else self.plain
        trunk.moveTo(cx, placed.y + placed.height)
        trunk.lineTo(cx, gate_top)
        trunk.moveTo(cx, gate_top + self.layout.style.gate_height)
        trunk.lineTo(cx, bus)
        self.gates.append((placed.node.effective_gate or "or", cx, gate_top))

    def _shape(self, index: int) -> GateShape:
        shape = self._shapes.get(index)
        if shape is None:
            gate, cx, top = self.gates[index]
            w, h = self.layout.style.gate_width, self.layout.style.gate_height
            shape = GateShape(
                gate_path(gate, cx, top, w, h),
                gate_label(gate),
                gate_label_rect(gate, cx, top, w, h),
            )
            self._shapes[index] = shape
        return shape

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self.layout.width, self.layout.height)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        c = self.colours
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor(c.muted), 1.5))
        painter.drawPath(self.plain)
        painter.setPen(QPen(QColor(c.danger), 3.5))
        painter.drawPath(self.open)
        if option.levelOfDetailFromTransform(painter.worldTransform()) < SKETCH_BELOW:
            return  # gates are unreadable at this size; the lines still show the shape
        exposed = option.exposedRect  # type: ignore[attr-defined]  # set by the flag above
        left, top, right, bottom = exposed.left(), exposed.top(), exposed.right(), exposed.bottom()
        half, height = self.layout.style.gate_width / 2 + 2, self.layout.style.gate_height + 2
        shown = [
            self._shape(index)
            for index, (_, cx, gate_top) in enumerate(self.gates)
            if cx + half >= left
            and cx - half <= right
            and gate_top + height >= top
            and gate_top - 2 <= bottom  # 2: the pen's half width and a hair
        ]
        if not shown:
            return
        painter.setPen(QPen(QColor(c.text), 1.5))
        painter.setBrush(QColor(c.bg))
        for shape in shown:
            painter.drawPath(shape.path)
        painter.setFont(gate_font(painter.font(), self.layout.style.gate_height))
        for shape in shown:
            painter.drawText(shape.label_rect, Qt.AlignmentFlag.AlignCenter, shape.label)


class NodeItem(QGraphicsItem):
    """One box: category tag in words, "?" badge, wrapped text, and its states."""

    def __init__(
        self, placed: PlacedNode, style: DrawingStyle, colours: CanvasColours, fonts: Fonts
    ) -> None:
        super().__init__()
        self.placed = placed
        self.node = placed.node
        self.top = placed.parent is None
        self.style_ = style
        self.colours = colours
        self.fonts = fonts
        self.selected = False
        self.drop_target = False
        # The open-paths highlight in words under the box: ("open" | "addressed", words).
        self.marker: tuple[str, str] | None = None
        self._rect = QRectF(0, 0, placed.width, placed.height)
        self._bounds = self._rect.adjusted(-RING, -RING, RING, RING + 12)  # 12: the marker pill
        self.setPos(placed.x, placed.y)
        self.setToolTip(self.node.text)
        self.setAcceptHoverEvents(False)

    @staticmethod
    def _look(placed: PlacedNode) -> tuple[object, ...]:
        """What the box's pixels depend on (not the children: comparing whole subtrees
        for every box would make a re-layout quadratic)."""
        n = placed.node
        return (
            placed.width,
            placed.height,
            placed.lines,
            n.text,
            n.category,
            n.unknown,
            n.evidence,
        )

    def place(self, placed: PlacedNode) -> None:
        """Take a new layout's place for the same factor; repaint only if it looks different."""
        old = self.placed
        looks_different = self._look(old) != self._look(placed)
        if (old.width, old.height) != (placed.width, placed.height):
            self.prepareGeometryChange()
            self._rect = QRectF(0, 0, placed.width, placed.height)
            self._bounds = self._rect.adjusted(-RING, -RING, RING, RING + 12)
        self.placed, self.node = placed, placed.node
        if (old.x, old.y) != (placed.x, placed.y):
            self.setPos(placed.x, placed.y)
        if looks_different:
            if old.node.text != placed.node.text:
                self.setToolTip(placed.node.text)
            self.update()

    def set_marks(self, marker: tuple[str, str] | None, opacity: float) -> None:
        """The open-paths highlight; a no-op (no repaint) when nothing changes."""
        if marker != self.marker:
            self.marker = marker
            self.update()
        if opacity != self.opacity():
            self.setOpacity(opacity)

    def rect(self) -> QRectF:
        return QRectF(self._rect)  # a copy: callers adjust it

    def boundingRect(self) -> QRectF:
        return self._bounds  # Qt asks often during a paint: no new rectangle each time

    def set_state(self, *, selected: bool | None = None, drop_target: bool | None = None) -> None:
        changed = False
        if selected is not None and selected != self.selected:
            self.selected, changed = selected, True
        if drop_target is not None and drop_target != self.drop_target:
            self.drop_target, changed = drop_target, True
        if changed:
            self.update()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        c, box = self.colours, self.rect()
        if option.levelOfDetailFromTransform(painter.worldTransform()) < SKETCH_BELOW:
            self._sketch(painter)
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        if self.top:
            painter.setPen(QPen(QColor(c.text), 3))
            painter.setBrush(QColor(c.bg))
            painter.drawRoundedRect(box, 4, 4)
            painter.setPen(QPen(QColor(c.text), 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(box.adjusted(4, 4, -4, -4), 2, 2)
            tag_fill = QColor(c.text)
        else:
            pen = QPen(c.stroke(self.node.category), 2)
            if self.node.unknown:
                pen.setStyle(Qt.PenStyle.CustomDashLine)
                pen.setDashPattern([3, 2])
            painter.setPen(pen)
            painter.setBrush(c.fill(self.node.category))
            painter.drawRoundedRect(box, 6, 6)
            tag_fill = c.stroke(self.node.category)
        self._tag(painter, tag_fill)
        if self.node.unknown:
            self._badge(painter)
        self._text(painter)
        if self.marker:
            self._marker(painter)
        if self.node.evidence:
            self._cited(painter)
        if self.selected or self.drop_target:
            ring = QPen(QColor(c.accent), 3)
            if self.drop_target and not self.selected:
                ring.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(ring)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(box.adjusted(-4, -4, 4, 4), 9, 9)

    def _sketch(self, painter: QPainter) -> None:
        """The box as a coloured block, the selection as a heavier outline."""
        c = self.colours
        stroke = QColor(c.text) if self.top else self.colours.stroke(self.node.category)
        if self.selected or self.drop_target:
            stroke = QColor(c.accent)
        painter.setPen(QPen(stroke, 6 if self.selected or self.drop_target else 2))
        painter.setBrush(QColor(c.bg) if self.top else c.fill(self.node.category))
        painter.drawRect(self.rect())

    def _tag(self, painter: QPainter, fill: QColor) -> None:
        s = self.style_
        label = tag_label(self.node, top=self.top)
        rect = QRectF(s.padding_x, s.padding_y, tag_width(label, s), s.tag_height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 3, 3)
        painter.setPen(QColor(on_colour(fill.name().upper())))
        painter.setFont(self.fonts.tag)
        painter.drawText(rect.adjusted(4, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, label)

    def _badge(self, painter: QPainter) -> None:
        c, s = self.colours, self.style_
        centre = QPointF(self.placed.width - s.padding_x - 8, s.padding_y + 7)
        pen = QPen(QColor(c.text), 1.2, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(QColor(c.bg))
        painter.drawEllipse(centre, 8, 8)
        painter.setPen(QColor(c.text))
        painter.setFont(self.fonts.small)
        painter.drawText(
            QRectF(centre.x() - 8, centre.y() - 8, 16, 16), Qt.AlignmentFlag.AlignCenter, "?"
        )

    def _text(self, painter: QPainter) -> None:
        c, s = self.colours, self.style_
        top = s.padding_y + s.tag_height + 4
        width = self.placed.width
        if not self.placed.lines:
            font = QFont(self.fonts.text)
            font.setItalic(True)
            painter.setFont(font)
            painter.setPen(QColor(c.muted))
            rect = QRectF(0, top, width, s.line_height)
            empty = QCoreApplication.translate("FaultTreeCanvas", "(no text yet)")
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, empty)
            return
        painter.setFont(self.fonts.bold if self.top else self.fonts.text)
        painter.setPen(QColor(c.text))
        for i, line in enumerate(self.placed.lines):
            rect = QRectF(0, top + i * s.line_height, width, s.line_height)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, line)

    def _cited(self, painter: QPainter) -> None:
        """How many timeline entries the factor cites, in a pill at the bottom left."""
        c = self.colours
        words = QCoreApplication.translate("FaultTreeCanvas", "cites {n}").format(
            n=len(self.node.evidence)
        )
        width = QFontMetricsF(self.fonts.small).horizontalAdvance(words) + 12
        rect = QRectF(8, self.placed.height - 8, width, 17)
        painter.setPen(QPen(QColor(c.muted), 1.2))
        painter.setBrush(QColor(c.bg))
        painter.drawRoundedRect(rect, 8, 8)
        painter.setPen(QColor(c.text))
        painter.setFont(self.fonts.small)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, words)

    def _marker(self, painter: QPainter) -> None:
        """A pill straddling the box's bottom-right edge: the highlight's state in words."""
        c = self.colours
        assert self.marker is not None
        kind, words = self.marker
        colour = QColor(c.danger if kind == "open" else c.ok)
        width = QFontMetricsF(self.fonts.small).horizontalAdvance(words) + 12
        rect = QRectF(self.placed.width - width - 8, self.placed.height - 8, width, 17)
        painter.setPen(QPen(colour, 1.5))
        painter.setBrush(QColor(c.bg))
        painter.drawRoundedRect(rect, 8, 8)
        painter.setPen(colour)
        painter.setFont(self.fonts.small)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, words)
