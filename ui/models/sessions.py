"""The library's table model: one row per past session, from `facilitator.library`."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap

from facilitator.library import SessionSummary

Index = QModelIndex | QPersistentModelIndex
SessionIdRole = Qt.ItemDataRole.UserRole + 1

TITLE, INCIDENT, SEVERITY, DATE, STATUS, ACTIONS = range(6)
HEADERS = ("Title", "Incident", "Severity", "Incident date", "Status", "Actions done")
STATUS_NAMES = {"draft": "Draft", "in_meeting": "In meeting", "completed": "Completed"}


def severity_dot(color: QColor, size: int = 12) -> QPixmap:
    """A filled dot beside the severity's label: colour helps, the label carries the meaning.
    A pixmap drawn at twice the size, sharp on high-density screens (not a QIcon: PySide
    builds QIcon's 200-odd theme names into an enum when it is imported, on start-up)."""
    pixmap = QPixmap(2 * size, 2 * size)
    pixmap.setDevicePixelRatio(2)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return pixmap


class SessionTableModel(QAbstractTableModel):
    """Read-only rows; `set_rows` replaces them all (a new search or filter)."""

    def __init__(self, severity_colors: dict[str, QColor] | None = None) -> None:
        super().__init__()
        self._rows: list[SessionSummary] = []
        self._icons = {sev: severity_dot(c) for sev, c in (severity_colors or {}).items()}

    def set_rows(self, rows: list[SessionSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def session(self, row: int) -> SessionSummary:
        return self._rows[row]

    def row_of(self, session_id: str) -> int:
        return next((i for i, s in enumerate(self._rows) if s.id == session_id), -1)

    def column_texts(self, column: int, limit: int) -> list[str]:
        """What the first `limit` rows show in a column (for sizing it)."""
        return [self._text(s, column) for s in self._rows[:limit]]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        s = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(s, column)
        if role == SessionIdRole:
            return s.id
        if role == Qt.ItemDataRole.DecorationRole and column == SEVERITY:
            return self._icons.get(s.severity)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == ACTIONS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == TITLE:
            labels = ", ".join((*s.services, *s.tags))
            return f"{s.title}\n{labels}" if labels else s.title
        return None

    @staticmethod
    def _text(s: SessionSummary, column: int) -> str:
        if column == TITLE:
            return s.title
        if column == INCIDENT:
            return s.incident_ref or "—"
        if column == SEVERITY:
            return s.severity
        if column == DATE:
            return s.started_at.astimezone().strftime("%Y-%m-%d") if s.started_at else "—"
        if column == STATUS:
            return STATUS_NAMES.get(s.status, s.status)
        if column == ACTIONS:
            return f"{s.actions_done}/{s.actions_total}" if s.actions_total else "—"
        return ""
