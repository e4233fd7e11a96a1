"""A calm list view for captured items: numbered, wrapped, large type, drag to reorder, and
a sentence saying what to do while it is empty."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

Index = QModelIndex | QPersistentModelIndex
PAD_X, PAD_Y = 12, 10
TEXT_FLAGS = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop


class RowListView(QListView):
    """Rows reordered by dragging (the model turns the drop into an undoable move)."""

    def __init__(self, empty_text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_text = empty_text
        # DragDrop rather than InternalMove: the model accepts only its own rows (by id), and
        # InternalMove would refuse any drop whose source is not a live drag of this view.
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragDropOverwriteMode(False)
        self.setDropIndicatorShown(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setResizeMode(QListView.ResizeMode.Adjust)  # re-wrap the text on resize
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setWordWrap(True)
        self.setSpacing(1)

    def set_empty_text(self, text: str) -> None:
        self.empty_text = text
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if self.empty_text and (model is None or model.rowCount() == 0):
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            area = self.viewport().rect().adjusted(24, 28, -24, -24)
            flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignHCenter
            painter.drawText(area, int(flags | Qt.AlignmentFlag.AlignTop), self.empty_text)
            painter.end()


class NumberedDelegate(QStyledItemDelegate):
    """Each item as "3  text…": a muted number the room can refer to, the text wrapped."""

    def _gutter(self, option: QStyleOptionViewItem) -> int:
        return option.fontMetrics.horizontalAdvance("00") + PAD_X * 2

    def _text_rect(self, option: QStyleOptionViewItem, rect: QRect) -> QRect:
        return rect.adjusted(self._gutter(option), PAD_Y, -PAD_X, -PAD_Y)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        view = self.parent()
        width = view.viewport().width() - 4 if isinstance(view, QListView) else 400
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        room = max(40, width - self._gutter(option) - PAD_X)
        bounds = option.fontMetrics.boundingRect(QRect(0, 0, room, 100_000), TEXT_FLAGS, text)
        return QSize(width, max(bounds.height(), option.fontMetrics.height()) + PAD_Y * 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        palette = option.palette
        rect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(rect.adjusted(0, 0, -1, -1), 6, 6)
        painter.setFont(option.font)
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        number = QRect(rect.left(), rect.top() + PAD_Y, self._gutter(option) - PAD_X, rect.height())
        right_top = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        painter.drawText(number, int(right_top), str(index.row() + 1))
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        painter.drawText(self._text_rect(option, rect), int(TEXT_FLAGS), text)
        painter.restore()

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        rect = option.rect.adjusted(self._gutter(option) - 10, 2, -2, -2)
        editor.setGeometry(rect)
