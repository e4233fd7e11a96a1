"""What an action item can address: the session's contributing factors (in tree order,
indented by depth) and its why chains (by root cause), as a checkable list.

Checking a box does not change the model: it emits `chosen` with the item's new list of ids,
which the page turns into an undoable edit; the model shows the item's saved list again when
the edit lands (or stays as it was when refused).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QObject, Qt, Signal

from facilitator import errors, factors, whys
from facilitator.db.store import Store
from facilitator.fault_tree import FaultNode
from ui.models.rows import Index

TargetIdRole = Qt.ItemDataRole.UserRole + 1


def tr(text: str) -> str:
    return QCoreApplication.translate("addresses", text)


@dataclass(frozen=True)
class Target:
    id: str
    label: str
    kind: str  # "factor" or "chain"
    depth: int = 0


def _factors(node: FaultNode, depth: int = 0) -> Iterator[Target]:
    for child in node.children:
        yield Target(child.id, child.text or tr("(untitled factor)"), "factor", depth)
        yield from _factors(child, depth + 1)


def load_targets(store: Store, session_id: str) -> list[Target]:
    """The factors, then the chains, of a session (empty if it cannot be read)."""
    try:
        tree = factors.load_tree(store, session_id)
        chains = whys.load_chains(store, session_id)
    except errors.FacilitatorError:
        return []
    found = list(_factors(tree))
    for number, chain in enumerate(chains, start=1):
        text = chain.root_cause or chain.problem or tr("(empty chain)")
        found.append(
            Target(chain.id, tr("Why chain {n}: {text}").format(n=number, text=text), "chain")
        )
    return found


class AddressesModel(QAbstractListModel):
    """One checkable row per factor and per chain; checked: the item addresses it."""

    chosen = Signal(list)  # the item's new list of target ids, in the list's order

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._targets: list[Target] = []
        self._checked: tuple[str, ...] = ()
        self._enabled = False

    def set_targets(self, targets: Sequence[Target]) -> None:
        self.beginResetModel()
        self._targets = list(targets)
        self.endResetModel()

    def set_checked(self, ids: Sequence[str], *, enabled: bool = True) -> None:
        """Show an item's saved list (`enabled` False: no item selected)."""
        self._checked = tuple(ids)
        self._enabled = enabled
        if self._targets:
            self.dataChanged.emit(self.index(0), self.index(len(self._targets) - 1))

    def checked(self) -> tuple[str, ...]:
        return self._checked

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  (Qt's signature)
        return 0 if parent.isValid() else len(self._targets)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if self._enabled:
            flags |= Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._targets):
            return None
        target = self._targets[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return "    " * target.depth + target.label
        if role == Qt.ItemDataRole.CheckStateRole:
            on = target.id in self._checked
            return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            kind = tr("Contributing factor") if target.kind == "factor" else tr("5 Whys chain")
            return f"{kind}: {target.label}"
        if role == TargetIdRole:
            return target.id
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or not self._enabled:
            return False
        target = self._targets[index.row()].id
        on = Qt.CheckState(value) == Qt.CheckState.Checked
        ids = [i for i in self._checked if i != target]
        if on:
            order = [t.id for t in self._targets]
            ids.append(target)
            ids.sort(key=lambda i: order.index(i) if i in order else len(order))
        if tuple(ids) != self._checked:
            self.chosen.emit(ids)
        return False  # the saved list comes back through set_checked
