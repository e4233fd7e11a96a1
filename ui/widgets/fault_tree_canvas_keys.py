"""What each key does on the fault-tree canvas (the table in ui/actions.py lists them).

Letters and digits act only without Ctrl or Alt, so the window's own chords (Ctrl+1…9 for
the agenda, Ctrl+Z for undo) keep working while the tree has the focus.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

if TYPE_CHECKING:
    from ui.widgets.fault_tree_canvas import FaultTreeCanvas

CATEGORY_KEYS = {
    "1": "technical",
    "2": "process",
    "3": "communication",
    "4": "external",
    "t": "technical",
    "p": "process",
    "c": "communication",
    "e": "external",
}
GATE_KEYS = {"a": "and", "o": "or"}
ZOOM_STEP = 1.2


def handle_key(canvas: FaultTreeCanvas, event: QKeyEvent) -> bool:
    """Do what a key means on the canvas; False when it means nothing here."""
    current = canvas.selected_id
    if not current:
        return False
    chords = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    if _structure_key(canvas, current, event):
        return True
    text = event.text().lower()
    if event.modifiers() & chords or not text:
        return False
    return _letter_key(canvas, current, text)


def _structure_key(canvas: FaultTreeCanvas, current: str, event: QKeyEvent) -> bool:
    """Adding, editing, deleting, moving around and reordering."""
    key, mods = Qt.Key(event.key()), event.modifiers()
    alt = bool(mods & Qt.KeyboardModifier.AltModifier)
    plain = not mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    is_top = current == canvas.top_id
    arrows = {
        Qt.Key.Key_Up: lambda: canvas.nav.up(current),
        Qt.Key.Key_Down: lambda: canvas.nav.down(current),
        Qt.Key.Key_Left: lambda: canvas.nav.across(current, -1),
        Qt.Key.Key_Right: lambda: canvas.nav.across(current, 1),
    }
    if key == Qt.Key.Key_Tab:
        canvas.add_child_requested.emit(current)
    elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
        canvas.add_sibling_requested.emit(current)
    elif key == Qt.Key.Key_F2:
        canvas.edit()
    elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and plain and not is_top:
        canvas.delete_requested.emit(current)
    elif alt and key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and not is_top:
        canvas.reorder_requested.emit(current, -1 if key == Qt.Key.Key_Left else 1)
    elif plain and key in arrows:
        canvas.select(arrows[key]())
    elif key == Qt.Key.Key_Home:
        canvas.select(canvas.top_id)
    elif key == Qt.Key.Key_Menu or (
        key == Qt.Key.Key_F10 and mods & Qt.KeyboardModifier.ShiftModifier
    ):
        canvas.menu_at(current, canvas.box_in_viewport(current).center())
    else:
        return False
    return True


def _letter_key(canvas: FaultTreeCanvas, current: str, text: str) -> bool:
    """Category, gate, "?", fit, zoom, the open-paths highlight and evidence (L: link)."""
    is_top = current == canvas.top_id
    if text in CATEGORY_KEYS and not is_top:
        canvas.category_requested.emit(current, CATEGORY_KEYS[text])
    elif text in GATE_KEYS and not is_top:
        canvas.gate_requested.emit(current, GATE_KEYS[text])
    elif text == "?" and not is_top:
        canvas.unknown_requested.emit(current)
    elif text == "f":
        canvas.fit()
    elif text in ("+", "="):
        canvas.zoom_by(ZOOM_STEP)
    elif text == "-":
        canvas.zoom_by(1 / ZOOM_STEP)
    elif text == "0":
        canvas.zoom_reset()
    elif text == "h":
        canvas.open_paths_requested.emit()
    elif text == "l" and not is_top:
        canvas.evidence_requested.emit(current)
    else:
        return False
    return True
