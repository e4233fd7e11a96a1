"""The agenda sidebar: a list view over AgendaModel, drawn calmly by a small delegate."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ui.models.agenda import (
    DoneRole,
    HeaderRole,
    LanguageRole,
    NumberRole,
    StepIdRole,
    TimeboxRole,
)

Index = QModelIndex | QPersistentModelIndex


class AgendaDelegate(QStyledItemDelegate):
    """Headings in small muted capitals; steps as `n  Title ..... 5 min ✓`."""

    def __init__(self, colors: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.colors = colors

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        height = option.fontMetrics.height()
        return QSize(200, height + (22 if index.data(HeaderRole) else 16))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        rect = option.rect.adjusted(10, 0, -10, 0)
        font = QFont(option.font)
        if index.data(HeaderRole):
            font.setPointSizeF(font.pointSizeF() * 0.85)
            font.setBold(True)
            font.setCapitalization(QFont.Capitalization.AllUppercase)
            painter.setFont(font)
            painter.setPen(QColor(self.colors["muted"]))
            painter.drawText(rect.adjusted(0, 8, 0, 0), Qt.AlignmentFlag.AlignVCenter, index.data())
            painter.restore()
            return
        if option.state & QStyle.StateFlag.State_Selected:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(self.colors["selection"]))
            painter.drawRoundedRect(option.rect.adjusted(4, 1, -4, -1), 6, 6)
            font.setBold(True)
        painter.setFont(font)
        muted, text = QColor(self.colors["muted"]), QColor(self.colors["text"])
        number = index.data(NumberRole)
        metrics = option.fontMetrics
        number_width = metrics.horizontalAdvance("00")
        painter.setPen(muted)
        middle = Qt.AlignmentFlag.AlignVCenter
        if number and number <= 9:  # Ctrl+1..9 reach these
            painter.drawText(
                QRect(rect.left(), rect.top(), number_width, rect.height()),
                middle | Qt.AlignmentFlag.AlignLeft,
                str(number),
            )
        right = []
        if index.data(DoneRole):
            right.append("✓")
        if index.data(TimeboxRole):
            right.insert(0, f"{index.data(TimeboxRole)} min")
        right_text = "  ".join(right)
        right_width = metrics.horizontalAdvance(right_text) + 8
        if index.data(DoneRole):
            painter.setPen(QColor(self.colors["ok"]))
        painter.drawText(rect, middle | Qt.AlignmentFlag.AlignRight, right_text)
        badge_width = self._paint_badge(painter, option, index, rect.right() - right_width)
        painter.setPen(text)
        title_rect = rect.adjusted(number_width + 6, 0, -right_width - badge_width, 0)
        title = metrics.elidedText(index.data(), Qt.TextElideMode.ElideRight, title_rect.width())
        painter.drawText(title_rect, middle | Qt.AlignmentFlag.AlignLeft, title)
        painter.restore()

    def _paint_badge(
        self, painter: QPainter, option: QStyleOptionViewItem, index: Index, right: int
    ) -> int:
        """The count of blameful phrases on the step, as a small pill ending at `right`
        (its tooltip says what the number means); the width it took, 0 when none."""
        count = index.data(LanguageRole)
        if not count:
            return 0
        label = str(count)
        metrics = option.fontMetrics
        width = max(metrics.horizontalAdvance(label) + 12, metrics.height())
        height = metrics.height()
        box = QRect(right - width, option.rect.center().y() - height // 2 + 1, width, height)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self.colors["warn_soft"]))
        painter.drawRoundedRect(box, height / 2, height / 2)
        painter.setPen(QColor(self.colors["warn"]))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
        return width + 6


class AgendaView(QListView):
    """Arrow keys move between steps (headings are skipped); choosing one emits its id."""

    step_chosen = Signal(str)

    def __init__(self, colors: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agenda")
        self.delegate = AgendaDelegate(colors, self)
        self.setItemDelegate(self.delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setUniformItemSizes(False)
        self.setSpacing(0)

    def set_colors(self, colors: dict[str, str]) -> None:
        self.delegate.colors = colors
        self.viewport().update()

    def currentChanged(self, current: QModelIndex, previous: QModelIndex) -> None:
        super().currentChanged(current, previous)
        step_id = current.data(StepIdRole) if current.isValid() else None
        if step_id:
            self.step_chosen.emit(step_id)

    def select_step(self, row: int) -> None:
        index = self.model().index(row, 0)
        if index.isValid() and index != self.currentIndex():
            self.setCurrentIndex(index)
