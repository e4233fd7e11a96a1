"""Paste lines…: a chat log or notes, checked line by line before they become entries."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.timeline import LineProblem, ParsedPaste
from ui.style import set_role


def describe_problems(problems: tuple[LineProblem, ...], tr: Callable[[str], str]) -> str:
    """One line per problem, with its line number, for a label."""
    return "\n".join(
        tr("Line {n}: {problem} — “{text}”").format(
            n=p.line, problem=p.problem, text=p.text.strip()[:80]
        )
        for p in problems
    )


def describe_joined(joined: tuple[int, ...], tr: Callable[[str], str]) -> str:
    """What became of the lines without a time (`ParsedPaste.joined`), as a clause: they
    make no entry of their own, and a count of entries alone would hide them."""
    if not joined:
        return ""
    if len(joined) == 1:
        return tr("line {n} has no time and is joined to the entry above").format(n=joined[0])
    shown = ", ".join(str(n) for n in joined[:5]) + (", …" if len(joined) > 5 else "")
    return tr("lines {lines} have no time and are each joined to the entry above").format(
        lines=shown
    )


class PasteLinesDialog(QDialog):
    """Shows how the pasted text reads as it is edited; `ask` returns the text to add."""

    def __init__(
        self, parse: Callable[[str], ParsedPaste], text: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Paste lines"))
        self.resize(720, 520)
        self._parse = parse
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        title = QLabel(self.tr("Paste lines"), self)
        set_role(title, "h2")
        layout.addWidget(title)
        hint = QLabel(
            self.tr(
                "One entry per line, each starting with a time: 14:18 Alert fired, "
                "[14:20] …, - 14:22 - …. A line without a time continues the one above."
            ),
            self,
        )
        hint.setWordWrap(True)
        set_role(hint, "muted")
        layout.addWidget(hint)
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("pasteLines")
        self.editor.setPlaceholderText("14:18 Alert fired\n14:21 On-call acknowledged")
        self.editor.setPlainText(text)
        self.editor.setTabChangesFocus(True)
        layout.addWidget(self.editor, 1)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.problems = QLabel(self)
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)  # it quotes pasted lines
        set_role(self.problems, "warning")
        layout.addWidget(self.problems)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.add_button = QPushButton(self)
        set_role(self.add_button, "true", "primary")
        self.add_button.setDefault(True)
        buttons.addButton(self.add_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # Re-read shortly after typing stops: a long log need not be parsed per keystroke.
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.preview)
        self.editor.textChanged.connect(self._timer.start)
        self.preview()

    def preview(self) -> None:
        parsed = self._parse(self.editor.toPlainText())
        count = len(parsed.drafts)
        self.add_button.setEnabled(count > 0)
        self.add_button.setText(
            self.tr("Add 1 entry") if count == 1 else self.tr("Add {n} entries").format(n=count)
        )
        joined = describe_joined(parsed.joined, self.tr)
        lines = [joined[:1].upper() + joined[1:] + "."] if joined and count else []
        if not parsed.problems:
            if count and not joined:
                lines.append(self.tr("Every line reads well."))
        else:
            bad = len(parsed.problems)
            lines.append(
                self.tr("⚠ 1 line cannot be read and will be left out:")
                if bad == 1
                else self.tr("⚠ {n} lines cannot be read and will be left out:").format(n=bad)
            )
        self.summary.setText("\n".join(lines))
        self.problems.setText(describe_problems(parsed.problems, self.tr))
        self.problems.setVisible(bool(parsed.problems))

    @classmethod
    def ask(
        cls, parent: QWidget | None, parse: Callable[[str], ParsedPaste], text: str = ""
    ) -> str | None:
        """The text to add, or None when the facilitator cancelled."""
        dialog = cls(parse, text, parent)
        dialog.editor.setFocus()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.editor.toPlainText()
