"""Undoable library operations: moving a session to the trash and back."""

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
