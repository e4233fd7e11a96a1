"""The factors step opens with the whole tree in view at 1280×720 (the demo session's tree),
keeps it whole as the window changes, and leaves the view alone once the facilitator zooms."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSlider

from ui.session.window import SessionWindow
from ui.widgets.fault_tree_canvas import FaultTreeCanvas


@pytest.fixture
def window(demo_window: SessionWindow) -> SessionWindow:
    shown = demo_window
    shown.go_to("factors")
    return shown


def canvas_of(window: SessionWindow) -> FaultTreeCanvas:
    return window.pages["factors"].canvas


def whole(canvas: FaultTreeCanvas) -> bool:
    """Every box of the tree lies inside the canvas's viewport."""
    tree = canvas.tree_scene.itemsBoundingRect()
    return canvas.viewport().rect().contains(canvas.mapFromScene(tree).boundingRect())


def test_the_demo_tree_opens_whole_at_1280_by_720(qtbot, window):
    canvas = canvas_of(window)
    assert len(canvas.tree_scene.items_by_id) > 8  # a real tree, wider than the canvas at 100 %
    qtbot.waitUntil(lambda: whole(canvas))
    assert canvas.scale_now() <= canvas.base  # fitted, never blown up past the readable size
    assert not canvas.minimap.isVisible()  # nothing is out of view: no overview


def test_the_fitted_tree_stays_whole_as_the_window_and_presentation_change(qtbot, window):
    canvas = canvas_of(window)
    qtbot.waitUntil(lambda: whole(canvas))
    window.resize(1200, 680)
    qtbot.waitUntil(lambda: whole(canvas))
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: whole(canvas))
    normal = canvas.scale_now()
    window.presentation.enter()
    qtbot.waitUntil(lambda: canvas.presenting and whole(canvas))
    assert canvas.scale_now() > normal  # the room gets the toolbar's and the panels' space
    window.presentation.leave()
    qtbot.waitUntil(lambda: not canvas.presenting and whole(canvas))


def test_the_facilitators_zoom_is_kept_until_they_fit_again(qtbot, window):
    canvas = canvas_of(window)
    qtbot.waitUntil(lambda: whole(canvas))
    canvas.setFocus()
    QTest.keyClick(canvas, "+")
    QTest.keyClick(canvas, "+")
    zoomed = canvas.scale_now()
    assert not whole(canvas)
    window.resize(1200, 680)
    qtbot.waitUntil(lambda: canvas.viewport().width() < 660)
    assert canvas.scale_now() == pytest.approx(zoomed)  # not fitted again behind their back
    QTest.keyClick(canvas, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: whole(canvas))  # once the scroll bars it no longer needs go
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: canvas.viewport().width() > 660)
    assert whole(canvas)


def test_scrolling_the_view_makes_it_the_facilitators(qtbot, window):
    canvas = canvas_of(window)
    qtbot.waitUntil(lambda: whole(canvas))
    canvas.zoom_reset()  # 0: the readable size, the tree wider than the window
    assert canvas.fitting is None
    canvas.fit()
    assert canvas.fitting is not None
    canvas.set_zoom(2.0)  # not the facilitator's own: fitting goes on
    canvas.horizontalScrollBar().triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)
    assert canvas.fitting is None
