"""Presentation mode and zoom."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.helpers import session_window
from ui.style import ZOOM_KEY


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
