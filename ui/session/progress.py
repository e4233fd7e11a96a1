"""The meeting's progress for one open session: the core timer and the done marks, saved
with the session (`step_elapsed`) on pause, step change, close and every few seconds."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from facilitator.meeting import Clock, MeetingState, MeetingTimer
from ui.session.document import SessionDocument

SAVE_EVERY_S = 10.0  # while running, so a crash loses at most this much meeting time


class MeetingProgress(QObject):
    """Owns the MeetingTimer (core arithmetic) and writes its state through the document."""

    changed = Signal()  # running state, step or done marks changed

    def __init__(self, document: SessionDocument, clock: Clock | None = None) -> None:
        super().__init__(document)
        self.document = document
        state = MeetingState.from_saved(document.value("step_elapsed"))
        self.done = state.done
        self.timer = MeetingTimer(state.elapsed, clock)
        self._saved_at_total = self.timer.total()
        self._step: str | None = None  # a step change not saved yet
        # A step change is saved in the event loop's next turn, after the new page has been
        # drawn: the commit (an fsync) then does not add to the switch the room sees.
        self._save_soon = QTimer(self, singleShot=True, interval=0)
        self._save_soon.timeout.connect(self.save)

    def switch_to(self, step_id: str) -> None:
        """Move the clock to a step; it is saved with the session's current step, together,
        once the step is on screen (or at once by `save`, which close and quit call)."""
        self.timer.switch_to(step_id)
        self._step = step_id
        self._save_soon.start()
        self.changed.emit()

    def toggle(self) -> bool:
        running = self.timer.toggle()
        self.save()
        self.changed.emit()
        return running

    def set_done(self, step_id: str, done: bool) -> None:
        if (step_id in self.done) == done:
            return
        self.done = self.done | {step_id} if done else self.done - {step_id}
        self.save()
        self.changed.emit()

    def tick(self) -> None:
        """Called every second by the timer widget: save now and then while running."""
        if self.timer.running and self.timer.total() - self._saved_at_total >= SAVE_EVERY_S:
            self.save()

    def save(self) -> None:
        """Write the timer, the done marks and a pending step change, when changed."""
        self._save_soon.stop()
        state = MeetingState(self.timer.snapshot(), self.done)
        self._saved_at_total = self.timer.total()
        wanted = {"step_elapsed": state.to_saved()}
        if self._step is not None:
            wanted["current_step"], self._step = self._step, None
        changes = {f: v for f, v in wanted.items() if v != self.document.value(f)}
        if changes:
            self.document.update_fields(changes)
