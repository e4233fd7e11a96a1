"""Undoable edits of one session field: plain fields and the services / tags labels."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand

from ui.session.document import PLAIN_FIELDS, SessionDocument

# QUndoStack merges commands with the same id(); one id per field.
_FIELD_IDS = {name: 1000 + i for i, name in enumerate((*PLAIN_FIELDS, "services", "tags"))}


class EditFieldCommand(QUndoCommand):
    """Set one field; successive edits in the same burst (one stretch of typing) merge."""

    def __init__(
        self, document: SessionDocument, field: str, old: Any, new: Any, burst: int | None = None
    ) -> None:
        super().__init__()
        self.document = document
        self.field = field
        self.old = old
        self.new = new
        self.burst = burst  # None: never merges (a combo box choice)
        self.setText(field.replace("_", " "))

    def id(self) -> int:
        return -1 if self.burst is None else _FIELD_IDS.get(self.field, -1)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (
            isinstance(other, type(self))
            and other.document is self.document
            and other.field == self.field
            and other.burst == self.burst
        ):
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)  # typed and deleted again: nothing to undo
        return True

    def redo(self) -> None:
        if not self._apply(self.new):
            self.setObsolete(True)  # nothing changed; the editor keeps the text and retries

    def undo(self) -> None:
        self._apply(self.old)

    def _apply(self, value: Any) -> bool:
        return self.document.update(self.field, value)


class SetLabelsCommand(EditFieldCommand):
    """Replace the services or the tags (`sessions.set_labels`)."""

    def _apply(self, value: Any) -> bool:
        return self.document.set_labels(self.field, list(value))
