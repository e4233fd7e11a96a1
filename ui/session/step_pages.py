"""The session window's step pages: built ahead of time in idle turns, one short slice at a
time, and read again on entry only when the session changed since the page last read it."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping

from PySide6.QtCore import QObject, QTimer

from ui import steps
from ui.session.page_stack import PageStack

AHEAD_DELAY_MS = 400  # after the window opens or the facilitator acts: first paint first
SLICE_GAP_MS = 15  # between two slices: room for a keystroke or a paint in between
SHOWING_GAP_MS = 0  # between two slices of the page on show: next turn, after a paint
# New background jobs wait this long after a page is put on show (`Workers.hold`), and
# after each stage of one shown half built: the page is drawn in that turn, 15-45 ms of
# calls back into Python (delegates, models) that each waited for a pool thread's turn at
# the interpreter lock while one ran (the page's own load, the language counts, the action
# checks): up to 70 ms in all, where the draw alone takes 20-40.
SHOWING_HOLD_MS = 200


class BuiltPages(Mapping[str, "steps.StepPage"]):
    """The pages built so far, by step id. A page read through it has finished building
    (and, on show, read the session), so its widgets are all there for the reader."""

    def __init__(self, owner: StepPages) -> None:
        self._owner = owner

    def __getitem__(self, step_id: str) -> steps.StepPage:
        if step_id not in self._owner.built:
            raise KeyError(step_id)
        return self._owner.page(step_id)

    def __contains__(self, step_id: object) -> bool:
        return step_id in self._owner.built

    def __iter__(self) -> Iterator[str]:
        return iter(self._owner.built)

    def __len__(self) -> int:
        return len(self._owner.built)


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

    After an edit, the pages it left behind read the session again while idle too, one a
    turn, a moment after the last save (`read_again`): a visit right after adding timeline
    entries read 300 of them on the GUI thread in the turn the page was drawn (10-15 ms for
    the timeline and the walkthrough pages, on top of a 15-30 ms draw).

    A visit to a page not finished yet (the window just opened) shows what its constructor
    made at once and runs its stages, then its `entered`, in the next turns, before any
    other building: one stage per turn, not the whole page in the visit's turn (80–120 ms
    for the actions or the whys page). The stack's `page_ready` says when it is complete
    (presentation mode hides what the stages added for the facilitator), and a focus asked
    for meanwhile (`focus`) lands then.
    """

    def __init__(
        self, context: steps.PageContext, stack: PageStack, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.stack = stack
        self.built: dict[str, steps.StepPage] = {}  # as built so far, finished or not
        self.pages = BuiltPages(self)
        self._read_at: dict[str, int] = {}  # step id -> the version its page last read
        self._ahead: list[str] = []  # steps to build while idle, in agenda order
        self._showing: str | None = None  # the step on show, its page not finished yet
        self._focus_wanted = False  # on the page on show, once it is finished
        self._stopped = False  # `stop`ped: no building or reading ahead until told again
        self._timer = QTimer(self, singleShot=True, interval=AHEAD_DELAY_MS)
        self._timer.timeout.connect(self._slice)

    def page(self, step_id: str) -> steps.StepPage:
        """The step's page, built (and finished building) now if it is not yet; read
        up to date too when it is the one on show."""
        page = self.built.get(step_id)
        if page is None:
            page = self._build(step_id)
        page.finish_building()
        if step_id == self._showing:
            self._ready(step_id, page)
        return page

    def show(self, step_id: str) -> steps.StepPage:
        """Put the step's page on show, up to date with the session: at once when it is
        built, else its constructor's part now and the rest in the next turns."""
        self.context.workers.hold(SHOWING_HOLD_MS)  # and what the page starts on entry
        page = self.built.get(step_id)
        if page is None:
            page = self._build(step_id)
        self._focus_wanted = False
        left = self.stack.currentWidget()
        self.stack.setCurrentWidget(page)
        if isinstance(left, steps.StepPage) and left is not page:
            self._read_left(left)
        if page.building and self.stack.isVisible():
            self._showing = step_id
            self._timer.start(SHOWING_GAP_MS)
        else:
            # Finished now when nobody sees it yet (the window's first step, before it shows).
            page.finish_building()
            self._showing = None
            self._refresh(step_id, page)
        return page

    def focus(self, step_id: str) -> None:
        """The keyboard in the step's main input: now, or once its page is finished."""
        if step_id == self._showing:
            self._focus_wanted = True
        else:
            self.page(step_id).focus_main_input()

    @property
    def showing_ready(self) -> bool:
        """Whether the page on show has finished building and read the session."""
        return self._showing is None

    def build_ahead(self, step_ids: list[str], delay_ms: int = AHEAD_DELAY_MS) -> None:
        """Build these steps' pages (those not built yet) in idle turns, in this order, and
        read the session ahead for those that may (`read_ahead`) and have not read it since
        its last change; the page on show reads it when shown again, not meanwhile."""
        self._stopped = False
        self._ahead = [s for s in step_ids if s in steps.PAGES]
        if self._showing is None:
            self._timer.start(delay_ms)  # else after the page on show, in the next turns

    def read_again(self, step_ids: list[str]) -> None:
        """The session changed: the pages it left behind read it again in idle turns, in
        this order, starting a moment after the last call (an edit); not once `stop`ped."""
        if not self._stopped:
            self.build_ahead(step_ids)

    def _read_left(self, page: steps.StepPage) -> None:
        """The page just left behind reads the session again while idle when it changed
        since it last read (its own edits: the timeline page after adding entries), so the
        next visit need not; a few switches in a row do not put it off."""
        step_id = page.step_id
        if self._stopped or not (page.read_ahead and page.reads_again_ahead):
            return
        if not self._stale(step_id):
            return
        if step_id not in self._ahead:
            self._ahead.append(step_id)
        if not self._timer.isActive():
            self._timer.start(AHEAD_DELAY_MS)

    def stop(self) -> None:
        """No more building for now (the window closes, or is to build only what is shown):
        a page shown half built finishes when read through `pages` or shown again."""
        self._stopped = True
        self._ahead = []
        self._showing = None
        self._focus_wanted = False
        self._timer.stop()

    @property
    def building(self) -> bool:
        return self._timer.isActive()

    def _build(self, step_id: str) -> steps.StepPage:
        version = self.context.document.version
        page = steps.PAGES[step_id](self.context, self.stack)
        self.stack.addWidget(page)
        self.built[step_id] = page
        if page.reads_when_built:
            # As of before the constructor: an edit during its stages dates what they read.
            self._read_at[step_id] = version
        return page

    def _stale(self, step_id: str) -> bool:
        return self._read_at.get(step_id) != self.context.document.version

    def _reads_ahead(self, step_id: str, page: steps.StepPage) -> bool:
        """Whether the page is to read the session now, ahead of a visit: once when built
        (`read_ahead`), again after a change (`reads_again_ahead`); never the one on show."""
        if not page.read_ahead or page is self.stack.currentWidget():
            return False
        if step_id not in self._read_at:
            return True
        return page.reads_again_ahead and self._stale(step_id)

    def _refresh(self, step_id: str, page: steps.StepPage) -> None:
        version = self.context.document.version
        if self._read_at.get(step_id) != version:
            page.entered()
            # After `entered`: what it saved itself (a flush) it has read already.
            self._read_at[step_id] = self.context.document.version

    def _ready(self, step_id: str, page: steps.StepPage) -> None:
        """The page on show has all its parts: read the session, say so, take the focus."""
        self._showing = None
        self._refresh(step_id, page)
        self.stack.page_ready.emit(page)
        if self._focus_wanted:
            self._focus_wanted = False
            page.focus_main_input()

    def _slice(self) -> None:
        """One short piece of building, then the next in a later turn."""
        showing = self._showing
        work = self._next_work()
        if work is None:
            return
        if showing is not None:
            self.context.workers.hold(SHOWING_HOLD_MS)  # this stage is drawn next
        work()
        # Out of the collector's full passes, like the window itself (ui/app.py freezes
        # what the app built when a window opens; a window's close unfreezes it again).
        # Pages built later were walked by every full pass: a 75 ms pause mid-build.
        gc.freeze()
        self._timer.start(SHOWING_GAP_MS if showing is not None else SLICE_GAP_MS)

    def _next_work(self) -> Callable[[], object] | None:
        if self._showing is not None:
            step_id, page = self._showing, self.built[self._showing]
            if page.building:
                return page.build_next
            return lambda: self._ready(step_id, page)
        for step_id in self._ahead:
            page = self.built.get(step_id)
            if page is None:
                return lambda: self._build(step_id)
            if page.building:
                return page.build_next
            if self._reads_ahead(step_id, page):
                return lambda: self._refresh(step_id, page)
        self._ahead = []
        for page in self.built.values():
            if page.building:  # left half built when the facilitator moved on
                return page.build_next
        return None
