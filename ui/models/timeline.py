"""The timeline as a table: one row per entry in time order, a gap row where nothing was
recorded for more than 15 minutes (`facilitator.timeline.gaps`).

The model holds plain rows, never ORM objects. `reload` reads the entries through the core
and reconciles: rows that went are removed, rows that moved (a new time) are moved with
`beginMoveRows`, so the selection and the current cell follow an entry when it re-sorts.
Edits do not write here: `setData` hands them to `editor` (the page, which pushes an undo
command), and the command's `reload` brings the saved state back.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from facilitator import errors, metrics, timeline
from facilitator.db.store import Store
from facilitator.timeline import EntryChanges
from ui.models.timeline_rows import (
    CLOCK_FIELDS,
    EntryRow,
    GapRow,
    Row,
    clock_of,
    row_key,
    rows_of,
    show_time,
)
from ui.style import kind_look

# Re-exported: the pages import the rows and the clock from here with the model.
__all__ = [
    "CLOCK_FIELDS",
    "EntryRow",
    "GapRow",
    "TimelineModel",
    "clock_of",
    "rows_of",
    "show_time",
]

KEY, TIME, KIND, TEXT, SOURCE, EVIDENCE = range(6)
HEADERS = ("★", "Time", "Kind", "What happened", "Source", "Evidence")
RowRole = Qt.ItemDataRole.UserRole + 1  # the EntryRow or GapRow
ProblemRole = Qt.ItemDataRole.UserRole + 2  # why the typed time was not taken
Index = QModelIndex | QPersistentModelIndex
# Built once: combining Qt flags in Python is slow, and views ask for them on every paint.
_READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE = _READ_ONLY | Qt.ItemFlag.ItemIsEditable


def _plain_tooltip(text: str) -> str:
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


class TimelineModel(QAbstractTableModel):
    """Rows of one session's timeline; `editor(entry_id, changes)` saves an edit."""

    synced = Signal()  # rows were added, removed or moved: the view redraws its gap rows
    problem_changed = Signal(str)  # a typed time was refused (the message), or "" when fixed

    def __init__(
        self, store: Store, session_id: str, timezone: str, day: date, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.session_id = session_id
        self.timezone = timezone
        self.day = day  # the incident's date: what a bare 14:18 means
        self.rows: list[Row] = []
        self.attachments: dict[str, str] = {}  # id → name, for the evidence column
        self.problems: dict[str, tuple[str, str]] = {}  # entry id → (typed text, message)
        self.editor: Callable[[str, EntryChanges], object] | None = None
        self._times: dict[datetime, str] = {}

    # Reading -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the entries again and show what changed, row by row."""
        entries = [EntryRow.of(e) for e in timeline.load_entries(self.store, self.session_id)]
        self.sync(rows_of(entries))

    def set_attachments(self, attachments: dict[str, str]) -> None:
        if attachments != self.attachments:
            self.attachments = attachments
            self._column_changed(EVIDENCE)
            self.synced.emit()  # the view shows the evidence column once there is evidence

    def set_clock(self, timezone: str, day: date) -> None:
        """The session's zone or incident date changed: times read differently now."""
        if (timezone, day) != (self.timezone, self.day):
            self.timezone, self.day = timezone, day
            self._times.clear()
            self._column_changed(TIME)
            self.synced.emit()  # "+1d" times may have come or gone: the column's width

    def entries(self) -> list[EntryRow]:
        return [row for row in self.rows if isinstance(row, EntryRow)]

    def entry(self, row: int) -> EntryRow | None:
        found = self.rows[row] if 0 <= row < len(self.rows) else None
        return found if isinstance(found, EntryRow) else None

    def row_of(self, entry_id: str) -> int:
        """The row of an entry, or -1."""
        return next((i for i, r in enumerate(self.rows) if row_key(r) == ("entry", entry_id)), -1)

    def time_text(self, at: datetime) -> str:
        # Cached: every paint asks, and formatting in a zone is not free.
        text = self._times.get(at)
        if text is None:
            text = self._times[at] = show_time(at, self.timezone, self.day)
        return text

    # Reconciling ---------------------------------------------------------------------------

    def sync(self, new: list[Row]) -> None:
        """Turn the rows into `new` with precise remove / move / insert / change signals."""
        wanted = {row_key(row) for row in new}
        for i in reversed(range(len(self.rows))):
            if row_key(self.rows[i]) not in wanted:
                self.beginRemoveRows(QModelIndex(), i, i)
                del self.rows[i]
                self.endRemoveRows()
        for i, row in enumerate(new):
            key = row_key(row)
            if i < len(self.rows) and row_key(self.rows[i]) == key:
                self._replace(i, row)
                continue
            found = next(
                (j for j in range(i + 1, len(self.rows)) if row_key(self.rows[j]) == key), -1
            )
            if found >= 0:
                self.beginMoveRows(QModelIndex(), found, found, QModelIndex(), i)
                self.rows.insert(i, self.rows.pop(found))
                self.endMoveRows()
                self._replace(i, row)
            else:
                self.beginInsertRows(QModelIndex(), i, i)
                self.rows.insert(i, row)
                self.endInsertRows()
        self.problems = {k: v for k, v in self.problems.items() if self.row_of(k) >= 0}
        self.synced.emit()

    def _replace(self, i: int, row: Row) -> None:
        if self.rows[i] != row:
            self.rows[i] = row
            self.dataChanged.emit(self.index(i, 0), self.index(i, len(HEADERS) - 1))

    def _column_changed(self, column: int) -> None:
        if self.rows:
            self.dataChanged.emit(self.index(0, column), self.index(len(self.rows) - 1, column))

    # Qt model ------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr(HEADERS[section])
        if role == Qt.ItemDataRole.ToolTipRole and section == KEY:
            return self.tr("Key events (Space marks the selected entries)")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or not isinstance(self.rows[index.row()], EntryRow):
            return Qt.ItemFlag.NoItemFlags  # a gap row: the keyboard skips it
        return _READ_ONLY if index.column() == KEY else _EDITABLE

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == RowRole:
            return row
        if isinstance(row, GapRow):
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                gap = metrics.format_duration(row.length)
                return self.tr("— {duration} gap —").format(duration=gap)
            return None
        column = index.column()
        if role == ProblemRole:
            problem = self.problems.get(row.id)
            return problem[1] if problem and column == TIME else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        return None

    def _display(self, row: EntryRow, column: int) -> str:
        if column == KEY:
            return "★" if row.key else "☆"
        if column == TIME:
            problem = self.problems.get(row.id)
            return problem[0] if problem else self.time_text(row.at)
        if column == KIND:
            return kind_look(row.kind).label
        if column == EVIDENCE:
            return self.attachments.get(row.attachment_id or "", "")
        return row.text if column == TEXT else row.source

    def _edit_value(self, row: EntryRow, column: int) -> Any:
        if column == KIND:
            return row.kind
        if column == EVIDENCE:
            return row.attachment_id or ""
        if column == KEY:
            return row.key
        return self._display(row, column)

    def _tooltip(self, row: EntryRow, column: int) -> str | None:
        if column == KEY:
            return self.tr("Key event") if row.key else self.tr("Not a key event (Space marks it)")
        if column == TIME:
            problem = self.problems.get(row.id)
            full = timeline.format_time(row.at, self.timezone, with_date=True)
            return problem[1] if problem else f"{full} ({self.timezone})"
        text = row.text if column == TEXT else row.source if column == SOURCE else ""
        if column == TEXT and row.notes:
            text = f"{text}\n\n{self.tr('Notes')}: {row.notes}"
        # Escaped: Qt would take user text that looks like HTML as rich text.
        return _plain_tooltip(text) if text else None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        row = self.entry(index.row()) if index.isValid() else None
        if row is None or role != Qt.ItemDataRole.EditRole or self.editor is None:
            return False
        column = index.column()
        changes: EntryChanges
        if column == TIME:
            try:
                at = timeline.parse_time(
                    str(value), timezone=self.timezone, reference_date=self.day
                )
            except errors.ValidationError as exc:
                return self._refuse(index, row.id, str(value), exc.problem)
            self._clear_problem(index, row.id)
            changes = {"at": at}
        elif column == KIND:
            changes = {"kind": str(value)}
        elif column == TEXT:
            changes = {"text": str(value)}
        elif column == SOURCE:
            changes = {"source": str(value)}
        elif column == EVIDENCE:
            changes = {"attachment_id": str(value) or None}
        elif column == KEY:
            changes = {"key": bool(value)}
        else:
            return False
        current = {field: getattr(row, field) for field in changes}
        if current != changes:
            self.editor(row.id, changes)
        return True

    def problem(self, entry_id: str) -> str | None:
        found = self.problems.get(entry_id)
        return found[1] if found else None

    def _refuse(self, index: Index, entry_id: str, typed: str, problem: str) -> bool:
        message = problem[:1].upper() + problem[1:] + "."
        self.problems[entry_id] = (typed, message)
        self.dataChanged.emit(index, index)
        self.problem_changed.emit(message)
        return False

    def _clear_problem(self, index: Index, entry_id: str) -> None:
        if self.problems.pop(entry_id, None) is not None:
            self.dataChanged.emit(index, index)
            self.problem_changed.emit("")
