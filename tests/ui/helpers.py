"""Building one widget under test with real core objects."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.session.window import SessionWindow


def show_active(qtbot, widget: QWidget) -> None:
    """Show a top-level widget and wait until it is active (window shortcuts need that)."""
    qtbot.addWidget(widget)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()


def session_window(qtbot, store, session_id, style, settings, workers, clock) -> SessionWindow:
    window = SessionWindow(
        store, session_id, style=style, settings=settings, workers=workers, clock=clock
    )
    show_active(qtbot, window)
    return window
