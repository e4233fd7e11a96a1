"""Export the fault tree as an image: the core's SVG as it is, or that SVG rendered to PNG
(at twice its natural size, crisp on slides and in chat)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QFileDialog, QWidget

from facilitator.fault_tree import FaultNode
from facilitator.tree_drawing import render_svg

PNG_SCALE = 2.0


class ExportImageDialog:
    """Asks where to write the image; a classmethod so tests can replace it."""

    @classmethod
    def ask(cls, parent: QWidget, suggested: str) -> Path | None:
        path, _chosen = QFileDialog.getSaveFileName(
            parent,
            parent.tr("Export the fault tree"),
            suggested,
            parent.tr("SVG image (*.svg);;PNG image (*.png)"),
        )
        return Path(path) if path else None


def export_tree(root: FaultNode, path: Path) -> Path:
    """Write `root` to `path` as PNG when it ends in .png, else as SVG (adding the suffix)."""
    svg = render_svg(root)
    if path.suffix.lower() == ".png":
        renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
        size = renderer.defaultSize()
        image = QImage(
            QSize(round(size.width() * PNG_SCALE), round(size.height() * PNG_SCALE)),
            QImage.Format.Format_ARGB32,
        )
        image.fill(QColor("white"))
        painter = QPainter(image)
        renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
        painter.end()
        image.save(str(path), "PNG")
        return path
    if path.suffix.lower() != ".svg":
        path = path.with_suffix(".svg")
    path.write_text(svg, encoding="utf-8")
    return path
