"""Presentation mode and zoom."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QFormLayout, QTabBar

from tests.ui.helpers import session_window
from ui.actions import BY_ID
from ui.style import ZOOM_KEY, contrast_ratio, palette_of, render, tokens

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def test_f5_presents_only_the_step_and_the_timer(
    qtbot, store, session_id, style, settings, workers, clock
):
    window = session_window(qtbot, store, session_id, style, settings, workers, clock)
    window.go_to("opener")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.presentation.active
    assert window.isFullScreen()
    assert not window.sidebar.isVisible()
    assert not window.prompts.isVisible()
    assert not window.menuBar().isVisible()
    assert window.timer.isVisible()
    assert window.pages["opener"].editor.font().pointSizeF() >= 20
    assert window.step_title.font().pointSizeF() >= 20

    qtbot.keyClick(window, Qt.Key.Key_B)
    assert window.presentation.blanked
    qtbot.keyClick(window.presentation.overlay, Qt.Key.Key_Space)
    assert not window.presentation.blanked

    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.presentation.active
    assert window.sidebar.isVisible()
    assert window.prompts.isVisible()


def test_blank_key_does_nothing_outside_presentation(
    qtbot, store, session_id, style, settings, workers, clock
):
    window = session_window(qtbot, store, session_id, style, settings, workers, clock)
    window.sidebar.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_B)
    assert not window.presentation.blanked


def test_b_types_in_a_text_field_and_the_table_says_so_ctrl_shift_b_blanks_anywhere(
    qtbot, store, session_id, style, settings, workers, clock
):
    window = session_window(qtbot, store, session_id, style, settings, workers, clock)
    window.go_to("opener")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    editor = window.pages["opener"].editor
    editor.setFocus()
    before = editor.toPlainText()
    qtbot.keyClick(editor, Qt.Key.Key_B)  # the room's notes get a "b": typing comes first
    assert not window.presentation.blanked
    assert editor.toPlainText() != before
    # What Help > Keyboard shortcuts and the README say, then, is when B blanks.
    assert "B outside a text field" in BY_ID["blank"].text
    assert "Ctrl+Shift+B" in BY_ID["blank"].keys
    qtbot.keyClick(editor, Qt.Key.Key_B, CTRL | SHIFT)
    assert window.presentation.blanked
    qtbot.keyClick(window.presentation.overlay, Qt.Key.Key_Space)
    assert not window.presentation.blanked
    qtbot.keyClick(window, Qt.Key.Key_Escape)


def test_zoom_is_remembered(qtbot, store, session_id, style, settings, workers, clock):
    window = session_window(qtbot, store, session_id, style, settings, workers, clock)
    before = style.zoom
    try:
        qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
        assert style.zoom > before
        assert float(style._settings.value(ZOOM_KEY)) == style.zoom
        qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
        assert style.zoom < before
    finally:
        qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert style.zoom == 1.0


def test_facilitator_only_parts_are_hidden_from_the_room(
    qtbot, store, session_id, style, settings, workers, clock
):
    window = session_window(qtbot, store, session_id, style, settings, workers, clock)
    window.go_to("opener")
    opener = window.pages["opener"]
    assert window.timer.button.isVisible()
    assert opener.reset.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert not window.timer.button.isVisible()
    assert not opener.reset.isVisible()
    assert window.timer.clock.isVisible()
    opener.reset.show()  # a page showing its button again is overruled while presenting
    assert not opener.reset.isVisible()
    window.go_to("evidence")  # a page built while presenting
    assert not window.pages["evidence"].attach_button.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.progress.timer.running  # the key still works without the button

    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.timer.button.isVisible()
    assert window.pages["evidence"].attach_button.isVisible()
    window.go_to("opener")
    assert opener.reset.isVisible()


def test_timer_text_has_7_to_1_contrast_when_presenting(
    qtbot, store, session_id, style, settings, workers, clock
):
    window = session_window(qtbot, store, session_id, style, settings, workers, clock)
    window.presentation.enter()
    background = style.colors(presenting=True)["bg"]
    for label in (window.timer.clock, window.timer.status, window.step_title):
        text = label.palette().color(QPalette.ColorRole.WindowText).name()
        assert contrast_ratio(text, background) >= 7, label.objectName()
    window.presentation.leave()


@pytest.mark.parametrize("theme", ["presentation-light", "presentation-dark"])
def test_presentation_colours_reach_7_to_1(theme):
    colors = palette_of(theme)
    for token in ("text", "muted", "warn", "danger", "ok"):
        assert contrast_ratio(colors[token], colors["bg"]) >= 7, token
    assert contrast_ratio(colors["accent_text"], colors["accent"]) >= 7
    sheet = render("presentation.qss", theme, tokens()["presentation_scale_pt"], 1.0, "Inter")
    # Primary buttons keep their own text colour over the sheet's rule for every widget.
    assert f'QPushButton[primary="true"] {{ background: {colors["accent"]}; ' in sheet
    assert f"color: {colors['accent_text']};" in sheet


def test_leaving_drops_the_presentation_minimum_width(
    qtbot, store, session_id, style, settings, workers, clock
):
    window = session_window(qtbot, store, session_id, style, settings, workers, clock)
    window.go_to("walkthrough")
    size = window.size()
    window.presentation.enter()
    QApplication.processEvents()  # the presentation look laid out, as on a real screen
    window.presentation.leave()
    assert window.size() == size
    assert window.minimumWidth() <= size.width()
    window.go_to("went-well")
    assert window.size() == size


def test_a_notice_shown_while_presenting_waits_for_the_facilitator(
    qtbot, store, session_id, style, settings, workers, clock
):
    window = session_window(qtbot, store, session_id, style, settings, workers, clock)
    notice = window.review_notice
    assert notice.isHidden()  # nothing to review yet
    window.presentation.enter()
    notice.show()  # what a worker's count does when earlier items turn up
    assert not notice.isVisible()
    window.presentation.leave()
    assert notice.isVisible()


def test_the_whys_editing_controls_are_the_facilitators(
    qtbot, store, session_id, style, settings, workers, clock
):
    window = session_window(qtbot, store, session_id, style, settings, workers, clock)
    window.go_to("whys")
    page = window.pages["whys"]
    page.add_chain()
    editor = page.current_editor()
    controls = [page.new_button, editor.add_button, editor.factor_button]
    assert all(control.isVisible() for control in controls)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert not any(control.isVisible() for control in controls)
    page.add_chain()  # a chain added while presenting brings no buttons to the room
    added = page.current_editor()
    assert added is not editor
    assert not added.add_button.isVisible()
    assert not page.tabs.tabBar().tabButton(1, QTabBar.ButtonPosition.RightSide).isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    # Given back (the first chain's tab is not the one on show: not hidden, then).
    assert not any(control.isHidden() for control in controls)
    assert added.add_button.isVisible()


def test_the_export_choices_put_labels_above_fields(
    qtbot, store, session_id, style, settings, workers, clock
):
    """Beside their fields, presentation mode's large type cut the labels."""
    window = session_window(qtbot, store, session_id, style, settings, workers, clock)
    window.go_to("export")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    form = window.pages["export"].options.layout()
    assert isinstance(form, QFormLayout)
    label = form.labelForField(window.pages["export"].options.format)
    assert label.width() >= label.sizeHint().width()  # the whole word
    assert label.geometry().bottom() < window.pages["export"].options.format.geometry().top()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
