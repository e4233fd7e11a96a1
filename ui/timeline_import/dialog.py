"""Import…: a file read into a preview (off the GUI thread), curated, then added as one step.

The zone and the day that times are read with show before anything is imported; any change
to them, the format or a table's columns reads the file again. The facilitator unchecks
what should not become an entry, stars key events, corrects guessed kinds, and imports;
undo takes the whole import back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Final

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from facilitator.timeline_import import Preview
from ui.commands.timeline import ImportEntriesCommand
from ui.models.import_preview import ImportPreviewModel
from ui.models.timeline_rows import clock_of
from ui.steps.base import PageContext
from ui.style import set_role
from ui.timeline_import import loading, parts
from ui.timeline_import.files import FileDrops, ImportFileChooser
from ui.timeline_import.filters import PreviewFilters
from ui.timeline_import.options import ReadOptions
from ui.timeline_import.table import ImportTable

Changed = Callable[[], object]
PAINTED_WHILE_BUSY: Final = 5_000  # rows of a preview that stays on show (disabled) in a job


class TimelineImportDialog(QDialog):
    """The preview of one file; `ask` returns the ids of the entries it added."""

    def __init__(
        self,
        context: PageContext,
        path: Path | None = None,
        changed: Changed | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("timelineImport")
        self.setWindowTitle(self.tr("Import timeline entries"))
        self.resize(1160, 700)
        self.context = context
        self.changed: Changed = changed or (lambda: None)
        self.path: Path | None = None
        self.preview: Preview | None = None
        self.ids: list[str] = []
        self._read_for: tuple[Path | None, str | None] = (None, None)
        timezone, day = clock_of(context.document)
        self.model = ImportPreviewModel(timezone, day, self)
        self.reader = loading.LatestJob(context.workers, self)
        self.summariser = loading.LatestJob(context.workers, self)
        self.committer = loading.LatestJob(context.workers, self)
        self._build(timezone, day)
        self.reader.done.connect(self._read)
        self.reader.failed.connect(self._read_failed)
        self.summariser.done.connect(self._show_summary)
        self.committer.done.connect(self._committed)
        self.committer.failed.connect(self._commit_failed)
        self.model.choice_changed.connect(self._choice_changed)
        self.options.changed.connect(self.read)
        self.filters.fold_changed.connect(self._refold)
        FileDrops(self).dropped.connect(self.open_file)
        if path is not None:
            self.open_file(path)

    def _build(self, timezone: str, day: date) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 20)
        layout.setSpacing(16)
        top = QHBoxLayout()
        top.setSpacing(16)
        title = parts.label(self, role="h2", wrap=False)
        title.setText(self.tr("Import timeline entries"))
        top.addWidget(title)
        self.file_label = parts.label(self, "importFile", wrap=False)
        top.addWidget(self.file_label, 1)
        self.choose_button = QPushButton(self.tr("Choose another file…"), self)
        set_role(self.choose_button, "true", "flat")
        self.choose_button.clicked.connect(self.choose_file)
        top.addWidget(self.choose_button)
        layout.addLayout(top)
        self.options = ReadOptions(timezone, day, self)
        layout.addWidget(self.options)
        self.filters = PreviewFilters(self.model, self)
        layout.addWidget(self.filters)
        self.table = ImportTable(self.model, self)
        self.placeholder = parts.Placeholder(self)
        self.views = QStackedWidget(self)
        self.views.addWidget(self.placeholder)
        self.views.addWidget(self.table)
        layout.addWidget(self.views, 1)
        # Beside the buttons, so the table keeps the height: what is going on, what went
        # wrong, and what the import will add.
        bottom = QHBoxLayout()
        bottom.setSpacing(32)
        info = QVBoxLayout()
        info.setSpacing(6)
        self.busy = parts.BusyIndicator(self)
        self.message = parts.label(self, "importMessage", "error")
        self.message.hide()
        self.summary = parts.Summary(self)
        for part in (self.busy, self.message, self.summary):
            info.addWidget(part)
        bottom.addLayout(info, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = QPushButton(self.tr("Import"), self)
        self.import_button.setObjectName("importButton")
        set_role(self.import_button, "true", "primary")
        self.import_button.setDefault(True)
        self.import_button.setEnabled(False)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.import_chosen)
        self.buttons.rejected.connect(self.reject)
        bottom.addWidget(self.buttons, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(bottom)
        self._summary_timer = QTimer(self, singleShot=True, interval=120)
        self._summary_timer.timeout.connect(self._summarise)

    # Reading -------------------------------------------------------------------------------

    def choose_file(self) -> None:
        path = ImportFileChooser.ask(self, self.context.settings)
        if path is not None:
            self.open_file(path)

    def open_file(self, path: Path) -> None:
        """Read another file (chosen, or dropped on the dialog); its columns start afresh."""
        self.path = Path(path)
        # The folder's name, not its path: a shared screen need not show the home folder.
        folder = self.path.parent.name or str(self.path.parent)
        self.file_label.setText(
            self.tr("{name}   in {folder}").format(name=self.path.name, folder=folder)
        )
        self.file_label.setToolTip(str(self.path))
        self.options.forget_table()
        self.read()

    def request(self) -> loading.Request | None:
        if self.path is None:
            return None
        return loading.Request(
            self.path,
            self.options.chosen_format(),
            self.options.timezone(),
            self.options.reference_date(),
            self.options.mapping(),
            self.filters.fold.isChecked(),
        )

    def read(self) -> None:
        """Read the file again as the options now say (in a worker)."""
        request = self.request()
        if request is None:
            return
        doc = self.context.document
        # The choice so far carries over to a re-read of the same file in the same format;
        # nothing changes it meanwhile (the table and the filters wait for the read).
        same = self._read_for == (self.path, request.format)
        previous = self.model.choice if same else None
        args = (self.context.store, doc.session_id, request, previous)
        self.reader.run(loading.read_preview, *args)
        self._working(self.tr("Reading {name}…").format(name=request.path.name))

    def _refold(self, fold: bool) -> None:
        if self.preview is None:
            self.read()
            return
        preview, doc = self.preview, self.context.document
        args = (preview.parsed, fold, preview.display_timezone, self.model.choice)
        self.reader.run(loading.refold, self.context.store, doc.session_id, *args)
        self._working(self.tr("Folding…") if fold else self.tr("Unfolding…"))

    def _read(self, loaded: loading.Loaded) -> None:
        self._read_for = (self.path, self.options.chosen_format())
        self.preview = preview = loaded.preview
        self._show_message("")
        self.options.show_table(preview.parsed)
        self.model.set_preview(preview, loaded.choice)
        self.filters.refill(preview.format)
        self.views.setCurrentWidget(self.table)
        self.filters.show()
        self._idle()
        self.table.setFocus()

    def _read_failed(self, exc: BaseException) -> None:
        self.preview = None
        self.model.set_preview(None)
        self.filters.refill()
        self.filters.hide()  # nothing to filter
        self.placeholder.show_problem(
            loading.describe_problem(exc),
            self.tr(
                "Nothing was imported. Change how the file is read above, or choose another file."
            ),
        )
        self.views.setCurrentWidget(self.placeholder)
        self.summary.clear()
        self._show_message("")
        self._idle()

    # The choice ----------------------------------------------------------------------------

    def _choice_changed(self) -> None:
        count = self.model.count
        self.import_button.setText(
            self.tr("Import")
            if count == 0
            else self.tr("Import 1 entry")
            if count == 1
            else self.tr("Import {n} entries").format(n=f"{count:,}")
        )
        self._enable_import(count > 0 and not self.is_busy())
        self._summary_timer.start()  # a burst of clicks makes one summary

    def _summarise(self) -> None:
        if self.preview is not None:
            self.summariser.run(loading.summarise, self.preview, self.model.choice)

    def _show_summary(self, lines: list[str]) -> None:
        self.summary.show_lines(lines, self.model.choice.unreadable)

    # Importing -----------------------------------------------------------------------------

    def import_chosen(self) -> None:
        """Add the checked rows in one unit of work (in a worker), then push the undo step."""
        choice = self.model.choice
        if not choice.count or self.preview is None or self.is_busy():
            return
        self._show_message("")
        # No summary of a choice being imported: it would only share the GIL with the work.
        self._summary_timer.stop()
        self.summariser.cancel()
        doc = self.context.document
        args = (self.context.store, doc.session_id, choice, self.preview.source)
        self.committer.run(loading.commit, *args)
        count = f"{choice.count:,}"
        self._working(self.tr("Adding {n} entries…").format(n=count))

    def _committed(self, committed: loading.Committed) -> None:
        source = self.preview.source if self.preview is not None else None
        command = ImportEntriesCommand(
            self.context.document,
            committed.rows,
            self.changed,
            source=source,
            ids=committed.ids,
            workers=self.context.workers,
        )
        self.context.undo_stack.push(command)
        self.ids = committed.ids
        self._idle()
        self._summary_timer.stop()  # nothing left to summarise: the dialog closes
        self.accept()

    def _commit_failed(self, exc: BaseException) -> None:
        self._idle()
        self._show_message("✕ " + loading.describe_problem(exc))

    def reject(self) -> None:
        if self.committer.busy:
            return  # entries are being added: wait for them, so the undo step is complete
        self.reader.cancel()
        self.summariser.cancel()
        super().reject()

    # State ---------------------------------------------------------------------------------

    def is_busy(self) -> bool:
        return self.reader.busy or self.committer.busy

    def _working(self, text: str) -> None:
        self.busy.working(text)
        self.table.setEnabled(False)  # what it shows is about to change
        self.filters.setEnabled(False)
        # While entries are added, the file and how it is read stay as they are.
        self.options.setEnabled(not self.committer.busy)
        self.choose_button.setEnabled(not self.committer.busy)
        self._enable_import(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(
            not self.committer.busy
        )
        if self.preview is None or self.model.rowCount() > PAINTED_WHILE_BUSY:
            # A large preview is put away while a worker runs: painting the table calls
            # Python for every cell, and each call waits for the worker to let go of the
            # GIL (repainting a disabled 100,000-row preview stalled the GUI 150-650 ms).
            self.placeholder.show_working(text)
            self.views.setCurrentWidget(self.placeholder)

    def _idle(self) -> None:
        if self.is_busy():
            return
        if self.preview is not None:
            self.views.setCurrentWidget(self.table)
        self.busy.idle()
        self.table.setEnabled(True)
        self.filters.setEnabled(True)
        self.options.setEnabled(True)
        self.choose_button.setEnabled(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(True)
        self._choice_changed()

    def _enable_import(self, enabled: bool) -> None:
        # The style sheet draws a primary button the same enabled or not: a disabled one
        # drops the role, so it does not look clickable.
        self.import_button.setEnabled(enabled)
        if (self.import_button.property("primary") == "true") != enabled:
            set_role(self.import_button, "true" if enabled else "false", "primary")

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        context: PageContext,
        path: Path | None = None,
        *,
        changed: Changed | None = None,
    ) -> list[str] | None:
        """Choose a file (unless given), preview it, import: the new entries' ids, or None
        when the facilitator cancelled. The import is on the undo stack."""
        if path is None:
            path = ImportFileChooser.ask(parent, context.settings)
            if path is None:
                return None
        dialog = cls(context, path, changed, parent)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            return dialog.ids if accepted else None
        finally:
            # A preview can hold a hundred thousand rows; the page would keep each dialog
            # (its parent) until it goes. Late worker results are dropped (`LatestJob`).
            dialog.deleteLater()
