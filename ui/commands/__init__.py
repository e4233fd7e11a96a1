"""Thin QUndoCommands: `redo()` makes one core call (through the session document), `undo()`
makes its inverse. Typing in one field merges into one undo step until the field loses focus."""

from ui.commands.fields import EditFieldCommand, SetLabelsCommand
from ui.commands.library import DeleteSessionCommand, DuplicateSessionCommand

__all__ = [
    "DeleteSessionCommand",
    "DuplicateSessionCommand",
    "EditFieldCommand",
    "SetLabelsCommand",
]
