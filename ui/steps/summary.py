"""The *summary* step: the executive summary with a live sentence count, and the impact."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QPlainTextEdit, QWidget

from facilitator.summary import SUMMARY_SENTENCES, count_sentences, summary_hint
from ui.binding import TextBinding
from ui.steps.base import PageContext, StepPage
from ui.style import set_role
from ui.widgets.language_watch import watch_language

IMPACT = {
    "impact_customers": "Customers",
    "impact_revenue": "Revenue",
    "impact_reputation": "Reputation",
    "impact_internal": "Internal",
}


class SummaryPage(StepPage):
    """What a stakeholder reads first: 2–3 sentences, then who and what was affected."""

    step_id = "summary"

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        low, high = SUMMARY_SENTENCES
        self.add_hint(
            self.tr(
                "{low}–{high} sentences: what happened, the impact, and what we are changing."
            ).format(low=low, high=high)
        )
        self.summary = QPlainTextEdit(self)
        self.summary.setObjectName("summary")
        self.summary.setPlaceholderText(self.tr("On 3 May, checkout failed for 40 minutes…"))
        self.summary.setTabChangesFocus(True)
        self.body.addWidget(self.summary, 2)
        TextBinding(self.summary, context.document, context.undo_stack, "summary")
        watch_language(self.summary, context.settings)
        self.count = QLabel(self)
        self.body.addWidget(self.count)
        self.summary.textChanged.connect(self._count)
        self._count()

        heading = QLabel(self.tr("Impact"), self)
        set_role(heading, "h3")
        self.body.addWidget(heading)
        grid = QGridLayout()
        grid.setHorizontalSpacing(20)
        grid.setVerticalSpacing(4)
        self.impact: dict[str, QPlainTextEdit] = {}
        for i, (field, name) in enumerate(IMPACT.items()):
            row, column = divmod(i, 2)
            label = QLabel(self.tr(name), self)
            set_role(label, "small")
            grid.addWidget(label, row * 2, column)
            edit = QPlainTextEdit(self)
            edit.setObjectName(field)
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(70)
            grid.addWidget(edit, row * 2 + 1, column)
            TextBinding(edit, context.document, context.undo_stack, field)
            watch_language(edit, context.settings)
            self.impact[field] = edit
        self.body.addLayout(grid, 3)

    def focus_main_input(self) -> None:
        self.summary.setFocus()

    def _count(self) -> None:
        text = self.summary.toPlainText()
        hint = summary_hint(text)
        count = count_sentences(text)
        if hint:
            self.count.setText("⚠ " + self.tr(hint))
            set_role(self.count, "warning")
        else:
            words = self.tr("1 sentence") if count == 1 else self.tr("{n} sentences")
            self.count.setText(words.format(n=count))
            set_role(self.count, "small")
