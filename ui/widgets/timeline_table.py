"""The timeline table: a calm QTableView over TimelineModel and the delegate that draws it.

Gap rows span the whole width as a quiet band ("— 42 min gap —"); the kind column shows the
kind's glyph in its colour beside its label; the star column a filled or an outlined star.
Keys: Space marks key events, Delete removes, Ctrl+V pastes lines, Enter or F2 edits.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from facilitator.db import models as m
from ui.models.timeline import (
    EVIDENCE,
    HEADERS,
    KEY,
    KIND,
    SOURCE,
    TEXT,
    TIME,
    GapRow,
    ProblemRole,
    RowRole,
    TimelineModel,
)
from ui.style import is_dark, key_star_color, kind_look, palette_of

Index = QModelIndex | QPersistentModelIndex
_MIDDLE = Qt.AlignmentFlag.AlignVCenter
_PAD = 10  # the same inner padding as `QTableView::item` in app.qss


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
        rect = option.rect.adjusted(_PAD, 0, -_PAD, 0)
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
            dark = is_dark(parent.palette())
            for kind in m.KINDS:
                look = kind_look(kind, dark=dark)
                combo.addItem(f"{look.glyph}  {look.label}", kind)
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


class TimelineTable(QTableView):
    """The table: rows in time order, whole rows selected, gap rows skipped by the keys."""

    star_requested = Signal()  # mark or unmark the selected entries as key events
    delete_requested = Signal()
    paste_requested = Signal()

    def __init__(self, model: TimelineModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineTable")
        self.setModel(model)
        self.timeline = model
        self.delegate = TimelineDelegate(model, self)
        self.setItemDelegate(self.delegate)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab leaves the table, as everywhere else on the page
        self.setCornerButtonEnabled(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # columns fit
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | _MIDDLE)
        header.setMinimumSectionSize(24)
        model.synced.connect(self.refresh_rows)
        self.clicked.connect(self._clicked)
        self._size_columns()

    def refresh_rows(self) -> None:
        """Gap rows span the table and are lower than entries; sizes follow the font."""
        self._size_columns()  # a time on the next day ("+1d 00:12") is wider
        self.clearSpans()
        entry_height, gap_height = self._heights()
        self.verticalHeader().setDefaultSectionSize(entry_height)
        for row, value in enumerate(self.timeline.rows):
            gap = isinstance(value, GapRow)
            if gap:
                self.setSpan(row, 0, 1, len(HEADERS))
            wanted = gap_height if gap else entry_height
            if self.rowHeight(row) != wanted:
                self.setRowHeight(row, wanted)

    def _heights(self) -> tuple[int, int]:
        line = self.fontMetrics().height()
        return line + 22, line + 10

    def _size_columns(self) -> None:
        """Star, time and kind as wide as their content; what happened gets most of the
        rest, source and evidence share the remainder (the room reads the text first).
        The evidence column shows only once the session has evidence to link."""
        metrics = self.fontMetrics()
        header = self.horizontalHeader()
        times = [self.timeline.time_text(e.at) for e in self.timeline.entries()] or ["00:00"]
        widths = {
            KEY: metrics.horizontalAdvance("★") + 2 * _PAD + 12,
            TIME: max(metrics.horizontalAdvance(t) for t in times) + 2 * _PAD + 12,
            KIND: metrics.horizontalAdvance("◉  Communication") + 2 * _PAD,
        }
        with_evidence = bool(self.timeline.attachments)
        self.setColumnHidden(EVIDENCE, not with_evidence)
        rest = max(0, self.viewport().width() - sum(widths.values()))
        least = metrics.averageCharWidth() * 8 + 2 * _PAD
        widths[SOURCE] = max(least, rest * (20 if with_evidence else 25) // 100)
        if with_evidence:
            widths[EVIDENCE] = max(least, rest * 18 // 100)
        for column, width in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, width)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._size_columns()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.refresh_rows()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        plain = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if self.state() != QAbstractItemView.State.EditingState:
            if key == Qt.Key.Key_Space and plain:
                self.star_requested.emit()
                return
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and plain:
                self.delete_requested.emit()
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste_requested.emit()
                return
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
                self._edit_current()
                return
        super().keyPressEvent(event)

    def _edit_current(self) -> None:
        index = self.currentIndex()
        if not index.isValid():
            return
        if index.column() == KEY:
            self.star_requested.emit()
        else:
            self.edit(index)

    def _clicked(self, index: QModelIndex) -> None:
        if index.column() == KEY and self.timeline.entry(index.row()) is not None:
            self.star_requested.emit()

    def selected_ids(self) -> list[str]:
        """The selected entries' ids in table order (gap rows are never part of it)."""
        rows = sorted({index.row() for index in self.selectionModel().selectedIndexes()})
        if not rows and self.currentIndex().isValid():
            rows = [self.currentIndex().row()]
        return [e.id for r in rows if (e := self.timeline.entry(r)) is not None]

    def select_ids(self, ids: list[str]) -> None:
        """Select these entries, make the first current and scroll to it."""
        rows = [r for r in (self.timeline.row_of(i) for i in ids) if r >= 0]
        selection = self.selectionModel()
        selection.clearSelection()
        if not rows:
            return
        flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
        for row in rows:
            selection.select(self.timeline.index(row, 0), flags)
        current = self.timeline.index(rows[0], max(self.currentIndex().column(), 1))
        selection.setCurrentIndex(current, selection.SelectionFlag.NoUpdate)
        self.scrollTo(current)
