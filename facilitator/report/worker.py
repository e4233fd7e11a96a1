"""The export's child process: renders one write-up, under a time limit and a memory cap.

Why a process (DESIGN section 4): Markdown and WeasyPrint can take minutes on a hostile or
pathological document, WeasyPrint's layout is not thread-safe, and a process is the one
thing that can be stopped at any moment and leaves nothing behind. Each child serves one
job and exits, so a job never inherits another's state or memory.

A child is started with the "spawn" method (no copy of the parent's threads, Qt or open
database) and imports its heavy libraries *before* it gets a job, which takes about a
second. `RenderProcess` can therefore be started ahead of time (the export page does when
it opens) so that the export itself waits only for the rendering.

Messages over the pipe, child → parent: ``("ready",)``, then ``("progress", text,
fraction)`` any number of times, then ``("done", outcome)`` or ``("error", kind, text)``.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import sys
import threading
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Literal

from facilitator import errors
from facilitator.report.document import WriteUp
from facilitator.report.paper import Paper

DEFAULT_TIMEOUT = 120.0  # seconds
DEFAULT_MEMORY_MB = 2048  # address space: a standard write-up peaks near 400 MB
POLL = 0.05  # seconds between looks at the pipe, the cancel flag and the clock
Progress = Callable[[str, float], None]


class ExportError(errors.FacilitatorError):
    """The export could not finish; nothing was written."""


class ExportTimeoutError(ExportError):
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(
            f"the export took longer than {seconds:g} seconds and was stopped; "
            "a very long or deeply nested text can cause this"
        )


class ExportCancelledError(ExportError):
    def __init__(self) -> None:
        super().__init__("the export was cancelled")


class ExportMemoryError(ExportError):
    def __init__(self, limit_mb: int | None) -> None:
        self.limit_mb = limit_mb
        cap = f" of {limit_mb:,} MB" if limit_mb else ""
        super().__init__(f"the export ran out of memory (its limit{cap}) and was stopped")


class RendererFailedError(ExportError):
    """The child failed or died; `detail` says how (an exception, an exit status)."""

    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(f"the export failed: {detail}")


@dataclass(frozen=True, slots=True)
class RenderJob:
    write_up: WriteUp
    fmt: Literal["pdf", "html"]
    target: str
    paper: Paper


@dataclass(frozen=True, slots=True)
class RenderOutcome:
    pages: int = 0
    pdf_variant: str | None = None
    refused: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


def child_main(conn: Connection, memory_mb: int | None) -> None:
    """The child's whole life: cap memory, warm up, take one job, report, exit."""
    _cap_memory(memory_mb)
    try:
        with warnings.catch_warnings():
            # WeasyPrint nags at import when the system lacks libharfbuzz-subset (it then
            # subsets fonts more slowly with fontTools); under `python -W error` that nag
            # would kill the renderer before it could say why.
            warnings.simplefilter("ignore", DeprecationWarning)
            from facilitator.report import html, pdf  # the slow imports, before any job

        _warm_up(html, pdf)
        conn.send(("ready",))
        job: RenderJob = conn.recv()
    except (EOFError, OSError, KeyboardInterrupt):
        return  # the parent went away or closed the pipe: nothing to do
    except MemoryError:
        _send(conn, ("error", "memory", "while starting"))
        return

    def report(text: str, fraction: float) -> None:
        conn.send(("progress", text, fraction))

    try:
        report("Writing the document", 0.1)
        document = html.render_html(job.write_up, paper=job.paper, for_pdf=job.fmt == "pdf")
        if job.fmt == "html":
            Path(job.target).write_text(document, encoding="utf-8", newline="\n")
            outcome = RenderOutcome()
        else:
            report("Laying out the pages", 0.2)
            info = pdf.write_pdf(document, Path(job.target), report=report)
            outcome = RenderOutcome(
                info.pages, info.pdf_variant, info.refused, info.warnings, info.notes
            )
        conn.send(("done", outcome))
    except MemoryError:
        _send(conn, ("error", "memory", "while rendering"))
    except Exception as exc:  # every failure goes back to the parent as a message
        _send(conn, ("error", "failed", f"{type(exc).__name__}: {exc}"[:500]))


def _warm_up(html: Any, pdf: Any) -> None:
    """Do once, before the job, what every first export in a process does: compile the
    templates, build the Markdown and nh3 machinery, parse WeasyPrint's own style sheets
    and the fonts. The job then costs what a second export would."""
    sample = WriteUp(
        variant="full",
        title="Warm-up",
        incident_ref="",
        severity="SEV3",
        status="Draft",
        running_title="",
        author="",
        keywords=(),
        generated=date(2000, 1, 1),
        summary="*Warm-up* text with a [link](https://example.com).",
    )
    pdf.write_pdf(html.render_html(sample, for_pdf=True), None)


def _send(conn: Connection, message: tuple[Any, ...]) -> None:
    # If even this fails, the parent sees the child end without an answer, and says so.
    with contextlib.suppress(OSError, MemoryError):
        conn.send(message)


def _cap_memory(memory_mb: int | None) -> None:
    if not memory_mb or sys.platform == "win32":
        return  # Windows has no RLIMIT_AS; a job object would be the equivalent
    import resource

    limit = memory_mb * 1024 * 1024
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        # Some kernels (macOS) refuse or ignore an address-space limit; the time limit
        # still bounds the job, so render without the cap rather than not at all.
        return


class RenderProcess:
    """One single-use child, started now; `run` hands it a job and waits for the answer."""

    def __init__(self, *, memory_mb: int | None = DEFAULT_MEMORY_MB) -> None:
        context = multiprocessing.get_context("spawn")
        self._conn, child_end = context.Pipe(duplex=True)
        self.memory_mb = memory_mb
        self._process = context.Process(
            target=child_main, args=(child_end, memory_mb), name="facilitator-export", daemon=True
        )
        self._process.start()
        child_end.close()  # the child holds its own copy; ours would hide its exit
        self.used = False
        self._stopped = False

    @property
    def alive(self) -> bool:
        return not self._stopped and self._process.is_alive()

    def run(
        self,
        job: RenderJob,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> RenderOutcome:
        """Render `job`; raise ExportTimeoutError, ExportCancelledError, ExportMemoryError or
        RendererFailedError, killing the child first. The child never outlives this call."""
        if self.used:
            raise RuntimeError("a RenderProcess runs one job")
        self.used = True
        deadline = time.monotonic() + timeout
        try:
            while True:
                message = self._next(deadline, timeout, cancel)
                if message[0] == "ready":
                    self._conn.send(job)
                elif message[0] == "progress" and progress is not None:
                    progress(str(message[1]), float(message[2]))
                elif message[0] == "done":
                    outcome: RenderOutcome = message[1]
                    return outcome
                elif message[0] == "error":
                    if message[1] == "memory":
                        raise ExportMemoryError(self.memory_mb)
                    raise RendererFailedError(str(message[2]))
        finally:
            self.stop()

    def _next(
        self, deadline: float, timeout: float, cancel: threading.Event | None
    ) -> tuple[Any, ...]:
        while True:
            if cancel is not None and cancel.is_set():
                raise ExportCancelledError()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise ExportTimeoutError(timeout)
            try:
                if self._conn.poll(min(POLL, remaining)):
                    message: tuple[Any, ...] = self._conn.recv()
                    return message
            except (EOFError, OSError):
                pass  # the child closed the pipe: it ended, see below
            else:
                if self._process.is_alive():
                    continue
            self._process.join(1)
            raise self._death()

    def _death(self) -> ExportError:
        code = self._process.exitcode
        if code is not None and code < 0:
            # Killed by a signal: SIGKILL from the kernel's OOM killer, SIGSEGV when a C
            # library ran out of memory under the cap.
            return RendererFailedError(f"the renderer was stopped by signal {-code}")
        return RendererFailedError(f"the renderer ended unexpectedly (exit status {code})")

    def stop(self) -> None:
        """Kill the child if it still runs, and release the pipe."""
        if self._stopped:
            return
        self._stopped = True
        if self._process.is_alive():
            self._process.kill()
        self._process.join(5)
        self._conn.close()
        if self._process.exitcode is not None:
            self._process.close()
