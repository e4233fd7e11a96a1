"""Zoom reflows the session window instead of growing it: at every zoom step the window, its
minimum and its panels stay within 1280×720, in the normal look and in presentation mode."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget

from tests.ui.test_agenda_sidebar import shown_lines
from ui.session.window import SessionWindow
from ui.style import ZOOM_STEPS, Style

SCREEN = QRect(0, 0, 1280, 720)


@pytest.fixture
def zoomed(style: Style) -> Iterator[Style]:
    """The run's one style, back at 100 % after the test."""
    yield style
    style.zoom_reset()


@pytest.fixture
def window(demo_window: SessionWindow) -> SessionWindow:
    return demo_window


def within(window: SessionWindow, part: QWidget) -> bool:
    return SCREEN.contains(QRect(part.mapTo(window, part.rect().topLeft()), part.size()))


def fits(window: SessionWindow) -> bool:
    hint = window.minimumSizeHint()
    return (
        hint.width() <= SCREEN.width()
        and hint.height() <= SCREEN.height()
        and window.width() <= SCREEN.width()
        and window.height() <= SCREEN.height()
    )


def zoom_steps_above_100() -> list[float]:
    return [z for z in ZOOM_STEPS if z > 1.0]


def test_every_zoom_step_keeps_the_window_on_the_screen(qtbot, window, zoomed):
    for _ in zoom_steps_above_100():
        zoomed.zoom_in()
        for step in window.step_ids():
            window.go_to(step)
            qtbot.wait(1)  # the header arranges itself in the next turn
            assert fits(window), (zoomed.zoom, step, window.minimumSizeHint())
            for part in (window.prompts, window.timer.status, window.next_button, window.sidebar):
                assert within(window, part), (zoomed.zoom, step, part.objectName())
            status = window.timer.status
            assert status.height() >= status.heightForWidth(status.width())  # not cut
        names = shown_lines(window)  # every name whole (wrapped when it must), none cut
        cut = {name: lines for name, lines in names.items() if " ".join(lines) != name}
        assert not cut, (zoomed.zoom, cut)


def test_three_zoom_steps_while_presenting_keep_the_timer_whole(qtbot, window, zoomed):
    window.go_to("walkthrough")
    window.presentation.enter()
    for _ in range(3):
        zoomed.zoom_in()
    qtbot.wait(1)
    hint = window.minimumSizeHint()
    assert hint.width() <= SCREEN.width()
    assert hint.height() <= SCREEN.height()
    status = window.timer.status
    frame = QRect(0, 0, window.width(), window.height())
    assert frame.contains(QRect(status.mapTo(window, status.rect().topLeft()), status.size()))
    assert status.height() >= status.heightForWidth(status.width())
    window.presentation.leave()
