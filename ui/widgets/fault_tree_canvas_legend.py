"""Under the fault-tree canvas: the legend (what each colour, gate and dashed border means,
in words beside each sign, as in the SVG) and the open paths in words."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from facilitator.fault_tree import FaultNode, describe_cut_set
from facilitator.fault_tree_paths import OpenPaths
from facilitator.tree_drawing import CATEGORY_COLOURS
from facilitator.tree_layout import DrawingStyle
from ui.widgets.fault_tree_canvas_items import CanvasColours, paint_gate

GAP = 16.0  # between entries
TEXT_SCALE = 0.86  # the type scale's "small" over "body": a legend is a footnote
SIGN = 22.0  # the swatch or gate, and the room after it


def _tr(text: str) -> str:
    return QCoreApplication.translate("FaultTreeCanvas", text)


def entries() -> list[tuple[str, str]]:
    """(kind, words) in reading order: the four categories, the two gates, "?"."""
    found = [(category, _tr(category.capitalize())) for category in CATEGORY_COLOURS]
    found += [("and", _tr("AND: all needed")), ("or", _tr("OR: any one"))]
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

    def _font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(self.font().pointSizeF(), 6.0) * TEXT_SCALE)
        return font

    def _rows(self, width: float) -> list[list[tuple[str, str, float]]]:
        metrics = QFontMetricsF(self._font())
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
        return max(QFontMetricsF(self._font()).height(), SIGN) + 6

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
        font = self._font()
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
                    painter.setFont(font)
                    paint_gate(painter, kind, x + 11, mid - 10, gate_style, c)
                else:
                    pen = QPen(QColor(c.muted), 2, Qt.PenStyle.DashLine)
                    painter.setPen(pen)
                    painter.setBrush(QColor(c.bg))
                    painter.drawRoundedRect(QRectF(x + 1, mid - 7, 20, 14), 3, 3)
                painter.setFont(font)
                painter.setPen(QColor(c.text))
                text_rect = QRectF(x + SIGN + 6, y, width - SIGN - 6, row_height)
                painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, words)
                x += width + GAP
        painter.end()


class OpenPathsLabel(QLabel):
    """Under the tree while the highlight is on: how many paths are open, and the first few
    in words (leaf texts joined by "+"), so the highlight never relies on colour."""

    LISTED = 3

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openPaths")
        self.setWordWrap(True)
        self.hide()

    def show_paths(self, root: FaultNode | None, highlight: OpenPaths | None) -> None:
        self.setVisible(highlight is not None and root is not None)
        if highlight is None or root is None:
            return
        if highlight.too_many is not None:
            text = self.tr("More than {n} paths lead to the incident: too many to show.").format(
                n=f"{highlight.too_many:,}"
            )
        elif not highlight.paths:
            text = self.tr("✓ Every path to the incident is broken by an action item.")
        else:
            count = len(highlight.paths)
            listed = "; ".join(describe_cut_set(root, p) for p in highlight.paths[: self.LISTED])
            if count > self.LISTED:
                listed += self.tr(" …and {m} more").format(m=count - self.LISTED)
            text = (
                self.tr("1 path to the incident is still open: {paths}")
                if count == 1
                else self.tr("{n} paths to the incident are still open: {paths}")
            ).format(n=count, paths=listed)
        self.setText(text)
