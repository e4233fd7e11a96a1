"""The fault-tree canvas's context menu: every key's action, with its key beside it, so
the menu teaches the shortcuts (right-click, the Menu key or Shift+F10)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from ui.widgets.fault_tree_canvas import FaultTreeCanvas

CATEGORY_LABELS = (
    ("technical", "Technical", "1 / T"),
    ("process", "Process", "2 / P"),
    ("communication", "Communication", "3 / C"),
    ("external", "External", "4 / E"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("FaultTreeCanvas", text)


def factor_menu(canvas: FaultTreeCanvas, factor_id: str) -> QMenu:
    """The menu for one box; the top event (the incident) gets only what applies to it."""
    menu = QMenu(canvas)
    menu.setObjectName("factorMenu")
    root = canvas.root
    node = root.find(factor_id) if root is not None else None
    if node is None:
        return menu
    top = factor_id == canvas.top_id

    def add(text: str, keys: str, slot: Callable[[], object], *, checked: bool | None = None):
        action = menu.addAction(f"{_tr(text)}\t{keys}")
        if checked is not None:
            action.setCheckable(True)
            action.setChecked(checked)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    add("Add a factor under this one", "Tab", lambda: canvas.add_child_requested.emit(factor_id))
    if not top:
        add(
            "Add a factor beside this one",
            "Enter",
            lambda: canvas.add_sibling_requested.emit(factor_id),
        )
    add("Edit the text", "F2", lambda: canvas.edit(factor_id))
    menu.addSeparator()
    if not top:
        category_menu = menu.addMenu(_tr("Category"))
        for value, label, keys in CATEGORY_LABELS:
            action = category_menu.addAction(f"{_tr(label)}\t{keys}")
            action.setCheckable(True)
            action.setChecked(node.category == value)
            action.triggered.connect(
                lambda _checked=False, v=value: canvas.category_requested.emit(factor_id, v)
            )
    gate_menu = menu.addMenu(_tr("Gate"))
    for value, label, keys in (
        ("and", "AND: all inputs needed", "A"),
        ("or", "OR: any one suffices", "O"),
    ):
        action = gate_menu.addAction(f"{_tr(label)}\t{keys}")
        action.setCheckable(True)
        action.setChecked(node.effective_gate == value or (node.is_leaf and node.gate == value))
        action.triggered.connect(
            lambda _checked=False, v=value: canvas.gate_requested.emit(factor_id, v)
        )
    if not top:
        add(
            "Not yet known (?)",
            "?",
            lambda: canvas.unknown_requested.emit(factor_id),
            checked=node.unknown,
        )
        add("Cite timeline entries…", "L", lambda: canvas.evidence_requested.emit(factor_id))
        menu.addSeparator()
        add("Move left", "Alt+←", lambda: canvas.reorder_requested.emit(factor_id, -1))
        add("Move right", "Alt+→", lambda: canvas.reorder_requested.emit(factor_id, 1))
        menu.addSeparator()
        add("Delete with its sub-factors", "Del", lambda: canvas.delete_requested.emit(factor_id))
    return menu
