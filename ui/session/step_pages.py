"""The session window's step pages: built ahead of time in idle turns, one short slice at a
time, and read again on entry only when the session changed since the page last read it."""

from __future__ import annotations

import gc
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from ui import steps
from ui.session.page_stack import PageStack

AHEAD_DELAY_MS = 400  # after the window opens or the facilitator acts: first paint first
SLICE_GAP_MS = 15  # between two slices: room for a keystroke or a paint in between


class StepPages(QObject):
    """Owns the pages of one session window.

    A step's first visit used to build its page on the spot (up to 110 ms on the GUI
    thread for the actions or the whys page), and every visit read the session again
    (a timeline of 300 entries, the check findings) whether or not anything had changed.
    Now the pages not built yet are built while nothing else happens, in slices: a page's
    constructor, then each stage it left for later (`StepPage.later`), then its first
    `entered`, each in an event-loop turn of its own. A visit then only shows the page,
    and calls `entered` when the session's content version moved since the page last read
    it (an edit on any page, an undo, another window's change).
    """

    def __init__(
        self, context: steps.PageContext, stack: PageStack, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.stack = stack
        self.pages: dict[str, steps.StepPage] = {}
        self._read_at: dict[str, int] = {}  # step id -> the version its page last read
        self._ahead: list[str] = []  # steps to build while idle, in agenda order
        self._timer = QTimer(self, singleShot=True, interval=AHEAD_DELAY_MS)
        self._timer.timeout.connect(self._slice)

    def page(self, step_id: str) -> steps.StepPage:
        """The step's page, built (and finished building) now if it is not yet."""
        page = self.pages.get(step_id)
        if page is None:
            page = self._build(step_id)
        page.finish_building()
        return page

    def show(self, step_id: str) -> steps.StepPage:
        """Put the step's page on show, up to date with the session."""
        page = self.page(step_id)
        self.stack.setCurrentWidget(page)
        self._refresh(step_id, page)
        return page

    def build_ahead(self, step_ids: list[str], delay_ms: int = AHEAD_DELAY_MS) -> None:
        """Build these steps' pages (those not built yet) in idle turns, in this order."""
        self._ahead = [s for s in step_ids if s in steps.PAGES]
        self._timer.start(delay_ms)

    def stop(self) -> None:
        self._ahead = []
        self._timer.stop()

    @property
    def building(self) -> bool:
        return self._timer.isActive()

    def _build(self, step_id: str) -> steps.StepPage:
        version = self.context.document.version
        page = steps.PAGES[step_id](self.context, self.stack)
        self.stack.addWidget(page)
        self.pages[step_id] = page
        if page.reads_when_built:
            # As of before the constructor: an edit during its stages dates what they read.
            self._read_at[step_id] = version
        return page

    def _refresh(self, step_id: str, page: steps.StepPage) -> None:
        version = self.context.document.version
        if self._read_at.get(step_id) != version:
            page.entered()
            # After `entered`: what it saved itself (a flush) it has read already.
            self._read_at[step_id] = self.context.document.version

    def _slice(self) -> None:
        """One short piece of building ahead, then the next in a later turn."""
        work = self._next_work()
        if work is None:
            return
        work()
        # Out of the collector's full passes, like the window itself (ui/app.py freezes
        # what the app built when a window opens; a window's close unfreezes it again).
        # Pages built later were walked by every full pass: a 75 ms pause mid-build.
        gc.freeze()
        self._timer.start(SLICE_GAP_MS)

    def _next_work(self) -> Callable[[], object] | None:
        for step_id in self._ahead:
            page = self.pages.get(step_id)
            if page is None:
                return lambda: self._build(step_id)
            if page.building:
                return page.build_next
            if step_id not in self._read_at and page.read_ahead:
                return lambda: self._refresh(step_id, page)
        self._ahead = []
        return None
