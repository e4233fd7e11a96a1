"""The action items of one session: a table model over `facilitator.actions`, and the two
filtered views the actions page shows (the committed five, the backlog below).

Rows are the core's `ActionView` snapshots in the session's order (the model's row is the
item's position). After each core call the changed row is read back from the core, because a
status rule may have changed a field the edit did not name (leaving done clears the
completion time). A change past the cap of five is not a failure to report in the status bar:
it emits `cap_refused` with the core's error and what was asked, so the page can explain and
offer to make the item nice-to-have.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)

from facilitator import actions, errors
from facilitator.actions import ActionCapError, ActionRecord, ActionView
from facilitator.db.store import Store
from facilitator.findings import Finding
from ui.messages import describe
from ui.models.rows import Index, RowIdRole, RowsModel

TITLE, OWNER, DUE, PRIORITY, STATUS, NOTES = range(6)
PRIORITY_NAMES = {"must": "Must-fix", "should": "Should-fix", "nice": "Nice-to-have"}
KIND_NAMES = {
    "detect": "Detect",
    "mitigate": "Mitigate",
    "prevent": "Prevent",
    "repair": "Repair",
    "process": "Process",
}
STATUS_NAMES = {"open": "Open", "in_progress": "In progress", "done": "Done", "dropped": "Dropped"}
# The status as a shape as well as a word (DESIGN section 9: never colour alone).
STATUS_GLYPHS = {"open": "○", "in_progress": "◐", "done": "✓", "dropped": "✕"}
CommittedRole = Qt.ItemDataRole.UserRole + 2
FindingsRole = Qt.ItemDataRole.UserRole + 3  # list[Finding] about the item
ItemRole = Qt.ItemDataRole.UserRole + 4  # the ActionView itself (the list delegate draws it)
NumberRole = Qt.ItemDataRole.UserRole + 5  # its number as `check` names it: actions[N]


def tr(text: str) -> str:
    return QCoreApplication.translate("actions", text)


def format_due(due: date | None) -> str:
    return due.isoformat() if due is not None else ""


@dataclass(frozen=True)
class CapRefusal:
    """A change the cap refused: `kind` is "add" (`request` the spec), "edit" (the item id
    and its changes) or "status" (the item id, the status and its keywords)."""

    error: ActionCapError
    kind: str
    request: Any


class ActionsModel(RowsModel[ActionView]):
    """Every item of the session in order; the adapter methods are `facilitator.actions`."""

    HEADERS = ("Task", "Owner", "Due", "Priority", "Status", "")
    cap_refused = Signal(object)  # CapRefusal

    def __init__(self, store: Store, session_id: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.session_id = session_id
        self._findings: dict[str, list[Finding]] = {}
        self.reload()

    def reload(self) -> None:
        ok, views = self._call(
            lambda: actions.load_actions(self.store, self.session_id), saves=False
        )
        if ok:
            self.set_rows(views)

    def committed_count(self) -> int:
        return sum(1 for row in self._rows if row.committed)

    def set_findings(self, findings: dict[str, list[Finding]]) -> None:
        """What `check` (and the language checker) say, per item id."""
        changed = {
            i
            for i in findings.keys() | self._findings.keys()
            if findings.get(i) != self._findings.get(i)
        }
        self._findings = findings
        for item_id in changed:
            at = self.row_of(item_id)
            if at >= 0:
                self.dataChanged.emit(self.index(at, 0), self.index(at, NOTES))

    def findings_of(self, item_id: str) -> list[Finding]:
        return list(self._findings.get(item_id, []))

    # Qt's model interface --------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() not in (TITLE, OWNER):
            flags &= ~Qt.ItemFlag.ItemIsEditable  # the form edits the rest
        return flags & ~Qt.ItemFlag.ItemIsDragEnabled  # reordered by keys (filtered views)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.valid(index):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == RowIdRole:
            return row.id
        if role == CommittedRole:
            return row.committed
        if role == FindingsRole:
            return self.findings_of(row.id)
        if role == ItemRole:
            return row
        if role == NumberRole:
            return index.row() + 1
        if role == Qt.ItemDataRole.EditRole:
            return {TITLE: row.title, OWNER: row.owner}.get(column)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            found = self.findings_of(row.id)
            if column == NOTES and found:
                return "\n".join(f"• {f.message}" for f in found)
            return row.title if column == TITLE else None
        if role == Qt.ItemDataRole.AccessibleTextRole and column == NOTES:
            return tr("{n} findings").format(n=len(self.findings_of(row.id)))
        return None

    def _display(self, row: ActionView, column: int) -> str | None:
        if column == TITLE:
            return row.title or tr("(untitled)")
        if column == OWNER:
            return row.owner
        if column == DUE:
            return format_due(row.due)
        if column == PRIORITY:
            return tr(PRIORITY_NAMES.get(row.priority, row.priority))
        if column == STATUS:
            name = tr(STATUS_NAMES.get(row.status, row.status))
            return f"{STATUS_GLYPHS.get(row.status, '')} {name}".strip()
        if column == NOTES:
            count = len(self.findings_of(row.id))
            return f"⚠ {count}" if count else ""
        return None

    def field_of(self, column: int) -> str | None:
        return {TITLE: "title", OWNER: "owner"}.get(column)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not self.valid(index) or not isinstance(value, str):
            return False
        field = self.field_of(index.column())
        if field is None or getattr(self._rows[index.row()], field) == value:
            return False
        return super().setData(index, value, role)

    # The adapter (ui/commands/rows.py): one core call each ---------------------------------

    def add(self, spec: dict[str, Any], index: int | None = None) -> str | None:
        ok, item_id = self._guarded(
            lambda: actions.add_action(self.store, self.session_id, index=index, **spec),
            "add",
            spec,
        )
        if not ok:
            return None
        view = self._read(str(item_id))
        if view is not None:
            self._insert(len(self._rows) if index is None else index, view)
        return str(item_id)

    def update(self, row_id: str, changes: dict[str, Any]) -> dict[str, Any] | None:
        ok, previous = self._guarded(
            lambda: actions.update_action(self.store, self.session_id, row_id, **changes),
            "edit",
            (row_id, changes),
        )
        if not ok:
            return None
        self._reread(row_id)
        return dict(previous)

    def set_status(self, row_id: str, status: str, **keywords: Any) -> dict[str, Any] | None:
        """`actions.set_status`; the previous status, completion time and rationale (the
        undo, through `update`)."""
        ok, previous = self._guarded(
            lambda: actions.set_status(self.store, self.session_id, row_id, status, **keywords),
            "status",
            (row_id, status, keywords),
        )
        if not ok:
            return None
        self._reread(row_id)
        return dict(previous)

    def remove(self, row_id: str) -> ActionRecord | None:
        ok, record = self._call(lambda: actions.remove_action(self.store, self.session_id, row_id))
        if not ok:
            return None
        self._remove(row_id)
        return record  # type: ignore[no-any-return]

    def restore(self, record: ActionRecord) -> bool:
        ok, _ = self._guarded(
            lambda: actions.restore_action(self.store, self.session_id, record),
            "restore",
            record,
        )
        view = self._read(record.id) if ok else None
        if view is not None:
            self._insert(record.position, view)
        return ok

    def move(self, row_id: str, index: int) -> int | None:
        ok, old = self._call(
            lambda: actions.move_action(self.store, self.session_id, row_id, index)
        )
        if not ok:
            return None
        self._move(row_id, index)
        return int(old)

    # Reading back ------------------------------------------------------------------------------

    def _read(self, row_id: str) -> ActionView | None:
        ok, views = self._call(
            lambda: actions.load_actions(self.store, self.session_id), saves=False
        )
        return next((v for v in views if v.id == row_id), None) if ok else None

    def _reread(self, row_id: str) -> None:
        view = self._read(row_id)
        if view is not None:
            self._replace(view)

    def _guarded(self, call: Callable[[], Any], kind: str, request: Any) -> tuple[bool, Any]:
        """`_call`, but a cap refusal goes to `cap_refused` (the page explains it) rather
        than to `failed` (the status bar)."""
        try:
            result = call()
        except ActionCapError as exc:
            self.cap_refused.emit(CapRefusal(exc, kind, request))
            return False, None
        except errors.FacilitatorError as exc:
            self.failed.emit(describe(exc))
            return False, None
        self.saved.emit()
        return True, result


class ActionsFilter(QSortFilterProxyModel):
    """The committed items (must/should, not dropped) or the rest: the backlog of
    nice-to-haves and the dropped items, which do not count against the cap."""

    def __init__(self, source: ActionsModel, committed: bool, parent: QObject | None = None):
        super().__init__(parent)
        self.committed = committed
        self.setSourceModel(source)
        # A priority or status change moves a row between the two views.
        self.setDynamicSortFilter(True)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        index = self.sourceModel().index(row, 0, parent)
        return bool(index.data(CommittedRole)) == self.committed

    def item_id(self, row: int) -> str | None:
        index = self.index(row, 0)
        return index.data(RowIdRole) if index.isValid() else None

    def row_of(self, item_id: str) -> int:
        return next((r for r in range(self.rowCount()) if self.item_id(r) == item_id), -1)
