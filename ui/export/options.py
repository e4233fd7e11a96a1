"""The export choices: format, variant (full, pre-read, public) and paper, each explained in
one line, remembered in QSettings except the variant (chosen afresh for each audience)."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from facilitator.report.export import FORMATS, VARIANTS
from facilitator.report.paper import PAPERS, default_paper
from ui.style import set_role

FORMAT_KEY = "export/format"
PAPER_KEY = "export/paper"
FORMAT_NAMES = {
    "pdf": "PDF for stakeholders",
    "html": "Web page (one HTML file)",
    "md": "Markdown for a wiki",
    "json": "JSON to move the session",
}
VARIANT_NAMES = {"full": "Full write-up", "pre-read": "Pre-read", "public": "Public write-up"}
VARIANT_HINTS = {
    "full": "Everything: timeline, analysis, action items and the review.",
    "pre-read": "Agenda, opener, timeline and participants, to send 24–48 h before the meeting.",
    "public": "Names replaced by roles; no walkthrough notes, parking lot or internal items.",
}
PAPER_NAMES = {"A4": "A4", "letter": "Letter"}
WRITE_UPS = ("pdf", "html")  # the formats rendered from the write-up (variants, paper)
VARIANTED = (*WRITE_UPS, "md")  # Markdown has the variants too, but no paper


class ExportOptions(QWidget):
    """Three choices in a form; `changed` fires when what the preview shows may differ."""

    changed = Signal()  # the variant or the paper changed

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(8)
        # Each label above its field: beside it, presentation mode's large type in this
        # narrow column cut the labels ("Forma", "Versic").
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)

        self.format = QComboBox(self)
        self.format.setObjectName("exportFormat")
        for fmt in FORMATS:
            self.format.addItem(self.tr(FORMAT_NAMES[fmt]), fmt)
        self._select(self.format, str(settings.value(FORMAT_KEY, "pdf")))
        form.addRow(self.tr("Format"), self.format)

        self.variant = QComboBox(self)
        self.variant.setObjectName("exportVariant")
        for variant in VARIANTS:
            self.variant.addItem(self.tr(VARIANT_NAMES[variant]), variant)
        form.addRow(self.tr("Version"), self.variant)
        self.variant_hint = QLabel(self)
        self.variant_hint.setWordWrap(True)
        set_role(self.variant_hint, "small")
        form.addRow(self.variant_hint)  # the whole width: wrapped lines need the room

        self.paper = QComboBox(self)
        self.paper.setObjectName("exportPaper")
        for name in PAPERS:
            self.paper.addItem(self.tr(PAPER_NAMES[name]), name)
        self._select(self.paper, str(settings.value(PAPER_KEY, default_paper().name)))
        form.addRow(self.tr("Paper"), self.paper)

        self.format.currentIndexChanged.connect(self._format_changed)
        self.variant.currentIndexChanged.connect(self._variant_changed)
        self.paper.currentIndexChanged.connect(self._paper_changed)
        self._format_changed()

    @property
    def chosen_format(self) -> str:
        return str(self.format.currentData())

    @property
    def chosen_variant(self) -> str:
        """The variant the export gets: JSON holds the whole session."""
        return str(self.variant.currentData()) if self.chosen_format in VARIANTED else "full"

    @property
    def preview_variant(self) -> str:
        """The variant the preview shows (the one picked, whatever the format)."""
        return str(self.variant.currentData())

    @property
    def chosen_paper(self) -> str:
        return str(self.paper.currentData())

    def _format_changed(self) -> None:
        self._settings.setValue(FORMAT_KEY, self.chosen_format)
        self.variant.setEnabled(self.chosen_format in VARIANTED)
        self.paper.setEnabled(self.chosen_format in WRITE_UPS)
        self._variant_changed(emit=False)

    def _variant_changed(self, _index: int = 0, *, emit: bool = True) -> None:
        if self.chosen_format in VARIANTED:
            self.variant_hint.setText(self.tr(VARIANT_HINTS[self.preview_variant]))
        else:
            self.variant_hint.setText(self.tr("JSON always holds the whole session."))
        if emit:
            self.changed.emit()

    def _paper_changed(self) -> None:
        self._settings.setValue(PAPER_KEY, self.chosen_paper)
        self.changed.emit()

    @staticmethod
    def _select(combo: QComboBox, data: str) -> None:
        index = combo.findData(data)
        combo.setCurrentIndex(max(0, index))
