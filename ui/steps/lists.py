"""The *went-well*, *went-poorly* and *lucky* steps: one fast-capture page, three lists."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtWidgets import QWidget

from ui.models.list_items import ListItemsModel
from ui.steps.base import PageContext, StepPage
from ui.widgets.capture_list import CaptureList
from ui.widgets.language_highlighter import LanguageDisplay
from ui.widgets.language_watch import watch_language


class ListCapturePage(StepPage):
    """Type, Enter adds, keep typing. Subclasses name the list and what to write in it."""

    list_name: ClassVar[str]
    title: ClassVar[str]
    hint: ClassVar[str]
    placeholder: ClassVar[str]
    empty_text: ClassVar[str]

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.add_hint(self.tr(self.hint))
        self.model = ListItemsModel(
            context.store, context.document.session_id, self.list_name, self
        )
        self.model.saved.connect(context.document.saved)
        self.model.failed.connect(context.document.save_failed)
        self.capture = CaptureList(
            self.model,
            context.undo_stack,
            placeholder=self.tr(self.placeholder),
            empty_text=self.tr(self.empty_text),
            language=LanguageDisplay.of(context.settings),
            parent=self,
        )
        self.capture.view.setAccessibleName(self.tr(self.title))
        self.body.addWidget(self.capture, 1)
        watch_language(self, context.settings)  # every free-text field on the page

    def focus_main_input(self) -> None:
        self.capture.focus_field()


class WentWellPage(ListCapturePage):
    step_id = "went-well"
    list_name = "went_well"
    title = "What went well"
    hint = "What helped us detect, understand or fix this faster? Keep it for next time."
    placeholder = "Something that went well — press Enter to add it"
    empty_text = (
        "Nothing yet. Type above and press Enter; each line is one item.\n"
        "For example: “The alert fired within a minute of the first errors.”"
    )


class WentPoorlyPage(ListCapturePage):
    step_id = "went-poorly"
    list_name = "went_poorly"
    title = "What went poorly"
    hint = (
        "Describe gaps in systems and processes, not people: "
        "“the deploy tool allowed…”, not “someone forgot…”."
    )
    placeholder = "A gap in our systems or processes — press Enter to add it"
    empty_text = (
        "Nothing yet. Type above and press Enter; each line is one item.\n"
        "For example: “The runbook did not cover a full connection pool.”"
    )


class LuckyPage(ListCapturePage):
    step_id = "lucky"
    list_name = "lucky"
    title = "Where we got lucky"
    hint = "What made this less bad than it could have been, by chance rather than design?"
    placeholder = "Where luck helped us — press Enter to add it"
    empty_text = (
        "Nothing yet. Type above and press Enter; each line is one item.\n"
        "For example: “It happened during office hours, with the database expert online.”"
    )
