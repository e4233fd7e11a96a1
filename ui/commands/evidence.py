"""Undoable edits of the evidence: attach, caption, remove (with the timeline's links to it),
reorder. Every one saves at once through `facilitator.evidence`."""

from __future__ import annotations

from ui.commands.rows import (
    AddRowCommand,
    EditRowCommand,
    MoveRowCommand,
    RemoveRowCommand,
    quoted,
    tr,
)
from ui.models.evidence import EvidenceModel, NewEvidence, NewLink, NewNote


def _name(model: EvidenceModel, row_id: str) -> str:
    row = model.find(row_id)
    return quoted(row.name if row else "")


def _spec_name(spec: NewEvidence) -> str:
    if isinstance(spec, NewLink):
        return spec.url
    if isinstance(spec, NewNote):
        return spec.text
    return spec.name


class AddEvidenceCommand(AddRowCommand):
    """`evidence.add_attachment` / `add_link` / `add_note`; undo removes it, redo restores
    the very same attachment."""

    def __init__(self, model: EvidenceModel, spec: NewEvidence, index: int | None = None) -> None:
        text = tr("attach {name}").format(name=quoted(_spec_name(spec)))
        super().__init__(model, spec, index, text)


class EditCaptionCommand(EditRowCommand):
    """`evidence.update_attachment(caption=…)`; undo sets the previous caption back."""

    def __init__(self, model: EvidenceModel, row_id: str, caption: str) -> None:
        text = tr("caption {name}").format(name=_name(model, row_id))
        super().__init__(model, row_id, {"caption": caption}, text)


class RemoveEvidenceCommand(RemoveRowCommand):
    """`evidence.remove_attachment`; undo is `restore_attachment`, timeline links included."""

    def __init__(self, model: EvidenceModel, row_id: str) -> None:
        text = tr("remove {name}").format(name=_name(model, row_id))
        super().__init__(model, row_id, text)


class MoveEvidenceCommand(MoveRowCommand):
    """`evidence.move_attachment`; undo moves it back."""

    def __init__(self, model: EvidenceModel, row_id: str, index: int) -> None:
        text = tr("move {name}").format(name=_name(model, row_id))
        super().__init__(model, row_id, index, text)
