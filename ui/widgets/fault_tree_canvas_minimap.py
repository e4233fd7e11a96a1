"""An overview of a big fault tree in the canvas's corner: the whole tree small, the part in
view framed; click or drag in it to go there. It hides itself while the whole tree fits.

The tree is drawn into a picture once per change (boxes only, a few milliseconds), so
scrolling the canvas repaints only that picture and the frame, never the 200 boxes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from ui.widgets.fault_tree_canvas import FaultTreeCanvas

MAX_SIZE = (200, 110)
SHARE = 0.28  # at most this much of the canvas's width or height
MARGIN = 10
SETTLE_MS = 60  # redraw the picture once a burst of edits has settled


class MinimapWidget(QWidget):
    """A picture of the canvas's scene with the visible part framed."""

    def __init__(self, canvas: FaultTreeCanvas) -> None:
        super().__init__(canvas)
        self.canvas = canvas
        self.setObjectName("faultTreeMinimap")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays on the tree
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("Overview: click or drag to move around the tree"))
        self.picture = QPixmap()
        self._stale = True
        self._redraw = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._redraw.timeout.connect(self._draw_picture)
        self.hide()

    def tree_changed(self) -> None:
        """The scene changed: redraw the picture soon (not inside the edit's own stall)."""
        self._stale = True
        self._redraw.start()
        self.follow()

    def follow(self) -> None:
        """The view moved or zoomed: show, hide or re-frame."""
        scene_rect = self.canvas.tree_scene.sceneRect()
        whole = self.canvas.visible_scene_rect().contains(scene_rect.adjusted(8, 8, -8, -8))
        if whole or self.canvas.presenting or scene_rect.isEmpty():
            self.hide()  # in presentation the room sees the tree, not our instruments
            return
        self._place(scene_rect)
        # An edit that changes the tree's proportions changes this widget's size too: the
        # old picture, stretched, stands in until the settled redraw, rather than a redraw
        # inside the edit's own stall.
        outdated = self._stale or self.picture.size() != self.size()
        if self.picture.isNull() or (outdated and not self._redraw.isActive()):
            self._draw_picture()
        self.show()
        self.raise_()
        self.update()

    def _place(self, scene_rect: QRectF) -> None:
        """The top-right corner of the canvas (beside the incident, where a tree is
        emptiest), clear of its scroll bar, small enough to leave the tree the room."""
        area = self.canvas.viewport().geometry()
        width = min(MAX_SIZE[0], area.width() * SHARE)
        height = min(MAX_SIZE[1], area.height() * SHARE)
        ratio = scene_rect.width() / max(scene_rect.height(), 1.0)  # the tree's proportions
        width, height = min(width, height * ratio), min(height, width / ratio)
        self.setGeometry(
            round(area.right() - width - MARGIN),
            round(area.top() + MARGIN),
            max(round(width), 40),
            max(round(height), 30),
        )

    def _draw_picture(self) -> None:
        """Boxes as blocks of their category's colour, straight from the layout: at this
        size that is all anyone can see, and it takes a fraction of a full scene render."""
        layout = self.canvas.layout_
        if not self.isVisible() or layout is None:
            return  # stays stale; drawn when it shows
        self._stale = False
        colours = self.canvas.colours
        scene = self.canvas.tree_scene.sceneRect()
        scale = self._scale()
        self.picture = QPixmap(self.size())
        self.picture.fill(QColor(colours.bg))
        painter = QPainter(self.picture)
        painter.scale(scale, scale)
        painter.translate(-scene.left(), -scene.top())
        for index, placed in enumerate(layout.nodes):
            category = placed.node.category
            pen = QPen(QColor(colours.text) if index == 0 else colours.stroke(category), 0)
            painter.setPen(pen)  # width 0: one device pixel, whatever the scale
            painter.setBrush(QColor(colours.bg) if index == 0 else colours.fill(category))
            painter.drawRect(QRectF(placed.x, placed.y, placed.width, placed.height))
        painter.end()
        self.update()

    def _scale(self) -> float:
        scene = self.canvas.tree_scene.sceneRect()
        return min(self.width() / max(scene.width(), 1.0), self.height() / max(scene.height(), 1.0))

    def paintEvent(self, event: QPaintEvent) -> None:
        colours = self.canvas.colours
        painter = QPainter(self)
        painter.drawPixmap(self.rect(), self.picture)
        scene = self.canvas.tree_scene.sceneRect()
        shown = self.canvas.visible_scene_rect()
        scale = self._scale()
        frame = QRectF(
            (shown.left() - scene.left()) * scale,
            (shown.top() - scene.top()) * scale,
            shown.width() * scale,
            shown.height() * scale,
        ).intersected(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        accent = QColor(colours.accent)
        fill = QColor(accent)
        fill.setAlpha(40)
        painter.setPen(QPen(accent, 2))
        painter.setBrush(fill)
        painter.drawRect(frame)
        painter.setPen(QPen(QColor(colours.border), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        painter.end()

    def _go(self, event: QMouseEvent) -> None:
        scene = self.canvas.tree_scene.sceneRect()
        scale = self._scale()
        pos = event.position()
        self.canvas.pan_to(QPointF(scene.left() + pos.x() / scale, scene.top() + pos.y() / scale))
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._go(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._go(event)
