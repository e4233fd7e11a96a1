"""The actions page from the keyboard and when empty: the cap banner's choices reachable and
focused, an honest empty page, and the missing parts of a row readable (4.5:1) on the
theme's background and selection."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from facilitator import actions
from tests.ui.pages import open_page
from ui.steps.actions import ActionsPage
from ui.style import palette_of
from ui.widgets.action_delegate import warn_color


@pytest.fixture
def page(qtbot, store, session_id, workers, settings, style) -> ActionsPage:
    opened = open_page(qtbot, ActionsPage, store, session_id, workers, settings)
    assert isinstance(opened, ActionsPage)
    return opened


def full(page: ActionsPage, store, session_id) -> None:
    for n in range(5):
        actions.add_action(store, session_id, f"Item {n + 1}")
    page.model.reload()
    page.capture.setFocus()
    page.capture.setText("One more thing")
    QTest.keyClick(page.capture, Qt.Key.Key_Return)
    assert page.banner.isVisible()


def test_the_banner_takes_the_focus_and_return_takes_its_way_on(page, store, session_id):
    full(page, store, session_id)
    assert page.banner.nice.hasFocus()
    QTest.keyClick(page.banner.nice, Qt.Key.Key_Return)
    assert page.banner.isHidden()
    assert [(a.title, a.priority) for a in actions.load_actions(store, session_id)][-1] == (
        "One more thing",
        "nice",
    )
    assert page.capture.hasFocus()  # ready for the next one


def test_tab_reaches_cancel_and_escape_gives_the_field_back(page, store, session_id):
    full(page, store, session_id)
    QTest.keyClick(page.banner.nice, Qt.Key.Key_Tab)
    assert page.banner.dismiss.hasFocus()
    QTest.keyClick(page.banner.dismiss, Qt.Key.Key_Escape)
    assert page.banner.isHidden()
    assert page.capture.hasFocus()
    assert page.capture.text() == "One more thing"  # nothing lost
    assert len(actions.load_actions(store, session_id)) == 5


def test_a_refused_form_change_gives_the_focus_back_to_the_form(page, store, session_id):
    for n in range(5):
        actions.add_action(store, session_id, f"Item {n + 1}", priority="must")
    nice = actions.add_action(store, session_id, "Later", priority="nice")
    page.model.reload()
    page.lists.select(nice)
    priority = page.form.combos["priority"]
    priority.setFocus()
    priority.setCurrentIndex(priority.findData("must"))
    priority.activated.emit(priority.currentIndex())
    assert page.banner.dismiss.hasFocus()  # "OK": there is no way on to offer
    QTest.keyClick(page.banner.dismiss, Qt.Key.Key_Return)
    assert page.banner.isHidden()
    assert priority.hasFocus()


def test_the_empty_page_shows_no_all_clear_and_no_blank_form(page):
    assert page.model.rowCount() == 0
    text = page.completeness.text()
    assert "Every must/should item" not in text
    assert "No must/should items yet" in text
    assert page.completeness.property("role") != "ok"
    assert page.complete_button.isHidden()  # nothing to complete yet
    assert page.form.fields.isHidden()
    assert page.form.empty.isVisible()
    assert page.priority.currentData() == actions.DEFAULT_PRIORITY
    page.capture.setText("Add a canary")
    QTest.keyClick(page.capture, Qt.Key.Key_Return)
    assert page.form.fields.isVisible()
    assert page.form.combos["priority"].currentData() == actions.DEFAULT_PRIORITY
    assert page.complete_button.isVisible()
    assert "needs an owner" in page.completeness.text()


def test_the_backlogs_empty_text_is_whole(page):
    label = page.lists.backlog_empty
    assert label.isVisible()
    assert label.height() >= label.heightForWidth(label.width())


def test_a_long_general_finding_is_shown_whole(qtbot, page, store, session_id, monkeypatch):
    from facilitator import checks
    from facilitator.findings import Finding

    long = "no action item addresses the root cause of why chain 1 " + "x" * 150
    monkeypatch.setattr(
        checks,
        "CHECKS",
        (lambda _s: [Finding("warning", "actions", long), Finding("warning", "actions", "b")],),
    )
    actions.add_action(store, session_id, "Item")
    page.model.reload()
    page.refresh_hints()
    qtbot.waitUntil(lambda: bool(page.general.text()))
    assert page.general.text() == f"⚠ {long}\n⚠ b"


def contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("presenting", [False, True])
def test_no_owner_is_readable_on_the_list(page, store, session_id, presenting):
    actions.add_action(store, session_id, "Item")
    page.model.reload()
    view = page.lists.committed_view
    color = warn_color(view.palette(), presenting)
    theme = palette_of("presentation-light" if presenting else "light")
    assert color.name().upper() == theme["warn"].upper()
    for background in ("bg", "selection"):
        assert contrast(color, QColor(theme[background])) >= 4.5
    QApplication.processEvents()
