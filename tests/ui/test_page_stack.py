"""The session window's page stack measures only the page on show."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.session.page_stack import PageStack


class CountingLabel(QLabel):
    """A word-wrapped label that counts how often its height for a width is asked."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.setWordWrap(True)
        self.asked = 0

    def heightForWidth(self, width: int) -> int:
        self.asked += 1
        return super().heightForWidth(width)


def page_with(label: QLabel) -> QWidget:
    page = QWidget()
    QVBoxLayout(page).addWidget(label)
    return page


def test_hidden_pages_are_not_measured(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    stack = PageStack(holder)
    QVBoxLayout(holder).addWidget(stack)
    shown = CountingLabel("short")
    hidden = CountingLabel("a much longer text that wraps " * 20)
    stack.addWidget(page_with(shown))
    stack.addWidget(page_with(hidden))
    holder.resize(400, 300)
    holder.show()
    qtbot.waitExposed(holder)
    hidden.asked = 0
    for n in range(5):  # what a live count under an input does on each keystroke
        shown.setText(f"{n} sentences")
        holder.layout().activate()
    assert hidden.asked == 0
    assert stack.sizeHint() == stack.currentWidget().sizeHint()
    stack.setCurrentIndex(1)
    assert stack.minimumSizeHint() == stack.widget(1).minimumSizeHint()
