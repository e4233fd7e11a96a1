"""Undoable edits of the 5 Whys chains: `redo()` is one call into `facilitator.whys` (or
`facilitator.factors`), `undo()` its inverse.

Removals return a record that puts back the very same row (same id, same place), so an add
that is undone and redone, or a remove that is undone, leaves the page's rows where they
were. After each call the command asks the page to show the saved state and where the
keyboard focus should go; a failed call says why through the session document (the Saved
indicator shows it) and a command whose first `redo()` failed marks itself obsolete.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from facilitator import errors, factors, whys
from facilitator.db.store import Store
from ui.messages import describe
from ui.session.document import SessionDocument

R = TypeVar("R")

# QUndoStack merges commands with the same id(); these sit apart from ui/commands/fields.py's.
_WHY_TEXT_ID = 2101
_CHAIN_TEXT_ID = 2102


def tr(text: str) -> str:
    return QCoreApplication.translate("commands", text)


@dataclass(frozen=True)
class Focus:
    """Where the keyboard goes after a command: a chain's `problem` or `root_cause` (ident
    is the chain id), or a `why` (ident is the why id)."""

    kind: str
    ident: str


class Failed:
    """The result of a core call that raised (its reason already reported)."""


FAILED = Failed()


class WhysTarget:
    """What the commands act on: one session's chains, and the page that shows them."""

    def __init__(
        self,
        store: Store,
        session_id: str,
        document: SessionDocument,
        show: Callable[[Focus | None], None],
    ) -> None:
        self.store = store
        self.session_id = session_id
        self.document = document
        self._show = show
        self.busy = 0  # > 0 while the page is being refreshed: no new command may start then

    def show(self, focus: Focus | None) -> None:
        """Have the page show the saved state, then put the focus there (None: leave it)."""
        self.busy += 1
        try:
            self._show(focus)
        finally:
            self.busy -= 1

    def call(self, function: Callable[..., R], *args: Any, **kwargs: Any) -> R | Failed:
        """`function(store, session_id, *args, **kwargs)`, its failure reported in words."""
        try:
            result = function(self.store, self.session_id, *args, **kwargs)
        except errors.FacilitatorError as exc:
            self.document.save_failed.emit(describe(exc))
            self.show(None)  # whatever the database holds now
            return FAILED
        self.document.saved.emit()
        return result


class AddChainCommand(QUndoCommand):
    """`whys.add_chain`; undo is `remove_chain`, and redo after it `restore_chain`."""

    def __init__(self, target: WhysTarget, position: int | None = None) -> None:
        super().__init__(tr("add a why chain"))
        self.target = target
        self.position = position
        self.chain_id: str | None = None
        self._removed: whys.RemovedChain | None = None

    def redo(self) -> None:
        if self._removed is None:
            result = self.target.call(whys.add_chain, position=self.position)
            if isinstance(result, Failed):
                self.setObsolete(True)
                return
            self.chain_id = result
        elif isinstance(self.target.call(whys.restore_chain, self._removed), Failed):
            return
        self.target.show(Focus("problem", self.chain_id or ""))

    def undo(self) -> None:
        if self.chain_id is None:
            return
        removed = self.target.call(whys.remove_chain, self.chain_id)
        if not isinstance(removed, Failed):
            self._removed = removed
        self.target.show(None)


class RemoveChainCommand(QUndoCommand):
    """`whys.remove_chain`; undo is `restore_chain` (same id, whys and action links)."""

    def __init__(self, target: WhysTarget, chain_id: str) -> None:
        super().__init__(tr("remove a why chain"))
        self.target = target
        self.chain_id = chain_id
        self._removed: whys.RemovedChain | None = None

    def redo(self) -> None:
        removed = self.target.call(whys.remove_chain, self.chain_id)
        if isinstance(removed, Failed):
            self.setObsolete(self._removed is None)
            return
        self._removed = removed
        self.target.show(None)

    def undo(self) -> None:
        if self._removed is not None:
            self.target.call(whys.restore_chain, self._removed)
            self.target.show(Focus("problem", self.chain_id))


class _TextCommand(QUndoCommand):
    """Set one text; successive edits in the same burst (one stretch of typing) merge.

    The first `redo()` happens while the user types, so it leaves the focus alone; undo and
    later redos put the focus on the field they change, showing the room what moved.
    """

    merge_id = -1

    def __init__(self, target: WhysTarget, focus: Focus, old: str, new: str, burst: int):
        super().__init__()
        self.target = target
        self.focus = focus
        self.old = old
        self.new = new
        self.burst = burst
        self._typed = True

    def id(self) -> int:
        return self.merge_id

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (
            isinstance(other, type(self))
            and other.focus == self.focus
            and other.burst == self.burst
            and other.target is self.target
        ):
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)  # typed and deleted again: nothing to undo
        return True

    def redo(self) -> None:
        if isinstance(self.target.call(self._save, self.new), Failed):
            self.setObsolete(self._typed)  # the field keeps the text and tries again
            return
        self.target.show(None if self._typed else self.focus)
        self._typed = False

    def undo(self) -> None:
        self.target.call(self._save, self.old)
        self.target.show(self.focus)

    def _save(self, store: Store, session_id: str, text: str) -> None:
        raise NotImplementedError


class EditWhyCommand(_TextCommand):
    """`whys.edit_why`."""

    merge_id = _WHY_TEXT_ID

    def __init__(self, target: WhysTarget, why_id: str, old: str, new: str, burst: int):
        super().__init__(target, Focus("why", why_id), old, new, burst)
        self.setText(tr("edit a why"))

    def _save(self, store: Store, session_id: str, text: str) -> None:
        whys.edit_why(store, session_id, self.focus.ident, text)


class EditChainCommand(_TextCommand):
    """`whys.edit_chain` of the problem statement or the root cause (`field`)."""

    merge_id = _CHAIN_TEXT_ID

    def __init__(
        self, target: WhysTarget, chain_id: str, field: str, old: str, new: str, burst: int
    ):
        super().__init__(target, Focus(field, chain_id), old, new, burst)
        self.setText(tr("edit the problem") if field == "problem" else tr("edit the root cause"))

    def _save(self, store: Store, session_id: str, text: str) -> None:
        whys.edit_chain(store, session_id, self.focus.ident, **{self.focus.kind: text})


class AddWhyCommand(QUndoCommand):
    """`whys.add_why` at `position` (None: last); undo removes it, redo puts it back."""

    def __init__(
        self, target: WhysTarget, chain_id: str, position: int | None, focus_after_undo: Focus
    ) -> None:
        super().__init__(tr("add a why"))
        self.target = target
        self.chain_id = chain_id
        self.position = position
        self.focus_after_undo = focus_after_undo  # where the user pressed Enter
        self.why_id: str | None = None
        self._removed: whys.RemovedWhy | None = None

    def redo(self) -> None:
        if self._removed is None:
            result = self.target.call(whys.add_why, self.chain_id, "", self.position)
            if isinstance(result, Failed):
                self.setObsolete(True)
                return
            self.why_id = result
        elif isinstance(self.target.call(whys.restore_why, self._removed), Failed):
            return
        self.target.show(Focus("why", self.why_id or ""))

    def undo(self) -> None:
        if self.why_id is None:
            return
        removed = self.target.call(whys.remove_why, self.why_id)
        if not isinstance(removed, Failed):
            self._removed = removed
        self.target.show(self.focus_after_undo)


class RemoveWhyCommand(QUndoCommand):
    """`whys.remove_why`; undo is `restore_why` (the same why, text and place)."""

    def __init__(self, target: WhysTarget, why_id: str, focus_after: Focus) -> None:
        super().__init__(tr("remove a why"))
        self.target = target
        self.why_id = why_id
        self.focus_after = focus_after  # the field before it, as Backspace in a text would
        self._removed: whys.RemovedWhy | None = None

    def redo(self) -> None:
        removed = self.target.call(whys.remove_why, self.why_id)
        if isinstance(removed, Failed):
            self.setObsolete(self._removed is None)
            return
        self._removed = removed
        self.target.show(self.focus_after)

    def undo(self) -> None:
        if self._removed is not None:
            self.target.call(whys.restore_why, self._removed)
            self.target.show(Focus("why", self.why_id))


class MoveWhyCommand(QUndoCommand):
    """`whys.reorder_whys` to the new order; undo to the old one. The focus follows the why."""

    def __init__(
        self,
        target: WhysTarget,
        chain_id: str,
        why_id: str,
        old_order: Sequence[str],
        new_order: Sequence[str],
    ) -> None:
        super().__init__(tr("move a why"))
        self.target = target
        self.chain_id = chain_id
        self.why_id = why_id
        self.old_order = list(old_order)
        self.new_order = list(new_order)
        self._done = False

    def redo(self) -> None:
        if isinstance(self.target.call(whys.reorder_whys, self.chain_id, self.new_order), Failed):
            self.setObsolete(not self._done)
            return
        self._done = True
        self.target.show(Focus("why", self.why_id))

    def undo(self) -> None:
        self.target.call(whys.reorder_whys, self.chain_id, self.old_order)
        self.target.show(Focus("why", self.why_id))


class RootCauseToFactorCommand(QUndoCommand):
    """`whys.root_cause_to_factor`: the chain's root cause becomes a factor under the
    incident; undo is `factors.delete_factor`, and redo after it `restore_factors`."""

    def __init__(self, target: WhysTarget, chain_id: str, added: Callable[[bool], None]):
        super().__init__(tr("turn a root cause into a factor"))
        self.target = target
        self.chain_id = chain_id
        self.factor_id: str | None = None
        self._added = added  # told whether the factor is there now, to say so on the page
        self._deleted: factors.DeletedFactors | None = None

    def redo(self) -> None:
        if self._deleted is None:
            result = self.target.call(whys.root_cause_to_factor, self.chain_id)
            if isinstance(result, Failed):
                self.setObsolete(True)
                return
            self.factor_id = result
        elif isinstance(self.target.call(factors.restore_factors, self._deleted), Failed):
            return
        self.target.show(Focus("root_cause", self.chain_id))
        self._added(True)

    def undo(self) -> None:
        if self.factor_id is None:
            return
        deleted = self.target.call(factors.delete_factor, self.factor_id)
        if not isinstance(deleted, Failed):
            self._deleted = deleted
        self.target.show(Focus("root_cause", self.chain_id))
        self._added(False)
