"""The participants page: quick add, edit in place, reorder, delete and undo, and the core's
findings about the room appearing and disappearing as people come and go."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from facilitator import participants, sessions
from tests.ui.pages import open_page
from ui.models.participants import NAME, ROLE, ROLE_NAMES, TEAM, ParticipantsModel, role_name
from ui.steps.participants import ParticipantsPage

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def page(qtbot, store, session_id, workers, settings) -> ParticipantsPage:
    return open_page(qtbot, ParticipantsPage, store, session_id, workers, settings)


def people(store, session_id) -> list[tuple[str, str, str]]:
    return [(p.name, p.role, p.team) for p in participants.load_participants(store, session_id)]


def add(qtbot, page: ParticipantsPage, name: str, role: str = "", team: str = "") -> None:
    qtbot.keyClicks(page.name, name)
    if role:
        page.role.setCurrentIndex(page.role.findData(role))
    if team:
        page.team.setText(team)
    qtbot.keyClick(page.name, Qt.Key.Key_Return)


def test_type_a_name_enter_adds_and_focus_stays(qtbot, page, store, session_id):
    assert QApplication.focusWidget() is page.name
    add(qtbot, page, "Ana Silva", "incident_lead", "Payments")
    add(qtbot, page, "Ben Okafor")
    assert people(store, session_id) == [
        ("Ana Silva", "incident_lead", "Payments"),
        ("Ben Okafor", "responder", ""),
    ]
    assert QApplication.focusWidget() is page.name
    assert page.name.text() == page.team.text() == ""
    assert page.role.currentData() == "responder"  # never a second lead by accident
    assert page.model.index(0, ROLE).data() == "Incident lead"  # a label, not an id


def test_enter_in_the_team_field_adds_too(qtbot, page, store, session_id):
    qtbot.keyClicks(page.name, "Cleo")
    qtbot.keyClicks(page.team, "SRE")
    qtbot.keyClick(page.team, Qt.Key.Key_Return)
    assert people(store, session_id) == [("Cleo", "responder", "SRE")]


def test_edit_name_in_place_and_role_with_the_combo(qtbot, page, store, session_id):
    add(qtbot, page, "Dan")
    view = page.view
    view.setFocus()
    view.setCurrentIndex(page.model.index(0, NAME))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.setText("Dana")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: people(store, session_id) == [("Dana", "responder", "")])

    view.setCurrentIndex(page.model.index(0, ROLE))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    assert combo.currentText() == "Responder"
    combo.setCurrentIndex(combo.findData("scribe"))
    combo.activated.emit(combo.currentIndex())
    qtbot.waitUntil(lambda: people(store, session_id) == [("Dana", "scribe", "")])

    page.model.setData(page.model.index(0, TEAM), "Checkout")
    assert people(store, session_id) == [("Dana", "scribe", "Checkout")]
    stack = page.context.undo_stack
    stack.undo()
    stack.undo()
    assert people(store, session_id) == [("Dana", "responder", "")]
    stack.redo()
    assert people(store, session_id) == [("Dana", "scribe", "")]


def test_a_blank_name_is_not_saved(qtbot, page, store, session_id):
    add(qtbot, page, "Eve")
    assert not page.model.setData(page.model.index(0, NAME), "  ")
    qtbot.keyClick(page.name, Qt.Key.Key_Return)  # nothing typed: nothing added
    assert people(store, session_id) == [("Eve", "responder", "")]


def test_reorder_with_alt_arrows(qtbot, page, store, session_id):
    for name in ("A", "B", "C"):
        add(qtbot, page, name)
    page.view.setFocus()
    page.view.setCurrentIndex(page.model.index(0, NAME))
    qtbot.keyClick(page.view, Qt.Key.Key_Down, ALT)
    assert [p[0] for p in people(store, session_id)] == ["B", "A", "C"]
    qtbot.keyClick(page.view, Qt.Key.Key_Down, ALT)
    assert [p[0] for p in people(store, session_id)] == ["B", "C", "A"]
    page.context.undo_stack.undo()
    assert [p[0] for p in people(store, session_id)] == ["B", "A", "C"]


def test_delete_undo_redo(qtbot, page, store, session_id):
    for name in ("A", "B"):
        add(qtbot, page, name)
    page.view.setFocus()
    page.view.setCurrentIndex(page.model.index(0, NAME))
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert [p[0] for p in people(store, session_id)] == ["B"]
    page.context.undo_stack.undo()
    assert [p[0] for p in people(store, session_id)] == ["A", "B"]
    page.context.undo_stack.redo()
    assert [p[0] for p in people(store, session_id)] == ["B"]


def test_findings_appear_and_disappear(qtbot, page, store, session_id):
    def shown() -> str:
        return " | ".join(page.finding_texts())

    assert "0 participants" in shown()
    assert "No facilitator" in shown()
    assert all(text.startswith("⚠") for text in page.finding_texts())  # an icon, not colour alone
    add(qtbot, page, "Fay", "facilitator")
    assert "No facilitator" not in shown()
    page.context.document.update("incident_lead", "fay")  # the details step, case aside
    assert "both the facilitator and the incident lead" in shown()
    page.context.document.update("incident_lead", "Gus")
    assert "incident lead" not in shown()
    for name in ("Gus", "Hal", "Ida", "Jo"):
        add(qtbot, page, name)
    assert page.finding_texts() == []
    assert page.count.text() == "5 people"
    page.view.setFocus()
    page.view.setCurrentIndex(page.model.index(4, NAME))
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert "4 participants" in shown()
    page.context.undo_stack.undo()
    assert page.finding_texts() == []


def test_participants_model_passes_modeltester(qtmodeltester, store, session_id):
    sessions.update_session(store, session_id, facilitator="Kim")
    model = ParticipantsModel(store, session_id)
    qtmodeltester.check(model)
    first = model.add({"name": "Kim", "role": "facilitator"})
    second = model.add({"name": "Lee", "role": "scribe", "team": "Ops"}, 0)
    assert first
    assert second
    model.move(first, 0)
    model.update(second, {"team": "SRE"})
    model.restore(model.remove(first))
    qtmodeltester.check(model)
    assert [(r.name, r.team) for r in model.rows()] == [("Kim", ""), ("Lee", "SRE")]
    assert model.headerData(ROLE, Qt.Orientation.Horizontal) == "Role"


def test_pasting_names_adds_each_person(qtbot, page, store, session_id):
    page.team.setText("Payments")
    QGuiApplication.clipboard().setText("Ana Silva\nBen Okafor\n")
    qtbot.keyClick(page.name, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert people(store, session_id) == [
        ("Ana Silva", "responder", "Payments"),
        ("Ben Okafor", "responder", "Payments"),
    ]
    page.context.undo_stack.undo()
    assert people(store, session_id) == []


def test_enter_on_the_role_adds_too(qtbot, page, store, session_id):
    qtbot.keyClicks(page.name, "Gil")
    page.role.setFocus()
    qtbot.keyClick(page.role, Qt.Key.Key_Down)  # Responder → Stakeholder
    qtbot.keyClick(page.role, Qt.Key.Key_Return)
    assert people(store, session_id) == [("Gil", "stakeholder", "")]
    assert QApplication.focusWidget() is page.name


def test_the_role_column_shows_every_role_whole_at_any_type_size(qtbot, page, style):
    for name in ("Dana Reyes", "Sam Ortiz", "Lee Park"):  # rows come after the table is built
        add(qtbot, page, name, team="Checkout platform")

    def fits() -> bool:
        view = page.view
        widest = max(view.fontMetrics().horizontalAdvance(role_name(role)) for role in ROLE_NAMES)
        return view.columnWidth(ROLE) >= widest + 16  # the cell's padding, 8 px a side

    qtbot.waitUntil(fits, timeout=1000)
    assert page.view.columnWidth(TEAM) >= page.view.fontMetrics().horizontalAdvance(
        "Checkout platform"
    )
    before = page.view.columnWidth(ROLE)
    style.zoom_in()
    style.zoom_in()
    qtbot.waitUntil(lambda: fits() and page.view.columnWidth(ROLE) > before, timeout=1000)
    style.zoom_reset()
