"""`watch_language(page, settings)` on a container: every text field inside it is watched, the
ones there now and the ones added later, without the page naming each.

Fields come and go on some pages (a why added to a chain, the editor an item view opens to
edit a row in place), so the scope follows `ChildAdded` down the tree. A parent that gained
a child is looked at again on the next turn of the event loop: while Qt announces the child,
it is not built yet. The inner line edit of a spin box, date edit or combo box is not free
text and is left alone, as is any widget with the dynamic property `languageCheck` false.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QWidget

from ui.widgets.language_watch import TextWidget, watch_language

OPT_OUT = "languageCheck"  # a widget with this property False is not checked


class LanguageScope(QObject):
    """Watches the text fields under `root`; one per root (`of`)."""

    def __init__(self, root: QWidget, settings: QSettings) -> None:
        super().__init__(root)
        self.setObjectName("languageScope")
        self.root = root
        self.settings = settings
        self._pending: list[QWidget] = []  # parents that gained a child this turn
        self._scan(root)

    @classmethod
    def of(cls, root: QWidget, settings: QSettings) -> LanguageScope:
        for child in root.children():
            if isinstance(child, LanguageScope):
                return child
        return cls(root, settings)

    def _scan(self, widget: QWidget) -> None:
        """Watch `widget` if it is a free-text field, and follow its children."""
        if widget.property(OPT_OUT) is False:
            return
        if isinstance(widget, TextWidget):
            if not isinstance(widget.parent(), QAbstractSpinBox | QComboBox):
                watch_language(widget, self.settings)
            return  # a field's own parts (viewport, scroll bars) hold no other field
        widget.installEventFilter(self)
        for child in widget.children():
            if isinstance(child, QWidget):
                self._scan(child)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        added = event.type() == QEvent.Type.ChildAdded
        if added and isinstance(watched, QWidget) and watched not in self._pending:
            self._pending.append(watched)
            QTimer.singleShot(0, self, self._look_again)
        return False

    def _look_again(self) -> None:
        # The parents' children, not the event's child: the event handed out a wrapper of the
        # half-built object (a plain QWidget), the parent's list has the finished one.
        pending, self._pending = self._pending, []
        for parent in pending:
            if shiboken6.isValid(parent):
                for child in parent.children():
                    if isinstance(child, QWidget):
                        self._scan(child)
