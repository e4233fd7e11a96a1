"""The factors page, by keyboard first: adding, typing, editing, categories and gates,
deleting with exact undo, arrow navigation, reordering, reparenting by a real mouse drag
(and its refusal of cycles), fitting, open paths, and a 200-node tree staying quick."""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QUndoStack, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from facilitator import factors, sessions, timeline
from facilitator.exchange.reader import import_documents
from facilitator.fault_tree import FaultNode
from tests.ui.helpers import session_window
from ui.session.document import SessionDocument
from ui.steps import PAGES, PageContext
from ui.steps.factors import FactorsPage
from ui.widgets.fault_tree_canvas_evidence import CiteEntriesDialog
from ui.widgets.fault_tree_canvas_export import ExportImageDialog

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def page(qtbot, store, session_id, style, settings, workers, undo_stack):
    document = SessionDocument(store, session_id)
    context = PageContext(store, document, undo_stack, workers, settings)
    shown = FactorsPage(context)
    qtbot.addWidget(shown)
    shown.resize(1000, 640)
    shown.show()
    qtbot.waitExposed(shown)
    shown.focus_main_input()
    return shown


def tree(page: FactorsPage) -> FaultNode:
    return factors.load_tree(page.tree.store, page.tree.session_id)


def texts(node: FaultNode) -> list[str]:
    return [child.text for child in node.children]


def key(page: FactorsPage, k, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(page.canvas, k, modifier)
    page.settle()  # the re-layout waits for the next event-loop turn; tests look at once


def undo(page: FactorsPage) -> None:
    page.context.undo_stack.undo()
    page.settle()


def redo(page: FactorsPage) -> None:
    page.context.undo_stack.redo()
    page.settle()


def type_and_enter(qtbot, page: FactorsPage, text: str) -> None:
    editor = page.canvas.editor
    assert editor.active
    qtbot.keyClicks(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    page.settle()


def build(page: FactorsPage, shape: dict[str, list[str]]) -> dict[str, str]:
    """Factors through the core, by name: {"A": ["A1", "A2"], "B": []} → name → id."""
    ids: dict[str, str] = {}
    store, sid = page.tree.store, page.tree.session_id
    for name, kids in shape.items():
        if name not in ids:
            ids[name] = factors.add_factor(store, sid, None, text=name)
        for kid in kids:
            ids[kid] = factors.add_factor(store, sid, ids[name], text=kid)
    page.reload()
    return ids


def test_the_page_is_registered_and_the_empty_state_says_what_to_do(page):
    assert PAGES["factors"] is FactorsPage
    hint = page.canvas.tree_scene.hint
    assert hint is not None
    assert "press Tab to add the first factor" in hint.toPlainText()
    assert page.canvas.hasFocus()


def test_tab_adds_a_factor_and_typing_goes_straight_into_it(qtbot, page):
    key(page, Qt.Key.Key_Tab)
    type_and_enter(qtbot, page, "Pool too small")
    assert texts(tree(page)) == ["Pool too small"]
    assert page.context.undo_stack.count() == 1  # add and text: one undo step
    new_id = tree(page).children[0].id
    assert page.canvas.selected_id == new_id
    undo(page)
    assert texts(tree(page)) == []
    redo(page)
    assert tree(page).children[0].id == new_id  # the same factor, not a copy
    assert texts(tree(page)) == ["Pool too small"]


def test_enter_adds_a_sibling_and_tab_in_the_editor_a_sub_factor(qtbot, page):
    key(page, Qt.Key.Key_Tab)
    type_and_enter(qtbot, page, "Retry storm")
    key(page, Qt.Key.Key_Return)
    qtbot.keyClicks(page.canvas.editor, "Alert too late")
    QTest.keyClick(page.canvas.editor, Qt.Key.Key_Tab)  # commit, then a sub-factor of it
    type_and_enter(qtbot, page, "Threshold at 10 minutes")
    root = tree(page)
    assert texts(root) == ["Retry storm", "Alert too late"]
    assert texts(root.children[1]) == ["Threshold at 10 minutes"]
    assert root.children[1].category == "technical"  # inherited from the sibling


def test_esc_on_a_new_factor_leaves_nothing_behind(qtbot, page):
    key(page, Qt.Key.Key_Tab)
    qtbot.keyClicks(page.canvas.editor, "Half a thought")
    QTest.keyClick(page.canvas.editor, Qt.Key.Key_Escape)
    assert texts(tree(page)) == []
    assert page.context.undo_stack.count() == 0
    assert page.canvas.hasFocus()


def test_typing_saves_before_enter(qtbot, page):
    ids = build(page, {"Pool": []})
    page.canvas.select(ids["Pool"])
    key(page, Qt.Key.Key_F2)
    qtbot.keyClicks(page.canvas.editor, "Pool sized for normal peak")
    qtbot.waitUntil(lambda: texts(tree(page)) == ["Pool sized for normal peak"], timeout=1500)
    assert page.canvas.editor.active  # still typing
    QTest.keyClick(page.canvas.editor, Qt.Key.Key_Escape)  # and Esc takes it all back
    assert texts(tree(page)) == ["Pool"]
    assert page.context.undo_stack.count() == 0


def test_f2_and_double_click_edit_in_place(qtbot, page):
    ids = build(page, {"Pool": []})
    page.canvas.select(ids["Pool"])
    key(page, Qt.Key.Key_F2)
    type_and_enter(qtbot, page, "Pool exhausted")
    assert texts(tree(page)) == ["Pool exhausted"]
    centre = page.canvas.box_in_viewport(ids["Pool"]).center()
    QTest.mouseDClick(page.canvas.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert page.canvas.editor.active
    type_and_enter(qtbot, page, "Pool ran out")
    assert texts(tree(page)) == ["Pool ran out"]
    undo(page)
    assert texts(tree(page)) == ["Pool exhausted"]


def test_editing_the_incident_renames_the_session(qtbot, page, store, session_id):
    key(page, Qt.Key.Key_Home)
    key(page, Qt.Key.Key_F2)
    type_and_enter(qtbot, page, "Checkout down")
    assert sessions.load_session(store, session_id).title == "Checkout down"
    assert tree(page).text == "Checkout down"


def test_category_and_gate_keys(page):
    ids = build(page, {"Pool": ["Hold time", "Traffic"]})
    page.canvas.select(ids["Pool"])
    key(page, "2")
    assert tree(page).children[0].category == "process"
    key(page, "e")
    assert tree(page).children[0].category == "external"
    key(page, "a")
    assert tree(page).children[0].gate == "and"
    key(page, "o")
    assert tree(page).children[0].gate == "or"
    assert page.context.undo_stack.count() == 4
    undo(page)
    undo(page)
    assert tree(page).children[0].gate is None
    assert page.canvas.selected_id == ids["Pool"]


def test_question_mark_toggles_not_yet_known(page):
    ids = build(page, {"Pool": []})
    page.canvas.select(ids["Pool"])
    key(page, "?")
    assert tree(page).children[0].unknown
    key(page, "?")
    assert not tree(page).children[0].unknown
    undo(page)
    assert tree(page).children[0].unknown
    undo(page)
    assert not tree(page).children[0].unknown


def test_delete_removes_the_subtree_and_undo_restores_it_exactly(page):
    ids = build(page, {"A": ["A1", "A2"], "A1": ["A1x"], "B": []})
    before = tree(page)
    page.canvas.select(ids["A"])
    key(page, Qt.Key.Key_Delete)
    assert texts(tree(page)) == ["B"]
    assert page.canvas.selected_id == ids["B"]  # the next sibling
    undo(page)
    assert tree(page) == before
    assert page.canvas.selected_id == ids["A"]
    redo(page)
    assert texts(tree(page)) == ["B"]


def test_arrow_keys_walk_the_tree(page):
    ids = build(page, {"A": ["A1", "A2"], "B": ["B1"]})
    canvas = page.canvas
    key(page, Qt.Key.Key_Home)
    key(page, Qt.Key.Key_Down)
    assert canvas.selected_id == ids["A"]
    key(page, Qt.Key.Key_Right)
    assert canvas.selected_id == ids["B"]
    key(page, Qt.Key.Key_Left)
    key(page, Qt.Key.Key_Down)
    key(page, Qt.Key.Key_Right)
    assert canvas.selected_id == ids["A2"]
    key(page, Qt.Key.Key_Right)  # across the family edge, to the cousin
    assert canvas.selected_id == ids["B1"]
    key(page, Qt.Key.Key_Up)
    assert canvas.selected_id == ids["B"]
    key(page, Qt.Key.Key_Down)  # back to the child we came up from
    assert canvas.selected_id == ids["B1"]


def test_alt_arrows_reorder_siblings(page):
    ids = build(page, {"A": [], "B": [], "C": []})
    page.canvas.select(ids["A"])
    key(page, Qt.Key.Key_Right, ALT)
    assert texts(tree(page)) == ["B", "A", "C"]
    assert page.canvas.selected_id == ids["A"]
    key(page, Qt.Key.Key_Left, ALT)
    key(page, Qt.Key.Key_Left, ALT)  # already first: nothing to do
    assert texts(tree(page)) == ["A", "B", "C"]
    undo(page)
    assert texts(tree(page)) == ["B", "A", "C"]


def drag(page: FactorsPage, source: str, target: str) -> None:
    """A real press, moves and release on the view's viewport."""
    viewport = page.canvas.viewport()
    start = page.canvas.box_in_viewport(source).center()
    end = page.canvas.box_in_viewport(target).center()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        QTest.mouseMove(viewport, start + (end - start) * step / 5)
    assert page.canvas.tree_scene.drop_id == target
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    page.settle()


def test_drag_a_factor_onto_another_to_reparent(page):
    ids = build(page, {"A": [], "B": []})
    drag(page, ids["B"], ids["A"])
    root = tree(page)
    assert texts(root) == ["A"]
    assert texts(root.children[0]) == ["B"]
    assert page.canvas.selected_id == ids["B"]
    undo(page)
    assert texts(tree(page)) == ["A", "B"]


def test_a_drop_under_its_own_sub_factor_is_refused_calmly(page):
    ids = build(page, {"A": ["A1"], "B": []})
    page.canvas.ensure_visible(ids["A1"])
    before = tree(page)
    drag(page, ids["A"], ids["A1"])
    assert tree(page) == before
    assert page.context.undo_stack.count() == 0
    assert "cannot go under itself" in page.toolbar.message.text()
    assert page.toolbar.message.text()[0].isupper()


def test_fit_to_window_shows_the_whole_tree(page):
    build(page, {f"Factor {i}": [f"Cause {i}.{j}" for j in range(4)] for i in range(6)})
    canvas = page.canvas
    key(page, "f")
    shown = canvas.mapFromScene(canvas.tree_scene.itemsBoundingRect()).boundingRect()
    assert canvas.viewport().rect().contains(shown)
    canvas.set_zoom(1.0)
    page.toolbar.fit_button.click()
    assert (
        canvas.viewport()
        .rect()
        .contains(canvas.mapFromScene(canvas.tree_scene.itemsBoundingRect()).boundingRect())
    )


def test_show_open_paths_highlights_and_lists_them(page):
    build(page, {"A": [], "B": []})
    key(page, "h")
    assert page.paths_button.isChecked()
    assert page.canvas.highlight is not None
    assert len(page.canvas.highlight.paths) == 2
    assert "2 paths to the incident are still open" in page.paths_label.text()
    key(page, "h")
    assert page.canvas.highlight is None


def test_export_image_writes_the_core_svg(page, tmp_path, monkeypatch):
    build(page, {"Pool <exhausted> & more": []})
    monkeypatch.setattr(ExportImageDialog, "ask", classmethod(lambda cls, *a: tmp_path / "t"))
    page.toolbar.export_button.click()
    svg = (tmp_path / "t.svg").read_text("utf-8")
    assert "Pool &lt;exhausted&gt; &amp; more" in svg
    ET.fromstring(svg)


def test_context_menu_lists_the_keys(page):
    from ui.widgets.fault_tree_canvas_menu import factor_menu

    ids = build(page, {"A": []})
    words = [a.text() for a in factor_menu(page.canvas, ids["A"]).actions()]
    assert any("\tTab" in w for w in words)
    assert any("\tDel" in w for w in words)


def test_presentation_type_makes_the_tree_bigger_and_hides_the_controls(qtbot, page):
    page.setStyleSheet("QWidget { font-size: 22pt; }")
    qtbot.waitUntil(lambda: page.canvas.presenting)
    assert page.canvas.base > 1.3
    assert not page.toolbar.isVisible()
    page.setStyleSheet("")
    qtbot.waitUntil(lambda: not page.canvas.presenting)
    assert page.toolbar.isVisible()


def big_tree_page(qtbot, store, style, settings, workers, count: int) -> FactorsPage:
    """A page over a session of `count` factors, three under each, imported in one go."""
    nodes = [{"id": f"f{i}", "text": f"Factor number {i}", "children": []} for i in range(count)]
    for i in range(1, count):
        nodes[(i - 1) // 3]["children"].append(nodes[i])
    document = {
        "format": "postmortem-facilitator",
        "version": 1,
        "session": {"title": "Big tree", "factors": [nodes[0]]},
    }
    session_id = import_documents(store, [("big", document)])[0]
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


def test_a_200_node_tree_stays_quick_to_edit(qtbot, store, style, settings, workers):
    page = big_tree_page(qtbot, store, style, settings, workers, 200)
    target = next(n.id for n in tree(page).walk() if n.text == "Factor number 150")
    page.canvas.select(target)
    started = time.perf_counter()
    key(page, Qt.Key.Key_F2)
    type_and_enter(qtbot, page, "Edited")
    key(page, "3")
    elapsed = (time.perf_counter() - started) * 1000
    print(f"\n200-node tree: edit text + category, {elapsed:.1f} ms in all")
    assert tree(page).find(target).category == "communication"


def test_a_big_tree_gets_an_overview_that_moves_the_view(qtbot, store, style, settings, workers):
    page = big_tree_page(qtbot, store, style, settings, workers, 80)
    minimap = page.canvas.minimap
    qtbot.waitUntil(minimap.isVisible)
    before = page.canvas.visible_scene_rect().center()
    QTest.mouseClick(minimap, Qt.MouseButton.LeftButton, pos=minimap.rect().bottomLeft())
    after = page.canvas.visible_scene_rect().center()
    assert after.x() < before.x()
    assert after.y() > before.y()
    key(page, "f")  # all of it fits: no overview needed
    assert not minimap.isVisible()


def test_l_cites_timeline_entries_as_evidence(page, monkeypatch):
    ids = build(page, {"Pool": []})
    store, sid = page.tree.store, page.tree.session_id
    page.canvas.select(ids["Pool"])
    key(page, "l")
    assert "no entries" in page.toolbar.message.text()
    at = datetime(2026, 3, 4, 13, 18, tzinfo=UTC)
    entry = timeline.add_entry(store, sid, at, "Pool at 100%", kind="alert")
    seen = {}

    def ask(cls, parent, choices, cited, text):
        seen.update(choices=choices, cited=cited)
        return [entry]

    monkeypatch.setattr(CiteEntriesDialog, "ask", classmethod(ask))
    key(page, "l")
    assert seen["cited"] == []
    assert "Pool at 100%" in seen["choices"][0][1]
    assert tree(page).children[0].evidence == (entry,)
    undo(page)
    assert tree(page).children[0].evidence == ()


def test_the_window_flush_saves_what_is_being_typed(qtbot, page):
    ids = build(page, {"Pool": []})
    page.canvas.select(ids["Pool"])
    key(page, Qt.Key.Key_F2)
    qtbot.keyClicks(page.canvas.editor, "Pool ran dry")
    page.context.document.flush()  # what a step change, close or quit does
    assert texts(tree(page)) == ["Pool ran dry"]


def test_ctrl_wheel_zooms(qtbot, page):
    build(page, {"A": []})
    before = page.canvas.scale_now()
    centre = page.canvas.viewport().rect().center()
    wheel = QWheelEvent(
        QPointF(centre),
        QPointF(page.canvas.viewport().mapToGlobal(centre)),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(page.canvas.viewport(), wheel)
    assert page.canvas.scale_now() > before


def test_quick_keys_in_a_row_each_undo_to_the_value_before_them(page):
    ids = build(page, {"Pool": []})
    page.canvas.select(ids["Pool"])
    QTest.keyClick(page.canvas, "2")  # no pause: the re-layout of "2" is still pending
    QTest.keyClick(page.canvas, "e")
    undo(page)
    assert tree(page).children[0].category == "process"
    undo(page)
    assert tree(page).children[0].category == "technical"


def test_in_the_session_window_keys_reach_the_tree_and_ctrl_z_undoes(
    qtbot, store, session_id, style, settings, workers, clock
):
    window = session_window(qtbot, store, session_id, style, settings, workers, clock)
    window.go_to("factors")
    window.focus_main_input()
    page = window.pages["factors"]
    qtbot.waitUntil(page.canvas.hasFocus)
    key(page, Qt.Key.Key_Tab)
    type_and_enter(qtbot, page, "Pool too small")
    assert texts(tree(page)) == ["Pool too small"]
    QTest.keyClick(page.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    page.settle()
    assert texts(tree(page)) == []


def test_presentation_mode_and_the_app_zoom_reach_the_tree(
    qtbot, store, session_id, style, settings, workers, clock
):
    window = session_window(qtbot, store, session_id, style, settings, workers, clock)
    window.go_to("factors")
    canvas = window.pages["factors"].canvas
    window.presentation.enter()
    qtbot.waitUntil(lambda: canvas.presenting)
    assert not window.pages["factors"].toolbar.isVisible()
    window.presentation.leave()
    qtbot.waitUntil(lambda: not canvas.presenting)
    base = canvas.base
    style.zoom_in()
    try:
        qtbot.waitUntil(lambda: canvas.base > base)
    finally:
        style.zoom_reset()
    qtbot.waitUntil(lambda: abs(canvas.base - base) < 1e-6)


def test_dropping_on_the_incident_moves_a_factor_to_the_top_level(page):
    ids = build(page, {"A": ["A1"]})
    drag(page, ids["A1"], page.canvas.top_id)
    assert texts(tree(page)) == ["A", "A1"]


def test_export_image_as_png(page, tmp_path, monkeypatch):
    build(page, {"Pool": []})
    monkeypatch.setattr(ExportImageDialog, "ask", classmethod(lambda cls, *a: tmp_path / "t.png"))
    page.toolbar.export_button.click()
    assert (tmp_path / "t.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_selected_box_is_described_for_screen_readers(page):
    ids = build(page, {"Pool": ["Hold time"]})
    page.canvas.select(ids["Pool"])
    key(page, "a")
    assert page.canvas.accessibleDescription() == "Technical: Pool, AND gate over 1 factor"
