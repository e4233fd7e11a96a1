"""How evidence looks: a row with a tile (the picture, or a label saying what it is), its name,
caption and kind; and the preview beside the list with the selected item larger."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QRect, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QPainter, QPalette, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ui.models.evidence import CaptionRole, EvidenceRow, KindRole, SizeRole
from ui.models.evidence_media import Media
from ui.models.rows import Index
from ui.style import set_role

PAD = 10
KIND_NAMES = {"image": "Image", "link": "Link", "note": "Note", "file": "File"}


def tile_side(option: QStyleOptionViewItem) -> int:
    """The tile grows with the type (presentation mode, zoom) so the row keeps its balance."""
    return max(56, min(110, round(option.fontMetrics.height() * 2.6)))


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def extension(name: str) -> str:
    suffix = name.rsplit(".", 1)[-1] if "." in name else ""
    return suffix.upper()[:4] if 0 < len(suffix) <= 5 else ""


class EvidenceDelegate(QStyledItemDelegate):
    """Tile, name, caption (F2 edits it) and a small line saying what kind of evidence it is."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        lines = option.fontMetrics.height() * 3 + 6
        return QSize(option.rect.width(), max(tile_side(option), lines) + PAD * 2)

    def meta(self, index: Index) -> str:
        kind = str(index.data(KindRole))
        parts = [self.tr(KIND_NAMES.get(kind, kind))]
        if kind in ("image", "file") and (ext := extension(str(index.data()))):
            parts.append(ext)
        size = index.data(SizeRole)
        if kind in ("image", "file") and size is not None:
            parts.append(human_size(int(size)))
        return " · ".join(parts)

    def tile_label(self, index: Index) -> str:
        kind = str(index.data(KindRole))
        if kind in ("link", "note"):
            return self.tr(KIND_NAMES[kind]).upper()
        return extension(str(index.data())) or self.tr("FILE")

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        palette, rect = option.palette, option.rect
        if option.state & QStyle.StateFlag.State_Selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(rect.adjusted(0, 1, -1, -1), 6, 6)
        side = tile_side(option)
        tile = QRect(rect.left() + PAD, rect.top() + PAD, side, side)
        pixmap = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(pixmap, QPixmap) and not pixmap.isNull():
            painter.drawPixmap(tile, pixmap)
        else:
            tint = palette.color(QPalette.ColorRole.PlaceholderText)
            tint.setAlphaF(0.16)  # a quiet tile in either theme; the label says what it is
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(tint)
            painter.drawRoundedRect(tile, 6, 6)
            small = QFont(option.font)
            small.setPointSizeF(max(6.0, option.font.pointSizeF() * 0.72))
            small.setBold(True)
            painter.setFont(small)
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            painter.drawText(tile, int(Qt.AlignmentFlag.AlignCenter), self.tile_label(index))
        text = self.text_rect(option)
        line = option.fontMetrics.height() + 2
        bold = QFont(option.font)
        bold.setWeight(QFont.Weight.DemiBold)
        painter.setFont(bold)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        # File names keep their extension; a note's name is its first words.
        elide = (
            Qt.TextElideMode.ElideRight
            if index.data(KindRole) == "note"
            else Qt.TextElideMode.ElideMiddle
        )
        name = painter.fontMetrics().elidedText(str(index.data()), elide, text.width())
        painter.drawText(QRect(text.left(), text.top(), text.width(), line), 0, name)
        painter.setFont(option.font)
        caption = str(index.data(CaptionRole) or "")
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(palette.color(QPalette.ColorRole.Text) if caption else muted)
        shown = caption or self.tr("No caption yet (F2 adds one)")
        shown = option.fontMetrics.elidedText(shown, Qt.TextElideMode.ElideRight, text.width())
        painter.drawText(QRect(text.left(), text.top() + line, text.width(), line), 0, shown)
        painter.setPen(muted)
        painter.drawText(
            QRect(text.left(), text.top() + 2 * line, text.width(), line), 0, self.meta(index)
        )
        painter.restore()

    def text_rect(self, option: QStyleOptionViewItem) -> QRect:
        rect = option.rect
        return QRect(
            rect.left() + PAD * 2 + tile_side(option),
            rect.top() + PAD - 2,
            rect.width() - tile_side(option) - PAD * 4,
            rect.height(),
        )

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        text = self.text_rect(option)
        line = option.fontMetrics.height() + 2
        editor.setGeometry(text.left() - 8, text.top() + line - 6, text.width() + 8, line + 12)


class FitPicture(QLabel):
    """A picture shown whole in whatever room it is given, never enlarged past its pixels."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setMinimumSize(80, 80)
        self._full = QPixmap()

    def set_picture(self, pixmap: QPixmap) -> None:
        self._full = pixmap
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        full, room = self._full, self.size()
        if full.isNull():
            self.clear()
        elif full.width() > room.width() or full.height() > room.height():
            mode = Qt.TransformationMode.SmoothTransformation
            self.setPixmap(full.scaled(room, Qt.AspectRatioMode.KeepAspectRatio, mode))
        else:
            self.setPixmap(full)


class EvidencePreview(QWidget):
    """The selected evidence, large: the picture, the link, the note or what the file is."""

    caption_edited = Signal(str, str)  # row id, caption

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidencePreview")
        self.row_id: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.title = QLabel(self)
        set_role(self.title, "h3")
        self.title.setWordWrap(True)
        self.meta = QLabel(self)
        set_role(self.meta, "small")
        self.caption = QLineEdit(self)
        self.caption.setObjectName("evidenceCaption")
        self.caption.setPlaceholderText(self.tr("Caption: what this shows, and why it matters"))
        self.caption.editingFinished.connect(self._caption_done)
        self.stack = QStackedWidget(self)
        self.picture = FitPicture(self.stack)
        self.link = QLabel(self.stack)
        self.link.setWordWrap(True)
        self.link.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.link.linkActivated.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))
        self.note = QPlainTextEdit(self.stack)
        self.note.setReadOnly(True)
        self.message = QLabel(self.stack)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        set_role(self.message, "muted")
        for widget in (self.picture, self.link, self.note, self.message):
            self.stack.addWidget(widget)
        self.open_button = QPushButton(self.tr("Open in browser"), self)
        self.open_button.clicked.connect(self._open_link)
        for widget in (self.title, self.meta, self.caption):
            layout.addWidget(widget)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._url = ""
        self.show_row(None, None, "", hint=False)

    def show_row(
        self, row: EvidenceRow | None, media: Media | None, meta: str, *, hint: bool = True
    ) -> None:
        """Show one row (None: say what selecting does, when `hint`)."""
        same_row = row is not None and row.id == self.row_id
        self.row_id = row.id if row else None
        self._url = ""
        for widget in (self.title, self.meta, self.caption):
            widget.setVisible(row is not None)
        self.open_button.hide()
        if row is None:
            self.message.setText(
                self.tr("Select a piece of evidence to see it larger here.") if hint else ""
            )
            self.stack.setCurrentWidget(self.message)
            return
        self.title.setText(row.name)
        self.meta.setText(meta)
        if not (same_row and self.caption.hasFocus()):  # never under the typing cursor
            self.caption.setText(row.caption)
            self.caption.setCursorPosition(0)  # show the start of a long caption
        if row.kind == "image" and media is not None and media.preview is not None:
            self.picture.set_picture(QPixmap.fromImage(media.preview))
            self.stack.setCurrentWidget(self.picture)
        elif row.kind == "link":
            self._url = media.detail if media else row.name
            self.link.setText(f'<a href="{escape(self._url, quote=True)}">{escape(self._url)}</a>')
            self.stack.setCurrentWidget(self.link)
            self.open_button.show()
        elif row.kind == "note":
            self.note.setPlainText(media.detail if media else "")
            self.stack.setCurrentWidget(self.note)
        else:
            self.message.setText(
                self.tr("Loading the preview…")
                if row.kind == "image" and media is None
                else self.tr("No preview for this kind of file; it is kept with the session.")
            )
            self.stack.setCurrentWidget(self.message)

    def _caption_done(self) -> None:
        if self.row_id is not None:
            self.caption_edited.emit(self.row_id, self.caption.text().strip())

    def _open_link(self) -> None:
        if self._url:
            QDesktopServices.openUrl(QUrl(self._url))
