"""Small pieces of the Import dialog: labels in a style role, the placeholder shown instead
of the table (a read under way, or why nothing was read), the busy indicator."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from ui.style import set_role


def label(parent: QWidget, name: str = "", role: str = "muted", *, wrap: bool = True) -> QLabel:
    """A plain-text label (it may quote the file: no rich text) in a style role."""
    made = QLabel(parent)
    if name:
        made.setObjectName(name)
    made.setWordWrap(wrap)
    made.setTextFormat(Qt.TextFormat.PlainText)
    set_role(made, role)
    return made


class Placeholder(QWidget):
    """Centred words where the table would be: what is being read, or what went wrong."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setSpacing(10)
        column.addStretch(1)
        self.problem = label(self, "importProblem")
        self.hint = label(self)
        for text in (self.problem, self.hint):
            text.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column.addWidget(text)
        column.addStretch(2)

    def show_working(self, text: str) -> None:
        set_role(self.problem, "muted")
        self.problem.setText(text)
        self.hint.clear()

    def show_problem(self, problem: str, hint: str) -> None:
        set_role(self.problem, "error")
        self.problem.setText("✕ " + problem)
        self.hint.setText(hint)


class BusyIndicator(QWidget):
    """An indeterminate bar and what is being done ("Reading chat.txt…"), hidden when idle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(12)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # a read has no known length: an indeterminate bar
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(140)
        self.bar.setAccessibleName(self.tr("Working"))
        row.addWidget(self.bar)
        self.label = label(self, wrap=False)
        row.addWidget(self.label, 1)
        self.idle()

    def working(self, text: str) -> None:
        self.label.setText(text)
        self.bar.show()

    def idle(self) -> None:
        self.label.clear()
        self.bar.hide()


class Summary(QWidget):
    """The core's `summary_lines` under the table, calm: what will be added in the body
    colour, how the file was read and what was skipped in muted type, and the first lines
    that cannot be read as warnings (the Status column and the Show filter list them all)."""

    SHOWN_PROBLEMS = 3

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importSummary")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        self.headline = label(self, "importHeadline", "")
        self.details = label(self, "importDetails")
        self.problems = label(self, "importProblems", "warning")
        for part in (self.headline, self.details, self.problems):
            part.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            column.addWidget(part)

    def show_lines(self, lines: list[str], unreadable: int) -> None:
        # The core's line on the zone and day that times were read in is left out: the
        # pickers above show it. Indented lines name lines that cannot be read.
        sentences = [line for line in lines if not line.startswith(("  ", "Times without"))]
        headline = [line for line in sentences if line.startswith(("Will add", "Added"))]
        problems = [line.strip() for line in lines if line.startswith("  ")]
        problems = [p[:1].upper() + p[1:] for p in problems[: self.SHOWN_PROBLEMS]]
        if unreadable > len(problems):
            more = self.tr("… and {n} more: Show › Lines that cannot be read.")
            problems.append(more.format(n=f"{unreadable - len(problems):,}"))
        self.headline.setText(" ".join(headline))
        self.details.setText(" ".join(line for line in sentences if line not in headline))
        self.problems.setText("\n".join(problems))
        for part in (self.headline, self.details, self.problems):
            part.setVisible(bool(part.text()))

    def clear(self) -> None:
        self.show_lines([], 0)

    def text(self) -> str:
        """Everything it says, one part a line (for tests and screen readers)."""
        parts = (self.headline, self.details, self.problems)
        return "\n".join(part.text() for part in parts if part.text())
