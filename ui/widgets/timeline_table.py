"""The timeline table: a calm QTableView over TimelineModel (drawn by TimelineDelegate).

Gap rows span the whole width and are lower than entries; columns fit the width, the text
first. Keys: Space marks key events, Delete removes, Ctrl+V pastes lines, Enter or F2 edits.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QWidget,
)

from ui.models.timeline import (
    EVIDENCE,
    HEADERS,
    KEY,
    KIND,
    SOURCE,
    TEXT,
    TIME,
    GapRow,
    TimelineModel,
)
from ui.widgets.timeline_delegate import PAD, TimelineDelegate

_MIDDLE = Qt.AlignmentFlag.AlignVCenter


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
        # The widest times are at the ends (the most days away) or carry seconds; formatting
        # only those keeps this cheap with hundreds of entries.
        entries = self.timeline.entries()
        times = ["00:00"] + [self.timeline.time_text(e.at) for e in entries[:1] + entries[-1:]]
        if any(e.at.second for e in entries):
            times.append("00:00:00")
        widths = {
            KEY: metrics.horizontalAdvance("★") + 2 * PAD + 12,
            TIME: max(metrics.horizontalAdvance(t) for t in times) + 2 * PAD + 12,
            KIND: metrics.horizontalAdvance("◉  Communication") + 2 * PAD,
        }
        with_evidence = bool(self.timeline.attachments)
        self.setColumnHidden(EVIDENCE, not with_evidence)
        rest = max(0, self.viewport().width() - sum(widths.values()))
        least = metrics.averageCharWidth() * 8 + 2 * PAD
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
