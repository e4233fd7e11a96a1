"""The timeline as a table: one row per entry in time order, a gap row where nothing was
recorded for more than 15 minutes (`facilitator.timeline.gaps`).

The model holds plain rows, never ORM objects. `reload` reads the entries through the core
and reconciles: rows that went are removed, rows that moved (a new time) are moved with
`beginMoveRows`, so the selection and the current cell follow an entry when it re-sorts.
A timeline of more than SMALL entries is read and reconciled in a worker
(`timeline_load`), and shown with a few range signals or one reset (the table keeps the
selection by id): `loading` is true meanwhile. Edits do not write here: `setData` hands them
to `editor` (the page, which pushes an undo command), and the command's `reload` brings
the saved state back.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from facilitator import errors, metrics, timeline
from facilitator.db.store import Store
from facilitator.timeline import EntryChanges
from ui.models import timeline_load
from ui.models.timeline_load import Plan
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
from ui.workers import Workers

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
# Entries read and reconciled on the GUI thread; a larger timeline is read in a worker.
# 1,000 entries take 10-15 ms to read and build.
SMALL: Final = 1_000
_RELEASE: Final = 2_000  # rows no longer shown, let go of at a time (freeing is not free)


def _plain_tooltip(text: str) -> str:
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


class TimelineModel(QAbstractTableModel):
    """Rows of one session's timeline; `editor(entry_id, changes)` saves an edit."""

    synced = Signal()  # rows were added, removed or moved: the view redraws its gap rows
    problem_changed = Signal(str)  # a typed time was refused (the message), or "" when fixed
    loading_changed = Signal(bool)  # a worker is reading a large timeline (or is done)

    def __init__(
        self,
        store: Store,
        session_id: str,
        timezone: str,
        day: date,
        parent: QObject | None = None,
        *,
        workers: Workers | None = None,
    ) -> None:
        super().__init__(parent)
        self.workers = workers  # None: every timeline is read on the GUI thread
        self.store = store
        self.session_id = session_id
        self.timezone = timezone
        self.day = day  # the incident's date: what a bare 14:18 means
        self.rows: list[Row] = []
        self.attachments: dict[str, str] = {}  # id → name, for the evidence column
        self.problems: dict[str, tuple[str, str]] = {}  # entry id → (typed text, message)
        self.editor: Callable[[str, EntryChanges], object] | None = None
        self._times: dict[datetime, str] = {}
        self.loading = False  # a worker reads the entries
        self.expected = 0  # how many entries the last reload found
        self._again = False  # reload once the worker is done: something changed meanwhile
        self._shown: Plan | None = None  # what the rows are, worked out once for each sync
        self._dropped: list[list[Row]] = []  # rows no longer shown, let go of in slices
        self._changing = False  # between a worker's first and last range signal
        self._facts_of: tuple[Plan, tuple[bool, frozenset[str]]] | None = None  # `_facts`

    # Reading -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the entries again and show what changed: on the GUI thread, row by row, for
        a small timeline; in a worker for a large one (or when it was large)."""
        if self.loading:
            self._again = True
            return
        self.expected = timeline.count_entries(self.store, self.session_id)
        large = len(self.rows) > SMALL  # was large: a few removals are not a small sync
        if self.workers is None or not (large or self.expected > SMALL):
            entries = [EntryRow.of(e) for e in timeline.load_entries(self.store, self.session_id)]
            self.sync(rows_of(entries))
            return
        self._set_loading(True)
        self.workers.run(
            timeline_load.read,
            self.store,
            self.session_id,
            tuple(self.rows),
            on_done=self._loaded,
            on_error=self._load_failed,
        )

    def _set_loading(self, loading: bool) -> None:
        if loading != self.loading:
            self.loading = loading
            self.loading_changed.emit(loading)

    def _loaded(self, plan: Plan) -> None:
        self._apply(plan)
        self._set_loading(False)
        if self._again:
            self._again = False
            self.reload()

    def _load_failed(self, _error: BaseException) -> None:
        # The page stays as it was (the entries it shows were saved); the next edit reads again.
        self._again = False
        self._set_loading(False)

    def _apply(self, plan: Plan) -> None:
        """Show a worker's plan: ranges removed and inserted, or one reset."""
        if plan.reset:
            self.beginResetModel()
            self._drop(self.rows)
            self.rows, self._shown = plan.rows, plan  # the view asks where entries are now
            self.endResetModel()
        else:
            self._shown = None  # worked out afresh, not kept, if a view asks meanwhile
            self._changing = True
            for first, last in plan.removed:
                self.beginRemoveRows(QModelIndex(), first, last)
                self._drop(self.rows[first : last + 1])
                del self.rows[first : last + 1]
                self.endRemoveRows()
            for first, count in plan.inserted:
                self.beginInsertRows(QModelIndex(), first, first + count - 1)
                self.rows[first:first] = plan.rows[first : first + count]
                self.endInsertRows()
            self._drop(self.rows)
            self.rows, self._shown, self._changing = plan.rows, plan, False
            for first, last in plan.changed:
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(HEADERS) - 1))
        self._drop(plan.dropped)
        self.problems = {k: v for k, v in self.problems.items() if k in plan.index}
        self.synced.emit()

    def _drop(self, rows: list[Row]) -> None:
        """Let go of rows a slice at a time on later turns: freeing 100,000 rows in one go
        (as replacing the list would) holds the GUI thread 30-60 ms."""
        if len(rows) > _RELEASE:
            if not self._dropped:
                QTimer.singleShot(0, self._release)
            self._dropped.append(rows)

    def _release(self) -> None:
        while self._dropped and not self._dropped[-1]:
            self._dropped.pop()
        if self._dropped:
            del self._dropped[-1][-_RELEASE:]
            QTimer.singleShot(0, self._release)

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
        """The entries shown, in time order (the same list until the rows change)."""
        return self.shown().entries

    def entry(self, row: int) -> EntryRow | None:
        found = self.rows[row] if 0 <= row < len(self.rows) else None
        return found if isinstance(found, EntryRow) else None

    def row_of(self, entry_id: str) -> int:
        """The row of an entry, or -1."""
        return self.shown().index.get(entry_id, -1)

    def shown(self) -> Plan:
        """The rows shown and what is known of them: entries, index, gap rows (worked out in
        the worker for a large timeline, here on the first need for a small one)."""
        if self._shown is None:
            entries = [row for row in self.rows if isinstance(row, EntryRow)]
            shown = timeline_load.plan((), list(self.rows), entries)
            if self._changing:  # the rows are changing: only for now
                return shown
            self._shown = shown
        return self._shown

    def has_sources(self) -> bool:
        """Whether some entry shown names its source: the table keeps an empty source
        column narrow."""
        return self._facts()[0]

    def kinds(self) -> frozenset[str]:
        """The kinds of the entries shown: the kind column is as wide as their labels."""
        return self._facts()[1]

    def _facts(self) -> tuple[bool, frozenset[str]]:
        """What the column widths depend on, worked out once for each sync (a pass over the
        entries: 2-3 ms for 100,000, not on every resize)."""
        shown = self.shown()
        if self._facts_of is None or self._facts_of[0] is not shown:
            entries = shown.entries
            facts = (any(entry.source for entry in entries), frozenset(e.kind for e in entries))
            self._facts_of = (shown, facts)
        return self._facts_of[1]

    def time_text(self, at: datetime) -> str:
        # Cached: every paint asks, and formatting in a zone is not free.
        text = self._times.get(at)
        if text is None:
            text = self._times[at] = show_time(at, self.timezone, self.day)
        return text

    # Reconciling ---------------------------------------------------------------------------

    def sync(self, new: list[Row]) -> None:
        """Turn the rows into `new` with precise remove / move / insert / change signals."""
        self._shown, self._changing = None, True
        wanted = {row_key(row) for row in new}
        for i in reversed(range(len(self.rows))):
            if row_key(self.rows[i]) not in wanted:
                self.beginRemoveRows(QModelIndex(), i, i)
                del self.rows[i]
                self.endRemoveRows()
        there = {row_key(row) for row in self.rows}
        for i, row in enumerate(new):
            key = row_key(row)
            if i < len(self.rows) and row_key(self.rows[i]) == key:
                self._replace(i, row)
                continue
            found = -1
            if key in there:  # a row that moved (only new rows are inserted: no search)
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
        self.problems = {k: v for k, v in self.problems.items() if ("entry", k) in wanted}
        self._changing = False
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
