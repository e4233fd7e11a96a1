"""The fault-tree canvas's legend: what each colour, gate and dashed border means, in words
beside each sign (the same entries as the SVG's legend), in the page's text size."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from facilitator.tree_drawing import CATEGORY_COLOURS
from facilitator.tree_layout import DrawingStyle
from ui.widgets.fault_tree_canvas_items import CanvasColours, paint_gate

GAP = 22.0  # between entries
SIGN = 22.0  # the swatch or gate, and the room after it


def _tr(text: str) -> str:
    return QCoreApplication.translate("FaultTreeCanvas", text)


def entries() -> list[tuple[str, str]]:
    """(kind, words) in reading order: the four categories, the two gates, "?"."""
    found = [(category, _tr(category.capitalize())) for category in CATEGORY_COLOURS]
    found += [("and", _tr("AND: all inputs needed")), ("or", _tr("OR: any one suffices"))]
    found.append(("unknown", _tr("? not yet known")))
    return found


class LegendWidget(QWidget):
    """One or more rows of signs and words; wraps to the width it is given."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("faultTreeLegend")
        self.colours = CanvasColours.of("light")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_colours(self, colours: CanvasColours) -> None:
        self.colours = colours
        self.update()

    def _rows(self, width: float) -> list[list[tuple[str, str, float]]]:
        metrics = QFontMetricsF(self.font())
        rows: list[list[tuple[str, str, float]]] = [[]]
        x = 0.0
        for kind, words in entries():
            w = SIGN + 6 + metrics.horizontalAdvance(words)
            if rows[-1] and x + w > width:
                rows.append([])
                x = 0.0
            rows[-1].append((kind, words, w))
            x += w + GAP
        return rows

    def _row_height(self) -> float:
        return max(QFontMetricsF(self.font()).height(), SIGN) + 6

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return round(len(self._rows(width)) * self._row_height())

    def sizeHint(self) -> QSize:
        return QSize(600, self.heightForWidth(600))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, round(self._row_height()))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        c = self.colours
        row_height = self._row_height()
        gate_style = DrawingStyle(gate_width=20, gate_height=19)
        for r, row in enumerate(self._rows(self.width())):
            x, y = 0.0, r * row_height
            mid = y + row_height / 2
            for kind, words, width in row:
                if kind in CATEGORY_COLOURS:
                    painter.setPen(QPen(c.stroke(kind), 2))
                    painter.setBrush(c.fill(kind))
                    painter.drawRoundedRect(QRectF(x + 1, mid - 7, 20, 14), 3, 3)
                elif kind in ("and", "or"):
                    painter.setFont(self.font())
                    paint_gate(painter, kind, x + 11, mid - 10, gate_style, c)
                else:
                    pen = QPen(QColor(c.muted), 2, Qt.PenStyle.DashLine)
                    painter.setPen(pen)
                    painter.setBrush(QColor(c.bg))
                    painter.drawRoundedRect(QRectF(x + 1, mid - 7, 20, 14), 3, 3)
                painter.setFont(self.font())
                painter.setPen(QColor(c.text))
                text_rect = QRectF(x + SIGN + 6, y, width - SIGN - 6, row_height)
                painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, words)
                x += width + GAP
        painter.end()
