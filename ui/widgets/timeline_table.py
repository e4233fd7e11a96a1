"""The timeline table: a calm QTableView over TimelineModel (drawn by TimelineDelegate).

Gap rows span the whole width and are lower than entries; columns fit the width, the text
first. Keys: Space marks key events, Delete removes, Ctrl+V pastes lines, Enter or F2 edits.
Nothing here walks every row: a large timeline has 100,000 of them (the model knows its gap
rows), and a model reset keeps the selection and the current entry by id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import chain

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QFontMetrics,
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
    EntryRow,
    TimelineModel,
)
from ui.style import kind_look
from ui.widgets.timeline_delegate import PAD, TimelineDelegate

_MIDDLE = Qt.AlignmentFlag.AlignVCenter
_ACROSS = Qt.Orientation.Horizontal
SELECT_SLICE = 10_000  # entries looked up in one turn of the event loop (2-4 ms)


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
        # The header paints each column as selected or not whatever it highlights, and Qt
        # works that out by asking the model about every row of the column from the top:
        # 1.2-2.4 s after selecting an import of 100,000 entries. Its own, empty selection
        # answers at once; clicking a column has nothing to select in a table of rows.
        header.setSelectionModel(QItemSelectionModel(model, header))
        header.setSectionsClickable(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | _MIDDLE)
        header.setMinimumSectionSize(24)
        model.synced.connect(self.refresh_rows)
        model.modelAboutToBeReset.connect(self._remember)
        model.modelReset.connect(self._restore)
        self._kept: tuple[list[str], str | None, int, int] | None = None
        self.clicked.connect(self._clicked)
        self._size_columns()

    def refresh_rows(self) -> None:
        """Gap rows span the table and are lower than entries; sizes follow the font."""
        self._size_columns()  # a time on the next day ("+1d 00:12") is wider
        self.clearSpans()
        entry_height, gap_height = self._heights()
        # Every row back to an entry's height (Qt does it for all rows, whatever the size
        # was), then the gap rows.
        self.verticalHeader().setDefaultSectionSize(entry_height)
        for row in self.timeline.shown().gaps:
            self.setSpan(row, 0, 1, len(HEADERS))
            self.setRowHeight(row, gap_height)

    def _heights(self) -> tuple[int, int]:
        line = self.fontMetrics().height()
        return line + 22, line + 10

    def _size_columns(self) -> None:
        """Star, time and kind as wide as their content; what happened gets the rest but
        for a share for source and evidence (the room reads the text first). The source
        column is only as wide as its heading while no entry names a source, and the
        evidence column shows only once the session has evidence to link."""
        metrics = self.fontMetrics()
        header = self.horizontalHeader()
        # The widest times are at the ends (the most days away) or carry seconds; formatting
        # only those keeps this cheap with hundreds of entries.
        shown = self.timeline.shown()
        entries = shown.entries
        times = ["00:00"] + [self.timeline.time_text(e.at) for e in entries[:1] + entries[-1:]]
        if shown.seconds:
            times.append("00:00:00")
        widths = {
            KEY: metrics.horizontalAdvance("★") + 2 * PAD + 12,
            TIME: max(metrics.horizontalAdvance(t) for t in times) + 2 * PAD + 12,
            KIND: self._kind_width(metrics),
        }
        with_evidence = bool(self.timeline.attachments)
        self.setColumnHidden(EVIDENCE, not with_evidence)
        rest = max(0, self.viewport().width() - sum(widths.values()))
        least = metrics.averageCharWidth() * 8 + 2 * PAD
        if self.timeline.has_sources():
            widths[SOURCE] = max(least, rest * (18 if with_evidence else 20) // 100)
        else:  # an empty column, there to be filled in: room for its heading only
            heading = str(self.timeline.headerData(SOURCE, _ACROSS))
            widths[SOURCE] = header.fontMetrics().horizontalAdvance(heading) + 2 * PAD + 12
        if with_evidence:
            widths[EVIDENCE] = max(least, rest * 18 // 100)
        for column, width in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, width)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)

    def _kind_width(self, metrics: QFontMetrics) -> int:
        """As wide as the longest kind label shown (not "Communication" while every entry is
        a note: those pixels go to what happened), and never narrower than "Kind" or "Note"."""
        labels = [kind_look(kind).label for kind in self.timeline.kinds()] + ["Note"]
        header = self.horizontalHeader().fontMetrics()
        heading = header.horizontalAdvance(str(self.timeline.headerData(KIND, _ACROSS)))
        glyph = metrics.horizontalAdvance("◉") + 8  # as TimelineDelegate draws it
        # 12 px more: the combo box that edits a kind has an arrow to fit beside the label.
        return max(heading, glyph + max(map(metrics.horizontalAdvance, labels))) + 2 * PAD + 12

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
        # From the selection's ranges, not its indexes: six index objects a selected row.
        parts = self.selectionModel().selection()
        rows = sorted(set(chain.from_iterable(range(p.top(), p.bottom() + 1) for p in parts)))
        if not rows and self.currentIndex().isValid():
            rows = [self.currentIndex().row()]
        shown = self.timeline.rows
        return [row.id for r in rows if 0 <= r < len(shown) and type(row := shown[r]) is EntryRow]

    def select_ids(self, ids: Sequence[str], current: str | None = None) -> None:
        """Select these entries, make the first (or `current`) current and scroll to it."""
        self.select_runs(selection_runs(self.timeline.shown().index, ids), current)

    def select_ids_soon(self, ids: Sequence[str], again: Callable[[list[str]], object]) -> None:
        """`select_ids`, with many ids (an import's) looked up a slice at a time on idle
        turns: 100,000 at once took 30-40 ms, and in a worker they slowed the first paint
        of the new rows as much (the two shared the GIL). Should the rows change
        meanwhile, `again(ids)` starts over (once they are shown)."""
        if len(ids) <= SELECT_SLICE:
            self.select_ids(ids)
            return
        model = self.timeline
        shown = model.shown()
        marks = bytearray(len(model.rows))

        def step(start: int) -> None:
            if model.shown() is not shown or model.loading:
                again(list(ids))
                return
            mark_rows(marks, shown.index, ids[start : start + SELECT_SLICE])
            if start + SELECT_SLICE < len(ids):
                QTimer.singleShot(0, lambda: step(start + SELECT_SLICE))
            else:
                self.select_runs(marked_runs(marks))

        step(0)

    def select_runs(self, runs: Sequence[tuple[int, int]], current: str | None = None) -> None:
        """Select runs of rows (first, last) as `selection_runs` gives them, make the first
        (or `current`) current and scroll to it."""
        selection = self.selectionModel()
        if not runs:
            selection.clearSelection()
            return
        # One selection of ranges (100,000 separate selects took seconds).
        chosen = QItemSelection()
        last_column = len(HEADERS) - 1
        for top, bottom in runs:
            chosen.select(self.timeline.index(top, 0), self.timeline.index(bottom, last_column))
        selection.select(chosen, selection.SelectionFlag.ClearAndSelect)
        start = self.timeline.row_of(current) if current is not None else -1
        index = self.timeline.index(
            start if start >= 0 else runs[0][0], max(self.currentIndex().column(), 1)
        )
        selection.setCurrentIndex(index, selection.SelectionFlag.NoUpdate)
        self.scrollTo(index)

    def _remember(self) -> None:
        """Before a reset: what is selected and current, and where the view is scrolled."""
        current = self.timeline.entry(self.currentIndex().row())
        bar = self.verticalScrollBar()
        self._kept = (
            self.selected_ids() if self.selectionModel().hasSelection() else [],
            current.id if current is not None else None,
            self.currentIndex().column(),
            bar.value(),
        )

    def _restore(self) -> None:
        """After a reset: the same entries selected and current, where they are now."""
        if self._kept is None:
            return
        ids, current, column, scrolled = self._kept
        self._kept = None
        self.verticalScrollBar().setValue(scrolled)
        row = self.timeline.row_of(current) if current is not None else -1
        if ids:
            self.select_ids(ids, current)
        elif row >= 0:
            index = self.timeline.index(row, max(column, 0))
            self.selectionModel().setCurrentIndex(
                index, self.selectionModel().SelectionFlag.NoUpdate
            )


def selection_runs(index: Mapping[str, int], ids: Sequence[str]) -> list[tuple[int, int]]:
    """The rows of these entries (`index`: entry id → row) as runs of consecutive rows
    (first, last), top first."""
    marks = bytearray(max(index.values(), default=-1) + 1)
    mark_rows(marks, index, ids)
    return marked_runs(marks)


def mark_rows(marks: bytearray, index: Mapping[str, int], ids: Iterable[str]) -> None:
    """Mark the rows of these entries in `marks` (one byte a row)."""
    for row in map(index.get, ids):
        if row is not None:
            marks[row] = 1


def marked_runs(marks: bytearray) -> list[tuple[int, int]]:
    """The runs of marked rows (first, last), top first: found by `find`, without sorting
    or a Python step for each row."""
    runs = []
    top = marks.find(1)
    while top >= 0:
        bottom = marks.find(0, top)
        bottom = len(marks) if bottom < 0 else bottom
        runs.append((top, bottom - 1))
        top = marks.find(1, bottom)
    return runs
