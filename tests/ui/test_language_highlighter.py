"""The blameless language checker in text fields: underlines where the phrase is (after an
emoji too), the suggestion on hover, the quick fix, Ignore, and the show / hide choices."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QSettings
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QPlainTextEdit, QToolTip, QWidget

from ui.steps.summary import SummaryPage
from ui.widgets.language_highlighter import LanguageDisplay, from_utf16, to_utf16
from ui.widgets.language_watch import LanguageWatch, watch_language

EMOJI_LINE = "😀 We should have caught it."  # "should have caught": code points 5–23
FIXABLE = "The outage was human error."  # quick fix: "a gap in our safeguards"


def _plain(qtbot, settings: QSettings, text: str) -> tuple[QPlainTextEdit, LanguageWatch]:
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    editor.setPlainText(text)
    editor.resize(600, 200)
    editor.show()
    return editor, watch_language(editor, settings)


def _line(qtbot, settings: QSettings, text: str) -> tuple[QLineEdit, LanguageWatch]:
    line = QLineEdit()
    qtbot.addWidget(line)
    line.setText(text)
    line.resize(600, 36)
    line.show()
    return line, watch_language(line, settings)


def _underlined(editor: QPlainTextEdit, block: int = 0) -> list[tuple[int, int]]:
    layout = editor.document().findBlockByNumber(block).layout()
    return [(r.start, r.start + r.length) for r in layout.formats()]


def _point_in(editor: QPlainTextEdit, position: int) -> QPoint:
    """A point (viewport coordinates) on the character after UTF-16 offset `position`."""
    cursor = QTextCursor(editor.document())
    cursor.setPosition(position)
    rect = editor.cursorRect(cursor)
    return QPoint(rect.x() + 3, rect.center().y())


def test_offsets_cross_between_python_and_utf16() -> None:
    text = "a😀b😀c"
    assert [to_utf16(text, i) for i in range(6)] == [0, 1, 3, 4, 6, 7]
    assert [from_utf16(text, u) for u in range(8)] == [0, 1, 1, 2, 3, 3, 4, 5]


def test_underlines_the_phrase_after_an_emoji(qtbot, settings: QSettings) -> None:
    editor, _ = _plain(qtbot, settings, f"Fine first line.\n{EMOJI_LINE}")
    assert _underlined(editor, 0) == []
    # "should have caught" is code points 5–23, UTF-16 units 6–24 (the emoji counts two).
    assert _underlined(editor, 1) == [(6, 24)]
    editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.insertPlainText(" It was human error.")
    assert _underlined(editor, 1) == [(6, 24), (36, 47)]


def test_hover_shows_the_message_and_suggestion(qtbot, settings: QSettings) -> None:
    editor, watch = _plain(qtbot, settings, EMOJI_LINE)
    tip = watch.tooltip_at(_point_in(editor, 10))
    assert tip is not None
    assert tip.startswith("'should have' judges a past act with hindsight.")
    assert "Try: ask what made this make sense at the time" in tip
    assert watch.tooltip_at(_point_in(editor, 1)) is None  # the emoji is fine
    # The real event shows it as a tooltip.
    point = _point_in(editor, 10)
    event = QHelpEvent(QHelpEvent.Type.ToolTip, point, editor.viewport().mapToGlobal(point))
    QApplication.sendEvent(editor.viewport(), event)
    assert QToolTip.text() == tip
    QToolTip.hideText()


def _menu_action(menu: QMenu, name: str):
    return next((a for a in menu.actions() if a.objectName() == name), None)


def test_quick_fix_from_the_right_click_menu(qtbot, settings: QSettings) -> None:
    editor, watch = _plain(qtbot, settings, f"😀 First.\n{FIXABLE}")
    menu = watch.context_menu(
        _point_in(editor, editor.document().findBlockByNumber(1).position() + 18)
    )
    fix = _menu_action(menu, "languageFix")
    assert fix is not None
    assert menu.actions()[0] is fix  # the fix comes first, before Undo / Cut / Copy …
    assert "a gap in our safeguards" in fix.text()
    fix.trigger()
    assert editor.toPlainText() == "😀 First.\nThe outage was a gap in our safeguards."
    assert _underlined(editor, 1) == []


def test_a_finding_without_a_fix_offers_only_ignore(qtbot, settings: QSettings) -> None:
    editor, watch = _plain(qtbot, settings, EMOJI_LINE)
    menu = watch.context_menu(_point_in(editor, 10))
    assert _menu_action(menu, "languageFix") is None
    ignore = _menu_action(menu, "languageIgnore")
    assert ignore is not None
    ignore.trigger()
    assert _underlined(editor) == []
    assert watch.tooltip_at(_point_in(editor, 10)) is None
    # Away from a finding: the standard menu only.
    plain = watch.context_menu(_point_in(editor, 1))
    assert _menu_action(plain, "languageIgnore") is None


def test_line_edit_underlines_hovers_and_fixes(qtbot, settings: QSettings) -> None:
    line, watch = _line(qtbot, settings, "😀 Root cause: human error, again")
    assert watch.underlines is not None
    spans = watch.underlines.spans()
    assert len(spans) == 1
    metrics = line.fontMetrics()
    left, right = spans[0]
    assert right - left == pytest.approx(metrics.horizontalAdvance("human error"), abs=1)
    # It starts where "human" does: after the emoji and "Root cause: ".
    assert left > metrics.horizontalAdvance("😀 Root cause: ")
    middle = QPoint(int((left + right) / 2), line.height() // 2)
    tip = watch.tooltip_at(middle)
    assert tip is not None
    assert tip.startswith("'Human error' is a starting point, not a cause.")
    assert watch.tooltip_at(QPoint(int(left) - 40, line.height() // 2)) is None
    fix = _menu_action(watch.context_menu(middle), "languageFix")
    assert fix is not None
    fix.trigger()
    assert line.text() == "😀 Root cause: a gap in our safeguards, again"
    assert watch.underlines.spans() == []
    line.undo()  # the fix was an edit like typing: the line edit's own undo takes it back
    assert line.text() == "😀 Root cause: human error, again"


def test_hidden_setting_and_presentation_mode(qtbot, settings: QSettings) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    editor = QPlainTextEdit(host)
    editor.setPlainText(EMOJI_LINE)
    changes: list[int] = []
    editor.textChanged.connect(lambda: changes.append(1))
    watch = watch_language(editor, settings)
    host.show()
    display = LanguageDisplay.of(settings)
    assert display.shown()  # the defaults
    assert not display.shown(presenting=True)
    display.set_shown(False)
    assert _underlined(editor) == []
    assert watch.tooltip_at(_point_in(editor, 10)) is None
    assert settings.value("view/language_underlines", type=bool) is False  # remembered
    display.set_shown(True)
    assert _underlined(editor) == [(6, 24)]
    display.set_presenting(host, True)  # presentation mode: hidden unless asked for
    assert _underlined(editor) == []
    display.set_shown(True, presenting=True)
    assert _underlined(editor) == [(6, 24)]
    display.set_presenting(host, False)
    assert _underlined(editor) == [(6, 24)]
    assert changes == []  # restyling is not typing: no autosave was woken


def test_one_watch_per_widget(qtbot, settings: QSettings) -> None:
    editor, watch = _plain(qtbot, settings, "")
    assert watch_language(editor, settings) is watch
    assert LanguageDisplay.of(settings) is LanguageDisplay.of(settings)


def test_summary_page_fields_are_watched_and_fixes_save(
    qtbot, store, session_id, workers, settings
) -> None:
    from tests.ui.pages import open_page

    page = open_page(qtbot, SummaryPage, store, session_id, workers, settings)
    assert isinstance(page, SummaryPage)
    for editor in (page.summary, *page.impact.values()):
        assert editor.findChild(LanguageWatch, "languageWatch") is not None
    page.summary.setPlainText(FIXABLE)
    watch = watch_language(page.summary, settings)
    fix = _menu_action(watch.context_menu(_point_in(page.summary, 18)), "languageFix")
    assert fix is not None
    fix.trigger()
    page.context.document.flush()
    assert page.context.document.value("summary") == "The outage was a gap in our safeguards."


def test_a_container_watches_its_fields_now_and_later(qtbot, settings: QSettings) -> None:
    from PySide6.QtCore import QStringListModel
    from PySide6.QtWidgets import QListView, QSpinBox, QVBoxLayout

    page = QWidget()
    qtbot.addWidget(page)
    column = QVBoxLayout(page)
    line = QLineEdit(page)
    column.addWidget(line)
    spin = QSpinBox(page)
    column.addWidget(spin)
    skipped = QLineEdit(page)
    skipped.setProperty("languageCheck", False)
    column.addWidget(skipped)
    items = QStringListModel(["It was human error."])
    view = QListView(page)
    view.setModel(items)
    column.addWidget(view)
    watch_language(page, settings)
    page.show()

    def watched(widget: QWidget) -> bool:
        return widget.findChild(LanguageWatch, "languageWatch") is not None

    assert watched(line)
    assert not watched(skipped)
    assert not any(watched(w) for w in spin.findChildren(QLineEdit))  # not free text
    later = QPlainTextEdit(page)
    column.addWidget(later)
    qtbot.waitUntil(lambda: watched(later))
    view.edit(items.index(0))  # an in-place editor, opened by the view
    editor = view.findChild(QLineEdit)
    assert editor is not None
    qtbot.waitUntil(lambda: watched(editor))
    assert watch_language(page, settings) is watch_language(page, settings)
