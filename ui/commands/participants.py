"""Undoable edits of who takes part: add, change name / role / team, remove, reorder."""

from __future__ import annotations

from typing import Any

from ui.commands.rows import (
    AddRowCommand,
    EditRowCommand,
    MoveRowCommand,
    RemoveRowCommand,
    quoted,
    tr,
)
from ui.models.participants import ParticipantsModel


def _name(model: ParticipantsModel, person_id: str) -> str:
    row = model.find(person_id)
    return quoted(row.name if row else "")


class AddParticipantCommand(AddRowCommand):
    """`participants.add_participant`; undo removes, redo restores the same person."""

    def __init__(
        self, model: ParticipantsModel, name: str, role: str = "responder", team: str = ""
    ) -> None:
        spec = {"name": name, "role": role, "team": team}
        super().__init__(model, spec, None, tr("add {name}").format(name=quoted(name)))


class EditParticipantCommand(EditRowCommand):
    """`participants.update_participant`; undo sets the previous values back."""

    def __init__(self, model: ParticipantsModel, person_id: str, changes: dict[str, Any]) -> None:
        text = tr("edit {name}").format(name=_name(model, person_id))
        super().__init__(model, person_id, changes, text)


class RemoveParticipantCommand(RemoveRowCommand):
    """`participants.remove_participant`; undo is `restore_participant` (same id, place)."""

    def __init__(self, model: ParticipantsModel, person_id: str) -> None:
        text = tr("remove {name}").format(name=_name(model, person_id))
        super().__init__(model, person_id, text)


class MoveParticipantCommand(MoveRowCommand):
    """`participants.move_participant`; undo moves them back."""

    def __init__(self, model: ParticipantsModel, person_id: str, index: int) -> None:
        text = tr("move {name}").format(name=_name(model, person_id))
        super().__init__(model, person_id, index, text)
