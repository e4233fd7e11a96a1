"""The *timeline* step: what happened, in time order, typed fast or pasted from a chat log.

The quick-add field is the page's main input: `14:18 Alert fired`, Enter adds and the field
stays ready. The table below keeps time order (an edited time re-sorts its row and the
selection follows), marks key events, links evidence and shows long silences as gap rows.
Every edit is an undo command calling `facilitator.timeline`; nothing waits for a Save.
A large timeline is read in a worker after each change (`TimelineModel.loading`): the table
stays as it was meanwhile (or says it is loading, when it had nothing to show yet), and what
should be selected then is selected once the rows are there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from facilitator import evidence, timeline
from facilitator.timeline import EntryChanges, EntryDraft, ParsedPaste
from ui.actions import BY_ID, key_sequences
from ui.commands.timeline import AddEntriesCommand, EditEntryCommand, RemoveEntriesCommand
from ui.models.timeline import CLOCK_FIELDS, TimelineModel, clock_of
from ui.session.presentation import facilitator_only
from ui.steps.base import PageContext, StepPage
from ui.style import set_role
from ui.timeline_import.files import FileDrops
from ui.widgets.language_watch import watch_language
from ui.widgets.paste_lines import PasteLinesDialog, describe_joined, describe_problems
from ui.widgets.timeline_delegate import fill_kinds
from ui.widgets.timeline_table import TimelineTable


class TimelinePage(StepPage):
    """Type or paste entries; edit them in a table that keeps time order."""

    step_id = "timeline"
    reads_when_built = True

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.doc = context.document
        self.stack = context.undo_stack
        self._build_hint_row()
        timezone, day = clock_of(self.doc)
        self.model = TimelineModel(
            context.store, self.doc.session_id, timezone, day, self, workers=context.workers
        )
        self.model.editor = self._edit
        self.model.problem_changed.connect(self._time_problem)
        self.model.loading_changed.connect(self._loading_changed)
        self._when_loaded: list[Callable[[], object]] = []
        self._build_quick_add()
        self.feedback = QLabel(self)
        self.feedback.setObjectName("timelineFeedback")
        self.feedback.setWordWrap(True)
        self.feedback.setTextFormat(Qt.TextFormat.PlainText)  # it quotes pasted lines
        self.feedback.hide()
        self.body.addWidget(self.feedback)
        self.table = TimelineTable(self.model, self)
        self.table.star_requested.connect(self.toggle_key)
        self.table.delete_requested.connect(self.delete_selected)
        self.table.paste_requested.connect(self.paste_clipboard)
        self.empty = self._build_empty_state()
        self.loading = QLabel(self)
        self.loading.setObjectName("timelineLoading")
        self.loading.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        set_role(self.loading, "muted")
        self.views = QStackedWidget(self)
        self.views.addWidget(self.empty)
        self.views.addWidget(self.loading)
        self.views.addWidget(self.table)
        self.body.addWidget(self.views, 1)
        paste_dialog = QShortcut(QKeySequence("Ctrl+Shift+V"), self)
        paste_dialog.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        paste_dialog.activated.connect(self.paste_dialog)
        import_file = QShortcut(key_sequences(BY_ID["timeline_import"])[0], self)
        import_file.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        import_file.activated.connect(self.import_file)
        FileDrops(self).dropped.connect(self.import_file)  # a file dropped on the page
        self.doc.field_changed.connect(self._field_changed)
        self._update_hint()
        watch_language(self, context.settings)  # every free-text field on the page
        # The entries in a turn of their own when the window builds the page ahead.
        self.later(self.entered)

    def _build_hint_row(self) -> None:
        row = QHBoxLayout()
        row.setSpacing(16)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        set_role(self.hint, "muted")
        row.addWidget(self.hint, 1)
        self.paste_button = QPushButton(self.tr("Paste lines…"), self)
        self.paste_button.setToolTip(
            self.tr("Add several “HH:MM text” lines at once (Ctrl+Shift+V)")
        )
        set_role(self.paste_button, "true", "flat")
        self.paste_button.clicked.connect(self.paste_dialog)
        row.addWidget(facilitator_only(self.paste_button))  # preparation, not the room's
        self.import_button = QPushButton(self.tr("Import…"), self)
        self.import_button.setToolTip(
            self.tr("Entries from a CSV, JSON, chat log, Slack or alert export (Ctrl+I)")
        )
        set_role(self.import_button, "true", "flat")
        self.import_button.clicked.connect(lambda: self.import_file())
        row.addWidget(facilitator_only(self.import_button))  # preparation, not the room's
        self.body.addLayout(row)

    def _build_quick_add(self) -> None:
        row = QHBoxLayout()
        row.setSpacing(10)
        self.quick_add = QLineEdit(self)
        self.quick_add.setObjectName("quickAdd")
        self.quick_add.setPlaceholderText(
            self.tr("14:18 Alert fired   (a time, what happened, Enter)")
        )
        self.quick_add.setAccessibleName(self.tr("New timeline entry"))
        self._quick_add_tip = self.tr(
            "A time and what happened. 14:18 is on the incident's date; type +1d 00:12 "
            "for the next day, or a full date: 2026-03-04 14:18."
        )
        self.quick_add.setToolTip(self._quick_add_tip)
        self.quick_add.returnPressed.connect(self.add_typed)
        self.quick_add.textEdited.connect(lambda _text: self._mark_quick_add(None))
        self.quick_add.installEventFilter(self)
        row.addWidget(self.quick_add, 1)
        self.kind = QComboBox(self)
        self.kind.setObjectName("quickAddKind")
        self.kind.setAccessibleName(self.tr("Kind of the new entry"))
        self.kind.setToolTip(self.tr("The kind of the entries you add"))
        fill_kinds(self.kind)
        self.kind.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.kind.setMinimumContentsLength(12)
        row.addWidget(self.kind)
        self.add_button = QPushButton(self.tr("Add"), self)
        set_role(self.add_button, "true", "primary")
        self.add_button.clicked.connect(self.add_typed)
        row.addWidget(self.add_button)
        self.body.addLayout(row)

    def _build_empty_state(self) -> QWidget:
        empty = QWidget(self)
        empty.setObjectName("emptyState")
        column = QVBoxLayout(empty)
        column.setContentsMargins(0, 40, 0, 0)
        column.setSpacing(12)
        title = QLabel(self.tr("No entries yet"), empty)
        set_role(title, "h2")
        column.addWidget(title)
        for text in (
            self.tr(
                "Type a time and what happened in the field above — 14:18 Alert fired — and "
                "press Enter. The field stays ready for the next one."
            ),
            self.tr(
                "Have a chat log or your notes? Paste them: every line that starts with a "
                "time becomes an entry (Ctrl+V here, or Paste lines… to check them first)."
            ),
            self.tr(
                "Or import a whole file — a CSV, a JSON, a chat log, a Slack or alert export: "
                "Import… (Ctrl+I), or drop it here. You see every entry before it is added."
            ),
            self.tr("Space marks a key event, Delete removes, and Ctrl+Z undoes anything."),
        ):
            label = QLabel(text, empty)
            label.setWordWrap(True)
            set_role(label, "muted")
            column.addWidget(label)
        column.addStretch(1)
        return empty

    # The page ------------------------------------------------------------------------------

    def focus_main_input(self) -> None:
        self.quick_add.setFocus()

    def entered(self) -> None:
        self._load_attachments()
        self.reload()

    def reload(self) -> None:
        """Show the saved timeline (after an edit, an undo, or another step's changes)."""
        self.model.reload()
        self._show_view()

    def _show_view(self) -> None:
        if self.model.rows:
            self.views.setCurrentWidget(self.table)
        elif self.model.loading:
            text = self.tr("Loading {n} entries…").format(n=f"{self.model.expected:,}")
            self.loading.setText(text)
            self.views.setCurrentWidget(self.loading)
        else:
            self.views.setCurrentWidget(self.empty)

    def _loading_changed(self, loading: bool) -> None:
        self._show_view()
        if not loading:
            done, self._when_loaded = self._when_loaded, []
            for then in done:
                then()

    def when_loaded(self, then: Callable[[], object]) -> None:
        """Call `then` once the table shows the saved timeline: now, or when the worker
        reading a large one is done."""
        if self.model.loading:
            self._when_loaded.append(then)
        else:
            then()

    def select_ids(self, ids: list[str]) -> None:
        """Select these entries once they are shown (many a slice at a time)."""
        self.when_loaded(lambda: self.table.select_ids_soon(ids, self.select_ids))

    def _load_attachments(self) -> None:
        found = evidence.load_attachments(self.context.store, self.doc.session_id, with_data=False)
        self.model.set_attachments({a.id: a.name for a in found})

    def _field_changed(self, field: str, _value: Any) -> None:
        if field in CLOCK_FIELDS:
            self.model.set_clock(*clock_of(self.doc))
            self._update_hint()

    def _update_hint(self) -> None:
        timezone, day = clock_of(self.doc)
        self.hint.setText(
            self.tr("Times are in {zone}; 14:18 means that time on {day}.").format(
                zone=timezone, day=day.strftime("%a %d %b %Y")
            )
        )

    # Adding --------------------------------------------------------------------------------

    def parse(self, text: str) -> ParsedPaste:
        timezone, day = clock_of(self.doc)
        return timeline.parse_pasted_lines(text, timezone=timezone, reference_date=day)

    def add_typed(self) -> None:
        """The quick-add field: one line becomes one entry, and the field is ready again."""
        text = self.quick_add.text().strip()
        if not text:
            return
        parsed = self.parse(text)
        if parsed.problems or not parsed.drafts:
            problem = parsed.problems[0].problem if parsed.problems else ""
            self._mark_quick_add(problem[:1].upper() + problem[1:] + ".")
            return
        kind = self.kind.currentData()
        if self._add([replace(draft, kind=kind) for draft in parsed.drafts]):
            self.quick_add.clear()
            self._show_feedback("")
        self.quick_add.setFocus()

    def add_lines(self, text: str) -> None:
        """Pasted lines: the readable ones become entries in one undo step; the others are
        listed with their line numbers."""
        parsed = self.parse(text)
        if not parsed.drafts and not parsed.problems:
            return
        messages = []
        if parsed.drafts and self._add(list(parsed.drafts)):
            count = len(parsed.drafts)
            added = self.tr("Added 1 entry") if count == 1 else self.tr("Added {n} entries")
            added = added.format(n=count)
            if joined := describe_joined(parsed.joined, self.tr):
                added += f" ({joined})"  # not silently: the count alone hides those lines
            messages.append(added + ". " + self.tr("Ctrl+Z takes them back."))
        if parsed.problems:
            messages.append(self.tr("Not added:"))
            messages.append(describe_problems(parsed.problems, self.tr))
        self._show_feedback("\n".join(messages), warning=bool(parsed.problems))

    def paste_clipboard(self) -> None:
        self.add_lines(QGuiApplication.clipboard().text())

    def paste_dialog(self) -> None:
        clipboard = QGuiApplication.clipboard().text()
        text = PasteLinesDialog.ask(self, self.parse, clipboard if "\n" in clipboard else "")
        if text is not None:
            self.add_lines(text)

    def import_file(self, path: Path | None = None) -> None:
        """Import…: entries from a file, previewed first, added as one undo step."""
        from ui.timeline_import.dialog import TimelineImportDialog  # loads the importer

        ids = TimelineImportDialog.ask(self, self.context, path, changed=self.reload)
        if ids:
            self.imported(ids)

    def imported(self, ids: list[str]) -> None:
        """Entries were imported: select them (once shown) and say how many."""
        self.select_ids(ids)
        count = len(ids)
        added = self.tr("Imported 1 entry.") if count == 1 else self.tr("Imported {n} entries.")
        self._show_feedback(added.format(n=f"{count:,}") + " " + self.tr("Ctrl+Z takes them back."))

    def _add(self, drafts: list[EntryDraft]) -> bool:
        command = AddEntriesCommand(self.doc, drafts, self.reload)
        self.stack.push(command)
        if not command.ids:
            return False  # the save failed; the status bar says why, the text stays
        self.select_ids(command.ids)
        return True

    # Editing -------------------------------------------------------------------------------

    def _edit(self, entry_id: str, changes: EntryChanges) -> None:
        self.stack.push(EditEntryCommand(self.doc, entry_id, changes, self.reload))
        # A new time may have moved the row.
        self.when_loaded(lambda: self.table.scrollTo(self.table.currentIndex()))

    def toggle_key(self) -> None:
        """Space: mark the selected entries as key events, or unmark them if all are."""
        ids = set(self.table.selected_ids())
        rows = [e for e in self.model.entries() if e.id in ids]
        if not rows:
            return
        key = not all(e.key for e in rows)
        self.stack.beginMacro(self.tr("mark key events") if key else self.tr("unmark key events"))
        for entry in rows:
            if entry.key != key:
                self.stack.push(EditEntryCommand(self.doc, entry.id, {"key": key}, self.reload))
        self.stack.endMacro()

    def delete_selected(self) -> None:
        ids = self.table.selected_ids()
        if not ids:
            return
        first = min(self.model.row_of(i) for i in ids)
        self.stack.push(RemoveEntriesCommand(self.doc, ids, self.reload))
        # Select what now sits where the first deleted entry was, so Delete can repeat.
        self.when_loaded(lambda: self._select_from(first))
        self._show_feedback(
            self.tr("Deleted 1 entry. Ctrl+Z puts it back.")
            if len(ids) == 1
            else self.tr("Deleted {n} entries. Ctrl+Z puts them back.").format(n=len(ids))
        )

    def _select_from(self, first: int) -> None:
        """Select the first entry at row `first` or below (else the last entry)."""
        rows = self.model.rows
        after = next(
            (self.model.entry(r) for r in range(first, len(rows)) if self.model.entry(r)), None
        )
        entries = self.model.entries()
        chosen = after or (entries[-1] if entries else None)
        self.table.select_ids([chosen.id] if chosen is not None else [])

    # Messages ------------------------------------------------------------------------------

    def _time_problem(self, message: str) -> None:
        self._show_feedback(
            self.tr("✕ Time not changed: {problem}").format(problem=message) if message else "",
            error=True,
        )

    def _mark_quick_add(self, message: str | None) -> None:
        was_invalid = self.quick_add.property("invalid") == "true"
        if message is None and not was_invalid:
            return  # typing in a valid field: nothing to restyle
        set_role(self.quick_add, "false" if message is None else "true", "invalid")
        self.quick_add.setToolTip(message or self._quick_add_tip)
        if message is not None:
            self._show_feedback("✕ " + message, error=True)
        elif self.feedback.property("role") == "error":
            self._show_feedback("")

    def _show_feedback(self, text: str, *, warning: bool = False, error: bool = False) -> None:
        set_role(self.feedback, "error" if error else "warning" if warning else "muted")
        self.feedback.setText(text)
        self.feedback.setVisible(bool(text))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            fill_kinds(self.kind)  # the glyphs follow the theme's colours and the type size

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Pasting several lines into the one-line field adds them all, as on the table.
        if (
            watched is self.quick_add
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.matches(QKeySequence.StandardKey.Paste)
            and "\n" in QGuiApplication.clipboard().text().strip()
        ):
            self.paste_clipboard()
            return True
        return super().eventFilter(watched, event)
