"""Calm row views for captured items – a numbered, wrapped list and a quiet table – that
drag to reorder and say what to do while they are empty; and a combo-box delegate."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ui.models.list_items import LanguageRole
from ui.widgets.language_highlighter import underline_color
from ui.widgets.language_rows import paint_underlined

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

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Re-wrap now: Qt waits 100 ms, and a scroll bar appearing would leave stale heights.
        self.doItemsLayout()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.doItemsLayout()  # presentation mode and zoom change the rows' heights

    def set_empty_text(self, text: str) -> None:
        self.empty_text = text
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        paint_empty(self, self.empty_text)


class RowTableView(QTableView):
    """A quiet table (no grid, no row numbers) whose rows drag to reorder, like RowListView."""

    def __init__(self, empty_text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_text = empty_text
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)  # see RowListView
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragDropOverwriteMode(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.horizontalHeader().setHighlightSections(False)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        paint_empty(self, self.empty_text)


def paint_empty(view: QAbstractItemView, text: str) -> None:
    """While the model has no rows, say in the view what to do to fill it."""
    model = view.model()
    if not text or (model is not None and model.rowCount() > 0):
        return
    painter = QPainter(view.viewport())
    painter.setPen(view.palette().color(QPalette.ColorRole.PlaceholderText))
    font = view.font()
    font.setPointSizeF(font.pointSizeF() * 0.85)  # quieter than the items it stands in for
    painter.setFont(font)
    area = view.viewport().rect().adjusted(24, 28, -24, -24)
    flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
    painter.drawText(area, int(flags), text)
    painter.end()


class ChoiceDelegate(QStyledItemDelegate):
    """Edits a column of fixed choices with a combo box showing labels, storing values."""

    def __init__(self, choices: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = choices  # (label, value)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        for label, value in self.choices:
            combo.addItem(label, value)
        # A choice is made when picked: commit at once rather than on focus out.
        combo.activated.connect(lambda _i: self._commit(combo))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class NumberedDelegate(QStyledItemDelegate):
    """Each item as "3  text…": a muted number the room can refer to, the text wrapped, its
    blameful phrases underlined (`LanguageRole`) while `underlined()` says so."""

    def __init__(self, view: QListView, underlined: Callable[[], bool] = lambda: False) -> None:
        super().__init__(view)
        self._underlined = underlined

    def _gutter(self, option: QStyleOptionViewItem) -> int:
        return option.fontMetrics.horizontalAdvance("00") + PAD_X * 2

    def _width(self) -> int:
        view = self.parent()
        return view.viewport().width() - 4 if isinstance(view, QListView) else 400

    def _room(self, option: QStyleOptionViewItem) -> int:
        """The text's wrapping width: the same for measuring and for painting. The row the
        view gives is a few pixels wider than the measure, and a text that fitted in those
        pixels was measured a line taller than it was drawn (a gap under it)."""
        return max(40, self._width() - self._gutter(option) - PAD_X)

    def _text_rect(self, option: QStyleOptionViewItem, rect: QRect) -> QRect:
        text = rect.adjusted(self._gutter(option), PAD_Y, -PAD_X, -PAD_Y)
        text.setWidth(min(text.width(), self._room(option)))
        return text

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        room = self._room(option)
        bounds = option.fontMetrics.boundingRect(QRect(0, 0, room, 100_000), TEXT_FLAGS, text)
        height = max(bounds.height(), option.fontMetrics.height()) + PAD_Y * 2
        return QSize(self._width(), height)

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
        findings = index.data(LanguageRole) if self._underlined() else None
        if findings:
            color = underline_color(self.parent())
            paint_underlined(painter, option, self._text_rect(option, rect), text, findings, color)
        else:
            painter.drawText(self._text_rect(option, rect), int(TEXT_FLAGS), text)
        painter.restore()

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        rect = option.rect.adjusted(self._gutter(option) - 10, 2, -2, -2)
        editor.setGeometry(rect)
