"""The session window's menus and shortcuts, built from the one table in ui/actions.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from ui.actions import make_action
from ui.session.completion import complete_from_window
from ui.session.language import UnderlineToggle
from ui.shortcuts_dialog import ShortcutsDialog

if TYPE_CHECKING:
    from ui.session.window import SessionWindow


def build_menus(window: SessionWindow) -> dict[str, QAction]:
    """Add every session action to the window (so shortcuts work in presentation mode too,
    with the menu bar hidden) and to its menus."""
    w = window
    p = w.presentation
    stack = w.undo_stack
    style = w.style_
    acts = {
        "library": make_action(w, "library", w.library_requested.emit),
        "close": make_action(w, "close", w.close),
        "quit": make_action(w, "quit", w.quit_requested.emit),
        "undo": make_action(w, "undo", stack.undo),
        "redo": make_action(w, "redo", stack.redo),
        "next": make_action(w, "next", w.next_step),
        "previous": make_action(w, "previous", w.previous_step),
        "mark_done": make_action(w, "mark_done", w.toggle_done),
        "timer": make_action(w, "timer", w.timer.toggle),
        "present": make_action(w, "present", p.toggle),
        "leave": make_action(w, "leave", p.leave),
        "blank": make_action(w, "blank", p.toggle_blank),
        "prompts": make_action(w, "prompts", w.toggle_prompts),
        "notes": make_action(w, "notes", w.toggle_notes),
        "zoom_in": make_action(w, "zoom_in", style.zoom_in),
        "zoom_out": make_action(w, "zoom_out", style.zoom_out),
        "zoom_reset": make_action(w, "zoom_reset", style.zoom_reset),
        "shortcuts": make_action(w, "shortcuts", lambda: ShortcutsDialog.ask(w)),
        "language_underlines": UnderlineToggle(w, w.context.settings, p).action,
    }
    acts["notes"].setCheckable(True)  # checked while the notes window is open
    acts["complete"] = QAction(w.tr("Mark the session completed…"), w)
    acts["complete"].setObjectName("action_complete")
    acts["complete"].triggered.connect(lambda _checked=False: complete_from_window(w))
    # Ctrl+1..9: one action per number (the table lists them as one row).
    goto = make_action(w, "goto")
    w.removeAction(goto)
    for n in range(1, 10):
        jump = QAction(w)
        jump.setShortcut(f"Ctrl+{n}")
        jump.triggered.connect(lambda _checked=False, n=n: w.go_to_number(n))
        w.addAction(jump)
    stack.canUndoChanged.connect(acts["undo"].setEnabled)
    stack.canRedoChanged.connect(acts["redo"].setEnabled)
    acts["undo"].setEnabled(False)
    acts["redo"].setEnabled(False)
    # Esc and B mean something only while presenting (Esc closes pop-ups otherwise).
    acts["leave"].setEnabled(False)
    acts["blank"].setEnabled(False)
    p.toggled.connect(lambda active: _presenting(acts, active))

    bar = w.menuBar()
    for title, ids in (
        (w.tr("&File"), ("library", "close", "quit")),
        (w.tr("&Edit"), ("undo", "redo")),
        (
            w.tr("&Meeting"),
            ("next", "previous", "mark_done", "timer", "present", "blank", "complete"),
        ),
        (
            w.tr("&View"),
            ("prompts", "notes", "language_underlines", "zoom_in", "zoom_out", "zoom_reset"),
        ),
        (w.tr("&Help"), ("shortcuts",)),
    ):
        menu = bar.addMenu(title)
        for action_id in ids:
            menu.addAction(acts[action_id])
    return acts


def _presenting(acts: dict[str, QAction], active: bool) -> None:
    acts["leave"].setEnabled(active)
    acts["blank"].setEnabled(active)
