"""Under the actions page's lists: the findings about the items as a whole and what still
keeps the session from being completed, in a box of a few lines that scrolls (a list of
blockers must never push the page past a 1280×720 screen), and the button that completes
the session beside it."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from facilitator.actions import Blocker
from ui.session.presentation import facilitator_only
from ui.style import set_role

# The box shows this many lines of text at most before it scrolls, and two at least.
MOST_LINES, LEAST_LINES = 3.6, 2.2


class NotesArea(QScrollArea):
    """A scroll area as tall as its wrapped text at its width, up to `MOST_LINES` lines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionNotes")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        # Arrow keys and PgUp/PgDown scroll it: what is cut off is reachable by keyboard.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def _content_height(self) -> int:
        content = self.widget()
        if content is None:
            return 0
        width = self.viewport().width()
        if content.hasHeightForWidth() and width > 0:
            return content.heightForWidth(width)
        return content.sizeHint().height()

    def _lines(self, lines: float) -> int:
        return int(self.fontMetrics().lineSpacing() * lines)

    def sizeHint(self) -> QSize:
        return QSize(300, min(self._content_height(), self._lines(MOST_LINES)))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, min(self._content_height(), self._lines(LEAST_LINES)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # the text wraps to other heights at another width


class ActionStatus(QWidget):
    """`general` (findings about the items together), `completeness` (what completing the
    session still needs) and `complete_button`; the page fills them in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionStatus")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        self.notes = NotesArea(self)
        content = QWidget(self.notes.viewport())
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 4, 0)
        column.setSpacing(6)
        self.general = self._label("actionsGeneral", content)
        set_role(self.general, "warning")
        column.addWidget(self.general)
        self.completeness = self._label("completeness", content)
        column.addWidget(self.completeness)
        column.addStretch(1)
        self.notes.setWidget(content)
        row.addWidget(self.notes, 1)
        self.complete_button = QPushButton(self.tr("Mark the session completed"), self)
        self.complete_button.setObjectName("completeSession")
        self.complete_button.setAutoDefault(False)
        facilitator_only(self.complete_button)
        row.addWidget(self.complete_button, 0, Qt.AlignmentFlag.AlignTop)

    @staticmethod
    def _label(name: str, parent: QWidget) -> QLabel:
        label = QLabel(parent)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def set_general(self, messages: list[str]) -> None:
        """The findings about the items as a whole, each whole, one a paragraph."""
        self.general.setText("\n".join(f"⚠ {message}" for message in messages))
        self.general.setVisible(bool(messages))
        self.notes.updateGeometry()

    def set_completeness(self, text: str, role: str) -> None:
        self.completeness.setText(text)
        set_role(self.completeness, role)
        self.notes.updateGeometry()

    def blockers_text(self, blockers: list[Blocker]) -> str:
        """What each item lacks, by the number the lists show (the room's words, not the
        `actions[2]` of `facilitator check`)."""
        lines = [self.tr("Before the session can be completed:")]
        lines += [
            "  •  "
            + self.tr("Item {n}, “{title}”, needs {what}").format(
                n=blocker.number,
                title=" ".join(blocker.title.split()) or self.tr("(untitled)"),
                what=blocker.needs(),
            )
            for blocker in blockers
        ]
        return "\n".join(lines)
