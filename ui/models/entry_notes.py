"""The walkthrough's notes, one per timeline entry, in the shape `TextBinding` edits."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from facilitator import errors, timeline
from ui.messages import describe
from ui.session.document import SessionDocument


class EntryNotes(QObject):
    """The entries' notes in the shape `TextBinding` edits: a field is an entry id. Saves go
    through `timeline.update_entry`; the Saved indicator hears about them as usual."""

    field_changed = Signal(str, object)
    pending = Signal()

    def __init__(self, document: SessionDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.notes: dict[str, str] = {}
        self.pending.connect(document.pending)

    def value(self, entry_id: str) -> str:
        return self.notes.get(entry_id, "")

    def update(self, entry_id: str, value: str) -> bool:
        try:
            timeline.update_entry(
                self.document.store, self.document.session_id, entry_id, notes=value
            )
        except errors.FacilitatorError as exc:
            self.document.save_failed.emit(describe(exc))
            return False
        self.notes[entry_id] = value
        self.field_changed.emit(entry_id, value)
        self.document.saved.emit()
        return True

    def register_editor(self, editor: Any) -> None:
        self.document.register_editor(editor)  # step change, close and quit flush the notes
