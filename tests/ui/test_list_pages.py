"""Went well / went poorly / lucky and the wrap-up's parking lot: fast capture, edits in
place, reorder by keys and by drag, delete with undo and redo, all reaching the database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit

from facilitator import lists
from tests.ui.helpers import session_window
from tests.ui.pages import open_page
from ui import steps
from ui.models.list_items import ListItemsModel
from ui.session.window import open_on_step
from ui.steps.lists import ListCapturePage, LuckyPage, WentPoorlyPage, WentWellPage
from ui.steps.wrap_up import WrapUpPage

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def page(qtbot, store, session_id, workers, settings) -> ListCapturePage:
    return open_page(qtbot, WentWellPage, store, session_id, workers, settings)


def saved(store, session_id, list_name="went_well") -> list[str]:
    return [item.text for item in lists.load_items(store, session_id, list_name)]


def capture(qtbot, page, *texts: str) -> None:
    for text in texts:
        qtbot.keyClicks(page.capture.field, text)
        qtbot.keyClick(page.capture.field, Qt.Key.Key_Return)


def test_pages_are_registered_with_their_lists():
    assert steps.PAGES["went-well"].list_name == "went_well"
    assert steps.PAGES["went-poorly"].list_name == "went_poorly"
    assert steps.PAGES["lucky"].list_name == "lucky"
    assert steps.PAGES["wrap-up"] is WrapUpPage
    assert "not people" in WentPoorlyPage.hint


def test_enter_adds_and_the_field_keeps_the_focus(qtbot, page, store, session_id):
    assert QApplication.focusWidget() is page.capture.field
    capture(qtbot, page, "Alert fired within a minute", "Rollback took two clicks")
    assert saved(store, session_id) == ["Alert fired within a minute", "Rollback took two clicks"]
    assert page.capture.field.text() == ""
    assert QApplication.focusWidget() is page.capture.field
    qtbot.keyClick(page.capture.field, Qt.Key.Key_Return)  # an empty line adds nothing
    assert len(saved(store, session_id)) == 2


def test_ctrl_z_in_the_empty_field_undoes_the_add(qtbot, page, store, session_id):
    capture(qtbot, page, "Pager worked")
    qtbot.keyClick(page.capture.field, Qt.Key.Key_Z, CTRL)
    assert saved(store, session_id) == []
    qtbot.keyClick(page.capture.field, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert saved(store, session_id) == ["Pager worked"]


def test_f2_edits_in_place_and_undo_restores(qtbot, page, store, session_id):
    capture(qtbot, page, "Dashbaord was clear")
    view = page.capture.view
    view.setFocus()
    view.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Dashboard was clear")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next event loop turn
    qtbot.waitUntil(lambda: saved(store, session_id) == ["Dashboard was clear"])
    page.context.undo_stack.undo()
    assert saved(store, session_id) == ["Dashbaord was clear"]
    assert page.model.row_at(0).text == "Dashbaord was clear"


def test_an_item_emptied_in_place_keeps_its_text(page, store, session_id, qtbot):
    capture(qtbot, page, "Kept")
    assert not page.model.setData(page.model.index(0, 0), "   ")
    assert saved(store, session_id) == ["Kept"]


def test_alt_arrows_reorder_and_undo_moves_back(qtbot, page, store, session_id):
    capture(qtbot, page, "one", "two", "three")
    view = page.capture.view
    view.setFocus()
    view.setCurrentIndex(page.model.index(2, 0))
    qtbot.keyClick(view, Qt.Key.Key_Up, ALT)
    qtbot.keyClick(view, Qt.Key.Key_Up, ALT)
    assert saved(store, session_id) == ["three", "one", "two"]
    assert view.currentIndex().row() == 0  # the moved item stays selected
    qtbot.keyClick(view, Qt.Key.Key_Up, ALT)  # already first: nothing happens
    qtbot.keyClick(view, Qt.Key.Key_Down, ALT)
    assert saved(store, session_id) == ["one", "three", "two"]
    page.context.undo_stack.undo()
    assert saved(store, session_id) == ["three", "one", "two"]


def test_drag_and_drop_reorders(qtbot, page, store, session_id):
    capture(qtbot, page, "one", "two", "three")
    view = page.capture.view
    mime = page.model.mimeData([page.model.index(2, 0)])
    top_of_first = view.visualRect(page.model.index(0, 0)).topLeft()
    drop = QDropEvent(
        QPointF(top_of_first.x() + 20, top_of_first.y() + 2),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    view.dropEvent(drop)
    assert saved(store, session_id) == ["three", "one", "two"]
    page.context.undo_stack.undo()
    assert saved(store, session_id) == ["one", "two", "three"]


def test_delete_undo_redo(qtbot, page, store, session_id):
    capture(qtbot, page, "one", "two", "three")
    view = page.capture.view
    view.setFocus()
    view.setCurrentIndex(page.model.index(1, 0))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert saved(store, session_id) == ["one", "three"]
    assert view.currentIndex().row() == 1  # the next item is ready for another Del
    stack = page.context.undo_stack
    stack.undo()
    assert saved(store, session_id) == ["one", "two", "three"]
    stack.redo()
    assert saved(store, session_id) == ["one", "three"]
    stack.undo()
    assert [r.text for r in page.model.rows()] == ["one", "two", "three"]


def test_a_refused_add_keeps_the_text_and_says_why(qtbot, page, store, session_id):
    page.capture.field.setText("x" * 200_000)  # over the core's cap on a text field
    qtbot.keyClick(page.capture.field, Qt.Key.Key_Return)
    assert saved(store, session_id) == []
    assert page.capture.field.text()
    assert page.capture.problem.isVisibleTo(page)
    assert page.context.undo_stack.count() == 0


@pytest.mark.parametrize("page_class", [WentPoorlyPage, LuckyPage])
def test_each_page_writes_its_own_list(qtbot, page_class, store, session_id, workers, settings):
    page = open_page(qtbot, page_class, store, session_id, workers, settings)
    capture(qtbot, page, "Something")
    assert saved(store, session_id, page_class.list_name) == ["Something"]
    assert saved(store, session_id) == []


def test_wrap_up_parks_topics_and_recaps(qtbot, store, session_id, workers, settings):
    lists.add_item(store, session_id, "went_well", "Fast alert")
    page = open_page(qtbot, WrapUpPage, store, session_id, workers, settings)
    assert QApplication.focusWidget() is page.parking.field
    assert page.counts["went_well"].text() == "1"
    assert page.counts["parking_lot"].text() == "0"
    qtbot.keyClicks(page.parking.field, "Staging budget")
    qtbot.keyClick(page.parking.field, Qt.Key.Key_Return)
    assert saved(store, session_id, "parking_lot") == ["Staging budget"]
    assert page.counts["parking_lot"].text() == "1"
    assert any("parked topic" in step for step in page.next_steps())
    page.context.undo_stack.undo()
    assert page.counts["parking_lot"].text() == "0"
    lists.add_item(store, session_id, "lucky", "Expert online")
    page.entered()
    assert page.counts["lucky"].text() == "1"


def test_list_model_passes_modeltester(qtmodeltester, store, session_id):
    model = ListItemsModel(store, session_id, "went_well")
    qtmodeltester.check(model)
    ids = [model.add(text) for text in ("a", "b", "c")]
    model.move(ids[0], 2)
    model.update(ids[1], {"text": "B"})
    record = model.remove(ids[2])
    model.restore(record)
    model.add("first", 0)
    qtmodeltester.check(model)
    assert [r.text for r in model.rows()] == ["first", "B", "c", "a"]
    assert saved(store, session_id) == ["first", "B", "c", "a"]


def test_pasting_several_lines_adds_an_item_each_as_one_undo_step(qtbot, page, store, session_id):
    QGuiApplication.clipboard().setText("- Alert fired fast\n- Rollback was easy\n\n")
    qtbot.keyClick(page.capture.field, Qt.Key.Key_V, CTRL)
    assert saved(store, session_id) == ["Alert fired fast", "Rollback was easy"]
    assert page.capture.field.text() == ""
    page.context.undo_stack.undo()
    assert saved(store, session_id) == []
    QGuiApplication.clipboard().setText("just one line")
    qtbot.keyClick(page.capture.field, Qt.Key.Key_V, CTRL)
    assert page.capture.field.text() == "just one line"  # one line pastes as usual


def test_opening_the_session_on_went_well_focuses_the_capture_field(
    qtbot, store, session_id, style, settings, workers, clock
):
    window = session_window(qtbot, store, session_id, style, settings, workers, clock)
    open_on_step(window, "went-well")
    page = window.pages["went-well"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.capture.field)
    qtbot.keyClicks(page.capture.field, "Typed at once")
    qtbot.keyClick(page.capture.field, Qt.Key.Key_Return)
    assert saved(store, session_id) == ["Typed at once"]
    qtbot.keyClick(page.capture.field, Qt.Key.Key_Z, CTRL)  # the window's Undo
    assert saved(store, session_id) == []


def test_an_added_item_keeps_its_blameful_phrase_underlined(qtbot, page, settings):
    """What the field underlined while typing stays underlined once Enter has added it, and
    its tooltip says what to try instead; the facilitator's switch turns the lines off."""
    from ui.models.list_items import LanguageRole
    from ui.widgets.language_highlighter import LanguageDisplay

    capture(qtbot, page, "Bob should have checked the pool size", "The alert fired early")
    model, view = page.model, page.capture.view
    blameful, fine = model.index(0, 0), model.index(1, 0)
    assert [f.phrase for f in model.data(blameful, LanguageRole)] == ["Bob should have checked"]
    assert model.data(fine, LanguageRole) == []
    assert "Try:" in model.data(blameful, Qt.ItemDataRole.ToolTipRole)
    view.clearSelection()

    def drawn(index):
        return view.viewport().grab(view.visualRect(index)).toImage()

    underlined = drawn(blameful), drawn(fine)
    LanguageDisplay.of(settings).set_shown(False)
    assert drawn(blameful) != underlined[0]  # the wavy line is gone
    assert drawn(fine) == underlined[1]
