"""An import's preview as a table: one row per row read from the file, with the user's choice.

The model adapts a core `Preview` (facilitator.timeline_import) and adds what the dialog
decides on top of it: whether each row is imported, its kind, whether it is a key event.
Choices are remembered by the row's place in the source, so they survive a re-read of the
same file (folding, another zone, another column mapping). Rows that cannot be imported
(unreadable, or a duplicate) are shown, unchecked, and cannot be checked.

The table is virtual: Qt asks only for the rows on screen, and filtering (by kind, by
author) is a list of row numbers, so a 100,000-line log costs no widgets.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
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

INCLUDE, TIME, KIND, TEXT, SOURCE, KEY, STATUS = range(7)
HEADERS: Final = ("", "Time", "Kind", "What happened", "From", "★", "Status")
RowRole = Qt.ItemDataRole.UserRole + 1  # the ImportRow as read (before the user's choice)
GuessedRole = Qt.ItemDataRole.UserRole + 2  # whether the kind shown is the reader's guess
ImportableRole = Qt.ItemDataRole.UserRole + 3  # readable and not a duplicate
KeyRole = Qt.ItemDataRole.UserRole + 4  # whether the row will be a key event
# Filters on who wrote a row, beside the names themselves.
PEOPLE: Final = "\x00people"
BOTS: Final = "\x00bots"

Index = QModelIndex | QPersistentModelIndex
Place = tuple[str, int]  # (where, order): a row's place in its source
_BASE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_CHECKABLE = _BASE | Qt.ItemFlag.ItemIsUserCheckable
_EDITABLE = _BASE | Qt.ItemFlag.ItemIsEditable


def _place(row: ImportRow) -> Place:
    return (row.where, row.order)


def who(row: ImportRow) -> str:
    """Who or what a row came from: the author of a message, else the source column."""
    return row.author or row.source


def importable(row: ImportRow) -> bool:
    return row.readable and not row.duplicate_of


class ImportPreviewModel(QAbstractTableModel):
    """The rows of a preview and which of them to import, as a checkable table."""

    choice_changed = Signal()  # a row was checked, unchecked, starred or given a kind

    def __init__(self, timezone: str, day: date, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timezone = timezone  # the session's: times are shown in it
        self.day = day  # the incident's date: near it a time shows without its date
        self.preview: Preview | None = None
        self.rows: tuple[ImportRow, ...] = ()
        self.visible: list[int] = []  # rows shown (after the filters), as indexes into rows
        self.kind_filter: str | None = None
        self.author_filter: str | None = None
        self.included: dict[Place, bool] = {}  # the user's checks (others follow the default)
        self.kinds: dict[Place, str] = {}
        self.keys: dict[Place, bool] = {}
        self.count = 0  # rows to import, kept as checks change (the button shows it)
        self._times: dict[int, str] = {}

    # The preview ---------------------------------------------------------------------------

    def set_preview(self, preview: Preview | None, *, keep_choices: bool = True) -> None:
        """Show a (new) preview; the user's choices stay for rows in the same places."""
        self.beginResetModel()
        if not keep_choices:
            self.included, self.kinds, self.keys = {}, {}, {}
        self.preview = preview
        self.rows = preview.rows if preview is not None else ()
        self._times.clear()
        self.count = sum(self.is_included(row) for row in self.rows)
        self._filter()
        self.endResetModel()
        self.choice_changed.emit()

    def set_filters(self, kind: str | None, author: str | None) -> None:
        """Show only rows of one kind and/or from one author (or PEOPLE, or BOTS)."""
        if (kind, author) == (self.kind_filter, self.author_filter):
            return
        self.beginResetModel()
        self.kind_filter, self.author_filter = kind, author
        self._filter()
        self.endResetModel()

    def _filter(self) -> None:
        kind, author = self.kind_filter, self.author_filter
        if kind is None and author is None:
            self.visible = list(range(len(self.rows)))
            return
        self.visible = [
            i
            for i, row in enumerate(self.rows)
            if (kind is None or self.kind_of(row) == kind) and _matches(row, author)
        ]

    def kind_counts(self) -> dict[str, int]:
        """Kinds among the rows, as they stand now, most common first."""
        return dict(Counter(self.kind_of(row) for row in self.rows if row.readable).most_common())

    def author_counts(self) -> dict[str, int]:
        """Who the rows came from, most common first (bots and people alike)."""
        return dict(Counter(who(row) for row in self.rows if who(row)).most_common())

    def has_bots(self) -> bool:
        return any(row.bot for row in self.rows)

    # The choice ----------------------------------------------------------------------------

    def is_included(self, row: ImportRow) -> bool:
        if not importable(row):
            return False
        return self.included.get(_place(row), True)

    def kind_of(self, row: ImportRow) -> str:
        return self.kinds.get(_place(row), row.kind)

    def is_key(self, row: ImportRow) -> bool:
        return self.keys.get(_place(row), row.key)

    def is_guessed(self, row: ImportRow) -> bool:
        return row.kind_guessed and _place(row) not in self.kinds

    def row_at(self, visible_row: int) -> ImportRow | None:
        return (
            self.rows[self.visible[visible_row]] if 0 <= visible_row < len(self.visible) else None
        )

    def set_included(self, visible_rows: list[int], include: bool) -> None:
        """Check or uncheck rows (those that can be imported); one signal for all of them."""
        changed = []
        for visible_row in visible_rows:
            row = self.row_at(visible_row)
            if row is None or not importable(row) or self.is_included(row) == include:
                continue
            self.included[_place(row)] = include
            self.count += 1 if include else -1
            changed.append(visible_row)
        self._rows_changed(changed, INCLUDE, STATUS)

    def set_all(self, include: bool) -> None:
        """Select all / none: every row shown (the filters decide which)."""
        self.set_included(list(range(len(self.visible))), include)

    def set_key(self, visible_rows: list[int], key: bool) -> None:
        changed = []
        for visible_row in visible_rows:
            row = self.row_at(visible_row)
            if row is not None and importable(row) and self.is_key(row) != key:
                self.keys[_place(row)] = key
                changed.append(visible_row)
        self._rows_changed(changed, KEY, KEY)

    def set_kind(self, visible_row: int, kind: str) -> None:
        row = self.row_at(visible_row)
        if row is None or not importable(row):
            return
        self.kinds[_place(row)] = kind  # chosen by the user: no longer a guess
        self._rows_changed([visible_row], KIND, KIND)

    def chosen(self) -> list[ImportRow]:
        """The rows to import, in time order, with the kinds and stars chosen here."""
        out = []
        for row in self.rows:
            if not self.is_included(row):
                continue
            place = _place(row)
            kind, key = self.kinds.get(place), self.keys.get(place)
            if kind is not None or key is not None:
                row = replace(
                    row,
                    kind=kind or row.kind,
                    kind_guessed=row.kind_guessed and kind is None,
                    key=row.key if key is None else key,
                )
            out.append(row)
        return out

    def left_out(self) -> int:
        """Rows that could be imported but that the user unchecked."""
        if not self.included:
            return 0
        return sum(1 for row in self.rows if importable(row) and not self.is_included(row))

    def _rows_changed(self, visible_rows: list[int], first: int, last: int) -> None:
        if not visible_rows:
            return
        top, bottom = min(visible_rows), max(visible_rows)
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
            return {
                INCLUDE: self.tr("Import this row (Space)"),
                KEY: self.tr("A key event (K)"),
            }.get(section)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return Qt.ItemFlag.NoItemFlags
        if not importable(row):
            return _BASE
        column = index.column()
        if column == INCLUDE:
            return _CHECKABLE
        return _EDITABLE if column == KIND else _BASE

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(index.row(), row, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == INCLUDE:
            checked = self.is_included(row)
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.EditRole and column == KIND:
            return self.kind_of(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == RowRole:
            return row
        if role == GuessedRole:
            return self.is_guessed(row)
        if role == ImportableRole:
            return importable(row)
        if role == KeyRole:
            return self.is_key(row)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == KEY:
            return self.tr("Key event") if self.is_key(row) else self.tr("Not a key event")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None or not importable(row):
            return False
        column = index.column()
        if column == INCLUDE and role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            self.set_included([index.row()], checked)
            return True
        if column == KIND and role == Qt.ItemDataRole.EditRole and isinstance(value, str):
            self.set_kind(index.row(), value)
            return True
        if column == KEY and role == Qt.ItemDataRole.EditRole:
            self.set_key([index.row()], bool(value))
            return True
        return False

    def _display(self, visible_row: int, row: ImportRow, column: int) -> str:
        if column == TIME:
            return self._time(visible_row, row)
        if column == KIND:
            return kind_look(self.kind_of(row)).label
        if column == TEXT:
            return " ↵ ".join(row.text.splitlines()) or self.tr("(no text)")
        if column == SOURCE:
            name = who(row)
            return self.tr("{name} (bot)").format(name=name) if row.bot and name else name
        if column == KEY:
            return "★" if self.is_key(row) else "☆"
        if column == STATUS:
            return self.status(row)
        return ""

    def _time(self, visible_row: int, row: ImportRow) -> str:
        index = self.visible[visible_row]
        text = self._times.get(index)
        if text is None:
            # Cached: a scrolled view asks again for every row it paints.
            text = show_time(row.at, self.timezone, self.day) if row.at else "—"
            self._times[index] = text
        return text

    def status(self, row: ImportRow) -> str:
        """Why a row is not imported, or what is special about it; empty when it just is."""
        if not row.readable:
            where = row.where[:1].upper() + row.where[1:]
            return self.tr("{where}: {problem}").format(where=where, problem=row.problem)
        if row.duplicate_of == EXISTING:
            return self.tr("Already on the timeline — skipped")
        if row.duplicate_of:
            return self.tr("Repeats {where} — skipped").format(where=row.duplicate_of)
        if not self.is_included(row):
            return self.tr("Left out")
        if row.folded > 1:
            return self.tr("{n} messages folded into one").format(n=row.folded)
        return ""

    def _tooltip(self, row: ImportRow, column: int) -> str | None:
        if column == KIND and self.is_guessed(row):
            return self.tr("A guess from the text — double-click (or F2) to choose the kind")
        if column == TEXT:
            return row.text
        if column == STATUS:
            return self.status(row) or None
        if column == INCLUDE and not importable(row):
            return self.tr("This row cannot be imported: {why}").format(why=self.status(row))
        return None


def _matches(row: ImportRow, author: str | None) -> bool:
    if author is None:
        return True
    if author == PEOPLE:
        return not row.bot
    if author == BOTS:
        return row.bot
    return who(row) == author
