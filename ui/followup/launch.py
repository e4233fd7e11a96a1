"""Opening the Action items window from the library (View > Action items, Ctrl+Shift+A):
one window, kept with the library, brought to the front when asked again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.followup.window import ActionItemsWindow

if TYPE_CHECKING:
    from ui.library.window import LibraryWindow


def open_action_items(library: LibraryWindow) -> ActionItemsWindow:
    window = library.findChild(ActionItemsWindow)
    if not isinstance(window, ActionItemsWindow):
        window = ActionItemsWindow(
            library.store,
            style=library.style_,
            settings=library.settings,
            workers=library.workers,
            timezone=library.timezone,
            parent=library,
        )
        # Opening a session is the app's job; the library already asks it to.
        window.open_requested.connect(library.open_requested)
    window.show()
    window.raise_()
    window.activateWindow()
    return window
