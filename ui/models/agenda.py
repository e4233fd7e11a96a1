"""The agenda sidebar's model: group headings and steps, with timebox and done mark (a step
moved past with nothing recorded in it is marked apart: `SkippedRole`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from facilitator.agenda import GROUP_TITLES, Step

StepIdRole = Qt.ItemDataRole.UserRole + 1
TimeboxRole = Qt.ItemDataRole.UserRole + 2
DoneRole = Qt.ItemDataRole.UserRole + 3
HeaderRole = Qt.ItemDataRole.UserRole + 4
NumberRole = Qt.ItemDataRole.UserRole + 5
LanguageRole = Qt.ItemDataRole.UserRole + 6  # blameful phrases on the step (a count)
SkippedRole = Qt.ItemDataRole.UserRole + 7  # moved past (done) with nothing recorded in it

Index = QModelIndex | QPersistentModelIndex
# Made once: the view asks for flags dozens of times a paint, and each `|` of Qt flags
# is a Python enum operation (8 ms of a step switch, in profiles).
_STEP_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)


@dataclass(frozen=True)
class _Row:
    title: str
    step: Step | None  # None: a group heading
    number: int = 0  # 1-based position among the steps (for Ctrl+1..9)


class AgendaModel(QAbstractListModel):
    """One row per group heading and per step; headings are not selectable."""

    def __init__(self, steps: list[Step], done: frozenset[str] = frozenset()) -> None:
        super().__init__()
        self._rows: list[_Row] = []
        self._done = done
        self._language: dict[str, int] = {}
        self._empty: frozenset[str] = frozenset()  # steps with nothing recorded
        self._build(steps)

    def _build(self, steps: list[Step]) -> None:
        group = None
        for number, step in enumerate(steps, start=1):
            if step.group != group:
                group = step.group
                self._rows.append(_Row(GROUP_TITLES[group], None))
            self._rows.append(_Row(step.title, step, number))

    def set_steps(self, steps: list[Step]) -> None:
        self.beginResetModel()
        self._rows = []
        self._build(steps)
        self.endResetModel()

    def set_done(self, done: frozenset[str]) -> None:
        changed = self._done ^ done
        self._done = done
        self._marks_changed(changed)

    def set_empty(self, empty: frozenset[str]) -> None:
        """The steps with nothing recorded (`facilitator.completeness.empty_steps`)."""
        changed = self._empty ^ empty
        self._empty = empty
        self._marks_changed(changed)

    def _marks_changed(self, step_ids: frozenset[str]) -> None:
        roles = [DoneRole, SkippedRole, Qt.ItemDataRole.ToolTipRole]
        for row, item in enumerate(self._rows):
            if item.step is not None and item.step.id in step_ids:
                index = self.index(row)
                self.dataChanged.emit(index, index, roles)

    def _state(self, step_id: str) -> str:
        """How the step stands, in words for its tooltip and accessible name."""
        if step_id not in self._done:
            return ""
        if step_id in self._empty:
            return ", moved past with nothing recorded"
        return ", done"

    def set_language_counts(self, counts: dict[str, int]) -> None:
        """Blameful phrases per step id (`facilitator.language_findings.language_counts`)."""
        changed = {
            s
            for s in counts.keys() | self._language.keys()
            if counts.get(s) != self._language.get(s)
        }
        self._language = dict(counts)
        for row, item in enumerate(self._rows):
            if item.step is not None and item.step.id in changed:
                index = self.index(row)
                self.dataChanged.emit(index, index, [LanguageRole, Qt.ItemDataRole.ToolTipRole])

    def steps(self) -> list[Step]:
        return [row.step for row in self._rows if row.step is not None]

    def row_of(self, step_id: str) -> int:
        for row, item in enumerate(self._rows):
            if item.step is not None and item.step.id == step_id:
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._rows[index.row()].step is None:
            return Qt.ItemFlag.NoItemFlags
        return _STEP_FLAGS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        step = item.step
        if role == Qt.ItemDataRole.DisplayRole:
            return item.title
        if role == HeaderRole:
            return step is None
        if step is None:
            return None
        if role == StepIdRole:
            return step.id
        if role == TimeboxRole:
            return step.timebox_minutes
        if role == DoneRole:
            return step.id in self._done
        if role == SkippedRole:
            return step.id in self._done and step.id in self._empty
        if role == NumberRole:
            return item.number
        if role == LanguageRole:
            return self._language.get(step.id, 0)
        if role == Qt.ItemDataRole.ToolTipRole:
            box = f"{step.timebox_minutes} min" if step.timebox_minutes else "before or after"
            return f"{step.title} ({box}{self._state(step.id)}){self._phrases(step.id)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{item.number}. {step.title}{self._state(step.id)}{self._phrases(step.id)}"
        return None

    def _phrases(self, step_id: str) -> str:
        count = self._language.get(step_id, 0)
        if not count:
            return ""
        phrases = "1 phrase" if count == 1 else f"{count} phrases"
        return f"\n{phrases} to reframe in blameless words (underlined on the page)"
