"""A calm one-line notice in the session window: earlier related sessions have action items
this session has not reviewed yet (DESIGN section 5, the effectiveness review).

The count comes from `review.review_candidates` in a worker thread (it queries other
sessions, which can take a moment on a large library), so opening a window never waits on
it. The notice offers "Review now" (the window jumps to the follow-up step) and can be
dismissed; dismissal lasts for this window, since the items stay to review.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from facilitator import review
from facilitator.db.store import Store
from ui.style import set_role
from ui.workers import Workers


def unreviewed_count(store: Store, session_id: str) -> int:
    """How many earlier items this session lists without a verdict yet (runs off the GUI)."""
    return sum(1 for c in review.review_candidates(store, session_id) if c.verdict is None)


class ReviewNotice(QFrame):
    """Hidden until `check` finds unreviewed items; then one line, a button and a close."""

    review_requested = Signal()

    def __init__(self, workers: Workers, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewNotice")
        self._workers = workers
        self._dismissed = False
        row = QHBoxLayout(self)
        row.setContentsMargins(40, 6, 24, 6)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        set_role(self.label, "muted")
        self.review_button = QPushButton(self.tr("Review now"), self)
        set_role(self.review_button, "true", "flat")
        self.review_button.clicked.connect(self._review)
        self.dismiss_button = QPushButton(self.tr("Dismiss"), self)
        set_role(self.dismiss_button, "true", "flat")
        self.dismiss_button.setToolTip(self.tr("Hide this notice until the session is reopened"))
        self.dismiss_button.clicked.connect(self.dismiss)
        row.addWidget(self.label, 1)
        row.addWidget(self.review_button)
        row.addWidget(self.dismiss_button)
        self.hide()

    def check(self, store: Store, session_id: str) -> None:
        """Count the unreviewed items in the background and show the notice if any."""
        # A failure only means no notice: the follow-up step still lists the items.
        self._workers.run(
            unreviewed_count, store, session_id, on_done=self._counted, on_error=lambda _e: None
        )

    def dismiss(self) -> None:
        self._dismissed = True
        self.hide()

    def _review(self) -> None:
        self.hide()  # the follow-up step shows the items themselves
        self.review_requested.emit()

    def _counted(self, count: object) -> None:
        if self._dismissed or not isinstance(count, int) or count <= 0:
            self.hide()
            return
        text = (
            self.tr("1 action item from an earlier related session to review")
            if count == 1
            else self.tr("{count} action items from earlier related sessions to review").format(
                count=count
            )
        )
        self.label.setText(text)
        self.show()
