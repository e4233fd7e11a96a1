"""Undoable follow-up edits: an item's status changed from the follow-up (any session's item),
and a verdict of the effectiveness review.

These views show rows read fresh from the core after each change, so a command calls the core
and then `changed()` (the view reloads); a refusal goes to `failed(error)` and the command
marks itself obsolete, so the undo stack never holds a change that did not happen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from facilitator import actions, errors, review
from facilitator.db.store import Store
from facilitator.followup import FollowUpItem
from ui.commands.rows import quoted, tr

Changed = Callable[[], object]
Failed = Callable[[errors.FacilitatorError], object]


class SetItemStatusCommand(QUndoCommand):
    """`actions.set_status` on an item of its own session; undo puts back the previous
    status, completion time and rationale (`actions.update_action`)."""

    def __init__(
        self,
        store: Store,
        item: FollowUpItem,
        status: str,
        keywords: dict[str, Any],
        *,
        changed: Changed,
        failed: Failed,
    ) -> None:
        super().__init__(tr("change the status of {title}").format(title=quoted(item.title)))
        self.store = store
        self.item = item
        self.status = status
        self.keywords = keywords
        self._changed = changed
        self._failed = failed
        self.previous: dict[str, Any] | None = None

    def redo(self) -> None:
        item = self.item
        try:
            previous = actions.set_status(
                self.store, item.session_id, item.action_id, self.status, **self.keywords
            )
        except errors.FacilitatorError as exc:
            self._failed(exc)
            self.setObsolete(True)
            return
        if self.previous is None:
            self.previous = dict(previous)
        self._changed()

    def undo(self) -> None:
        if self.previous is None:
            return
        try:
            actions.update_action(
                self.store, self.item.session_id, self.item.action_id, **self.previous
            )
        except errors.FacilitatorError as exc:
            self._failed(exc)
        self._changed()


class ReviewCommand(QUndoCommand):
    """`review.record_review` (a verdict and a note) or, for no verdict, `clear_review`;
    undo is `restore_review` with what the core returned."""

    def __init__(
        self,
        store: Store,
        session_id: str,
        action_id: str,
        verdict: str | None,
        note: str,
        title: str,
        *,
        changed: Changed,
        failed: Failed,
    ) -> None:
        super().__init__(tr("review {title}").format(title=quoted(title)))
        self.store = store
        self.session_id = session_id
        self.action_id = action_id
        self.verdict = verdict
        self.note = note
        self._changed = changed
        self._failed = failed
        self.previous: review.PreviousReview | None = None
        self._done_once = False

    def redo(self) -> None:
        try:
            if self.verdict is None:
                previous = review.clear_review(self.store, self.session_id, self.action_id)
            else:
                previous = review.record_review(
                    self.store, self.session_id, self.action_id, self.verdict, self.note
                )
        except errors.FacilitatorError as exc:
            self._failed(exc)
            self.setObsolete(True)
            return
        if not self._done_once:
            self.previous, self._done_once = previous, True
        self._changed()

    def undo(self) -> None:
        try:
            review.restore_review(self.store, self.session_id, self.action_id, self.previous)
        except errors.FacilitatorError as exc:
            self._failed(exc)
        self._changed()
