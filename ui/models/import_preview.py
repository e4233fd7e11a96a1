"""An import's preview as a table: one row per row read from the file, with the user's choice.

The model adapts a core `Preview` (facilitator.timeline_import) and the `Choice` made on it
(ui/timeline_import/choice.py): whether each row is imported, its kind, whether it is a key
event. Choices survive a re-read of the same file (folding, another zone, another column
mapping). Rows that cannot be imported (unreadable, or a duplicate) are shown, unchecked,
and cannot be checked.

The table is virtual: Qt asks only for the rows on screen, and a filter (by kind, by
author) is a list of row numbers, so a 100,000-line log costs no widgets.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from facilitator.timeline_import import ImportRow, Preview
from facilitator.timeline_import.merging import EXISTING
from ui.models.timeline_rows import show_time
from ui.style import kind_look
from ui.timeline_import.choice import BOTS, PEOPLE, Choice

__all__ = ["BOTS", "PEOPLE", "ImportPreviewModel"]

INCLUDE, TIME, KIND, TEXT, SOURCE, KEY, STATUS = range(7)
HEADERS: Final = ("", "Time", "Kind", "What happened", "From", "★", "Status")
RowRole = Qt.ItemDataRole.UserRole + 1  # the ImportRow as read (before the user's choice)
GuessedRole = Qt.ItemDataRole.UserRole + 2  # whether the kind shown is the reader's guess
ImportableRole = Qt.ItemDataRole.UserRole + 3  # readable and not a duplicate
KeyRole = Qt.ItemDataRole.UserRole + 4  # whether the row will be a key event

Index = QModelIndex | QPersistentModelIndex
_BASE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_CHECKABLE = _BASE | Qt.ItemFlag.ItemIsUserCheckable
_EDITABLE = _BASE | Qt.ItemFlag.ItemIsEditable


class ImportPreviewModel(QAbstractTableModel):
    """The rows of a preview and which of them to import, as a checkable table. Methods
    take rows as the view numbers them (after the filters)."""

    choice_changed = Signal()  # a row was checked, unchecked, starred or given a kind

    def __init__(self, timezone: str, day: date, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timezone = timezone  # the session's: times are shown in it
        self.day = day  # the incident's date: near it a time shows without its date
        self.preview: Preview | None = None
        self.choice = Choice()
        self.visible: list[int] = []  # rows shown (after the filters), as indexes into rows
        self.kind_filter: str | None = None
        self.author_filter: str | None = None
        self._times: dict[int, str] = {}

    # The preview ---------------------------------------------------------------------------

    def set_preview(
        self, preview: Preview | None, choice: Choice | None = None, *, keep_choices: bool = True
    ) -> None:
        """Show a (new) preview, with the `Choice` made for it (a worker makes it for a large
        file), else one where rows in the same places as before keep theirs."""
        self.beginResetModel()
        self.preview = preview
        if choice is None:
            rows = preview.rows if preview is not None else ()
            choice = Choice(rows, self.choice if keep_choices else None)
        self.choice = choice
        self._times.clear()
        self.visible = self.choice.matching(self.kind_filter, self.author_filter)
        self.endResetModel()
        self.choice_changed.emit()

    def set_filters(self, kind: str | None, author: str | None) -> None:
        """Show only rows of one kind and/or from one author (or PEOPLE, or BOTS)."""
        if (kind, author) == (self.kind_filter, self.author_filter):
            return
        self.beginResetModel()
        self.kind_filter, self.author_filter = kind, author
        self.visible = self.choice.matching(kind, author)
        self._times.clear()
        self.endResetModel()

    @property
    def count(self) -> int:
        """How many rows are checked: the Import button says it."""
        return self.choice.count

    def chosen(self) -> list[ImportRow]:
        return self.choice.chosen()

    def left_out(self) -> int:
        return self.choice.left_out

    # The choice, by view row ---------------------------------------------------------------

    def row_at(self, visible_row: int) -> ImportRow | None:
        inside = 0 <= visible_row < len(self.visible)
        return self.choice.rows[self.visible[visible_row]] if inside else None

    def included_at(self, visible_row: int) -> bool:
        return self.choice.on[self.visible[visible_row]]

    def key_at(self, visible_row: int) -> bool:
        return self.choice.key(self.visible[visible_row])

    def importable_at(self, visible_row: int) -> bool:
        return self.choice.importable[self.visible[visible_row]]

    def set_included(self, visible_rows: list[int], include: bool) -> None:
        """Check or uncheck rows (those that can be imported); one signal for all of them."""
        changed = self.choice.set_on([self.visible[r] for r in visible_rows], include)
        self._rows_changed(changed, INCLUDE, STATUS)

    def set_all(self, include: bool) -> None:
        """Select all / none: every row shown (the filters decide which)."""
        changed = self.choice.set_on(self.visible, include)
        self._rows_changed(changed, INCLUDE, STATUS)

    def set_key(self, visible_rows: list[int], key: bool) -> None:
        changed = self.choice.set_key([self.visible[r] for r in visible_rows], key)
        self._rows_changed(changed, KEY, KEY)

    def set_kind(self, visible_row: int, kind: str) -> None:
        i = self.visible[visible_row]
        if self.choice.set_kind(i, kind):
            self._rows_changed([i], KIND, KIND)

    def _rows_changed(self, indexes: list[int], first: int, last: int) -> None:
        if not indexes:
            return
        if len(indexes) == 1:
            top = bottom = self.visible.index(indexes[0])
        else:  # the whole column: cheaper than finding each row among 100,000
            top, bottom = 0, len(self.visible) - 1
        self.dataChanged.emit(self.index(top, first), self.index(bottom, last))
        self.choice_changed.emit()

    # Qt ------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr(HEADERS[section]) if HEADERS[section] else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            tips = {INCLUDE: self.tr("Import this row (Space)"), KEY: self.tr("A key event (K)")}
            return tips.get(section)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or self.row_at(index.row()) is None:
            return Qt.ItemFlag.NoItemFlags
        if not self.importable_at(index.row()):
            return _BASE
        column = index.column()
        if column == INCLUDE:
            return _CHECKABLE
        return _EDITABLE if column == KIND else _BASE

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        i, column = self.visible[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(i, row, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == INCLUDE:
            return Qt.CheckState.Checked if self.choice.on[i] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.EditRole and column == KIND:
            return self.choice.kind(i)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(i, row, column)
        if role == RowRole:
            return row
        if role == GuessedRole:
            return self.choice.guessed(i)
        if role == ImportableRole:
            return self.choice.importable[i]
        if role == KeyRole:
            return self.choice.key(i)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == KEY:
            return self.tr("Key event") if self.choice.key(i) else self.tr("Not a key event")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self.row_at(index.row()) is None:
            return False
        if not self.importable_at(index.row()):
            return False
        column, row = index.column(), index.row()
        if column == INCLUDE and role == Qt.ItemDataRole.CheckStateRole:
            self.set_included([row], Qt.CheckState(value) == Qt.CheckState.Checked)
            return True
        if column == KIND and role == Qt.ItemDataRole.EditRole and isinstance(value, str):
            self.set_kind(row, value)
            return True
        if column == KEY and role == Qt.ItemDataRole.EditRole:
            self.set_key([row], bool(value))
            return True
        return False

    def _display(self, i: int, row: ImportRow, column: int) -> str:
        if column == TIME:
            return self._time(i, row)
        if column == KIND:
            return kind_look(self.choice.kind(i)).label
        if column == TEXT:
            return " ↵ ".join(row.text.splitlines()) or self.tr("(no text)")
        if column == SOURCE:
            name = self.choice.who[i]
            return self.tr("{name} (bot)").format(name=name) if row.bot and name else name
        if column == KEY:
            return "★" if self.choice.key(i) else "☆"
        if column == STATUS:
            return self.status(i)
        return ""

    def _time(self, i: int, row: ImportRow) -> str:
        text = self._times.get(i)
        if text is None:
            # Cached: a scrolled view asks again for every row it paints.
            text = show_time(row.at, self.timezone, self.day) if row.at else "—"
            self._times[i] = text
        return text

    def status(self, i: int) -> str:
        """Why a row is not imported, or what is special about it; empty when it just is."""
        row = self.choice.rows[i]
        if not row.readable:
            where = row.where[:1].upper() + row.where[1:]
            return self.tr("{where}: {problem}").format(where=where, problem=row.problem)
        if row.duplicate_of == EXISTING:
            return self.tr("Already on the timeline — skipped")
        if row.duplicate_of:
            return self.tr("Repeats {where} — skipped").format(where=row.duplicate_of)
        if not self.choice.on[i]:
            return self.tr("Left out")
        if row.folded > 1:
            return self.tr("{n} messages folded into one").format(n=row.folded)
        return ""

    def _tooltip(self, i: int, row: ImportRow, column: int) -> str | None:
        if column == KIND and self.choice.guessed(i):
            return self.tr("A guess from the text — double-click (or F2) to choose the kind")
        if column == TEXT:
            return row.text
        if column == STATUS:
            return self.status(i) or None
        if column == INCLUDE and not self.choice.importable[i]:
            return self.tr("This row cannot be imported: {why}").format(why=self.status(i))
        return None
