"""The effectiveness review as a table: earlier related sessions' open and recently done
items (`facilitator.review.ReviewCandidate`), with this session's verdict and note on each.

The verdict and the note are edited in place; an edit asks for an undoable review command
(`review_requested`) rather than changing the row, which comes back from the core."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal

from facilitator.review import ReviewCandidate
from ui.models.action_table import ActionTableModel
from ui.models.actions import tr
from ui.models.followup import status_label
from ui.models.rows import Index, RowIdRole
from ui.widgets.two_line import DetailRole

TASK, STATUS, VERDICT, NOTE = range(4)
HEADERS = ("Item", "Status now", "Verdict", "Note")
# value -> words; "" is no verdict yet. Each carries a glyph, not only a colour.
VERDICTS = {
    "": "— Not reviewed",
    "done": "✓ Done",
    "slipped": "↻ Slipped",
    "criteria_not_met": "△ Done, criteria not met",
}
CandidateRole = Qt.ItemDataRole.UserRole + 2


class ReviewModel(ActionTableModel[ReviewCandidate]):
    """One row per candidate, in the core's order (most recent session first)."""

    HEADERS = HEADERS
    review_requested = Signal(str, object, str)  # action id, verdict (None: clear), note

    def set_candidates(self, rows: Sequence[ReviewCandidate]) -> None:
        self.replace_rows(rows)

    def candidate(self, row: int) -> ReviewCandidate:
        return self._rows[row]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        reviewed = self._rows[index.row()].verdict is not None
        if index.column() == VERDICT or (index.column() == NOTE and reviewed):
            flags |= Qt.ItemFlag.ItemIsEditable  # a note goes with a verdict
        return flags | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            if column == VERDICT:
                return row.verdict or ""
            return row.note if column == NOTE else self._display(row, column)
        if role == DetailRole and column == TASK:
            return self.detail(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == TASK:
                lines = [row.title, self.detail(row)]
                if row.success_criteria:
                    lines.append(tr("Success criteria: {text}").format(text=row.success_criteria))
                if row.shared:
                    lines.append(tr("Shares {labels}").format(labels=", ".join(row.shared)))
                return "\n".join(lines)
            return self._display(row, column) or None
        if role == RowIdRole:
            return row.action_id
        if role == CandidateRole:
            return row
        return None

    @staticmethod
    def detail(row: ReviewCandidate) -> str:
        """Who, when, and from which session: the second line under the item."""
        parts = [" ".join(row.owner.split()) or tr("no owner")]
        if row.due:
            parts.append(tr("due {day}").format(day=row.due.isoformat()))
        parts.append(f"{row.incident_ref} {row.session_title}".strip())
        return " · ".join(parts)

    def _display(self, row: ReviewCandidate, column: int) -> str:
        if column == TASK:
            return row.title or tr("(untitled)")
        if column == STATUS:
            return status_label(row.status)
        if column == VERDICT:
            return tr(VERDICTS.get(row.verdict or "", row.verdict or ""))
        if column == NOTE:
            return row.note
        return ""

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not isinstance(value, str):
            return False
        row = self._rows[index.row()]
        if index.column() == VERDICT and value in VERDICTS and (value or None) != row.verdict:
            self.review_requested.emit(row.action_id, value or None, row.note if value else "")
        elif index.column() == NOTE and row.verdict and value != row.note:
            self.review_requested.emit(row.action_id, row.verdict, value)
        return False  # the row comes back from the core
