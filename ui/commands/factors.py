"""Undoable edits of the contributing-factor tree: each `redo()` is one call into
`facilitator.factors` and each `undo()` its inverse, through a `FactorTree` that says what
changed (so the canvas re-lays out and keeps the right box selected) or why it was refused.

Typing in the canvas's in-place editor saves in bursts: the text edits of one burst merge
into one undo step, and into the "add" that opened the burst, so "Tab, type, Enter" undoes
as one step. Esc on a factor that the burst added merges a delete into that add, which
leaves nothing on the stack at all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand

from facilitator import errors, factors, fault_tree
from facilitator.fault_tree import FaultNode
from ui.messages import describe
from ui.session.document import SessionDocument

T = TypeVar("T")
BURST_ID = 4100  # QUndoStack merges commands with the same id(); one id for factor bursts


class FactorTree(QObject):
    """The session's factor tree behind the canvas: loads it and runs the core calls."""

    changed = Signal(str)  # the tree changed; select this factor id ("" keeps the selection)
    refused = Signal(str)  # the core said no (a cycle, a missing factor): a calm sentence

    def __init__(self, document: SessionDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.store = document.store
        self.session_id = document.session_id
        # The tree as the core has it, kept up to date through field edits; None after a
        # change of shape (or an error), when only reading all of it again will do.
        self._root: FaultNode | None = None
        self.touched = False  # a call ran since the page last looked (see `FactorsPage`)

    def forget(self) -> None:
        """Something else may have changed the tree: read it in full next time."""
        self._root = None

    def load(self, *, fresh: bool = False) -> FaultNode:
        """The session's tree: read from the database when `fresh` or after a change of
        shape, else the one read last with the field edits since put in (the same tree,
        without reading 200 rows again after each keystroke's autosave)."""
        if fresh or self._root is None:
            self._root = factors.load_tree(self.store, self.session_id)
        return self._root

    def call(
        self,
        core: Callable[..., T],
        *args: Any,
        select: str | None = "",
        fields_of: str = "",
        **kwargs: Any,
    ) -> T:
        """Run one core edit; tell the canvas, the Saved indicator, or the page what happened.

        `select` None selects what the call returned (a new factor's id). `fields_of` names
        the one factor whose own fields the call changed (nothing else): the tree kept here
        then takes that factor's row, else it is read again in full. Raises the core's
        error after reporting it, so a command can mark itself obsolete.
        """
        try:
            result = self._run(core, args, kwargs, fields_of)
        except errors.DatabaseError as exc:
            self.document.save_failed.emit(describe(exc))
            raise
        except errors.ValidationError as exc:
            # A refused move is a whole sentence already ("a factor cannot go under
            # itself…"); "Parent id:" in front of it would read like an error code.
            sentence = exc.problem[:1].upper() + exc.problem[1:] + "."
            self.refused.emit(sentence if exc.where == "parent_id" else describe(exc))
            raise
        except errors.FacilitatorError as exc:
            self.refused.emit(describe(exc))
            raise
        self.document.saved.emit()
        self.changed.emit(str(result) if select is None else select)
        return result

    def _run(
        self, core: Callable[..., T], args: tuple[Any, ...], kwargs: dict[str, Any], fields_of: str
    ) -> T:
        self.touched = True
        kept, self._root = self._root, None  # stale until known otherwise, even if it raises
        result = core(self.store, self.session_id, *args, **kwargs)
        if fields_of and kept is not None:
            node = factors.load_factor(self.store, self.session_id, fields_of)
            self._root = fault_tree.with_fields(kept, node)
        return result


class FactorCommand(QUndoCommand):
    """Common ground: the tree, the factor it is about, and burst merging of text edits."""

    def __init__(self, tree: FactorTree, factor_id: str, text: str, burst: int | None) -> None:
        super().__init__(text)
        self.tree = tree
        self.factor_id = factor_id
        self.burst = burst  # None: a step of its own (a key, a menu choice, a drop)

    def id(self) -> int:
        return -1 if self.burst is None else BURST_ID

    def run(
        self,
        core: Callable[..., T],
        *args: Any,
        select: str | None = "",
        fields_of: str = "",
        **kwargs: Any,
    ) -> T | None:
        """`tree.call`, but a refusal marks this command obsolete (the stack drops it)."""
        try:
            return self.tree.call(core, *args, select=select, fields_of=fields_of, **kwargs)
        except errors.FacilitatorError:
            self.setObsolete(True)
            return None


class AddFactorCommand(FactorCommand):
    """Add a factor under `parent_id` (None: under the incident) or after `after_id`.

    The first redo adds it and learns its id; undo deletes it and keeps what it deleted, so
    every later redo restores the same id and the commands above it still find their factor.
    """

    def __init__(
        self,
        tree: FactorTree,
        *,
        parent_id: str | None = None,
        after_id: str | None = None,
        burst: int | None = None,
    ) -> None:
        super().__init__(tree, "", tree.tr("Add factor"), burst)
        self.parent_id = parent_id
        self.after_id = after_id
        self.deleted: factors.DeletedFactors | None = None
        self.anchor = after_id or parent_id or ""

    def redo(self) -> None:
        if self.deleted is not None:
            self.run(factors.restore_factors, self.deleted, select=self.factor_id)
            return
        if self.after_id is not None:
            new = self.run(factors.add_sibling, self.after_id, select=None)
        else:
            new = self.run(factors.add_factor, self.parent_id, select=None)
        self.factor_id = new or ""

    def undo(self) -> None:
        self.deleted = self.run(factors.delete_factor, self.factor_id, select=self.anchor)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, FactorCommand) and other.burst == self.burst):
            return False
        if other.factor_id != self.factor_id:
            return False
        if isinstance(other, EditFactorCommand) and other.field == "text":
            return True  # the add now carries the typed text (delete keeps it for redo)
        if isinstance(other, DeleteFactorCommand):
            self.setObsolete(True)  # added and cancelled in one burst: nothing happened
            return True
        return False


class EditFactorCommand(FactorCommand):
    """Change one field of a factor: text, category, gate or the "?" mark."""

    def __init__(
        self,
        tree: FactorTree,
        factor_id: str,
        field: str,
        old: Any,
        new: Any,
        burst: int | None = None,
    ) -> None:
        label = {
            "text": tree.tr("Edit factor"),
            "category": tree.tr("Change category"),
            "gate": tree.tr("Change gate"),
            "unknown": tree.tr("Mark as not yet known"),
        }[field]
        super().__init__(tree, factor_id, label, burst)
        self.field = field
        self.old = old
        self.new = new

    def redo(self) -> None:
        self._set(self.new)

    def undo(self) -> None:
        self._set(self.old)

    def _set(self, value: Any) -> None:
        self.run(
            factors.edit_factor,
            self.factor_id,
            select=self.factor_id,
            fields_of=self.factor_id,
            **{self.field: value},
        )

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (
            isinstance(other, EditFactorCommand)
            and other.burst == self.burst
            and other.factor_id == self.factor_id
            and other.field == self.field
        ):
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)  # typed and cancelled: nothing to undo
        return True


class DeleteFactorCommand(FactorCommand):
    """Delete a factor and its subtree; undo puts back the same ids and action links."""

    def __init__(
        self, tree: FactorTree, factor_id: str, then_select: str, burst: int | None = None
    ) -> None:
        super().__init__(tree, factor_id, tree.tr("Delete factor"), burst)
        self.then_select = then_select
        self.deleted: factors.DeletedFactors | None = None

    def redo(self) -> None:
        self.deleted = self.run(factors.delete_factor, self.factor_id, select=self.then_select)

    def undo(self) -> None:
        if self.deleted is not None:
            self.run(factors.restore_factors, self.deleted, select=self.factor_id)


class MoveFactorCommand(FactorCommand):
    """Reparent a factor (None: under the incident); undo moves it back where it was."""

    def __init__(
        self,
        tree: FactorTree,
        factor_id: str,
        parent_id: str | None,
        position: int | None = None,
        text: str | None = None,
    ) -> None:
        super().__init__(tree, factor_id, text or tree.tr("Move factor"), None)
        self.parent_id = parent_id
        self.position = position
        self.was: tuple[str | None, int] | None = None

    def redo(self) -> None:
        self.was = self.run(
            factors.move_factor,
            self.factor_id,
            self.parent_id,
            self.position,
            select=self.factor_id,
        )

    def undo(self) -> None:
        if self.was is not None:
            parent_id, position = self.was
            self.run(
                factors.move_factor, self.factor_id, parent_id, position, select=self.factor_id
            )


class ReorderFactorsCommand(FactorCommand):
    """Put the children of one parent in a new order (Alt+Left/Right moves one of them)."""

    def __init__(
        self,
        tree: FactorTree,
        factor_id: str,
        parent_id: str | None,
        old: Sequence[str],
        new: Sequence[str],
    ) -> None:
        super().__init__(tree, factor_id, tree.tr("Reorder factors"), None)
        self.parent_id = parent_id
        self.old = list(old)
        self.new = list(new)

    def redo(self) -> None:
        self.run(factors.reorder_factors, self.parent_id, self.new, select=self.factor_id)

    def undo(self) -> None:
        self.run(factors.reorder_factors, self.parent_id, self.old, select=self.factor_id)


class SetEvidenceCommand(FactorCommand):
    """Make a factor cite these timeline entries; undo cites what it cited before."""

    def __init__(self, tree: FactorTree, factor_id: str, entry_ids: Sequence[str]) -> None:
        super().__init__(tree, factor_id, tree.tr("Cite timeline entries"), None)
        self.entry_ids = list(entry_ids)
        self.previous: list[str] | None = None

    def redo(self) -> None:
        self.previous = self.run(
            factors.set_evidence,
            self.factor_id,
            self.entry_ids,
            select=self.factor_id,
            fields_of=self.factor_id,
        )

    def undo(self) -> None:
        if self.previous is not None:
            self.run(
                factors.set_evidence,
                self.factor_id,
                self.previous,
                select=self.factor_id,
                fields_of=self.factor_id,
            )
