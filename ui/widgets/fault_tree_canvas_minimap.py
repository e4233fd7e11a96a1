"""An overview of a big fault tree in the canvas's corner: the whole tree small, the part in
view framed; click or drag in it to go there. It hides itself while the whole tree fits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QFrame, QGraphicsView

if TYPE_CHECKING:
    from ui.widgets.fault_tree_canvas import FaultTreeCanvas

MAX_SIZE = (200, 110)
SHARE = 0.28  # at most this much of the canvas's width or height
MARGIN = 10


class MinimapView(QGraphicsView):
    """A second, passive view on the canvas's scene."""

    def __init__(self, canvas: FaultTreeCanvas) -> None:
        super().__init__(canvas.scene(), canvas)
        self.canvas = canvas
        self.setObjectName("faultTreeMinimap")
        self.setInteractive(False)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays on the tree
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)  # drawForeground draws a themed border
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("Overview: click or drag to move around the tree"))
        self.hide()

    def refresh(self) -> None:
        """Fit the scene, frame the view, and show only when there is more than fits."""
        scene_rect = self.canvas.tree_scene.sceneRect()
        shown = self.canvas.visible_scene_rect()
        whole = shown.contains(scene_rect.adjusted(8, 8, -8, -8))
        if whole or self.canvas.presenting:
            self.hide()  # in presentation the room sees the tree, not our instruments
            return
        self.place()
        self.fitInView(scene_rect, Qt.AspectRatioMode.KeepAspectRatio)
        self.show()
        self.raise_()
        self.viewport().update()

    def place(self) -> None:
        """The top-right corner of the canvas (beside the incident, where a tree is
        emptiest), clear of its scroll bar, small enough to leave the tree the room."""
        area = self.canvas.viewport().geometry()
        scene = self.canvas.tree_scene.sceneRect()
        width = min(MAX_SIZE[0], area.width() * SHARE)
        height = min(MAX_SIZE[1], area.height() * SHARE)
        if scene.width() > 0 and scene.height() > 0:  # the tree's own proportions
            ratio = scene.width() / scene.height()
            width, height = min(width, height * ratio), min(height, width / ratio)
        self.setGeometry(
            round(area.right() - width - MARGIN),
            round(area.top() + MARGIN),
            max(round(width), 40),
            max(round(height), 30),
        )

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        colours = self.canvas.colours
        frame = self.canvas.visible_scene_rect()
        accent = QColor(colours.accent)
        fill = QColor(accent)
        fill.setAlpha(40)
        painter.setPen(QPen(accent, 2 / max(self.transform().m11(), 1e-3)))
        painter.setBrush(fill)
        painter.drawRect(frame)
        painter.setPen(QPen(QColor(colours.border), 2 / max(self.transform().m11(), 1e-3)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(self.mapToScene(self.viewport().rect()).boundingRect())

    def _go(self, event: QMouseEvent) -> None:
        self.canvas.centerOn(self.mapToScene(event.position().toPoint()))
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._go(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._go(event)

    def wheelEvent(self, event: object) -> None:
        pass  # the overview never scrolls: it always shows the whole tree
