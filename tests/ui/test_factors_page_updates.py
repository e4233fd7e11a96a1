"""The factors page keeps its tree and its boxes between edits (it patches the tree after a
field edit, moves and repaints boxes instead of remaking them): after any run of edits,
what it shows must be exactly what a canvas built afresh from the database shows."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtTest import QTest

from facilitator import factors, fault_tree, fault_tree_paths
from facilitator.exchange.reader import import_documents
from ui.session.document import SessionDocument
from ui.steps import PageContext
from ui.steps.factors import FactorsPage
from ui.widgets.fault_tree_canvas import FaultTreeCanvas

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def page(qtbot, store, style, settings, workers) -> FactorsPage:
    return make_page(qtbot, store, settings, workers)


@pytest.fixture
def ids(page: FactorsPage) -> dict[str, str]:
    """The database id of each factor by its name in the imported document ("f4")."""
    root = factors.load_tree(page.tree.store, page.tree.session_id)
    return {f"f{node.text.split()[-1]}": node.id for node in root.walk() if node is not root}


def make_page(qtbot, store, settings, workers) -> FactorsPage:
    """A page over 40 factors, three under each, so edits move boxes on several rows."""
    nodes: list[dict[str, Any]] = [
        {"id": f"f{i}", "text": f"Factor {i}", "children": []} for i in range(40)
    ]
    for i in range(1, 40):
        nodes[(i - 1) // 3]["children"].append(nodes[i])
    document = {
        "format": "postmortem-facilitator",
        "version": 1,
        "session": {"title": "Tree", "factors": [nodes[0]]},
    }
    session_id = import_documents(store, [("tree", document)])[0]
    stack = QUndoStack()
    context = PageContext(store, SessionDocument(store, session_id), stack, workers, settings)
    shown = FactorsPage(context)
    stack.setParent(shown)  # deleted with the page and its commands, as the app's stack is
    qtbot.addWidget(shown)
    shown.resize(1000, 640)
    shown.show()
    qtbot.waitExposed(shown)
    shown.focus_main_input()
    return shown


def picture(canvas: FaultTreeCanvas) -> dict[str, Any]:
    """Everything the canvas shows, by factor id: places, sizes, words, marks, states."""
    scene = canvas.tree_scene
    assert scene.connectors is not None
    boxes = {
        factor_id: (
            item.pos().toTuple(),
            item.rect().getRect(),
            item.top,
            item.placed.lines,
            (item.node.text, item.node.category, item.node.effective_gate, item.node.unknown),
            item.node.evidence,
            item.marker,
            round(item.opacity(), 3),
            item.selected,
        )
        for factor_id, item in scene.items_by_id.items()
    }
    lines = scene.connectors
    return {
        "boxes": boxes,
        "plain": [lines.plain.elementAt(i).x for i in range(lines.plain.elementCount())]
        + [lines.plain.elementAt(i).y for i in range(lines.plain.elementCount())],
        "open": [lines.open.elementAt(i).x for i in range(lines.open.elementCount())]
        + [lines.open.elementAt(i).y for i in range(lines.open.elementCount())],
        "gates": list(lines.gates),
        "scene": scene.sceneRect().getRect(),
        "items": len(scene.items()),
    }


def fresh(qtbot, page: FactorsPage) -> FaultTreeCanvas:
    """A new canvas over the tree and open paths read from the database just now."""
    store, sid = page.tree.store, page.tree.session_id
    root = factors.load_tree(store, sid)
    highlight = None
    if page.paths_button.isChecked():
        fault_tree.forget_cut_sets()  # worked out again, not remembered
        highlight = fault_tree_paths.open_paths(root, fault_tree_paths.addressed_ids(store, sid))
    canvas = FaultTreeCanvas()
    qtbot.addWidget(canvas)
    canvas.set_tree(root, page.canvas.selected_id, highlight)
    return canvas


def key(page: FactorsPage, k: Any, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(page.canvas, k, modifier)


def check(qtbot, page: FactorsPage) -> None:
    page.settle()
    assert page.canvas.root == factors.load_tree(page.tree.store, page.tree.session_id)
    assert picture(page.canvas) == picture(fresh(qtbot, page))


def test_after_every_kind_of_edit_the_canvas_matches_a_fresh_one(qtbot, page, ids):
    canvas, stack = page.canvas, page.context.undo_stack
    check(qtbot, page)
    canvas.select(ids["f4"])
    assert canvas.selected_id == ids["f4"]
    key(page, Qt.Key.Key_F2)
    qtbot.keyClicks(canvas.editor, "A much longer text that wraps onto a second line")
    page.context.document.flush()  # the autosave while typing, before the commit
    check(qtbot, page)
    QTest.keyClick(canvas.editor, Qt.Key.Key_Return)
    check(qtbot, page)
    for letter in ("2", "a", "?", "3", "o", "?"):  # category, gate, "?" mark
        key(page, letter)
        check(qtbot, page)
    key(page, "h")  # the open paths on, then edits under the highlight
    check(qtbot, page)
    canvas.select(ids["f13"])
    key(page, Qt.Key.Key_Tab)
    qtbot.keyClicks(canvas.editor, "New cause")
    QTest.keyClick(canvas.editor, Qt.Key.Key_Return)
    check(qtbot, page)
    key(page, Qt.Key.Key_Left, ALT)  # reorder
    check(qtbot, page)
    canvas.select(ids["f2"])
    key(page, Qt.Key.Key_Delete)  # a subtree of a dozen boxes
    check(qtbot, page)
    for step in (stack.undo, stack.redo, stack.undo):
        step()
        check(qtbot, page)
    page.reparent(ids["f5"], ids["f30"])  # a whole branch to another row
    check(qtbot, page)
    stack.undo()
    check(qtbot, page)
    key(page, "h")
    check(qtbot, page)
    while stack.canUndo():
        stack.undo()
        check(qtbot, page)


def test_quick_edits_in_a_row_all_show(qtbot, page, ids):
    """Keys faster than the two turns a re-layout takes: each settles the one before."""
    page.canvas.select(ids["f7"])
    for letter in ("2", "a", "?", "4"):
        key(page, letter)  # no settle in between: the next key settles
    check(qtbot, page)
    assert page.canvas.root is not None
    node = page.canvas.root.find(ids["f7"])
    assert node is not None
    assert (node.category, node.gate, node.unknown) == ("external", "and", True)


def test_an_edit_that_moves_no_line_keeps_the_connectors(qtbot, page, ids):
    """The lines and gates are one item as big as the tree: remaking it repaints every box,
    which a change of words that keeps every box's size does not need."""
    before = page.canvas.tree_scene.connectors
    page.canvas.select(ids["f20"])
    key(page, Qt.Key.Key_F2)
    qtbot.keyClicks(page.canvas.editor, "Factor 99")  # as wide as "Factor 20"
    QTest.keyClick(page.canvas.editor, Qt.Key.Key_Return)
    page.settle()
    assert page.canvas.root is not None
    assert page.canvas.root.find(ids["f20"]).text == "Factor 99"
    assert page.canvas.tree_scene.connectors is before
    key(page, "a")  # an AND gate under a leaf draws nothing either
    page.settle()
    assert page.canvas.tree_scene.connectors is before
    page.canvas.select(ids["f3"])
    key(page, "a")  # but under a parent it does
    page.settle()
    assert page.canvas.tree_scene.connectors is not before


def test_a_change_made_elsewhere_shows_when_the_page_is_entered_again(qtbot, page, ids):
    factors.edit_factor(page.tree.store, page.tree.session_id, ids["f9"], text="Changed elsewhere")
    page.entered()
    assert page.canvas.root is not None
    assert page.canvas.root.find(ids["f9"]).text == "Changed elsewhere"
    check(qtbot, page)


class AddedElsewhere(QUndoCommand):
    """What the whys page's "make it a factor" does: a factor through the core, on the
    session's one undo stack, that the factors page did not ask for."""

    def __init__(self, page: FactorsPage) -> None:
        super().__init__("turn a root cause into a factor")
        self.store, self.sid = page.tree.store, page.tree.session_id
        self.factor_id = ""

    def redo(self) -> None:
        self.factor_id = factors.add_factor(self.store, self.sid, None, text="From a chain")

    def undo(self) -> None:
        factors.delete_factor(self.store, self.sid, self.factor_id)


def test_another_pages_command_done_and_undone_here_shows(qtbot, page, ids):
    stack = page.context.undo_stack
    stack.push(AddedElsewhere(page))
    check(qtbot, page)
    page.canvas.select(ids["f3"])
    key(page, "2")  # a field edit, put into the tree kept since
    check(qtbot, page)
    stack.undo()
    check(qtbot, page)
    stack.undo()  # Ctrl+Z from the factors page reaches the other page's command
    check(qtbot, page)
    assert "From a chain" not in [node.text for node in page.canvas.root.walk()]
