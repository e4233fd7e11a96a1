"""The participants table: name, role (as a readable label), team, in the room's order."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt

from facilitator import participants
from facilitator.db import models as m
from facilitator.db.store import Store
from ui.models.rows import Index, RowIdRole, RowsModel

NAME, ROLE, TEAM = range(3)
FIELDS = ("name", "role", "team")
ROLE_NAMES = {
    "facilitator": "Facilitator",
    "incident_lead": "Incident lead",
    "responder": "Responder",
    "stakeholder": "Stakeholder",
    "scribe": "Scribe",
}
assert set(ROLE_NAMES) == set(m.ROLES)  # a new role in the core needs a label here


def role_name(role: str) -> str:
    return QCoreApplication.translate("participants", ROLE_NAMES.get(role, role))


@dataclass(frozen=True)
class ParticipantRow:
    id: str
    name: str
    role: str
    team: str


class ParticipantsModel(RowsModel[ParticipantRow]):
    """One row per person; the adapter methods are `facilitator.participants`."""

    HEADERS = ("Name", "Role", "Team")

    def __init__(self, store: Store, session_id: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.session_id = session_id
        self.reload()

    def reload(self) -> None:
        ok, people = self._call(
            lambda: participants.load_participants(self.store, self.session_id), saves=False
        )
        if ok:
            self.set_rows([ParticipantRow(p.id, p.name, p.role, p.team) for p in people])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.valid(index):
            return None
        row = self._rows[index.row()]
        value = getattr(row, FIELDS[index.column()]) if 0 <= index.column() < 3 else None
        if role == Qt.ItemDataRole.DisplayRole:
            return role_name(value) if index.column() == ROLE else value
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == RowIdRole:
            return row.id
        return None

    def field_of(self, column: int) -> str | None:
        return FIELDS[column] if 0 <= column < len(FIELDS) else None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not self.valid(index) or not isinstance(value, str):
            return False
        if index.column() == NAME and not value.strip():
            return False  # a person needs a name; removing them is Delete, and undoable
        if index.column() == ROLE and value not in ROLE_NAMES:
            return False
        if getattr(self._rows[index.row()], FIELDS[index.column()]) == value:
            return False
        return super().setData(index, value, role)

    # The adapter (ui/commands/rows.py): one core call each ---------------------------------

    def add(self, spec: dict[str, str], index: int | None = None) -> str | None:
        name, role, team = spec["name"], spec.get("role", "responder"), spec.get("team", "")
        ok, person_id = self._call(
            lambda: participants.add_participant(
                self.store, self.session_id, name, role=role, team=team, index=index
            )
        )
        if not ok:
            return None
        at = len(self._rows) if index is None else index
        self._insert(at, ParticipantRow(person_id, name, role, team))
        return str(person_id)

    def update(self, row_id: str, changes: dict[str, Any]) -> dict[str, Any] | None:
        ok, previous = self._call(
            lambda: participants.update_participant(self.store, self.session_id, row_id, **changes)
        )
        row = self.find(row_id)
        if not ok or row is None:
            return None
        self._replace(replace(row, **changes))
        return dict(previous)

    def remove(self, row_id: str) -> participants.ParticipantRecord | None:
        ok, record = self._call(
            lambda: participants.remove_participant(self.store, self.session_id, row_id)
        )
        if not ok:
            return None
        self._remove(row_id)
        return record  # type: ignore[no-any-return]

    def restore(self, record: participants.ParticipantRecord) -> bool:
        ok, _ = self._call(
            lambda: participants.restore_participant(self.store, self.session_id, record)
        )
        if ok:
            row = ParticipantRow(record.id, record.name, record.role, record.team)
            self._insert(record.position, row)
        return ok

    def move(self, row_id: str, index: int) -> int | None:
        ok, old = self._call(
            lambda: participants.move_participant(self.store, self.session_id, row_id, index)
        )
        if not ok:
            return None
        self._move(row_id, index)
        return int(old)
