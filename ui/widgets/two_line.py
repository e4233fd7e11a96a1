"""A table cell in two lines: the item's text, and under it, smaller and muted, what says where
it comes from (`DetailRole`). Keeps a table to a few columns at 1280×720."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

Index = QModelIndex | QPersistentModelIndex
DetailRole = Qt.ItemDataRole.UserRole + 20
PAD_X, PAD_Y, GAP = 8, 6, 1


class TwoLineDelegate(QStyledItemDelegate):
    """Text on top, detail below; both cut with an ellipsis when the column is narrow."""

    @staticmethod
    def _small(font: QFont) -> QFont:
        small = QFont(font)
        small.setPointSizeF(font.pointSizeF() * 0.86)
        return small

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        small = QFontMetrics(self._small(option.font)).height()
        width = option.fontMetrics.horizontalAdvance(str(index.data() or "")) + PAD_X * 2
        return QSize(min(width, 420), PAD_Y * 2 + option.fontMetrics.height() + GAP + small)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        painter.save()
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.color(QPalette.ColorRole.Highlight))
        elif option.features & QStyleOptionViewItem.ViewItemFeature.Alternate:
            painter.fillRect(option.rect, option.palette.color(QPalette.ColorRole.AlternateBase))
        rect = option.rect.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y)
        metrics = option.fontMetrics
        top = QRect(rect.left(), rect.top(), rect.width(), metrics.height())
        text = metrics.elidedText(
            str(index.data() or ""), Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.setFont(option.font)
        painter.setPen(option.palette.color(QPalette.ColorRole.Text))
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        small = self._small(option.font)
        small_metrics = QFontMetrics(small)
        bottom = QRect(rect.left(), top.bottom() + GAP, rect.width(), small_metrics.height())
        detail = small_metrics.elidedText(
            str(index.data(DetailRole) or ""), Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.setFont(small)
        painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(bottom, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, detail)
        painter.restore()
