"""The preview table of the Import dialog: a kind's glyph in its colour beside its label (in
italics when it is a guess), outlined or filled stars, rows that cannot be imported dimmed;
a combo box to change a kind. Space checks or unchecks the selected rows, K stars them."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ui.models.import_preview import (
    INCLUDE,
    KEY,
    KIND,
    SOURCE,
    STATUS,
    TEXT,
    TIME,
    GuessedRole,
    ImportableRole,
    ImportPreviewModel,
    KeyRole,
)
from ui.style import is_dark, key_star_color, kind_look, palette_of
from ui.widgets.timeline_delegate import PAD, fill_kinds

Index = QModelIndex | QPersistentModelIndex
_MIDDLE = Qt.AlignmentFlag.AlignVCenter


class ImportDelegate(QStyledItemDelegate):
    """Draws kinds and stars as the timeline does; dims rows that will not be imported."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        colors = palette_of("dark" if is_dark(option.palette) else "light")
        if not index.data(ImportableRole):
            # Shown, so the user sees what was skipped and why, but quieter than the rest;
            # the status column says it in words.
            color = QColor(colors["danger" if index.column() == STATUS else "muted"])
            option.palette.setColor(QPalette.ColorRole.Text, color)
            if index.column() == INCLUDE:  # an empty, dimmed box: it cannot be checked
                option.state &= ~QStyle.StateFlag.State_Enabled
        if index.column() == TIME:
            option.font.setFeature(QFont.Tag("tnum"), 1)  # times line up (DESIGN §9)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        column = index.column()
        if column not in (KIND, KEY):
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # the background and the selection from the style, the content below
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        dark = is_dark(option.palette)
        painter.save()
        rect = option.rect.adjusted(PAD, 0, -PAD, 0)
        if not index.data(ImportableRole):
            painter.setOpacity(0.55)
        if column == KEY:
            key = bool(index.data(KeyRole))
            colors = palette_of("dark" if dark else "light")
            painter.setPen(QColor(key_star_color(dark=dark) if key else colors["muted"]))
            center = _MIDDLE | Qt.AlignmentFlag.AlignHCenter
            painter.drawText(rect, center, "★" if key else "☆")
        else:
            look = kind_look(str(index.data(Qt.ItemDataRole.EditRole)), dark=dark)
            painter.setPen(QColor(look.color))
            painter.drawText(rect, _MIDDLE, look.glyph)
            glyph_width = option.fontMetrics.horizontalAdvance("◉") + 8
            font = QFont(option.font)
            font.setItalic(bool(index.data(GuessedRole)))  # a guess reads as one
            painter.setFont(font)
            painter.setPen(opt.palette.color(QPalette.ColorRole.Text))
            label = look.label + ("?" if index.data(GuessedRole) else "")
            painter.drawText(rect.adjusted(glyph_width, 0, 0, 0), _MIDDLE, label)
        painter.restore()

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        if index.column() != KIND:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        fill_kinds(combo)
        combo.activated.connect(lambda _i, c=combo: self._commit_and_close(c))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        else:
            super().setModelData(editor, model, index)

    def _commit_and_close(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)


class ImportTable(QTableView):
    """The preview rows: whole rows selected; Space includes, K stars, a click on ★ stars."""

    def __init__(self, model: ImportPreviewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importPreview")
        self.setModel(model)
        self.preview = model
        self.setItemDelegate(ImportDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.setCornerButtonEnabled(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName(self.tr("Rows to import"))
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | _MIDDLE)
        header.setMinimumSectionSize(24)
        self.clicked.connect(self._clicked)
        self.size_columns()

    def size_columns(self) -> None:
        """Fixed columns from the font (no measuring of 100,000 rows); the text stretches."""
        metrics = self.fontMetrics()
        header = self.horizontalHeader()
        self.verticalHeader().setDefaultSectionSize(metrics.height() + 14)
        widths = {
            INCLUDE: metrics.height() + 2 * PAD + 8,
            TIME: metrics.horizontalAdvance("+1d 00:00:00") + 2 * PAD,
            KIND: metrics.horizontalAdvance("◉  Communication?") + 2 * PAD,
            SOURCE: metrics.horizontalAdvance("M") * 10 + 2 * PAD,
            KEY: metrics.horizontalAdvance("★") + 2 * PAD + 8,
            STATUS: metrics.horizontalAdvance("M") * 17 + 2 * PAD,
        }
        for column, width in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.setColumnWidth(column, width)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)

    def selected_rows(self) -> list[int]:
        return sorted(index.row() for index in self.selectionModel().selectedRows())

    def toggle_included(self) -> None:
        """Space: include the selected rows, or leave them all out if all are included."""
        rows = [r for r in self.selected_rows() if self.preview.importable_at(r)]
        self.preview.set_included(rows, not all(self.preview.included_at(r) for r in rows))

    def toggle_key(self) -> None:
        """K: star the selected rows, or unstar them if all are starred."""
        rows = [r for r in self.selected_rows() if self.preview.importable_at(r)]
        self.preview.set_key(rows, not all(self.preview.key_at(r) for r in rows))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if plain and event.key() == Qt.Key.Key_Space:
            self.toggle_included()
            return
        if plain and event.key() in (Qt.Key.Key_K, Qt.Key.Key_Asterisk):
            self.toggle_key()
            return
        super().keyPressEvent(event)

    def _clicked(self, index: QModelIndex) -> None:
        if index.column() == KEY:
            self.preview.set_key([index.row()], not index.data(KeyRole))
