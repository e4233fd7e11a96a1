"""The cap of five, explained where it bites: a banner on the actions page when the core
refused a sixth must/should item, saying why, listing what counts now, and offering the one
obvious way on ("Make it nice-to-have": the backlog, which does not count).

From the keyboard: the banner takes the focus on its way-on button (a visible ring, app.qss);
Tab goes on to Cancel (then down the page), Return or Space takes the focused button, and Esc
dismisses the banner, giving the focus back to where it was when the banner appeared (the
page's field after a typed sixth item, the form's priority after a refused change)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.actions import ActionCapError
from ui.models.actions import PRIORITY_NAMES, CapRefusal
from ui.style import set_role


class CapBanner(QFrame):
    """Hidden until `explain`; `make_nice` asks the page to redo the change as nice-to-have."""

    make_nice = Signal(object)  # the CapRefusal to redo as nice-to-have
    # Closed without a change (Cancel, OK or Esc) with nowhere to give the focus back to:
    # the page puts it in its field.
    dismissed = Signal()
    shown = Signal(bool)  # on show (True) and hide (False): the page makes room for it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("capBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.refusal: CapRefusal | None = None
        self._back: QWidget | None = None  # where the focus was before the banner took it
        # One row: the explanation, then the two answers; it sits above the lists, which
        # keep what room a 720-pixel screen has left.
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 10, 12, 10)
        row.setSpacing(12)
        column = QVBoxLayout()
        column.setSpacing(2)
        self.heading = QLabel(self)
        set_role(self.heading, "h3")
        column.addWidget(self.heading)
        self.message = QLabel(self)
        self.message.setObjectName("capMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        column.addWidget(self.message)
        row.addLayout(column, 1)
        self.dismiss = QPushButton(self.tr("Cancel"), self)
        set_role(self.dismiss, "true", "flat")
        self.dismiss.setObjectName("capDismiss")
        self.dismiss.clicked.connect(self.cancel)
        row.addWidget(self.dismiss, 0, Qt.AlignmentFlag.AlignVCenter)
        self.nice = QPushButton(self.tr("Make it nice-to-have"), self)
        self.nice.setObjectName("makeNice")
        set_role(self.nice, "true", "primary")
        self.nice.clicked.connect(self._make_nice)
        row.addWidget(self.nice, 0, Qt.AlignmentFlag.AlignVCenter)
        for button in (self.dismiss, self.nice):
            # Outside a dialog a button takes Return only when it is an auto-default one.
            button.setAutoDefault(True)
            button.installEventFilter(self)
        QWidget.setTabOrder(self.nice, self.dismiss)  # from the focused answer to the other
        self.setFocusProxy(self.nice)
        self.hide()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.shown.emit(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.shown.emit(False)

    def cancel(self) -> None:
        """Close without a change; the focus goes back to where it was."""
        back, self._back = self._back, None
        self.hide()
        if back is not None and shiboken6.isValid(back) and back.isVisible() and back.isEnabled():
            back.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.dismissed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not (isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape):
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            # Esc is the banner's before it is the window's (presentation mode leaves on Esc).
            event.accept()
            return True
        if event.type() == QEvent.Type.KeyPress:
            self.cancel()
            return True
        return False

    def explain(self, refusal: CapRefusal) -> None:
        """Say why the change was refused; show the way on where there is one."""
        self.refusal = refusal
        error: ActionCapError = refusal.error
        self.heading.setText(self.tr("At most {cap} must/should items").format(cap=error.cap))
        # The counted items are the list right under the banner; named in the tooltip too.
        counted = "\n".join(
            f"{item.number}. {item.title or self.tr('(untitled)')} — "
            f"{self.tr(PRIORITY_NAMES.get(item.priority, item.priority))}"
            for item in error.items
        )
        reason = error.problem[:1].upper() + error.problem[1:]
        self.message.setText(f"{reason}.")
        self.setToolTip(self.tr("Counted now:") + f"\n{counted}")
        offer = refusal.kind in ("add", "status")
        self.nice.setVisible(offer)
        self.dismiss.setText(self.tr("Cancel") if offer else self.tr("OK"))
        focused = QApplication.focusWidget()
        if focused is not None and not self.isAncestorOf(focused):
            self._back = focused
        self.setFocusProxy(self.nice if offer else self.dismiss)
        self.show()
        self.setFocus(Qt.FocusReason.TabFocusReason)  # the ring shows: keyboard focus

    def _make_nice(self) -> None:
        refusal = self.refusal
        self._back = None  # the page says where the new item is
        self.hide()
        if refusal is not None:
            self.make_nice.emit(refusal)
