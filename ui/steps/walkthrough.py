"""The *walkthrough* step: the timeline shown to the room one entry at a time, in large
type, with a notes field per entry for what the room adds.

Keys (chosen not to fight typing in the notes): ← and → move between entries while the
note is empty or the focus is elsewhere; Alt+← / Alt+→ and PgUp / PgDn always move; Home
and End go to the first and last entry when the note is empty. Notes save like every text
field (debounced, one undo step per stretch of typing) through `EditEntryNotesCommand`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from facilitator import evidence, metrics, timeline
from ui.binding import TextBinding
from ui.commands.timeline import EditEntryNotesCommand
from ui.models.entry_notes import EntryNotes
from ui.models.timeline import CLOCK_FIELDS, EntryRow, clock_of, show_time
from ui.session.presentation import facilitator_only
from ui.steps.base import PageContext, StepPage
from ui.style import is_dark, kind_look, set_role
from ui.widgets.entry_text import EntryText
from ui.widgets.language_watch import watch_language

_ALT = Qt.KeyboardModifier.AltModifier
_PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)


class WalkthroughPage(StepPage):
    """One entry at a time for the room; the notes field is the main input."""

    step_id = "walkthrough"
    reads_when_built = True

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.doc = context.document
        self.entries: list[EntryRow] = []
        self.attachments: dict[str, str] = {}  # id → name, for "Evidence: …"
        self.current = 0
        self._build_hint_row()
        self.views = QStackedWidget(self)
        self.views.addWidget(self._build_empty_state())
        self.card = self._build_card()
        self.views.addWidget(self.card)
        self.body.addWidget(self.views, 1)
        self.entry_notes = EntryNotes(self.doc, self)
        self.entry_notes.field_changed.connect(self._notes_changed)
        self.binding = TextBinding(
            self.notes, self.entry_notes, context.undo_stack, "", command=EditEntryNotesCommand
        )
        self.notes.installEventFilter(self)
        self.doc.field_changed.connect(self._field_changed)
        self._stack_index = context.undo_stack.index()
        context.undo_stack.indexChanged.connect(self._stack_moved)
        watch_language(self, context.settings)  # every free-text field on the page
        # The entries in a turn of their own when the window builds the page ahead.
        self.later(self.reload)

    # Building ------------------------------------------------------------------------------

    def _build_hint_row(self) -> None:
        row = QHBoxLayout()
        row.setSpacing(8)
        self.hint = QLabel(
            self.tr("← → move while the note is empty; Alt+← → or PgUp / PgDn always."), self
        )
        self.hint.setWordWrap(True)
        set_role(self.hint, "muted")
        facilitator_only(self.hint)  # the keys are for whoever drives, not for the room
        row.addWidget(self.hint, 100)
        # What the hint's room becomes while it is hidden (presenting): "‹ 6 of 7 ›" stays
        # together at the right instead of spreading over the row.
        row.addStretch(1)
        self.previous_button = self._nav_button("‹", self.tr("Previous entry (←, PgUp)"))
        self.previous_button.clicked.connect(self.previous_entry)
        self.position = QLabel(self)
        self.position.setObjectName("entryPosition")
        self.next_button = self._nav_button("›", self.tr("Next entry (→, PgDn)"))
        self.next_button.clicked.connect(self.next_entry)
        for widget in (self.previous_button, self.position, self.next_button):
            row.addWidget(widget)
        self.body.addLayout(row)

    def _build_empty_state(self) -> QWidget:
        empty = QWidget(self)
        empty.setObjectName("emptyState")
        column = QVBoxLayout(empty)
        column.setContentsMargins(0, 40, 0, 0)
        column.setSpacing(12)
        title = QLabel(self.tr("The timeline is empty"), empty)
        set_role(title, "h2")
        column.addWidget(title)
        text = QLabel(
            self.tr(
                "Add entries on the Timeline step, then walk the room through them here, "
                "one at a time, noting what the room adds."
            ),
            empty,
        )
        text.setWordWrap(True)
        set_role(text, "muted")
        column.addWidget(text)
        column.addStretch(1)
        return empty

    def _build_card(self) -> QWidget:
        card = QWidget(self)
        column = QVBoxLayout(card)
        column.setContentsMargins(0, 6, 0, 0)
        column.setSpacing(8)
        top = QHBoxLayout()
        top.setSpacing(20)
        self.time = QLabel(card)
        self.time.setObjectName("entryTime")
        self.kind = QLabel(card)
        self.kind.setObjectName("entryKind")
        self.kind.setTextFormat(Qt.TextFormat.RichText)
        self.key = QLabel(self.tr("★ Key event"), card)
        self.key.setObjectName("entryKey")
        set_role(self.key, "warning")
        self.gap = QLabel(card)
        self.gap.setObjectName("entryGap")
        set_role(self.gap, "muted")
        for widget in (self.time, self.kind, self.key):
            top.addWidget(widget, 0, Qt.AlignmentFlag.AlignBaseline)
        top.addStretch(1)
        top.addWidget(self.gap, 0, Qt.AlignmentFlag.AlignBaseline)
        column.addLayout(top)
        self.meta = QLabel(card)
        self.meta.setObjectName("entryMeta")
        self.meta.setWordWrap(True)
        self.meta.setTextFormat(Qt.TextFormat.PlainText)  # a source is the user's words
        set_role(self.meta, "muted")
        column.addWidget(self.meta)
        self.text = EntryText(card)
        self.text.setObjectName("entryText")
        self.text.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        column.addSpacing(4)
        column.addWidget(self.text, 3)
        label = QLabel(self.tr("Notes from the room"), card)
        set_role(label, "small")
        column.addWidget(label)
        self.notes = QPlainTextEdit(card)
        self.notes.setObjectName("entryNotes")
        self.notes.setTabChangesFocus(True)
        self.notes.setAccessibleName(self.tr("Notes for this entry"))
        column.addWidget(self.notes, 2)
        label.setBuddy(self.notes)
        return card

    def _nav_button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys do this; focus stays in notes
        set_role(button, "true", "flat")
        return button

    # The page ------------------------------------------------------------------------------

    def focus_main_input(self) -> None:
        self.notes.setFocus()
        self.notes.moveCursor(QTextCursor.MoveOperation.End)

    def entered(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read the entries again, staying on the same entry when it is still there."""
        current_id = self._current_id() or str(self.context.settings.value(self._setting, ""))
        loaded = timeline.load_entries(self.context.store, self.doc.session_id)
        self.entries = [EntryRow.of(e) for e in loaded]
        self.entry_notes.notes = {e.id: e.notes for e in self.entries}
        found = evidence.load_attachments(self.context.store, self.doc.session_id, with_data=False)
        self.attachments = {a.id: a.name for a in found}
        ids = [e.id for e in self.entries]
        index = ids.index(current_id) if current_id in ids else min(self.current, len(ids) - 1)
        self.views.setCurrentWidget(self.card if self.entries else self.views.widget(0))
        for widget in (self.hint, self.previous_button, self.position, self.next_button):
            widget.setVisible(bool(self.entries))  # nothing to move between yet
        self._show(max(index, 0))

    @property
    def _setting(self) -> str:
        return f"walkthrough/{self.doc.session_id}"

    def _current_id(self) -> str | None:
        return self.entries[self.current].id if 0 <= self.current < len(self.entries) else None

    def go_to(self, index: int) -> None:
        """Show another entry, after saving the note being typed (kept if that fails)."""
        if not self.entries:
            return
        self.binding.flush()
        if self.binding.dirty:
            return  # not saved: stay, the Saved indicator says why
        self._show(max(0, min(index, len(self.entries) - 1)))

    def next_entry(self) -> None:
        self.go_to(self.current + 1)

    def previous_entry(self) -> None:
        self.go_to(self.current - 1)

    def _show(self, index: int) -> None:
        self.current = index
        entry = self.entries[index] if 0 <= index < len(self.entries) else None
        self.notes.setEnabled(entry is not None)
        # One binding for every entry: its field is the shown entry's id (EntryNotes), so
        # bursts of typing merge per entry and never across two.
        self.binding.field = entry.id if entry else ""
        self.binding.refresh()
        if entry is None:
            return
        if self.context.settings.value(self._setting) != entry.id:
            # Only a move: each write is the whole settings file written again (a sync in
            # the next turn), and a reload shows the same entry again.
            self.context.settings.setValue(self._setting, entry.id)
        timezone, day = clock_of(self.doc)
        self.time.setText(show_time(entry.at, timezone, day))
        self.time.setToolTip(timeline.format_time(entry.at, timezone, with_date=True))
        self._show_kind(entry.kind)
        self.key.setVisible(entry.key)
        self.position.setText(
            self.tr("{n} of {total}").format(n=index + 1, total=len(self.entries))
        )
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index + 1 < len(self.entries))
        self.text.show_markdown(entry.text)
        self._show_meta(entry)
        gap = next((g for g in timeline.gaps(self.entries) if g.after == index - 1), None)
        duration = metrics.format_duration(gap.length) if gap else ""
        self.gap.setText(self.tr("{duration} since the previous entry").format(duration=duration))
        self.gap.setVisible(gap is not None)
        self.notes.setPlaceholderText(self._prompt(entry, duration))
        if self.notes.hasFocus():
            self.notes.moveCursor(QTextCursor.MoveOperation.End)

    def _show_kind(self, kind: str) -> None:
        look = kind_look(kind, dark=is_dark(self.palette()))
        self.kind.setText(
            f'<span style="color:{look.color}">{look.glyph}</span>&nbsp; {look.label}'
        )

    def _show_meta(self, entry: EntryRow) -> None:
        parts = []
        if entry.source:
            parts.append(self.tr("Source: {source}").format(source=entry.source))
        name = self.attachments.get(entry.attachment_id or "")
        if name:
            parts.append(self.tr("Evidence: {name}").format(name=name))
        self.meta.setText("   ·   ".join(parts))
        self.meta.setVisible(bool(parts))

    def _prompt(self, entry: EntryRow, gap: str) -> str:
        if gap:
            return self.tr("Why did this take {duration}? What was in the way?").format(
                duration=gap
            )
        if entry.kind in ("action", "decision", "mitigation", "escalation"):
            return self.tr("What made this make sense at the time?")
        return self.tr("What did we know at this point?")

    # Reactions -----------------------------------------------------------------------------

    def _notes_changed(self, entry_id: str, _value: object) -> None:
        # An undo or redo of a note on another entry: show that entry, so the room sees it.
        if entry_id != self._current_id():
            ids = [e.id for e in self.entries]
            if entry_id in ids:
                self._show(ids.index(entry_id))

    def _stack_moved(self, index: int) -> None:
        # An entry edited or undone from here (Ctrl+Z reaches the timeline's edits too) is
        # shown at once; the notes' own commands need no reload, EntryNotes has them.
        last, self._stack_index = self._stack_index, index
        if not self.isVisible():
            return  # entering the step reloads; and a closing window's stack is going away
        stack = self.context.undo_stack
        touched = [stack.command(i) for i in range(min(last, index), max(last, index))]
        if not all(isinstance(c, EditEntryNotesCommand) for c in touched):
            self.reload()

    def _field_changed(self, field: str, _value: Any) -> None:
        if field in CLOCK_FIELDS and self.entries:
            self._show(self.current)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.entries:
            self._show_kind(self.entries[self.current].kind)  # the kind's colour per theme

    # Keys ----------------------------------------------------------------------------------

    def _navigate(self, event: QKeyEvent, *, in_notes: bool) -> bool:
        key, mods = event.key(), event.modifiers()
        empty = not in_notes or not self.notes.toPlainText()
        moves = {
            Qt.Key.Key_Left: self.previous_entry,
            Qt.Key.Key_Right: self.next_entry,
        }
        if key in moves and (mods == _ALT or (mods in _PLAIN and empty)):
            moves[key]()
            return True
        if key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown) and mods in _PLAIN:
            (self.previous_entry if key == Qt.Key.Key_PageUp else self.next_entry)()
            return True
        if key in (Qt.Key.Key_Home, Qt.Key.Key_End) and mods in _PLAIN and empty:
            self.go_to(0 if key == Qt.Key.Key_Home else len(self.entries) - 1)
            return True
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._navigate(event, in_notes=False):
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.notes
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
        ):
            return self._navigate(event, in_notes=True)
        return super().eventFilter(watched, event)
