"""The *evidence* step: files, screenshots, links and notes, stored in the session file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter, QWidget

from facilitator import errors, evidence
from ui.actions import make_action
from ui.commands.evidence import (
    AddEvidenceCommand,
    EditCaptionCommand,
    MoveEvidenceCommand,
    RemoveEvidenceCommand,
)
from ui.messages import describe
from ui.models.evidence import EvidenceModel, NewEvidence, NewLink, NewNote
from ui.models.evidence_media import Prepared, load_media, prepare_files, prepare_image
from ui.session.presentation import facilitator_only
from ui.steps.base import PageContext, StepPage
from ui.style import set_role
from ui.widgets.evidence_input import (
    AttachFilesDialog,
    DropCatcher,
    Incoming,
    PasteEvidenceFilter,
    incoming,
)
from ui.widgets.evidence_view import EvidenceDelegate, EvidencePreview
from ui.widgets.language_watch import watch_language
from ui.widgets.row_keys import UndoWhenEmpty, add_row_keys, current_row, select_row
from ui.widgets.row_view import RowListView


class EvidencePage(StepPage):
    """Add bar on top; the list with thumbnails on the left, the selected item on the right.
    Files are read (and pictures scaled) by a worker; each addition is one undo step."""

    step_id = "evidence"

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.add_hint(
            self.tr(
                "What responders saw at the time: logs, graphs, screenshots, links to "
                "dashboards and chat threads. Everything is kept inside the session."
            )
        )
        self.model = EvidenceModel(context.store, context.document.session_id, self)
        self.model.saved.connect(context.document.saved)
        self.model.failed.connect(context.document.save_failed)
        self.model.failed.connect(self.show_problem)
        self._build_add_bar()
        self.status = QLabel(self)
        self.status.setObjectName("evidenceStatus")
        self.status.setWordWrap(True)
        self.status.hide()
        self.body.addWidget(self.status)
        # The list and the preview in a turn of their own (ui/session/step_pages.py): with
        # the add bar in one turn they were 45–60 ms on a first visit.
        self.later(self._build_list)

    def _build_list(self) -> None:
        context = self.context
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("evidenceSplit")
        splitter.setChildrenCollapsible(False)
        self.view = RowListView(
            self.tr(
                "No evidence yet.\n\nAttach the logs, graphs and screenshots that show what "
                "responders saw, and links to dashboards and chat threads.\n\n"
                "Drop files here, or paste a screenshot with Ctrl+V."
            ),
            splitter,
        )
        self.view.setObjectName("evidenceList")
        self.view.setModel(self.model)
        self.view.setItemDelegate(EvidenceDelegate(self.view))
        self.preview = EvidencePreview(splitter)
        self.preview.caption_edited.connect(self._caption_edited)
        splitter.addWidget(self.view)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setHandleWidth(24)  # room between the two, not a line
        self.body.addWidget(splitter, 1)

        add_row_keys(self.view, move=self.move_current, delete=self.delete_current)
        self.model.edit_requested.connect(
            lambda row_id, _field, value: self._caption_edited(row_id, str(value))
        )
        self.model.move_requested.connect(self._move_requested)
        self.view.selectionModel().currentChanged.connect(lambda *_: self.refresh_preview())
        self.model.dataChanged.connect(self._rows_changed)
        for signal in (self.model.rowsRemoved, self.model.rowsInserted, self.model.modelReset):
            signal.connect(lambda *_: self.refresh_preview())
        paste = make_action(self, "paste_evidence", self.paste)
        paste.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        attach = make_action(self, "attach", self.attach_files)
        attach.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        PasteEvidenceFilter(self.link, self.note)
        self.setAcceptDrops(True)
        # Dropped on the page, the list (which itself only takes its own rows to reorder) or
        # a field (which would type the files' paths): attached all the same.
        self.drops = DropCatcher(
            self.accept_incoming, self, self.view.viewport(), self.link, self.note
        )
        self.link.setProperty("languageCheck", False)  # a URL is not prose
        self.preview.note.setProperty("languageCheck", False)  # read-only: no quick fixes
        watch_language(self, context.settings)  # notes and captions are free text
        self.refresh_preview()
        context.workers.run(
            load_media, context.store, context.document.session_id, on_done=self.model.set_media
        )

    def _build_add_bar(self) -> None:
        files = QHBoxLayout()
        files.setSpacing(12)
        self.attach_button = QPushButton(self.tr("Attach files…"), self)
        self.attach_button.setObjectName("attachFiles")
        self.attach_button.clicked.connect(lambda: self.attach_files())
        self.paste_button = QPushButton(self.tr("Paste screenshot"), self)
        self.paste_button.clicked.connect(lambda: self.paste())
        how = QLabel(self.tr("or drop files here, or paste with Ctrl+V"), self)
        how.setWordWrap(True)
        set_role(how, "muted")
        for widget in (self.attach_button, self.paste_button, how):
            facilitator_only(widget)  # gathering evidence is preparation, not the room's
        files.addWidget(self.attach_button)
        files.addWidget(self.paste_button)
        files.addWidget(how, 1)
        self.body.addLayout(files)
        fields = QHBoxLayout()
        fields.setSpacing(12)
        self.link = QLineEdit(self)
        self.link.setObjectName("evidenceLink")
        self.link.setPlaceholderText(self.tr("Link: https://… — Enter"))
        self.link.returnPressed.connect(self.add_link_from_field)
        self.note = QLineEdit(self)
        self.note.setObjectName("evidenceNote")
        self.note.setPlaceholderText(self.tr("Note: what someone saw — Enter"))
        self.note.returnPressed.connect(self.add_note_from_field)
        for line in (self.link, self.note):
            line.textEdited.connect(lambda _text, line=line: self._clear_invalid(line))
            UndoWhenEmpty(line)
            fields.addWidget(line, 1)
        self.body.addLayout(fields)

    def focus_main_input(self) -> None:
        self.link.setFocus(Qt.FocusReason.OtherFocusReason)

    # Adding --------------------------------------------------------------------------------

    def attach_files(self, paths: Sequence[Path] | None = None) -> None:
        """Attach files (the dialog asks when none are given); read by a worker."""
        chosen = list(paths) if paths is not None else AttachFilesDialog.ask(self)
        if not chosen:
            return
        count = len(chosen)
        self.show_status(
            self.tr("Reading “{name}”…").format(name=chosen[0].name)
            if count == 1
            else self.tr("Reading {n} files…").format(n=count)
        )
        self.context.workers.run(
            prepare_files, chosen, on_done=self._files_read, on_error=self._worker_failed
        )

    def attach_image(self, image: QImage) -> None:
        """A picture from the clipboard or a drop, saved as a PNG (encoded by a worker)."""
        self.show_status(self.tr("Saving the picture…"))
        self.context.workers.run(
            prepare_image,
            image.copy(),  # the worker gets its own copy, never one the GUI thread holds
            on_done=lambda prepared: self._files_read([prepared]),
            on_error=self._worker_failed,
        )

    def paste(self) -> None:
        """Ctrl+V on the page: a picture, copied files, or a web link from the clipboard."""
        found = incoming(QGuiApplication.clipboard().mimeData())
        if not found:
            self.show_problem(self.tr("The clipboard holds no picture, file or web link."))
        self.accept_incoming(found)

    def accept_incoming(self, found: Incoming) -> None:
        """Attach what a drop or the clipboard brought."""
        if found.files:
            self.attach_files(found.files)
        for url in found.links:
            self._add(NewLink(url))
        if found.image is not None:
            self.attach_image(found.image)

    def add_link_from_field(self) -> None:
        text = self.link.text().strip()
        if not text:
            return
        try:
            url = evidence.check_url(text)
        except errors.ValidationError as exc:
            set_role(self.link, "true", "invalid")
            self.show_problem(f"{exc.problem[:1].upper()}{exc.problem[1:]}.")
            return
        if self._add(NewLink(url)):
            self.link.setText("")

    def add_note_from_field(self) -> None:
        text = self.note.text().strip()
        if text and self._add(NewNote(text)):
            self.note.setText("")

    def _add(self, spec: NewEvidence) -> bool:
        command = AddEvidenceCommand(self.model, spec)
        self.context.undo_stack.push(command)
        if command.row_id is None:
            return False
        self.show_status("")
        select_row(self.view, self.model.row_of(command.row_id))
        return True

    def _files_read(self, results: list[Prepared | errors.FileProblemError]) -> None:
        problems = [r for r in results if isinstance(r, errors.FileProblemError)]
        ready = [r for r in results if isinstance(r, Prepared)]
        stack = self.context.undo_stack
        if len(ready) > 1:
            stack.beginMacro(self.tr("attach {n} files").format(n=len(ready)))
        added = [self._add(prepared) for prepared in ready]
        if len(ready) > 1:
            stack.endMacro()
        if problems:
            self.show_problem(" ".join(self._file_problem(p) for p in problems))
        elif all(added):
            self.show_status("")

    def _file_problem(self, exc: errors.FileProblemError) -> str:
        text = self.tr("“{name}” {problem}.").format(name=exc.path.name, problem=exc.problem)
        try:
            too_big = exc.path.is_file() and exc.path.stat().st_size > evidence.MAX_BYTES
        except OSError:
            too_big = False
        if too_big:
            text += " " + self.tr("Attach an excerpt, or add a link to where it is kept.")
        return text

    def _worker_failed(self, error: BaseException) -> None:
        self.show_problem(describe(error))

    # Editing the list ----------------------------------------------------------------------

    def move_current(self, delta: int) -> None:
        row = current_row(self.view)
        if row >= 0 and 0 <= row + delta < self.model.rowCount():
            self._move_requested(self.model.row_at(row).id, row + delta)

    def delete_current(self) -> None:
        row = current_row(self.view)
        if row < 0:
            return
        self.context.undo_stack.push(RemoveEvidenceCommand(self.model, self.model.row_at(row).id))
        select_row(self.view, min(row, self.model.rowCount() - 1))

    def _move_requested(self, row_id: str, index: int) -> None:
        self.context.undo_stack.push(MoveEvidenceCommand(self.model, row_id, index))
        select_row(self.view, self.model.row_of(row_id))

    def _caption_edited(self, row_id: str, caption: str) -> None:
        row = self.model.find(row_id)
        if row is not None and row.caption != caption:
            self.context.undo_stack.push(EditCaptionCommand(self.model, row_id, caption))

    def _rows_changed(self, top: QModelIndex, bottom: QModelIndex, *_: object) -> None:
        # A thumbnail arriving for another row must not redraw the preview of this one.
        if top.row() <= self.view.currentIndex().row() <= bottom.row():
            self.refresh_preview()

    def refresh_preview(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            # With nothing to select, the list's own empty state says what to do.
            self.preview.show_row(None, None, "", hint=self.model.rowCount() > 0)
            return
        row = self.model.row_at(index.row())
        meta = self.view.itemDelegate().meta(index)  # type: ignore[attr-defined]
        self.preview.show_row(row, self.model.media(row.id), meta)

    # Messages ------------------------------------------------------------------------------

    def show_status(self, text: str) -> None:
        set_role(self.status, "muted")
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def show_problem(self, text: str) -> None:
        set_role(self.status, "error")
        self.status.setText(f"⚠  {text}")
        self.status.setVisible(bool(text))

    def _clear_invalid(self, line: QLineEdit) -> None:
        if line.property("invalid") == "true":
            set_role(line, "false", "invalid")
        if self.status.property("role") == "error":
            self.show_status("")
