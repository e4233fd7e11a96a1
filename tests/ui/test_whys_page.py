"""The 5 Whys page by keyboard: chains, whys with Enter, live findings, root cause to factor,
and undo of each operation down to the database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from facilitator import factors, whys
from facilitator.db.store import Store
from tests.ui.helpers import show_active
from ui.actions import BY_ID, make_action
from ui.session.document import SessionDocument
from ui.steps import PAGES
from ui.steps.base import PageContext
from ui.steps.whys import WhysPage
from ui.widgets.why_chain import ChainEditor
from ui.widgets.why_chain_fields import DEBOUNCE_MS, AutosavedLine
from ui.workers import Workers

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


class Host(QWidget):
    """The page in a window with the Undo / Redo actions the session window gives it."""

    def __init__(self, context: PageContext) -> None:
        super().__init__()
        self.resize(1000, 640)
        layout = QVBoxLayout(self)
        self.page = WhysPage(context, self)
        self.page.finish_building()  # as the session window does before showing it
        layout.addWidget(self.page)
        make_action(self, "undo", context.undo_stack.undo)
        make_action(self, "redo", context.undo_stack.redo)


@pytest.fixture
def page(
    qtbot,
    store: Store,
    session_id: str,
    workers: Workers,
    settings: QSettings,
    style,
    undo_stack: QUndoStack,
):
    context = PageContext(store, SessionDocument(store, session_id), undo_stack, workers, settings)
    host = Host(context)
    host.page.host = host  # qtbot keeps only a weak reference; the test keeps the page
    show_active(qtbot, host)
    host.page.focus_main_input()
    return host.page


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def key(qtbot, code: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier):
    widget = focused()
    assert widget is not None
    qtbot.keyClick(widget, code, modifier)


def type_text(qtbot, text: str) -> None:
    widget = focused()
    assert isinstance(widget, AutosavedLine)
    qtbot.keyClicks(widget, text)


def saved(store: Store, session_id: str) -> list[whys.ChainView]:
    return whys.load_chains(store, session_id)


def editor(page: WhysPage, index: int = 0) -> ChainEditor:
    widget = page.tabs.widget(index)
    assert isinstance(widget, ChainEditor)
    return widget


def undo(qtbot, page: WhysPage) -> None:
    key(qtbot, Qt.Key.Key_Z, CTRL)


def redo(qtbot, page: WhysPage) -> None:
    key(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)


def build_chain(qtbot, page: WhysPage, problem: str, *answers: str) -> ChainEditor:
    """Ctrl+Shift+N, the problem, Enter, then each why followed by Enter."""
    key(qtbot, Qt.Key.Key_N, CTRL | SHIFT)
    chain = page.current_editor()
    assert chain is not None
    assert focused() is chain.problem
    type_text(qtbot, problem)
    key(qtbot, Qt.Key.Key_Return)
    for number, answer in enumerate(answers):
        assert focused() is chain.fields[chain.order[number]]
        type_text(qtbot, answer)
        key(qtbot, Qt.Key.Key_Return)
    return chain


def test_the_page_is_registered_and_its_keys_are_in_the_table() -> None:
    assert PAGES["whys"] is WhysPage
    for action_id in ("chain_next", "chain_previous", "chain_add", "root_to_factor", "why_up"):
        assert BY_ID[action_id].where == "5 Whys"


def test_an_empty_session_offers_to_start_a_chain(qtbot, page, store, session_id):
    assert page.views.currentWidget() is page.empty
    assert focused() is page.start_button
    key(qtbot, Qt.Key.Key_Space)  # the button, by keyboard
    assert len(saved(store, session_id)) == 1
    assert page.views.currentWidget() is page.tabs
    assert focused() is editor(page).problem
    undo(qtbot, page)
    assert saved(store, session_id) == []
    assert page.views.currentWidget() is page.empty
    assert focused() is page.start_button


def test_enter_builds_a_chain_and_tab_reaches_the_root_cause(qtbot, page, store, session_id):
    chain = build_chain(
        qtbot, page, "Checkout failed", "The pool ran out", "Connections held", "No guard"
    )
    assert len(chain.order) == 4  # the last Enter added an empty fourth why, focused
    assert focused() is chain.fields[chain.order[3]]
    assert chain.fields[chain.order[3]].placeholderText() == whys.WHY_PROMPT
    key(qtbot, Qt.Key.Key_Return)  # Enter on the empty last why: on to the root cause
    assert focused() is chain.root
    assert len(chain.order) == 4
    type_text(qtbot, "Reviews never check connection hold time")
    key(qtbot, Qt.Key.Key_Backtab, SHIFT)  # back to the empty why; leaving saves
    assert focused() is chain.fields[chain.order[3]]
    view = saved(store, session_id)[0]
    assert view.problem == "Checkout failed"
    assert view.whys == ("The pool ran out", "Connections held", "No guard", "")
    assert view.root_cause == "Reviews never check connection hold time"
    key(qtbot, Qt.Key.Key_Tab)
    assert focused() is chain.root
    # Tab order is the reading order: problem, the whys, the root cause.
    chain.problem.setFocus()
    for field in [chain.fields[why_id] for why_id in chain.order] + [chain.root]:
        key(qtbot, Qt.Key.Key_Tab)
        assert focused() is field


def test_typing_is_saved_within_half_a_second(qtbot, page, store, session_id):
    assert DEBOUNCE_MS <= 500
    key(qtbot, Qt.Key.Key_N, CTRL | SHIFT)
    type_text(qtbot, "Search was slow")
    assert saved(store, session_id)[0].problem == ""  # not yet: the debounce is running
    qtbot.waitUntil(lambda: saved(store, session_id)[0].problem == "Search was slow", timeout=1000)


def test_undo_of_typing_and_of_each_added_why_reaches_the_database(qtbot, page, store, session_id):
    chain = build_chain(qtbot, page, "Checkout failed", "One", "Two")
    assert saved(store, session_id)[0].whys == ("One", "Two", "")
    undo(qtbot, page)  # the empty third why
    assert saved(store, session_id)[0].whys == ("One", "Two")
    assert focused() is chain.fields[chain.order[1]]
    undo(qtbot, page)  # typing "Two"
    assert saved(store, session_id)[0].whys == ("One", "")
    assert chain.fields[chain.order[1]].text() == ""
    undo(qtbot, page)  # the second why
    assert saved(store, session_id)[0].whys == ("One",)
    redo(qtbot, page)
    redo(qtbot, page)
    assert saved(store, session_id)[0].whys == ("One", "Two")
    assert chain.fields[chain.order[1]].text() == "Two"


def test_enter_in_the_middle_inserts_after_the_why(qtbot, page, store, session_id):
    chain = build_chain(qtbot, page, "p", "first", "third")
    chain.focus_field(chain.fields[chain.order[0]])
    key(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "second")
    page.flush()
    assert saved(store, session_id)[0].whys == ("first", "second", "third", "")
    assert [chain.labels[i].text() for i in chain.order] == ["Why 1", "Why 2", "Why 3", "Why 4"]


def test_delete_on_an_empty_why_removes_it_and_undo_brings_it_back(qtbot, page, store, session_id):
    chain = build_chain(qtbot, page, "p", "first", "second")
    empty_id = chain.order[2]
    key(qtbot, Qt.Key.Key_Delete)
    assert saved(store, session_id)[0].whys == ("first", "second")
    assert focused() is chain.fields[chain.order[1]]
    key(qtbot, Qt.Key.Key_Delete)  # not empty: Delete is just a key in the text
    assert saved(store, session_id)[0].whys == ("first", "second")
    undo(qtbot, page)
    assert saved(store, session_id)[0].why_ids[2] == empty_id  # the very same why
    assert focused() is chain.fields[empty_id]
    # Emptied by hand and deleted: undo brings back the saved text.
    second = chain.fields[chain.order[1]]
    chain.focus_field(second)
    second.selectAll()
    key(qtbot, Qt.Key.Key_Backspace)
    key(qtbot, Qt.Key.Key_Backspace)
    assert saved(store, session_id)[0].whys == ("first", "")
    undo(qtbot, page)
    assert saved(store, session_id)[0].whys == ("first", "second", "")


def test_alt_up_and_down_reorder_whys_undoably(qtbot, page, store, session_id):
    chain = build_chain(qtbot, page, "p", "a", "b", "c")
    key(qtbot, Qt.Key.Key_Delete)  # drop the empty fourth
    moved = chain.fields[chain.order[2]]
    assert focused() is moved  # the why before the removed one
    key(qtbot, Qt.Key.Key_Up, ALT)
    key(qtbot, Qt.Key.Key_Up, ALT)
    key(qtbot, Qt.Key.Key_Up, ALT)  # already first: nothing
    assert saved(store, session_id)[0].whys == ("c", "a", "b")
    assert focused() is moved
    assert chain.labels[chain.order[0]].text() == "Why 1"
    key(qtbot, Qt.Key.Key_Down, ALT)
    assert saved(store, session_id)[0].whys == ("a", "c", "b")
    undo(qtbot, page)
    assert saved(store, session_id)[0].whys == ("c", "a", "b")
    assert focused() is moved
    undo(qtbot, page)
    undo(qtbot, page)
    assert saved(store, session_id)[0].whys == ("a", "b", "c")


def test_ctrl_tab_moves_between_chains(qtbot, page, store, session_id):
    first = build_chain(qtbot, page, "Checkout failed", "why one")
    second = build_chain(qtbot, page, "Retries amplified load")
    assert page.tabs.count() == 2
    assert page.tabs.currentWidget() is second
    assert page.tabs.tabText(0) == "1. Checkout failed"
    key(qtbot, Qt.Key.Key_Tab, CTRL)
    assert page.tabs.currentWidget() is first
    assert focused() is first.fields[first.order[1]]  # back where the keyboard was
    key(qtbot, Qt.Key.Key_Tab, CTRL)
    assert page.tabs.currentWidget() is second
    key(qtbot, Qt.Key.Key_Backtab, CTRL | SHIFT)
    assert page.tabs.currentWidget() is first
    assert [c.problem for c in saved(store, session_id)] == [
        "Checkout failed",
        "Retries amplified load",
    ]


def test_findings_appear_and_go_as_the_room_types(qtbot, page, store, session_id):
    chain = build_chain(qtbot, page, "Checkout failed", "Why did you deploy?")
    assert chain.findings.isVisible()
    assert any("only 1 why" in m for m in chain.messages)
    assert any("asks a person" in m for m in chain.messages)
    asking = chain.fields[chain.order[0]]
    chain.focus_field(asking)
    asking.selectAll()
    type_text(qtbot, "Why did the system allow a Friday deploy? No freeze")
    assert not any("asks a person" in m for m in chain.messages)  # as typed, not yet saved
    chain.focus_field(chain.fields[chain.order[1]])
    type_text(qtbot, "Nobody owns the release calendar")
    key(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "The calendar lives in a spreadsheet")
    key(qtbot, Qt.Key.Key_Return)
    key(qtbot, Qt.Key.Key_Return)  # empty last why: to the root cause
    type_text(qtbot, "Human error")
    assert [m.split(":")[0] for m in chain.messages] == [
        "the root cause ends on a person or on human error"
    ]
    chain.root.selectAll()
    type_text(qtbot, "Releases are not tied to a shared calendar")
    assert chain.messages == []
    assert not chain.findings.isVisible()


def test_root_cause_becomes_a_factor_and_undo_takes_it_back(qtbot, page, store, session_id):
    chain = build_chain(qtbot, page, "p", "a")
    key(qtbot, Qt.Key.Key_Return)  # to the root cause
    type_text(qtbot, "No load test at sale traffic")
    key(qtbot, Qt.Key.Key_F, CTRL | SHIFT)
    tree = factors.load_tree(store, session_id)
    assert [node.text for node in tree.children] == ["No load test at sale traffic"]
    factor_id = tree.children[0].id
    assert chain.added.isVisible()
    assert focused() is chain.root
    undo(qtbot, page)
    assert factors.load_tree(store, session_id).children == ()
    assert not chain.added.isVisible()
    assert saved(store, session_id)[0].root_cause == "No load test at sale traffic"
    redo(qtbot, page)
    assert [n.id for n in factors.load_tree(store, session_id).children] == [factor_id]


def test_the_factor_button_waits_for_a_cause(qtbot, page):
    key(qtbot, Qt.Key.Key_N, CTRL | SHIFT)
    chain = editor(page)
    assert not chain.factor_button.isEnabled()
    chain.focus_field(chain.root)
    type_text(qtbot, "x")
    assert chain.factor_button.isEnabled()


def test_removing_a_chain_and_undo(qtbot, page, store, session_id):
    build_chain(qtbot, page, "first", "a")
    second = build_chain(qtbot, page, "second", "b")
    second_id = second.chain_id
    button = page.tabs.tabBar().tabButton(1, page.tabs.tabBar().ButtonPosition.RightSide)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert [c.problem for c in saved(store, session_id)] == ["first"]
    assert page.tabs.count() == 1
    first = editor(page)
    assert focused() is first.fields[first.order[1]]  # where the keyboard last was there
    page.context.undo_stack.undo()
    chains = saved(store, session_id)
    assert [(c.id, c.problem, c.whys) for c in chains][1] == (second_id, "second", ("b", ""))
    assert page.tabs.count() == 2
    assert focused() is editor(page, 1).problem


def test_step_change_flush_saves_typing(qtbot, page, store, session_id):
    key(qtbot, Qt.Key.Key_N, CTRL | SHIFT)
    type_text(qtbot, "half typed")
    page.context.document.flush()  # what leaving the step, closing and quitting do
    assert saved(store, session_id)[0].problem == "half typed"


def test_typing_survives_an_undo_from_the_menu_that_moves_the_focus(qtbot, page, store, session_id):
    chain = build_chain(qtbot, page, "p", "a")
    key(qtbot, Qt.Key.Key_Delete)  # the empty second why goes
    chain.focus_field(chain.problem)
    type_text(qtbot, "X")  # not saved yet when the Edit menu's Undo comes
    page.context.undo_stack.undo()  # the why comes back and takes the focus
    assert saved(store, session_id)[0].whys == ("a", "")
    assert focused() is chain.fields[chain.order[1]]
    qtbot.waitUntil(lambda: saved(store, session_id)[0].problem == "pX", timeout=1000)


def whole_text_shown(field: AutosavedLine) -> bool:
    """Every line of the field inside its viewport: the first at the top, the last in view."""
    start, end = field.textCursor(), field.textCursor()
    start.setPosition(0)
    end.setPosition(len(field.text()))
    top, bottom = field.cursorRect(start).top(), field.cursorRect(end).bottom()
    scrolled = field.verticalScrollBar().value()
    return scrolled == 0 and top >= 0 and bottom <= field.viewport().height()


LONG_WHY = "No backoff in the checkout client. The client library default has no jitter at all"


def test_a_why_typed_past_the_width_grows_and_shows_its_first_line(qtbot, page, style):
    chain = build_chain(qtbot, page, "Checkout failed")
    field = chain.fields[chain.order[0]]
    qtbot.waitUntil(lambda: field.height() < 3 * field.fontMetrics().lineSpacing())  # fitted
    one_line = field.height()
    type_text(qtbot, LONG_WHY * 2)  # wraps while typed: the field scrolled to the cursor
    qtbot.waitUntil(lambda: field.height() > one_line)
    qtbot.wait(10)
    assert field.document().lineCount() >= 2
    assert whole_text_shown(field)
    style.zoom_in()  # bigger text: more lines, the field grows again
    qtbot.waitUntil(lambda: whole_text_shown(field) and field.height() > one_line, timeout=1000)
    style.zoom_reset()
    qtbot.waitUntil(lambda: whole_text_shown(field), timeout=1000)


def shown_findings(chain: ChainEditor) -> list[str]:
    return [
        label.text()
        for label in chain.findings.findChildren(QLabel, "whyFinding")
        if label.isVisible()
    ]


def test_a_new_chain_says_nothing_until_the_room_starts_it_then_speaks_in_sentences(
    qtbot, page, style
):
    key(qtbot, Qt.Key.Key_N, CTRL | SHIFT)
    chain = editor(page)
    assert chain.messages == []
    assert not chain.findings.isVisible()
    type_text(qtbot, "Checkout failed")  # the chain is started: too short now
    key(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "Why did you deploy?")
    assert chain.findings.isVisible()
    sentences = [
        "Only 1 why: a chain this short usually stops at a symptom; keep asking "
        '"Why did the system allow this?"',
        'Why 1 asks a person ("why did you …"): ask "why did the system allow …" instead.',
    ]
    qtbot.waitUntil(lambda: shown_findings(chain) == sentences)  # the layout shows them
