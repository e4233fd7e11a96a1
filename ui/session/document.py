"""The open session as the UI sees it: current values, one place that writes through the
core, and signals that tell the pages (and the Saved indicator) what happened."""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal

from facilitator import errors, sessions
from facilitator.db.store import Store
from ui.messages import describe

LABEL_FIELDS = {"services": "service", "tags": "tag"}
PLAIN_FIELDS = (
    *sessions.TEXT_FIELDS,
    *sessions.CHOICE_FIELDS,
    *sessions.TIME_FIELDS,
    "timezone",
    "current_step",
    "step_elapsed",
)
# Where the meeting is (the step on show, the timer): saved like any field, but no page
# shows it, so saving it leaves the pages' content as it was (see `version`).
MEETING_FIELDS = frozenset({"current_step", "step_elapsed"})


class Flushable(Protocol):
    def flush(self) -> None: ...


class SessionDocument(QObject):
    """Holds the last saved value of every field; every write goes through a core call."""

    field_changed = Signal(str, object)  # a field's value changed (an edit, undo or redo)
    pending = Signal()  # an edit is waiting for its debounce
    saved = Signal()
    edited = Signal()  # a save changed the content (not the timer or the step): `version`
    save_failed = Signal(str)  # what went wrong, in words

    def __init__(self, store: Store, session_id: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.session_id = session_id
        snapshot = sessions.load_session(store, session_id)
        self._values: dict[str, Any] = {f: getattr(snapshot, f) for f in PLAIN_FIELDS}
        self._values["services"] = list(snapshot.services)
        self._values["tags"] = list(snapshot.tags)
        self._editors: list[Flushable] = []
        self._version = 0
        self._meeting_only = False
        self.saved.connect(self._content_saved)

    @property
    def version(self) -> int:
        """Goes up with every saved edit of the session's content (any page's: a model's,
        a command's or a field's), not with the meeting timer or the step on show. A page
        that read the session at one version is still up to date at the same version."""
        return self._version

    def touch(self) -> None:
        """Something outside this window may have written to the session (another window
        of the app: the Action items window changes statuses): pages read it again when
        next shown. Not an edit of this window's, so nothing is recounted or saved."""
        self._version += 1

    def _content_saved(self) -> None:
        if not self._meeting_only:
            self._version += 1
            self.edited.emit()

    def value(self, field: str) -> Any:
        return self._values[field]

    def update(self, field: str, value: Any) -> bool:
        """Save one plain field through `sessions.update_session`; False (and a
        `save_failed`) when the core refused or the database failed."""
        return self._write(
            field,
            value,
            lambda: sessions.update_session(self.store, self.session_id, **{field: value}),
        )

    def update_fields(self, changes: dict[str, Any]) -> bool:
        """Save several plain fields in one `sessions.update_session` (one commit: a step
        change saves the step and the timer together, not one fsync after the other)."""
        try:
            sessions.update_session(self.store, self.session_id, **changes)
        except errors.FacilitatorError as exc:
            self.save_failed.emit(describe(exc))
            return False
        self._meeting_only = MEETING_FIELDS.issuperset(changes)
        try:
            for field, value in changes.items():
                self._values[field] = value
                self.field_changed.emit(field, value)
            self.saved.emit()
        finally:
            self._meeting_only = False
        return True

    def set_labels(self, field: str, values: list[str]) -> bool:
        """Save the services or the tags through `sessions.set_labels`."""
        cleaned = list(dict.fromkeys(v.strip() for v in values if v.strip()))
        return self._write(
            field,
            cleaned,
            lambda: sessions.set_labels(self.store, self.session_id, LABEL_FIELDS[field], cleaned),
        )

    def save_through(self, field: str, value: Any, call: Any) -> bool:
        """Save one field through a core call with a rule of its own (marking the session
        completed is `actions.complete_session`, not a plain update)."""
        return self._write(field, value, call)

    def _write(self, field: str, value: Any, call: Any) -> bool:
        try:
            call()
        except errors.FacilitatorError as exc:
            self.save_failed.emit(describe(exc))
            return False
        self._values[field] = value
        self.field_changed.emit(field, value)
        self.saved.emit()
        return True

    def register_editor(self, editor: Flushable) -> None:
        """An editor with debounced edits; `flush` saves them all now."""
        self._editors.append(editor)

    def flush(self) -> None:
        """Save every edit still waiting for its debounce (step change, close, quit)."""
        for editor in list(self._editors):
            editor.flush()
