"""Every keyboard shortcut in one table: windows build their QActions from it and the
Help > Keyboard shortcuts dialog (and the README) list it, so the two never drift apart."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


class ActionSpec(NamedTuple):
    id: str
    text: str
    keys: tuple[str, ...]
    where: str  # "Everywhere", "Library", "Session", "Fault tree" or "Presentation"


def _tr(text: str) -> str:
    return QCoreApplication.translate("actions", text)


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("shortcuts", "Keyboard shortcuts", ("F1", "Ctrl+/"), "Everywhere"),
    ActionSpec("zoom_in", "Zoom in", ("Ctrl+=", "Ctrl++"), "Everywhere"),
    ActionSpec("zoom_out", "Zoom out", ("Ctrl+-",), "Everywhere"),
    ActionSpec("zoom_reset", "Reset zoom", ("Ctrl+0",), "Everywhere"),
    ActionSpec("undo", "Undo", ("Ctrl+Z",), "Everywhere"),
    ActionSpec("redo", "Redo", ("Ctrl+Shift+Z", "Ctrl+Y"), "Everywhere"),
    ActionSpec("quit", "Quit", ("Ctrl+Q",), "Everywhere"),
    ActionSpec("new", "New session…", ("Ctrl+N",), "Library"),
    ActionSpec("open", "Open the selected session", ("Return", "Enter"), "Library"),
    ActionSpec("find", "Search sessions", ("Ctrl+F",), "Library"),
    ActionSpec("duplicate", "Duplicate the selected session", ("Ctrl+Shift+D",), "Library"),
    ActionSpec("delete", "Move the selected session to the trash", ("Del",), "Library"),
    ActionSpec("trash", "Show the trash", ("Ctrl+Shift+T",), "Library"),
    ActionSpec("action_items", "Action items across all sessions", ("Ctrl+Shift+A",), "Library"),
    ActionSpec("next", "Next step", ("Ctrl+PgDown",), "Session"),
    ActionSpec("previous", "Previous step", ("Ctrl+PgUp",), "Session"),
    ActionSpec("goto", "Go to step 1–9 of the agenda", ("Ctrl+1 … Ctrl+9",), "Session"),
    ActionSpec("mark_done", "Mark the step done / not done", ("Ctrl+D",), "Session"),
    ActionSpec("timer", "Start or pause the meeting timer", ("Ctrl+T",), "Session"),
    ActionSpec("prompts", "Show or hide the facilitator's questions", ("F9",), "Session"),
    ActionSpec(
        "notes", "Facilitator notes in their own window (second screen)", ("Shift+F9",), "Session"
    ),
    ActionSpec("library", "Back to the library", ("Ctrl+L",), "Session"),
    ActionSpec("close", "Close the session", ("Ctrl+W",), "Session"),
    ActionSpec("present", "Presentation mode (full screen)", ("F5",), "Session"),
    ActionSpec("language_underlines", "Underline blameful phrasing", ("Ctrl+Shift+U",), "Session"),
    ActionSpec("row_add", "Add what you typed (item, person, link)", ("Return",), "Session"),
    ActionSpec("row_edit", "Edit the selected item in place", ("F2",), "Session"),
    ActionSpec("row_up", "Move the selected item up", ("Alt+Up",), "Session"),
    ActionSpec("row_down", "Move the selected item down", ("Alt+Down",), "Session"),
    ActionSpec("row_delete", "Delete the selected item (undo brings it back)", ("Del",), "Session"),
    ActionSpec("attach", "Attach files as evidence", ("Ctrl+O",), "Session"),
    ActionSpec("paste_evidence", "Paste a screenshot or link as evidence", ("Ctrl+V",), "Session"),
    ActionSpec("paste_lines", "Paste several lines as one item each", ("Ctrl+V",), "Session"),
    ActionSpec("timeline_add", "Add the typed entry (focus stays)", ("Return",), "Timeline"),
    ActionSpec("timeline_paste", "Paste “HH:MM text” lines", ("Ctrl+V",), "Timeline"),
    ActionSpec("timeline_check", "Paste lines, checked first", ("Ctrl+Shift+V",), "Timeline"),
    ActionSpec(
        "timeline_import",
        "Import entries from a file (or drop one on the page)",
        ("Ctrl+I",),
        "Timeline",
    ),
    ActionSpec("timeline_edit", "Edit the current cell", ("Return", "F2"), "Timeline"),
    ActionSpec("timeline_key", "Mark / unmark key events", ("Space",), "Timeline"),
    ActionSpec("timeline_delete", "Delete the selected entries", ("Del", "Backspace"), "Timeline"),
    ActionSpec(
        "import_include", "Include or leave out the selected rows", ("Space",), "Timeline import"
    ),
    ActionSpec(
        "import_key", "Mark / unmark the selected rows as key events", ("K", "*"), "Timeline import"
    ),
    ActionSpec(
        "import_kind", "Choose the kind (a guess is in italics)", ("F2",), "Timeline import"
    ),
    ActionSpec("walk_next", "Next entry", ("Alt+→", "PgDown", "→ (empty note)"), "Walkthrough"),
    ActionSpec("walk_back", "Previous entry", ("Alt+←", "PgUp", "← (empty note)"), "Walkthrough"),
    ActionSpec("walk_ends", "First / last entry (empty note)", ("Home", "End"), "Walkthrough"),
    ActionSpec("tree_child", "Add a factor under the selected box", ("Tab",), "Fault tree"),
    ActionSpec("tree_sibling", "Add a factor beside the selected box", ("Enter",), "Fault tree"),
    ActionSpec("tree_edit", "Edit the box in place; Esc cancels", ("F2",), "Fault tree"),
    ActionSpec("tree_delete", "Delete the box and what is under it", ("Del",), "Fault tree"),
    ActionSpec("tree_move", "Go to the parent, a child, a neighbour", ("Arrows",), "Fault tree"),
    ActionSpec("tree_reorder", "Move the box left / right", ("Alt+←", "Alt+→"), "Fault tree"),
    ActionSpec("tree_category", "Category (technical…external)", ("1–4", "T P C E"), "Fault tree"),
    ActionSpec("tree_gate", "AND gate / OR gate", ("A", "O"), "Fault tree"),
    ActionSpec("tree_unknown", "Mark as not yet known / known", ("?",), "Fault tree"),
    ActionSpec("tree_fit", "Fit the tree to the window", ("F",), "Fault tree"),
    ActionSpec("tree_zoom", "Zoom the tree in / out / 100%", ("+ - 0", "Ctrl+wheel"), "Fault tree"),
    ActionSpec("tree_paths", "Show the open paths to the incident", ("H",), "Fault tree"),
    ActionSpec("tree_menu", "Menu for the selected box", ("Menu", "Shift+F10"), "Fault tree"),
    ActionSpec("why_next", "Add the next why (empty: go to root cause)", ("Return",), "5 Whys"),
    ActionSpec("why_remove", "Remove an empty why", ("Del", "Backspace"), "5 Whys"),
    ActionSpec("why_up", "Move the why up", ("Alt+Up",), "5 Whys"),
    ActionSpec("why_down", "Move the why down", ("Alt+Down",), "5 Whys"),
    ActionSpec("chain_next", "Next chain", ("Ctrl+Tab",), "5 Whys"),
    ActionSpec("chain_previous", "Previous chain", ("Ctrl+Shift+Tab",), "5 Whys"),
    ActionSpec("chain_add", "Add a chain", ("Ctrl+Shift+N",), "5 Whys"),
    ActionSpec("root_to_factor", "Turn the root cause into a factor", ("Ctrl+Shift+F",), "5 Whys"),
    ActionSpec(
        "cap_take", "Cap banner: take the focused choice", ("Return", "Space"), "Action items"
    ),
    ActionSpec("cap_next", "Cap banner: the other choice", ("Tab", "Shift+Tab"), "Action items"),
    ActionSpec(
        "cap_dismiss", "Cap banner: close it, back to where you were", ("Esc",), "Action items"
    ),
    ActionSpec(
        "review_verdict",
        "Review: done / slipped / done, criteria not met / not reviewed",
        ("D S C 0",),
        "Follow-up",
    ),
    ActionSpec("export", "Export the write-up…", ("Ctrl+E",), "Export"),
    ActionSpec("leave", "Leave presentation mode", ("Esc",), "Presentation"),
    ActionSpec(
        "blank",
        "Blank the screen / show it again (B outside a text field)",
        ("B", "Ctrl+Shift+B"),
        "Presentation",
    ),
)
BY_ID = {spec.id: spec for spec in ACTIONS}


def key_sequences(spec: ActionSpec) -> list[QKeySequence]:
    if spec.id == "goto":  # one row in the table, nine shortcuts in the window
        return [QKeySequence(f"Ctrl+{n}") for n in range(1, 10)]
    return [QKeySequence(k) for k in spec.keys]


def make_action(
    parent: QWidget, action_id: str, slot: Callable[[], object] | None = None
) -> QAction:
    """A QAction named, keyed and described from the table, added to `parent` so its
    shortcut works anywhere in that window."""
    spec = BY_ID[action_id]
    action = QAction(_tr(spec.text), parent)
    action.setObjectName(f"action_{action_id}")
    action.setShortcuts(key_sequences(spec))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    if slot is not None:
        action.triggered.connect(lambda _checked=False: slot())
    parent.addAction(action)
    return action


def shortcut_rows(where: Iterable[str] | None = None) -> list[tuple[str, str, str]]:
    """(where, what, keys) for the dialog and the README, in table order."""
    chosen = set(where) if where is not None else None
    return [
        (_tr(s.where), _tr(s.text), " or ".join(s.keys))
        for s in ACTIONS
        if chosen is None or s.where in chosen
    ]


def markdown_table() -> str:
    """The table as Markdown, for the README."""
    lines = ["| Where | Action | Keys |", "| --- | --- | --- |"]
    for where, what, keys in shortcut_rows():
        lines.append(f"| {where} | {what} | {keys} |")
    return "\n".join(lines)
