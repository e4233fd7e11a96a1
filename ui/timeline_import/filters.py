"""The row above the Import preview that decides what is shown and what is chosen: filters
by kind and by author (bots apart), folding chat bursts, select all / none."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from ui.models.import_preview import ImportPreviewModel
from ui.style import is_dark, kind_look, set_role
from ui.timeline_import.choice import BOTS, DUPLICATES, PEOPLE, UNREADABLE
from ui.widgets.timeline_delegate import kind_icon

_SHOWN_AUTHORS = 40  # a log with hundreds of names offers the busiest; the rest via "Everyone"


class PreviewFilters(QWidget):
    """Kind and author filters, the fold checkbox, and select all / none of what is shown."""

    fold_changed = Signal(bool)

    def __init__(self, model: ImportPreviewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(12)
        show = QLabel(self.tr("Show"), self)
        set_role(show, "muted")
        row.addWidget(show)
        self.kind = QComboBox(self)
        self.kind.setObjectName("importKindFilter")
        self.kind.setAccessibleName(self.tr("Show rows of one kind"))
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        row.addWidget(self.kind)
        self.author = QComboBox(self)
        self.author.setObjectName("importAuthorFilter")
        self.author.setAccessibleName(self.tr("Show rows from one author"))
        self.author.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        row.addWidget(self.author)
        row.addSpacing(16)
        self.fold = QCheckBox(self.tr("Fold bot messages and bursts from one person"), self)
        self.fold.setObjectName("importFold")
        self.fold.toggled.connect(self.fold_changed)
        row.addWidget(self.fold)
        row.addStretch(1)
        self.select_all = QPushButton(self.tr("Select all"), self)
        self.select_all.setToolTip(self.tr("Import every row shown that can be imported"))
        self.select_none = QPushButton(self.tr("Select none"), self)
        self.select_none.setToolTip(self.tr("Leave out every row shown"))
        for button in (self.select_all, self.select_none):
            set_role(button, "true", "flat")
            row.addWidget(button)
        self.select_all.clicked.connect(lambda: self.model.set_all(True))
        self.select_none.clicked.connect(lambda: self.model.set_all(False))
        self.kind.activated.connect(self._apply)
        self.author.activated.connect(self._apply)
        self.refill()

    def refill(self, format: str = "") -> None:
        """After a read: the kinds and authors this preview has, keeping what was chosen
        where it still exists. Folding only means something for chat messages."""
        kind, author = self.kind.currentData(), self.author.currentData()
        dark = is_dark(self.palette())
        side = self.fontMetrics().height()
        self.kind.setIconSize(QSize(side, side))
        self.kind.clear()
        self.kind.addItem(self.tr("All kinds"), None)
        for name, count in self.model.choice.kind_counts().items():
            label = f"{kind_look(name).label} ({count:,})"
            self.kind.addItem(kind_icon(name, self.font(), dark=dark), label, name)
        duplicates, unreadable = self.model.choice.duplicates, self.model.choice.unreadable
        if duplicates:
            label = self.tr("Duplicates, skipped ({n})").format(n=f"{duplicates:,}")
            self.kind.addItem(label, DUPLICATES)
        if unreadable:
            label = self.tr("Lines that cannot be read ({n})").format(n=f"{unreadable:,}")
            self.kind.addItem(label, UNREADABLE)
        self.author.clear()
        self.author.addItem(self.tr("Everyone"), None)
        if self.model.choice.bots:
            self.author.addItem(self.tr("People, not bots"), PEOPLE)
            self.author.addItem(self.tr("Bots only"), BOTS)
        authors = list(self.model.choice.author_counts().items())[:_SHOWN_AUTHORS]
        for name, count in authors:
            self.author.addItem(f"{name} ({count:,})", name)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.author.setCurrentIndex(max(0, self.author.findData(author)))
        self.author.setEnabled(self.author.count() > 1)
        chat = format in ("chat", "slack")
        self.fold.setEnabled(chat or self.fold.isChecked())
        self.fold.setToolTip(
            self.tr(
                "One entry for messages of one person within a minute (a bot: ten minutes), "
                "of the same kind"
            )
            if chat
            else self.tr("Only chat logs and Slack exports have messages to fold")
        )
        self._apply()

    def _apply(self, _index: int = 0) -> None:
        self.model.set_filters(self.kind.currentData(), self.author.currentData())
