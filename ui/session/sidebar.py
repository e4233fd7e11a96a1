"""The agenda sidebar: a list view over AgendaModel, drawn calmly by a small delegate."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ui.models.agenda import (
    DoneRole,
    HeaderRole,
    LanguageRole,
    NumberRole,
    SkippedRole,
    StepIdRole,
    TimeboxRole,
)

Index = QModelIndex | QPersistentModelIndex

MARGIN = 10  # each side of a row
NUMBER_GAP = 6  # after the step number
TITLE_GAP = 8  # between the name and what follows it
BADGE_GAP = 6  # between the language badge and the timebox
MARK_GAP = "  "  # before the done mark
DONE_MARK = "✓"  # moved past with something recorded
SKIPPED_MARK = "○"  # moved past with nothing recorded: an empty circle, muted


class AgendaDelegate(QStyledItemDelegate):
    """Headings in small muted capitals; steps as `n  Title ..... [2] 5 min ✓` (○ instead of
    ✓ for a step moved past with nothing recorded).

    The timebox and the mark have columns of their own, so they line up from row to row; a
    name longer than the room left for it wraps to a second line rather than losing its end
    ("Contributing fac…" told the room nothing)."""

    def __init__(self, colors: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.colors = colors

    # Geometry ------------------------------------------------------------------------------

    @staticmethod
    def _columns(metrics: QFontMetrics) -> tuple[int, int, int]:
        """The widths of the number column, the timebox column and the mark column."""
        return (
            metrics.horizontalAdvance("00") + NUMBER_GAP,
            metrics.horizontalAdvance("00 min"),
            max(
                metrics.horizontalAdvance(f"{MARK_GAP}{mark}") for mark in (DONE_MARK, SKIPPED_MARK)
            ),
        )

    @staticmethod
    def _badge_width(metrics: QFontMetrics, count: int) -> int:
        if not count:
            return 0
        return max(metrics.horizontalAdvance(str(count)) + 12, metrics.height()) + BADGE_GAP

    def _title_width(self, metrics: QFontMetrics, width: int, index: Index) -> int:
        """The room for the step's name in a row `width` wide."""
        number, timebox, mark = self._columns(metrics)
        badge = self._badge_width(metrics, index.data(LanguageRole) or 0)
        return width - 2 * MARGIN - number - TITLE_GAP - badge - timebox - mark

    def row_width(self, font: QFont, index: Index) -> int:
        """The width a step's row needs to show its name on one line (a language badge, when
        one appears, may wrap a long name: the sidebar does not widen for it)."""
        bold = QFont(font)
        bold.setBold(True)  # the current step's name is bold: the widest it gets
        metrics = QFontMetrics(bold)
        number, timebox, mark = self._columns(metrics)
        return (
            2 * MARGIN
            + number
            + metrics.horizontalAdvance(index.data() or "")
            + TITLE_GAP
            + timebox
            + mark
        )

    @staticmethod
    def title_lines(metrics: QFontMetrics, title: str, width: int) -> list[str]:
        """The name on one line when it fits, else wrapped at a space onto two; only a word
        wider than the whole column is elided."""
        if metrics.horizontalAdvance(title) <= width:
            return [title]
        words = title.split(" ")
        first = words[0]
        rest = words[1:]
        while rest and metrics.horizontalAdvance(f"{first} {rest[0]}") <= width:
            first = f"{first} {rest.pop(0)}"
        second = " ".join(rest)
        elide = Qt.TextElideMode.ElideRight
        lines = [metrics.elidedText(first, elide, width)]
        if second:
            lines.append(metrics.elidedText(second, elide, width))
        return lines

    def _view_width(self, option: QStyleOptionViewItem) -> int:
        view = self.parent()
        if isinstance(view, QListView):
            return view.viewport().width()
        return option.rect.width()

    def name_layout(self, font: QFont, width: int, index: Index) -> tuple[list[str], bool]:
        """The name's lines in a row `width` wide, measured in bold (the current step's look,
        so a row keeps its lines when chosen), and whether the row is stacked: at a high zoom
        a word of the name can be wider than the room beside the timebox, and then the name
        takes the row's whole width and the timebox, mark and badge go on a line below it."""
        bold = QFont(font)
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        title = index.data() or ""
        lines = self.title_lines(metrics, title, self._title_width(metrics, width, index))
        if lines == [title]:
            return lines, False
        number = self._columns(metrics)[0]
        below = self.title_lines(metrics, title, width - 2 * MARGIN - number)
        # Wrapped beside the timebox ("5 / Whys") when whole on a line of its own: the name
        # reads better on one line with the timebox under it; cut beside it, always that.
        if len(below) == 1 or " ".join(lines) != title:
            return below, True
        return lines, False

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        metrics = option.fontMetrics
        if index.data(HeaderRole):
            return QSize(0, metrics.height() + 22)
        lines, stacked = self.name_layout(option.font, self._view_width(option), index)
        count = len(lines) + (1 if stacked else 0)
        if count == 1:
            return QSize(0, metrics.height() + 16)
        return QSize(0, metrics.lineSpacing() * count + 12)

    # Drawing -------------------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        rect = option.rect.adjusted(MARGIN, 0, -MARGIN, 0)
        font = QFont(option.font)
        if index.data(HeaderRole):
            font.setPointSizeF(font.pointSizeF() * 0.85)
            font.setBold(True)
            font.setCapitalization(QFont.Capitalization.AllUppercase)
            painter.setFont(font)
            painter.setPen(QColor(self.colors["muted"]))
            painter.drawText(rect.adjusted(0, 8, 0, 0), Qt.AlignmentFlag.AlignVCenter, index.data())
            painter.restore()
            return
        if option.state & QStyle.StateFlag.State_Selected:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(self.colors["selection"]))
            painter.drawRoundedRect(option.rect.adjusted(4, 1, -4, -1), 6, 6)
            font.setBold(True)
        painter.setFont(font)
        metrics = QFontMetrics(font)
        lines, stacked = self.name_layout(option.font, option.rect.width(), index)
        name_rect = QRect(rect)
        side = QRect(rect)  # where the timebox, the mark and the badge go
        if stacked:
            band = metrics.lineSpacing()
            side.setTop(rect.bottom() - band - 5)
            side.setHeight(band)
            name_rect.setBottom(side.top())
        muted, text = QColor(self.colors["muted"]), QColor(self.colors["text"])
        middle = Qt.AlignmentFlag.AlignVCenter
        left, right = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight
        number_width, timebox_width, mark_width = self._columns(metrics)
        number = index.data(NumberRole)
        painter.setPen(muted)
        if number and number <= 9:  # Ctrl+1..9 reach these
            box = QRect(name_rect.left(), name_rect.top(), number_width, name_rect.height())
            painter.drawText(box, middle | left, str(number))
        skipped = bool(index.data(SkippedRole))
        done = bool(index.data(DoneRole)) and not skipped
        mark_rect = QRect(side.right() - mark_width + 1, side.top(), mark_width, side.height())
        timebox_rect = QRect(
            mark_rect.left() - timebox_width, side.top(), timebox_width, side.height()
        )
        painter.setPen(QColor(self.colors["ok"]) if done else muted)
        if index.data(TimeboxRole):
            painter.drawText(timebox_rect, middle | right, f"{index.data(TimeboxRole)} min")
        if done:
            painter.drawText(mark_rect, middle | right, DONE_MARK)
        elif skipped:  # a shape of its own, not only a colour (its tooltip says what)
            painter.setPen(muted)
            painter.drawText(mark_rect, middle | right, SKIPPED_MARK)
        self._paint_badge(painter, index, timebox_rect.left() - BADGE_GAP, side.center().y())
        painter.setPen(text)
        title_rect = name_rect.adjusted(number_width, 0, 0, 0)
        painter.drawText(title_rect, middle | left, "\n".join(lines))
        painter.restore()

    def _paint_badge(self, painter: QPainter, index: Index, right: int, middle: int) -> None:
        """The count of blameful phrases on the step, as a small pill ending at `right`
        (its tooltip says what the number means)."""
        count = index.data(LanguageRole)
        if not count:
            return
        label = str(count)
        metrics = painter.fontMetrics()  # bold on the current step, as measured for the name
        width = max(metrics.horizontalAdvance(label) + 12, metrics.height())
        height = metrics.height()
        box = QRect(right - width, middle - height // 2 + 1, width, height)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self.colors["warn_soft"]))
        painter.drawRoundedRect(box, height / 2, height / 2)
        painter.setPen(QColor(self.colors["warn"]))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)


class AgendaView(QListView):
    """Arrow keys move between steps (headings are skipped); choosing one emits its id."""

    step_chosen = Signal(str)

    def __init__(self, colors: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agenda")
        self.delegate = AgendaDelegate(colors, self)
        self.setItemDelegate(self.delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setUniformItemSizes(False)
        self.setSpacing(0)
        # Row heights depend on the width (a long name wraps when narrow): laid out again on
        # every resize, and when a badge comes or goes.
        self.setResizeMode(QListView.ResizeMode.Adjust)

    def ideal_width(self) -> int:
        """The width at which every step's name fits on one line beside its timebox and
        mark, room for the frame and a scroll bar included."""
        model = self.model()
        if model is None:
            return 0
        rows = (model.index(row, 0) for row in range(model.rowCount()))
        widest = max(
            (self.delegate.row_width(self.font(), i) for i in rows if not i.data(HeaderRole)),
            default=0,
        )
        return widest + 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width()

    def dataChanged(
        self, top_left: QModelIndex, bottom_right: QModelIndex, roles: list[int] | None = None
    ) -> None:
        super().dataChanged(top_left, bottom_right, roles or [])
        if not roles or LanguageRole in roles:
            self.scheduleDelayedItemsLayout()  # a badge takes room from the name

    def set_colors(self, colors: dict[str, str]) -> None:
        self.delegate.colors = colors
        self.viewport().update()

    def currentChanged(self, current: QModelIndex, previous: QModelIndex) -> None:
        super().currentChanged(current, previous)
        step_id = current.data(StepIdRole) if current.isValid() else None
        if step_id:
            self.step_chosen.emit(step_id)

    def select_step(self, row: int) -> None:
        index = self.model().index(row, 0)
        if index.isValid() and index != self.currentIndex():
            self.setCurrentIndex(index)
