"""One action item in a list, in two lines the room can read at a glance:

    2  Alert on checkout-api connection wait                          ⚠ 2
       Jonas Richter · due 2026-11-20 · Must-fix · ◐ In progress

A missing owner or deadline of a must/should item is written out ("no owner"), semibold and
in the theme's warning colour: the words carry the gap, the weight and colour only point at
it (DESIGN section 9).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from facilitator.actions import ActionView
from ui.models.actions import (
    PRIORITY_NAMES,
    STATUS_GLYPHS,
    STATUS_NAMES,
    FindingsRole,
    ItemRole,
    NumberRole,
    format_due,
    tr,
)
from ui.style import palette_of
from ui.widgets.language_highlighter import presenting

Index = QModelIndex | QPersistentModelIndex
PAD_X, PAD_Y, GAP = 10, 7, 2


def warn_color(palette: QPalette, presenting: bool = False) -> QColor:
    """The theme's warning colour for text drawn with `palette`. Dark or light is read from
    the text colour, not the background: the lists' background is transparent (app.qss),
    which made a light window read as dark and put the dark theme's pale orange on white."""
    dark = palette.color(QPalette.ColorRole.Text).lightness() > 128
    shade = "dark" if dark else "light"
    return QColor(palette_of(f"presentation-{shade}" if presenting else shade)["warn"])


class ActionDelegate(QStyledItemDelegate):
    """Number, task and findings count on the first line; owner, due, priority and status
    on the second, smaller and muted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    @staticmethod
    def _small(font: QFont) -> QFont:
        small = QFont(font)
        small.setPointSizeF(font.pointSizeF() * 0.86)
        return small

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        big = option.fontMetrics.height()
        small = QFontMetrics(self._small(option.font)).height()
        return QSize(200, PAD_Y * 2 + big + GAP + small)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        item = index.data(ItemRole)
        if not isinstance(item, ActionView):
            super().paint(painter, option, index)
            return
        painter.save()
        palette = option.palette
        rect = option.rect
        if option.state & QStyle.StateFlag.State_Selected:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(rect.adjusted(0, 1, -1, -1), 6, 6)
        metrics = option.fontMetrics
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        view = option.widget
        warn = warn_color(palette, view is not None and presenting(view))
        text = palette.color(QPalette.ColorRole.Text)
        gutter = metrics.horizontalAdvance("00") + PAD_X
        line1 = QRect(
            rect.left() + PAD_X, rect.top() + PAD_Y, rect.width() - PAD_X * 2, metrics.height()
        )
        middle = Qt.AlignmentFlag.AlignVCenter
        painter.setFont(option.font)
        painter.setPen(muted)
        number = QRect(line1.left(), line1.top(), gutter - 8, line1.height())
        painter.drawText(number, middle | Qt.AlignmentFlag.AlignRight, str(index.data(NumberRole)))

        found = index.data(FindingsRole) or []
        badge = f"⚠ {len(found)}" if found else ""
        badge_width = metrics.horizontalAdvance(badge) + 8 if badge else 0
        if badge:
            painter.setPen(warn)
            painter.drawText(line1, middle | Qt.AlignmentFlag.AlignRight, badge)
        title_rect = line1.adjusted(gutter, 0, -badge_width, 0)
        painter.setPen(text if item.status != "dropped" else muted)
        title = item.title or tr("(untitled)")
        elided = metrics.elidedText(title, Qt.TextElideMode.ElideRight, title_rect.width())
        painter.drawText(title_rect, middle | Qt.AlignmentFlag.AlignLeft, elided)

        small = self._small(option.font)
        small_metrics = QFontMetrics(small)
        strong = QFont(small)
        strong.setWeight(QFont.Weight.DemiBold)
        strong_metrics = QFontMetrics(strong)
        painter.setFont(small)
        line2 = QRect(
            title_rect.left(),
            line1.bottom() + GAP,
            line1.right() - title_rect.left(),
            small_metrics.height(),
        )
        # The status on the right, always whole; the rest from the left, cut where it meets it.
        status = f"{STATUS_GLYPHS.get(item.status, '')} {tr(STATUS_NAMES.get(item.status, ''))}"
        painter.setPen(muted)
        painter.drawText(line2, middle | Qt.AlignmentFlag.AlignRight, status)
        right = line2.right() - small_metrics.horizontalAdvance(status) - 12
        x = line2.left()
        for part, missing in self._details(item):
            if x >= right:
                break
            font, fm = (strong, strong_metrics) if missing else (small, small_metrics)
            painter.setFont(font)
            painter.setPen(warn if missing else muted)
            shown = fm.elidedText(part, Qt.TextElideMode.ElideRight, right - x)
            painter.drawText(QRect(x, line2.top(), right - x, line2.height()), middle, shown)
            x += fm.horizontalAdvance(part)
        painter.restore()

    @staticmethod
    def _details(item: ActionView) -> list[tuple[str, bool]]:
        """The second line in parts, each flagged when it names something missing (the
        status is drawn apart, on the right)."""
        committed = item.committed
        parts: list[tuple[str, bool]] = [
            (item.owner, False) if item.owner.strip() else (tr("no owner"), committed),
            (" · ", False),
            (tr("due {day}").format(day=format_due(item.due)), False)
            if item.due
            else (tr("no deadline"), committed),
            (" · ", False),
            (tr(PRIORITY_NAMES.get(item.priority, item.priority)), False),
        ]
        return parts
