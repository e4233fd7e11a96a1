"""Undoable edits of action items: add, edit (typed text merges by bursts), status changes,
remove, reorder, and marking the session completed.

Every `redo()` is one call of `facilitator.actions` (through the ActionsModel adapter) and
`undo()` its inverse: `update_action` with the previous values the core returned (which
include fields a status rule changed along, so an undo restores the item exactly).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtGui import QUndoCommand

from facilitator import actions
from ui.commands.rows import (
    AddRowCommand,
    EditRowCommand,
    MoveRowCommand,
    RemoveRowCommand,
    quoted,
    tr,
)
from ui.models.actions import ActionsModel
from ui.session.document import SessionDocument

_TEXT_ID = 4200  # QUndoStack merges commands with one id(): typing in an item's field


def _title(model: ActionsModel, item_id: str) -> str:
    row = model.find(item_id)
    return quoted(row.title if row else "")


class AddActionCommand(AddRowCommand):
    """`actions.add_action`; undo removes it, redo restores the very same item."""

    def __init__(self, model: ActionsModel, spec: dict[str, Any], index: int | None = None):
        text = tr("add action {title}").format(title=quoted(str(spec.get("title", ""))))
        super().__init__(model, spec, index, text)


class EditActionCommand(EditRowCommand):
    """`actions.update_action` (owner, due, priority, kind, addresses…); undo sets the
    previous values back."""

    def __init__(self, model: ActionsModel, item_id: str, changes: dict[str, Any]) -> None:
        text = tr("edit action {title}").format(title=_title(model, item_id))
        super().__init__(model, item_id, changes, text)


class EditActionTextCommand(QUndoCommand):
    """Typing in one field of one item: edits of the same burst merge into one undo step."""

    def __init__(
        self, model: ActionsModel, item_id: str, field: str, old: Any, new: Any, burst: int
    ) -> None:
        super().__init__(tr("edit action {title}").format(title=_title(model, item_id)))
        self.model = model
        self.item_id = item_id
        self.field = field
        self.old = old
        self.new = new
        self.burst = burst

    def id(self) -> int:
        return _TEXT_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (
            isinstance(other, EditActionTextCommand)
            and (other.model, other.item_id, other.field, other.burst)
            == (self.model, self.item_id, self.field, self.burst)
        ):
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)  # typed and deleted again: nothing to undo
        return True

    def redo(self) -> None:
        if self.model.update(self.item_id, {self.field: self.new}) is None:
            self.setObsolete(True)  # refused: the field keeps the text and says why

    def undo(self) -> None:
        self.model.update(self.item_id, {self.field: self.old})


class SetStatusCommand(QUndoCommand):
    """`actions.set_status` (done with its completion time, dropped with its rationale);
    undo puts back the previous status, completion time and rationale."""

    def __init__(
        self,
        model: ActionsModel,
        item_id: str,
        status: str,
        *,
        completed_at: datetime | None = None,
        rationale: str | None = None,
    ) -> None:
        super().__init__(tr("change the status of {title}").format(title=_title(model, item_id)))
        self.model = model
        self.item_id = item_id
        self.status = status
        self.keywords: dict[str, Any] = {}
        if completed_at is not None:
            self.keywords["completed_at"] = completed_at
        if rationale is not None:
            self.keywords["rationale"] = rationale
        self.previous: dict[str, Any] | None = None

    def redo(self) -> None:
        previous = self.model.set_status(self.item_id, self.status, **self.keywords)
        if self.previous is None:
            self.previous = previous
            if previous is None:
                self.setObsolete(True)

    def undo(self) -> None:
        if self.previous is not None:
            self.model.update(self.item_id, self.previous)


class RemoveActionCommand(RemoveRowCommand):
    """`actions.remove_action`; undo is `restore_action` (same id, place, links, reviews)."""

    def __init__(self, model: ActionsModel, item_id: str) -> None:
        text = tr("delete action {title}").format(title=_title(model, item_id))
        super().__init__(model, item_id, text)


class MoveActionCommand(MoveRowCommand):
    """`actions.move_action`; undo moves it back."""

    def __init__(self, model: ActionsModel, item_id: str, index: int) -> None:
        text = tr("move action {title}").format(title=_title(model, item_id))
        super().__init__(model, item_id, index, text)


class CompleteSessionCommand(QUndoCommand):
    """`actions.complete_session` (refused while an item lacks an owner, a deadline or
    success criteria); undo sets the previous status back."""

    def __init__(self, document: SessionDocument) -> None:
        super().__init__(tr("mark the session completed"))
        self.document = document
        self.previous: str | None = None

    def redo(self) -> None:
        store, session_id = self.document.store, self.document.session_id
        previous = self.document.value("status")
        done = self.document.save_through(
            "status", "completed", lambda: actions.complete_session(store, session_id)
        )
        if self.previous is None:
            self.previous = previous
            if not done or previous == "completed":
                self.setObsolete(True)

    def undo(self) -> None:
        if self.previous is not None:
            self.document.update("status", self.previous)
