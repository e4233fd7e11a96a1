"""Undoable timeline edits. Each `redo()` makes one core call from `facilitator.timeline`,
each `undo()` its inverse; both then call `changed` so the page shows the saved state.

Ids survive undo and redo (a redone add restores the same entries rather than adding new
ones), so commands further up the stack still find the entries they point at.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Final, TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from facilitator import errors, timeline
from facilitator.timeline import EntryChanges, EntryDraft, EntryRecord
from ui.commands.fields import EditFieldCommand
from ui.messages import describe
from ui.session.document import SessionDocument
from ui.workers import Workers

if TYPE_CHECKING:  # the importer loads only when a file is imported (start-up time)
    from facilitator.timeline_import import ImportRow

Changed = Callable[[], object]
T = TypeVar("T")
# Entries an import's undo or redo takes on the GUI thread; more go to a worker (2,000
# took 45-50 ms on a busy 2-core machine; 100,000 take two seconds or more).
LARGE_IMPORT: Final = 1_000
_NOTES_ID = 2100  # QUndoStack merges commands with the same id(): typing in one entry's notes


class _TimelineCommand(QUndoCommand):
    """Shared plumbing: report the save (or why it failed) like a field edit does."""

    def __init__(self, document: SessionDocument, changed: Changed, text: str) -> None:
        super().__init__(text)
        self.document = document
        self.changed = changed

    @property
    def store(self) -> Any:
        return self.document.store

    @property
    def session_id(self) -> str:
        return self.document.session_id

    def _run(self, call: Callable[[], object], *, undoing: bool = False) -> bool:
        try:
            call()
        except errors.FacilitatorError as exc:
            self.document.save_failed.emit(describe(exc))
            if not undoing:
                # Nothing happened, so there is nothing to undo: the stack drops it. A failed
                # undo keeps its command, so the facilitator can try again.
                self.setObsolete(True)
            return False
        self.document.saved.emit()
        self.changed()
        return True


class AddEntriesCommand(_TimelineCommand):
    """Add entries (one typed line or a whole paste) as one step: `add_entries`; undo is
    `remove_entries`, redo `restore_entries` (the same ids come back)."""

    def __init__(
        self,
        document: SessionDocument,
        drafts: Sequence[EntryDraft],
        changed: Changed,
    ) -> None:
        count = len(drafts)
        super().__init__(document, changed, "add entry" if count == 1 else f"add {count} entries")
        self.drafts = list(drafts)
        self.ids: list[str] = []
        self.records: list[EntryRecord] = []

    def redo(self) -> None:
        if self.records:
            self._run(lambda: timeline.restore_entries(self.store, self.session_id, self.records))
        else:
            self._run(self._add)

    def _add(self) -> None:
        self.ids = timeline.add_entries(self.store, self.session_id, self.drafts)

    def undo(self) -> None:
        self._run(self._remove, undoing=True)

    def _remove(self) -> None:
        self.records = timeline.remove_entries(self.store, self.session_id, self.ids)


class RemoveEntriesCommand(_TimelineCommand):
    """Delete entries: `remove_entries`; undo is `restore_entries`, exactly as they were."""

    def __init__(self, document: SessionDocument, ids: Sequence[str], changed: Changed) -> None:
        count = len(ids)
        text = "delete entry" if count == 1 else f"delete {count} entries"
        super().__init__(document, changed, text)
        self.ids = list(ids)
        self.records: list[EntryRecord] = []

    def redo(self) -> None:
        self._run(self._remove)

    def _remove(self) -> None:
        self.records = timeline.remove_entries(self.store, self.session_id, self.ids)

    def undo(self) -> None:
        self._run(
            lambda: timeline.restore_entries(self.store, self.session_id, self.records),
            undoing=True,
        )


class EditEntryCommand(_TimelineCommand):
    """Change fields of one entry: `update_entry`; undo calls it with the previous values."""

    def __init__(
        self,
        document: SessionDocument,
        entry_id: str,
        changes: EntryChanges,
        changed: Changed,
    ) -> None:
        super().__init__(document, changed, "edit " + ", ".join(changes).replace("_id", ""))
        self.entry_id = entry_id
        self.changes = changes
        self.previous: EntryChanges = {}

    def redo(self) -> None:
        self._run(self._apply)

    def _apply(self) -> None:
        self.previous = timeline.update_entry(
            self.store, self.session_id, self.entry_id, **self.changes
        )

    def undo(self) -> None:
        self._run(
            lambda: timeline.update_entry(
                self.store, self.session_id, self.entry_id, **self.previous
            ),
            undoing=True,
        )


class EditEntryNotesCommand(EditFieldCommand):
    """The walkthrough's notes for one entry, typed in bursts that merge like any text field.

    `document` is an `EntryNotes` (ui/steps/walkthrough.py) whose fields are entry ids, so
    `TextBinding` drives these commands as it does the session's own fields.
    """

    def __init__(
        self, document: Any, field: str, old: Any, new: Any, burst: int | None = None
    ) -> None:
        super().__init__(document, field, old, new, burst)
        self.setText("notes")

    def id(self) -> int:
        return -1 if self.burst is None else _NOTES_ID


class ImportEntriesCommand(_TimelineCommand):
    """Entries imported from a file as one step: `timeline_import.commit` (all or none);
    undo is `remove_entries`, redo `restore_entries` (the same ids come back).

    A large import is committed off the GUI thread before the command is pushed: given
    those `ids`, the first redo only shows them. Given `workers`, the undo and redo of more
    than LARGE_IMPORT entries run in a worker too, behind a modal progress window (a second
    or more for 100,000 entries). `error` says why a commit failed.
    """

    def __init__(
        self,
        document: SessionDocument,
        rows: Sequence[ImportRow],
        changed: Changed,
        *,
        source: str | None = None,
        ids: Sequence[str] | None = None,
        workers: Workers | None = None,
    ) -> None:
        count = len(rows)
        text = "import entry" if count == 1 else f"import {count} entries"
        super().__init__(document, changed, text)
        self.rows = list(rows)
        self.source = source
        self.ids: list[str] = list(ids or [])
        self.records: list[EntryRecord] = []
        self.error = ""
        self.workers = workers

    def redo(self) -> None:
        if self.records:
            self._run(self._restore)
        elif self.ids:
            self.document.saved.emit()  # committed already (in a worker): show what came
            self.changed()
        else:
            self._run(self._commit)

    def _commit(self) -> None:
        from facilitator import timeline_import

        try:
            self.ids = timeline_import.commit(
                self.store, self.session_id, self.rows, source=self.source
            )
        except errors.FacilitatorError as exc:
            self.error = describe(exc)
            raise

    def undo(self) -> None:
        self._run(self._remove, undoing=True)

    def _remove(self) -> None:
        text = _tr("Taking back {n} imported entries…")
        self.records = self._call(timeline.remove_entries, self.ids, text)

    def _restore(self) -> None:
        text = _tr("Putting back {n} imported entries…")
        self._call(_restore_and_release, self.records, text)

    def _call(self, fn: Callable[[Any, str, Any], T], items: Sequence[Any], text: str) -> T:
        """`fn(store, session_id, items)`, in a worker when there are many items."""
        if self.workers is None or len(items) <= LARGE_IMPORT:
            return fn(self.store, self.session_id, items)
        from ui.timeline_import.waiting import wait_for  # loads only for a large import

        shown = text.format(n=f"{len(items):,}")
        return wait_for(self.workers, fn, self.store, self.session_id, items, text=shown)


def _restore_and_release(store: Any, session_id: str, records: list[EntryRecord]) -> None:
    """`restore_entries`, then the records let go of where this runs, a slice at a time:
    100,000 records freed at once on the GUI thread (by the next undo replacing them) held
    it for over 100 ms."""
    timeline.restore_entries(store, session_id, records)
    while records:
        del records[-2_000:]


def _tr(text: str) -> str:
    return QCoreApplication.translate("timeline_import", text)
