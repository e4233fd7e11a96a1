"""The library window's menus, its table's context menu and shortcuts, from the table in
ui/actions.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from ui.actions import make_action

if TYPE_CHECKING:
    from ui.library.window import LibraryWindow


def build_menus(window: LibraryWindow) -> dict[str, QAction]:
    w = window
    style = w.style_
    acts = {
        "new": make_action(w, "new", w.new_session),
        "open": make_action(w, "open", w.open_selected),
        "quit": make_action(w, "quit", w.quit_requested.emit),
        "undo": make_action(w, "undo", w.undo_stack.undo),
        "redo": make_action(w, "redo", w.undo_stack.redo),
        "delete": make_action(w, "delete", w.delete_selected),
        "duplicate": make_action(w, "duplicate", w.duplicate_selected),
        "find": make_action(w, "find", lambda: (w.search.setFocus(), w.search.selectAll())),
        "trash": make_action(w, "trash", lambda: w.show_trash(not w.trash_mode)),
        "zoom_in": make_action(w, "zoom_in", style.zoom_in),
        "zoom_out": make_action(w, "zoom_out", style.zoom_out),
        "zoom_reset": make_action(w, "zoom_reset", style.zoom_reset),
        "shortcuts": make_action(w, "shortcuts", lambda: show_shortcuts(w)),
        "action_items": make_action(w, "action_items", lambda: _action_items(w)),
    }
    w.undo_stack.canUndoChanged.connect(acts["undo"].setEnabled)
    w.undo_stack.canRedoChanged.connect(acts["redo"].setEnabled)
    acts["undo"].setEnabled(False)
    acts["redo"].setEnabled(False)
    bar = w.menuBar()
    file_menu = bar.addMenu(w.tr("&File"))
    file_menu.addAction(acts["new"])
    file_menu.addAction(acts["open"])
    file_menu.addAction(acts["duplicate"])
    if w.exchange is not None:
        file_menu.addSeparator()
        acts["import"] = file_menu.addAction(w.tr("Import JSON…"), w.exchange.import_json)
        acts["export"] = file_menu.addAction(w.tr("Export JSON…"), w.exchange.export_json)
    file_menu.addSeparator()
    file_menu.addAction(acts["quit"])
    for title, ids in (
        (w.tr("&Edit"), ("undo", "redo", "find", "delete")),
        (w.tr("&View"), ("action_items", "trash", "zoom_in", "zoom_out", "zoom_reset")),
        (w.tr("&Help"), ("shortcuts",)),
    ):
        menu = bar.addMenu(title)
        for action_id in ids:
            menu.addAction(acts[action_id])
    w.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    w.table.customContextMenuRequested.connect(lambda at: _show_context_menu(w, acts, at))
    return acts


def _action_items(window: LibraryWindow) -> None:
    # Imported on first use: the Action items window (and the follow-up core under it)
    # cost the library's start-up some 45 ms, for a window opened now and then (DESIGN §7).
    from ui.followup.launch import open_action_items

    open_action_items(window)


def context_menu(window: LibraryWindow, acts: dict[str, QAction]) -> QMenu:
    """What can be done to the selected session (in the trash: bring it back)."""
    menu = QMenu(window.table)
    if window.trash_mode:
        menu.addAction(window.tr("Restore"), window.open_selected)
        return menu
    menu.addAction(acts["open"])
    menu.addAction(acts["duplicate"])
    if "export" in acts:
        menu.addAction(acts["export"])
    menu.addSeparator()
    menu.addAction(acts["delete"])
    return menu


def _show_context_menu(window: LibraryWindow, acts: dict[str, QAction], at: QPoint) -> None:
    index = window.table.indexAt(at)
    if not index.isValid():
        return
    window.table.selectRow(index.row())  # the menu acts on the row under the pointer
    menu = context_menu(window, acts)
    menu.exec(window.table.viewport().mapToGlobal(at))
    menu.deleteLater()


def show_shortcuts(parent: QWidget) -> None:
    from ui.shortcuts_dialog import ShortcutsDialog  # loaded when asked for, not at start-up

    ShortcutsDialog.ask(parent)
