"""The *export* step: choose format, version and paper, see the write-up's first pages, and
export in the background with progress and Cancel, then open the file or its folder.

One `Exporter` per page keeps a renderer process warm: the first preview starts one (in the
pool thread, not the GUI thread) and leaves a spare, so the first PDF does not wait for one;
it is stopped with the window.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from facilitator.agenda import STEP_IDS, STEP_TITLES
from facilitator.language_findings import language_counts
from facilitator.report.export import DEFAULT_TIMEOUT, ExportCancelledError, Exporter
from ui.actions import make_action
from ui.export.files import Opener, SaveFileDialog, last_folder, remember_folder, suggested_name
from ui.export.options import PAPER_NAMES, VARIANT_NAMES, ExportOptions
from ui.export.preview import PreviewPane, make_preview
from ui.export.runner import ExportTask
from ui.export.status import ExportStatus, failure_text
from ui.session.presentation import facilitator_only
from ui.steps.base import PageContext, StepPage
from ui.style import set_role

PREVIEW_DELAY_MS = 300  # a second change within this restarts the wait: one render, not two


class ExportPage(StepPage):
    """What leaves the room: the write-up for stakeholders, a wiki or another library."""

    step_id = "export"
    read_ahead = False  # entering starts a renderer process and the preview: on a visit only

    def __init__(
        self, context: PageContext, parent: QWidget | None = None, exporter: Exporter | None = None
    ) -> None:
        super().__init__(context, parent)
        # Tests hand in one warmed exporter for the whole run; the app gets one per page.
        self.exporter = exporter or Exporter()
        self._owns_exporter = exporter is None
        self.timeout = DEFAULT_TIMEOUT
        self.task: ExportTask | None = None
        self.preview_task: ExportTask | None = None
        self._preview_stale = True
        self._entered_once = False
        self._closed = False

        self.add_hint(
            self.tr(
                "A PDF for stakeholders, a web page or Markdown for a wiki, or JSON to move "
                "the session to another library."
            )
        )
        columns = QHBoxLayout()
        columns.setSpacing(32)
        self.body.addLayout(columns, 1)

        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)  # in line with the hint above
        left.setSpacing(16)
        self.options = ExportOptions(context.settings, self)
        left.addWidget(self.options)
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.export_button.setObjectName("exportButton")
        set_role(self.export_button, "true", "primary")
        self.export_button.clicked.connect(self.export)
        left.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.status = ExportStatus(self)
        left.addWidget(self.status)
        # Before the write-up leaves the room: where phrasing may still read as blame.
        self.language_notice = facilitator_only(QLabel(self))  # the facilitator's to-do
        self.language_notice.setObjectName("languageNotice")
        self.language_notice.setWordWrap(True)
        set_role(self.language_notice, "warning")
        self.language_notice.hide()
        left.addWidget(self.language_notice)
        self._counting = False
        left.addStretch(1)
        side = QWidget(self)
        side.setLayout(left)
        # As wide as the choices need (their large type in presentation mode), within
        # bounds that leave the preview most of the page.
        side.setMinimumWidth(320)
        side.setMaximumWidth(420)
        columns.addWidget(side)

        right = QVBoxLayout()
        right.setSpacing(8)
        # Above the pages, not under them: a row of pages leaves a varying gap below.
        self.preview_caption = QLabel(self)
        self.preview_caption.setObjectName("previewCaption")
        set_role(self.preview_caption, "small")
        right.addWidget(self.preview_caption)
        self.preview = PreviewPane(self)
        right.addWidget(self.preview, 1)
        columns.addLayout(right, 1)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.refresh_preview)
        self.options.changed.connect(self._preview_later)
        # Any edit elsewhere (through the undo stack or a plain field) dates the preview.
        context.undo_stack.indexChanged.connect(self._mark_stale)
        context.document.edited.connect(self._mark_stale)
        self.status.cancel.clicked.connect(self.cancel_export)
        self.status.open.clicked.connect(self._open_result)
        self.status.show_folder.clicked.connect(self._show_folder)
        make_action(self, "export", self.export)
        self.destroyed.connect(partial(_close_exporter, self.exporter, self._owns_exporter))
        self._caption()

    def focus_main_input(self) -> None:
        self.export_button.setFocus()

    def entered(self) -> None:
        if not self._entered_once:
            self._entered_once = True
            self.window().installEventFilter(self)
        self._count_language()
        if self._preview_stale:
            # Not at once: the switch to this page is drawn first, and a facilitator only
            # passing through (Ctrl+number) starts no render. The render starts the
            # renderer process itself, in its pool thread, and keeps a spare warm after.
            self._preview_later()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window() and event.type() == QEvent.Type.Close:
            self.shutdown()
        return False

    # Language

    def _count_language(self) -> None:
        """Count blameful phrases per step in a worker, for the notice above the preview."""
        if self._counting:
            return
        self._counting = True
        self.context.workers.run(
            language_counts,
            self.context.store,
            self.context.document.session_id,
            on_done=self._language_counted,
            on_error=self._language_not_counted,
        )

    def _language_not_counted(self, _error: BaseException) -> None:
        self._counting = False  # the notice is a hint: it keeps what it said

    def _language_counted(self, counts: dict[str, int]) -> None:
        self._counting = False
        total = sum(counts.values())
        if not total:
            self.language_notice.hide()
            return
        where = ", ".join(
            f"{self.tr(STEP_TITLES.get(step, step))} ({n})"
            for step, n in sorted(counts.items(), key=lambda item: _agenda_position(item[0]))
        )
        self.language_notice.setText(
            self.tr(
                "⚠ {n} phrase(s) may read as blame: {where}. Reword them on those steps "
                "before this leaves the room; the write-up keeps the words as they are."
            ).format(n=total, where=where)
        )
        self.language_notice.show()

    # Export

    def export(self) -> None:
        """Ask where, then export in the background (nothing happens while one runs)."""
        if self.task is not None and self.task.running:
            return
        self.context.document.flush()  # the file holds what is on screen, pending edits too
        fmt, variant = self.options.chosen_format, self.options.chosen_variant
        name = suggested_name(
            str(self.context.document.value("incident_ref") or ""),
            str(self.context.document.value("title") or ""),
            variant,
            fmt,
        )
        path = SaveFileDialog.ask(self, last_folder(self.context.settings) / name, fmt)
        if path is None:
            return
        remember_folder(self.context.settings, path)
        if self.preview_task is not None and self.preview_task.running:
            # The exporter runs one job at a time: the file the user waits for goes first.
            self.preview_task.cancel()
            self._preview_stale = True
        call = partial(self._run_export, fmt, path, variant, self.options.chosen_paper)
        self.task = ExportTask(self.context.workers, call, self)
        self.task.progressed.connect(self.status.set_progress)
        self.task.finished.connect(self._exported)
        self.task.failed.connect(self._export_failed)
        self.status.set_running()
        self.export_button.setEnabled(False)
        self.status.cancel.setFocus()

    def _run_export(self, fmt: str, path: Path, variant: str, paper: str, progress, cancel):  # type: ignore[no-untyped-def]
        return self.exporter.export(
            self.context.store,
            self.context.document.session_id,
            fmt,
            path,
            variant=variant,
            paper=paper,
            timeout=self.timeout,
            progress=progress,
            cancel_event=cancel,
        )

    def cancel_export(self) -> None:
        if self.task is not None and self.task.running:
            self.task.cancel()
            self.status.stage.setText(self.tr("Cancelling…"))

    def _exported(self, result: object) -> None:
        self.export_button.setEnabled(True)
        self.status.set_done(result)  # type: ignore[arg-type]
        self.status.open.setFocus()
        self._after_export()

    def _export_failed(self, error: BaseException) -> None:
        self.export_button.setEnabled(True)
        quiet = isinstance(error, ExportCancelledError)
        self.status.set_failed(failure_text(self, error), quiet=quiet)
        self.export_button.setFocus()
        self._after_export()

    def _after_export(self) -> None:
        if self._preview_stale and self.isVisible():
            self._preview_later()

    def _open_result(self) -> None:
        if self.status.result is not None:
            Opener.open_file(Path(self.status.result.path))

    def _show_folder(self) -> None:
        if self.status.result is not None:
            Opener.show_folder(Path(self.status.result.path))

    # Preview

    def _mark_stale(self, *_args: object) -> None:
        self._preview_stale = True

    def _preview_later(self) -> None:
        self._caption()
        self._preview_stale = True
        self._preview_timer.start()

    def refresh_preview(self) -> None:
        """Render the first pages again in the background, dropping a stale render."""
        if self._closed or not self.isVisible():
            return  # stale until the page is shown again (`entered`)
        self._preview_timer.stop()
        if self.task is not None and self.task.running:
            self._preview_stale = True  # after the export, not against it
            return
        if self.preview_task is not None and self.preview_task.running:
            self.preview_task.cancel()
        self.context.document.flush()
        self._preview_stale = False
        self._caption()
        self.preview.show_waiting()
        call = partial(
            make_preview,
            self.exporter,
            self.context.store,
            self.context.document.session_id,
            self.options.preview_variant,
            self.options.chosen_paper,
        )
        task = ExportTask(self.context.workers, call, self)
        task.finished.connect(partial(self._previewed, task))
        task.failed.connect(partial(self._preview_failed, task))
        self.preview_task = task

    def _previewed(self, task: ExportTask, images: object) -> None:
        if task is self.preview_task and not task.cancelled:
            self.preview.show_pages(images)  # type: ignore[arg-type]
            self._caption()

    def _preview_failed(self, task: ExportTask, error: BaseException) -> None:
        if task is not self.preview_task or isinstance(error, ExportCancelledError):
            return  # superseded: a newer preview is on its way
        self.preview.show_problem(
            self.tr("The preview could not be made: {why}").format(why=failure_text(self, error))
        )
        self._caption()

    def _caption(self) -> None:
        variant = self.tr(VARIANT_NAMES[self.options.preview_variant]).lower()
        paper = self.tr(PAPER_NAMES[self.options.chosen_paper])
        updating = self.preview_task is not None and self.preview_task.running
        text = self.tr("Preview: the {variant} as a PDF on {paper}").format(
            variant=variant, paper=paper
        )
        self.preview_caption.setText(text + (self.tr(" · updating…") if updating else ""))

    def shutdown(self) -> None:
        """Stop the renderers (the window is closing): running jobs are cancelled."""
        self._closed = True
        self._preview_timer.stop()
        for task in (self.task, self.preview_task):
            if task is not None and task.running:
                task.cancel()
        _close_exporter(self.exporter, self._owns_exporter)

    def preview_images(self) -> list[QImage]:
        """The pages on show, for tests and the screenshot tool."""
        return [pixmap.toImage() for pixmap in self.preview.pages.pixmaps]


def _agenda_position(step: str) -> int:
    return STEP_IDS.index(step) if step in STEP_IDS else len(STEP_IDS)


def _close_exporter(exporter: Exporter, owned: bool) -> None:
    if owned:
        exporter.keep_warm = False  # a job still finishing must not start another renderer
        exporter.close()
