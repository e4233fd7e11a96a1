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
from ui.widgets.fault_tree_canvas_theme import CanvasColours, paint_gate

GAP = 12.0  # between entries
TEXT_SCALE = 0.86  # the type scale's "small" over "body": a legend is a footnote
SIGN = 22.0  # the least room for a swatch or gate; it grows with the text


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

    def _sign(self) -> float:
        """The width of a sign: the text's height, so presentation type gets big signs."""
        return max(SIGN, QFontMetricsF(self._font()).height() * 1.1)

    def _rows(self, width: float) -> list[list[tuple[str, str, float]]]:
        metrics = QFontMetricsF(self._font())
        sign = self._sign()
        rows: list[list[tuple[str, str, float]]] = [[]]
        x = 0.0
        for kind, words in entries():
            w = sign + 6 + metrics.horizontalAdvance(words)
            if rows[-1] and x + w > width:
                rows.append([])
                x = 0.0
            rows[-1].append((kind, words, w))
            x += w + GAP
        return rows

    def _row_height(self) -> float:
        return max(QFontMetricsF(self._font()).height(), self._sign()) + 6

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
        sign = self._sign()
        gate_style = DrawingStyle(gate_width=sign * 0.9, gate_height=sign * 0.85)
        for r, row in enumerate(self._rows(self.width())):
            x, y = 0.0, r * row_height
            mid = y + row_height / 2
            swatch = QRectF(x + 1, mid - sign * 0.32, sign - 2, sign * 0.64)
            for kind, words, width in row:
                swatch.moveLeft(x + 1)
                if kind in CATEGORY_COLOURS:
                    painter.setPen(QPen(c.stroke(kind), 2))
                    painter.setBrush(c.fill(kind))
                    painter.drawRoundedRect(swatch, 3, 3)
                elif kind in ("and", "or"):
                    top = mid - gate_style.gate_height / 2
                    paint_gate(painter, kind, x + sign / 2, top, gate_style, c)
                else:
                    painter.setPen(QPen(QColor(c.muted), 2, Qt.PenStyle.DashLine))
                    painter.setBrush(QColor(c.bg))
                    painter.drawRoundedRect(swatch, 3, 3)
                painter.setFont(font)
                painter.setPen(QColor(c.text))
                text_rect = QRectF(x + sign + 6, y, width - sign - 6, row_height)
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
