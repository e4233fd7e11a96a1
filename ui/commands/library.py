"""Undoable library operations: moving a session to the trash and back, duplicating one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from facilitator import sessions
from facilitator.db.store import Store


class DeleteSessionCommand(QUndoCommand):
    """`sessions.delete_session`; undo is `sessions.restore_session`."""

    def __init__(self, store: Store, session_id: str, title: str, changed: Callable[[], None]):
        super().__init__()
        self.store = store
        self.session_id = session_id
        self._changed = changed  # refresh the library after either direction
        self.setText(f"delete “{title}”")

    def redo(self) -> None:
        sessions.delete_session(self.store, self.session_id)
        self._changed()

    def undo(self) -> None:
        sessions.restore_session(self.store, self.session_id)
        self._changed()


class DuplicateSessionCommand(QUndoCommand):
    """A copy made by `sessions.duplicate_session`; undo moves the copy to the trash
    (`sessions.delete_session`), redo brings it back (`sessions.restore_session`).

    The copy is made before the command is pushed, so a refusal reaches the window as an
    exception rather than being lost inside `QUndoStack.push`; the first `redo` only reports.
    """

    def __init__(
        self, store: Store, copy_id: str, title: str, changed: Callable[[str | None], None]
    ):
        super().__init__()
        self.store = store
        self.copy_id = copy_id
        self._changed = changed  # gets the copy's id when it is there, None when it is not
        self._made = True
        self.setText(f"duplicate “{title}”")

    def redo(self) -> None:
        if not self._made:
            sessions.restore_session(self.store, self.copy_id)
        self._made = False
        self._changed(self.copy_id)

    def undo(self) -> None:
        sessions.delete_session(self.store, self.copy_id)
        self._changed(None)
