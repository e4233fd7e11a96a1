"""How the timeline table draws and edits a cell: gap bands across the row, a kind's glyph
in its colour beside its label, filled or outlined stars, refused times in the danger colour;
combo boxes for kind and evidence, and a time editor that stays open while it is refused."""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QKeyEvent,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from facilitator.db import models as m
from ui.models.timeline import (
    EVIDENCE,
    KEY,
    KIND,
    TIME,
    GapRow,
    ProblemRole,
    RowRole,
    TimelineModel,
)
from ui.style import is_dark, key_star_color, kind_look, palette_of

Index = QModelIndex | QPersistentModelIndex
_MIDDLE = Qt.AlignmentFlag.AlignVCenter
PAD = 10  # the same inner padding as `QTableView::item` in app.qss


def kind_icon(kind: str, font: QFont, *, dark: bool) -> QIcon:
    """The kind's glyph in its colour, for lists of kinds (the label goes beside it)."""
    look = kind_look(kind, dark=dark)
    side = QFontMetrics(font).height()
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setFont(font)
    painter.setPen(QColor(look.color))
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, look.glyph)
    painter.end()
    return QIcon(pixmap)


def fill_kinds(combo: QComboBox) -> None:
    """Every kind, glyph and label, in a combo box (kept choice, icons for its theme)."""
    chosen = combo.currentData()
    dark = is_dark(combo.palette())
    side = combo.fontMetrics().height()
    combo.setIconSize(QSize(side, side))  # as large as the text, in presentation mode too
    combo.clear()
    for kind in m.KINDS:
        combo.addItem(kind_icon(kind, combo.font(), dark=dark), kind_look(kind).label, kind)
    combo.setCurrentIndex(max(0, combo.findData(chosen or "note")))


def _tabular(font: QFont) -> QFont:
    """Digits of one width, so times line up in a column (DESIGN section 9)."""
    font = QFont(font)
    font.setFeature(QFont.Tag("tnum"), 1)
    return font


class TimelineDelegate(QStyledItemDelegate):
    """Draws kinds, stars, refused times and gap bands; edits kinds and evidence with
    combo boxes and times with a line edit that stays open while the time is refused."""

    def __init__(self, model: TimelineModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._editing: dict[QWidget, QPersistentModelIndex] = {}

    # Painting ------------------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        row = index.data(RowRole)
        colors = palette_of("dark" if is_dark(option.palette) else "light")
        if isinstance(row, GapRow):
            self._paint_gap(painter, option, index.data(), colors)
            return
        column = index.column()
        if column not in (KEY, KIND, TIME):
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # the background and the selection from the style, the content below
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        painter.save()
        rect = option.rect.adjusted(PAD, 0, -PAD, 0)
        text_color = option.palette.color(QPalette.ColorRole.Text)
        if column == KEY:
            self._paint_star(painter, option, rect, row.key, colors)
        elif column == KIND:
            look = kind_look(row.kind, dark=is_dark(option.palette))
            painter.setPen(QColor(look.color))
            glyph_width = option.fontMetrics.horizontalAdvance("◉") + 8
            painter.drawText(rect, _MIDDLE, look.glyph)
            painter.setPen(text_color)
            painter.drawText(rect.adjusted(glyph_width, 0, 0, 0), _MIDDLE, look.label)
        else:
            problem = index.data(ProblemRole)
            painter.setFont(_tabular(option.font))
            painter.setPen(QColor(colors["danger"]) if problem else text_color)
            painter.drawText(rect, _MIDDLE, ("✕ " if problem else "") + index.data())
        painter.restore()

    def _paint_star(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        rect: QRect,
        key: bool,
        colors: dict[str, str],
    ) -> None:
        # The shape says it (filled or outlined); the warm colour only helps the eye.
        dark = is_dark(option.palette)
        painter.setPen(QColor(key_star_color(dark=dark) if key else colors["muted"]))
        if not key:
            painter.setOpacity(0.6)
        painter.drawText(rect, _MIDDLE | Qt.AlignmentFlag.AlignHCenter, "★" if key else "☆")

    def _paint_gap(
        self, painter: QPainter, option: QStyleOptionViewItem, text: str, colors: dict[str, str]
    ) -> None:
        painter.save()
        font = QFont(option.font)
        font.setItalic(True)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        width = metrics.horizontalAdvance(text)
        rect = option.rect
        painter.setPen(QColor(colors["muted"]))
        painter.drawText(rect, _MIDDLE | Qt.AlignmentFlag.AlignHCenter, text)
        pen = QPen(QColor(colors["border"]), 1, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        y = rect.center().y()
        left_end = rect.center().x() - width // 2 - 16
        right_start = rect.center().x() + width // 2 + 16
        painter.drawLine(rect.left() + 48, y, left_end, y)
        painter.drawLine(right_start, y, rect.right() - 48, y)
        painter.restore()

    # Editing -------------------------------------------------------------------------------

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        column = index.column()
        editor: QWidget
        if column == KIND:
            combo = QComboBox(parent)
            fill_kinds(combo)
            editor = combo
        elif column == EVIDENCE:
            combo = QComboBox(parent)
            combo.addItem(self.tr("No evidence"), "")
            for attachment_id, name in self.model.attachments.items():
                combo.addItem(name, attachment_id)
            if not self.model.attachments:
                combo.setToolTip(self.tr("Add evidence on the Evidence step to link it here"))
            editor = combo
        else:
            line = QLineEdit(parent)
            if column == TIME:
                line.setFont(_tabular(line.font()))
            editor = line
        if isinstance(editor, QComboBox):
            editor.activated.connect(lambda _i, e=editor: self._commit_and_close(e))
        self._editing[editor] = QPersistentModelIndex(index)
        editor.destroyed.connect(lambda _obj=None, e=editor: self._editing.pop(e, None))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: object, index: Index) -> None:
        if isinstance(editor, QComboBox):
            self.model.setData(index, editor.currentData())
        else:
            super().setModelData(editor, model, index)  # type: ignore[arg-type]

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        # Enter on a time that cannot be read keeps the editor open with what was typed; the
        # page shows the core's message. Everything else is the usual delegate behaviour.
        if (
            isinstance(editor, QLineEdit)
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            index = self._editing.get(editor)
            if index is not None and index.isValid() and index.column() == TIME:
                self.commitData.emit(editor)
                entry = self.model.entry(index.row())
                if entry is not None and self.model.problem(entry.id):
                    editor.selectAll()
                    return True
                self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
                return True
        return super().eventFilter(editor, event)

    def _commit_and_close(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
