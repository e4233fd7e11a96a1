"""Exporting a session to a file: PDF, HTML, Markdown or JSON, whole or not at all.

The one entry point for the command line and the app::

    result = export(store, session_id, "pdf", Path("INC-42.pdf"), variant="public")

The app keeps an `Exporter` open on its export page: it starts the renderer process
ahead of time (`warm`), runs `export` in a worker thread with a `progress` callback and a
`cancel_event` the Cancel button sets, and keeps the next renderer warm afterwards.

PDF and HTML are rendered in a child process (`facilitator.report.worker`) with a time limit
and a memory cap; Markdown and JSON are quick string work done here. Every format is written
to a temporary file beside the output and renamed over it only when complete, so a failed,
timed-out or cancelled export leaves the output as it was and no temporary behind.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Literal

from facilitator import errors, sessions
from facilitator.db.store import Store
from facilitator.report.document import VARIANTS, build_write_up, check_variant
from facilitator.report.paper import Paper, check_paper, default_paper
from facilitator.report.worker import (
    DEFAULT_MEMORY_MB,
    DEFAULT_TIMEOUT,
    ExportCancelledError,
    ExportError,
    ExportMemoryError,
    ExportTimeoutError,
    RendererFailedError,
    RenderJob,
    RenderProcess,
)
from facilitator.review import session_reviews

__all__ = [
    "FORMATS",
    "VARIANTS",
    "ExportCancelledError",
    "ExportError",
    "ExportMemoryError",
    "ExportProgress",
    "ExportResult",
    "ExportTimeoutError",
    "Exporter",
    "RendererFailedError",
    "export",
]

Format = Literal["pdf", "html", "md", "json"]
FORMATS: tuple[Format, ...] = ("pdf", "html", "md", "json")


@dataclass(frozen=True, slots=True)
class ExportProgress:
    """How far an export is: a phrase to show and a fraction from 0 to 1."""

    message: str
    fraction: float


ProgressCallback = Callable[[ExportProgress], None]


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    fmt: str
    variant: str
    seconds: float
    pages: int = 0  # PDF only
    pdf_variant: str | None = None  # "pdf/ua-1", or None for a plain tagged PDF
    notes: tuple[str, ...] = ()  # things the user may want to know (a fallback taken)
    refused: tuple[str, ...] = ()  # URLs the renderer was asked for and refused


class Exporter:
    """Runs exports one at a time, keeping a renderer process warm between them."""

    def __init__(self, *, memory_mb: int | None = DEFAULT_MEMORY_MB, keep_warm: bool = True):
        self.memory_mb = memory_mb
        self.keep_warm = keep_warm
        self._lock = threading.Lock()
        self._spare: RenderProcess | None = None

    def warm(self) -> None:
        """Start a renderer now, so that the next PDF or HTML export does not wait for one."""
        if self._spare is None or not self._spare.alive:
            self._spare = RenderProcess(memory_mb=self.memory_mb)

    def close(self) -> None:
        """Stop the spare renderer (call when the export page or the app closes)."""
        spare, self._spare = self._spare, None
        if spare is not None:
            spare.stop()

    def __enter__(self) -> Exporter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def export(
        self,
        store: Store,
        session_id: str,
        fmt: str,
        output: Path,
        *,
        variant: str = "full",
        paper: Paper | str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        progress: ProgressCallback | None = None,
        cancel_event: threading.Event | None = None,
    ) -> ExportResult:
        """Write one session to `output` (see the module docstring). Raises InputError
        subclasses for bad arguments, NotFoundError, FileProblemError, or an ExportError
        (time-out, cancel, memory, renderer failure); the output is untouched on error.

        Blocks until done: call it from a worker thread. `progress` is called on that
        thread (a GUI forwards it with a queued signal); setting `cancel_event` from any
        thread stops the export within POLL seconds, killing the renderer. `timeout`
        counts from the call, so it covers a renderer that was not warm yet.
        """
        started = time.monotonic()
        fmt = _check_format(fmt)
        variant = check_variant(variant)
        sheet = check_paper(paper) if isinstance(paper, str) else paper or default_paper()
        _check_output(output)

        def say(message: str, fraction: float) -> None:
            if cancel_event is not None and cancel_event.is_set():
                raise ExportCancelledError()
            if progress is not None:
                progress(ExportProgress(message, fraction))

        with self._lock:
            say("Reading the session", 0.02)
            if fmt in ("md", "json"):
                if fmt == "json" and variant != "full":
                    # JSON is the exchange format: a copy of the session, never an edited one.
                    raise errors.ValidationError(
                        "variant", f"the {fmt} export has only the full variant"
                    )
                _write_text(output, _text_export(store, session_id, fmt, variant))
                say("Done", 1.0)
                return ExportResult(output, fmt, variant, time.monotonic() - started)
            rendered: Literal["pdf", "html"] = "pdf" if fmt == "pdf" else "html"
            write_up = build_write_up(
                sessions.load_session(store, session_id),
                variant,
                reviews=session_reviews(store, session_id),
            )
            renderer = self._take()
            temporary = _temporary_beside(output)
            try:
                outcome = renderer.run(
                    RenderJob(write_up, rendered, str(temporary), sheet),
                    timeout=max(0.0, timeout - (time.monotonic() - started)),
                    progress=say,
                    cancel=cancel_event,
                )
                _commit(temporary, output)
            except ExportTimeoutError:
                temporary.unlink(missing_ok=True)
                raise ExportTimeoutError(timeout) from None  # the limit the caller set
            except BaseException:
                temporary.unlink(missing_ok=True)
                raise
            finally:
                if self.keep_warm:
                    self.warm()
            say("Done", 1.0)
            return ExportResult(
                output,
                fmt,
                variant,
                time.monotonic() - started,
                pages=outcome.pages,
                pdf_variant=outcome.pdf_variant,
                notes=outcome.notes,
                refused=outcome.refused,
            )

    def _take(self) -> RenderProcess:
        spare, self._spare = self._spare, None
        if spare is not None and spare.alive:
            return spare
        if spare is not None:
            spare.stop()
        return RenderProcess(memory_mb=self.memory_mb)


def export(
    store: Store,
    session_id: str,
    fmt: str,
    output: Path,
    *,
    variant: str = "full",
    paper: Paper | str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    progress: ProgressCallback | None = None,
    cancel_event: threading.Event | None = None,
    memory_mb: int | None = DEFAULT_MEMORY_MB,
) -> ExportResult:
    """One export with a renderer started for it (the command line's way)."""
    with Exporter(memory_mb=memory_mb, keep_warm=False) as exporter:
        return exporter.export(
            store,
            session_id,
            fmt,
            output,
            variant=variant,
            paper=paper,
            timeout=timeout,
            progress=progress,
            cancel_event=cancel_event,
        )


def _check_format(fmt: str) -> Format:
    for known in FORMATS:
        if fmt == known:
            return known
    raise errors.ValidationError("format", f"must be one of {', '.join(FORMATS)}, not {fmt!r}")


def _text_export(store: Store, session_id: str, fmt: str, variant: str = "full") -> str:
    if fmt == "json":
        from facilitator import exchange

        document = exchange.export_session(store, session_id)
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    from facilitator.report.markdown import render_markdown

    return render_markdown(
        sessions.load_session(store, session_id),
        variant,
        reviews=session_reviews(store, session_id),
    )


def _check_output(output: Path) -> None:
    if output.is_dir():
        raise errors.FileProblemError(output, "is a folder; give a file name")
    folder = output.parent
    if not folder.is_dir():
        raise errors.FileProblemError(output, f"cannot be written: folder {folder} does not exist")


def _temporary_beside(output: Path) -> Path:
    """An empty file next to `output` (same file system, so the final rename is atomic)."""
    try:
        handle, name = tempfile.mkstemp(
            dir=output.parent, prefix=f".{output.name}.", suffix=".part"
        )
    except OSError as exc:
        raise errors.FileProblemError(output, f"cannot be written ({exc.strerror})") from exc
    os.close(handle)
    return Path(name)


def _commit(temporary: Path, output: Path) -> None:
    """Make the finished file durable, then put it in place in one step."""
    try:
        with temporary.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, output)
    except OSError as exc:
        raise errors.FileProblemError(output, f"cannot be written ({exc.strerror})") from exc


def _write_text(output: Path, content: str) -> None:
    temporary = _temporary_beside(output)
    try:
        temporary.write_text(content, encoding="utf-8", newline="\n")
        _commit(temporary, output)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
