"""The Import dialog's slow work, off the GUI thread: reading a file into a preview, folding
it again, summarising the user's choice, committing it. Only the latest request of each
kind reports back, so a re-read started while another runs never shows a stale preview."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from facilitator import errors, timeline_import
from facilitator.db.store import Store
from facilitator.timeline_import import ImportRow, Parsed, Preview
from ui.messages import describe
from ui.timeline_import.choice import Choice
from ui.timeline_import.waiting import big_job
from ui.workers import Job, Workers


@dataclass(frozen=True)
class Request:
    """How to read the file: what the dialog's controls say."""

    path: Path
    format: str | None
    timezone: str
    reference_date: date
    mapping: Mapping[str, str] = field(default_factory=dict)
    fold: bool = False


@dataclass(frozen=True)
class Loaded:
    """A preview and the choice on it, both made in a worker."""

    preview: Preview
    choice: Choice


def read_preview(
    store: Store, session_id: str, request: Request, previous: Choice | None
) -> Loaded:
    """Parse the file and preview it against the session's timeline (in a worker); the
    choice carries over what was chosen on `previous` (the same file, read before)."""
    with big_job():
        preview = timeline_import.preview_file(
            store,
            session_id,
            request.path,
            format=request.format,
            timezone=request.timezone,
            reference_date=request.reference_date,
            mapping=request.mapping,
            fold=request.fold,
        )
        return Loaded(preview, Choice(preview.rows, previous))


def refold(
    store: Store, session_id: str, parsed: Parsed, fold: bool, zone: str, previous: Choice
) -> Loaded:
    """The same rows, folded or not: no need to read the file again (in a worker)."""
    with big_job():
        existing = timeline_import.existing_entries(store, session_id)
        preview = timeline_import.build_preview(parsed, existing, fold=fold, display_timezone=zone)
        return Loaded(preview, Choice(preview.rows, previous))


def summarise(preview: Preview, choice: Choice) -> list[str]:
    """`summary_lines` for what the user chose rather than for the default choice: the
    chosen rows stand in for the preview's, beside its duplicates and unreadable lines.
    The choice is read here, in the worker: listing 100,000 chosen rows takes a GUI-thread
    slice of 30-60 ms."""
    with big_job():
        chosen, left_out = choice.chosen(), choice.left_out
        rows = (*chosen, *preview.duplicates, *preview.unreadable)
        shown = Preview(preview.parsed, rows, preview.display_timezone, folded=preview.folded)
        lines = timeline_import.summary_lines(shown)
    if left_out:
        more = _tr("Left out by you: {n}.") if left_out != 1 else _tr("Left out by you: 1.")
        lines.append(more.format(n=f"{left_out:,}"))
    return lines


@dataclass(frozen=True)
class Committed:
    """The rows a commit added, with the kinds and stars chosen, and their new ids."""

    rows: list[ImportRow]
    ids: list[str]


def commit(store: Store, session_id: str, choice: Choice, source: str) -> Committed:
    """Add the chosen rows in one unit of work (in a worker, which also lists them: the
    table is disabled meanwhile, so the choice holds still)."""
    with big_job():
        rows = choice.chosen()
        return Committed(rows, timeline_import.commit(store, session_id, rows, source=source))


def describe_problem(exc: BaseException) -> str:
    """A bad file in one sentence, naming the file and the line; never a traceback."""
    if isinstance(exc, errors.FileProblemError):
        return _sentence(f"{exc.path.name} {exc.problem}")
    if isinstance(exc, errors.ValidationError):
        source = Path(exc.source).name if exc.source else ""
        where = exc.where.replace("_", " ")
        # A file's name keeps its case; a field's ("timezone") starts the sentence.
        place = f"{source}, {where}" if source and where else source or where.capitalize()
        if not place:
            return _sentence(exc.problem[:1].upper() + exc.problem[1:])
        return _sentence(f"{place}: {exc.problem}")
    if isinstance(exc, OSError):
        name = Path(str(exc.filename)).name if exc.filename else _tr("The file")
        why = exc.strerror or str(exc)
        return _sentence(_tr("{name} cannot be read: {why}").format(name=name, why=why))
    return describe(exc)


def _sentence(text: str) -> str:
    # Not capitalised: a sentence may start with a file's name, which keeps its case.
    text = text.strip()
    return text + ("" if text.endswith((".", "?", "!")) else ".")


def _tr(text: str) -> str:
    return QCoreApplication.translate("timeline_import", text)


class LatestJob(QObject):
    """Runs one kind of work in the workers; reports only the result of the latest run."""

    started = Signal()
    done = Signal(object)
    failed = Signal(object)  # the exception

    def __init__(self, workers: Workers, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workers = workers
        self._job: Job | None = None

    @property
    def busy(self) -> bool:
        return self._job is not None

    def run(self, fn: Callable[..., Any], *args: Any) -> None:
        # Bound methods of this QObject: Qt drops the connections if the dialog goes first.
        self._job = self.workers.run(fn, *args, on_done=self._finished, on_error=self._failed)
        self.started.emit()

    def cancel(self) -> None:
        """Forget the running job: its result, when it comes, is dropped."""
        self._job = None

    def _finished(self, result: object) -> None:
        if self.sender() is self._job:
            self._job = None
            self.done.emit(result)

    def _failed(self, error: object) -> None:
        if self.sender() is self._job:
            self._job = None
            self.failed.emit(error)
