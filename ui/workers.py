"""Run slow core calls off the GUI thread (QThreadPool), reporting back through signals.

The function runs in a pool thread and must not touch widgets; its result or error comes
back as a signal, which Qt delivers on the GUI thread, where the callbacks run.

While the GUI thread draws a page just put on show, new jobs wait (`Workers.hold`): a pool
thread running Python takes the interpreter lock in turns with the GUI thread, and each of
the draw's many calls back into Python (delegates, models) then waits for it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal


class Job(QObject):
    """One background call; pass callbacks to `Workers.run` (connected before it starts).

    The pool thread emits the private signals; they reach this object's methods queued on
    the GUI thread (the job lives there), which then emit the public ones, so every slot,
    even a plain lambda, runs on the GUI thread.
    """

    finished = Signal(object)
    failed = Signal(object)  # the exception
    _result = Signal(object)
    _error = Signal(object)

    def __init__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self._call = (fn, args, kwargs)
        self._result.connect(self._deliver_result)
        self._error.connect(self._deliver_error)

    def _deliver_result(self, result: object) -> None:
        self.finished.emit(result)

    def _deliver_error(self, error: object) -> None:
        self.failed.emit(error)


class _Runnable(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self._job = job

    def run(self) -> None:
        fn, args, kwargs = self._job._call
        try:
            result = fn(*args, **kwargs)
        except Exception as exc:  # every failure goes back to the GUI thread to be shown
            self._job._error.emit(exc)
        else:
            self._job._result.emit(result)


class Workers(QObject):
    """The app's one way to do slow work: `workers.run(fn, *args, on_done=…, on_error=…)`."""

    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._jobs: set[Job] = set()  # keep each job alive until it reports
        self._held: list[_Runnable] = []  # asked for during a hold, started when it ends
        self._hold = QTimer(self, singleShot=True)
        self._hold.timeout.connect(self._release)

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], object] | None = None,
        on_error: Callable[[BaseException], object] | None = None,
        **kwargs: Any,
    ) -> Job:
        job = Job(fn, *args, **kwargs)
        self._jobs.add(job)
        if on_done is not None:
            job.finished.connect(on_done)
        if on_error is not None:
            job.failed.connect(on_error)
        job.finished.connect(lambda _result: self._jobs.discard(job))
        job.failed.connect(lambda _error: self._jobs.discard(job))
        if self._hold.isActive():
            self._held.append(_Runnable(job))
        else:
            self._pool.start(_Runnable(job))
        return job

    def hold(self, msecs: int) -> None:
        """Start no new job for `msecs` from now (a later call moves the end on); those
        asked for meanwhile start then, in the order asked. Jobs already running go on."""
        self._hold.start(max(msecs, self._hold.remainingTime()))

    @property
    def holding(self) -> bool:
        return self._hold.isActive()

    def _release(self) -> None:
        self._hold.stop()
        held, self._held = self._held, []
        for runnable in held:
            self._pool.start(runnable)

    def wait(self, msecs: int = 30_000) -> bool:
        """Start the jobs held back, then block until every job is done (for quitting and
        for tests)."""
        self._release()
        return self._pool.waitForDone(msecs)
