"""Theme tokens meet the contrast rules; the shortcut table is complete; workers report back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt

from ui.actions import ACTIONS, markdown_table
from ui.shortcuts_dialog import ACTION, ITEM_PAD, SCREEN_MARGIN, ShortcutsDialog
from ui.style import contrast_ratio, palette_of, render, tokens
from ui.workers import Workers

TEXT_TOKENS = ("text", "muted", "ok", "warn", "danger")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_text_contrast_at_least_4_5(theme):
    colors = palette_of(theme)
    for background in ("bg", "surface", "selection"):
        for token in TEXT_TOKENS:
            assert contrast_ratio(colors[token], colors[background]) >= 4.5, (token, background)
    assert contrast_ratio(colors["accent_text"], colors["accent"]) >= 4.5


@pytest.mark.parametrize("theme", ["presentation-light", "presentation-dark"])
def test_presentation_contrast_at_least_7(theme):
    colors = palette_of(theme)
    for token in TEXT_TOKENS:
        assert contrast_ratio(colors[token], colors["bg"]) >= 7, token


def test_presentation_body_is_at_least_20pt():
    assert tokens()["presentation_scale_pt"]["body"] >= 20
    sheet = render(
        "presentation.qss", "presentation-dark", tokens()["presentation_scale_pt"], 1.0, "Inter"
    )
    assert "$" not in sheet


def test_shortcut_dialog_lists_every_action(qtbot):
    dialog = ShortcutsDialog()
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == len(ACTIONS)
    assert "Ctrl+PgDown" in markdown_table()


def test_shortcut_dialog_shows_every_action_whole_and_fits_the_screen(qtbot, style):
    dialog = ShortcutsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    screen = dialog.screen().availableGeometry()
    assert dialog.width() <= screen.width()
    assert dialog.height() <= screen.height()
    # On a 1280-wide screen share every row is one line: the dialog is as wide as that takes.
    assert dialog.wanted_width() <= 1280 - SCREEN_MARGIN
    table = dialog.table
    assert table.verticalScrollBar().maximum() > 0  # more rows than fit: the table scrolls
    metrics = table.fontMetrics()
    room = table.columnWidth(ACTION) - 2 * ITEM_PAD[0] - 2
    flags = int(Qt.TextFlag.TextWordWrap)
    for row in range(table.rowCount()):
        text = table.item(row, ACTION).text()
        needed = metrics.boundingRect(QRect(0, 0, room, 10_000), flags, text).height()
        assert needed + 2 * ITEM_PAD[1] <= table.rowHeight(row), text  # wrapped, not cut
    # Narrower than its rows (the offscreen screen is 800 px): the long actions wrap.
    if dialog.width() < dialog.wanted_width():
        assert max(table.rowHeight(r) for r in range(table.rowCount())) > table.rowHeight(0)


def test_workers_report_results_and_errors(qtbot, workers: Workers):
    results: list[object] = []
    workers.run(sum, [1, 2, 3], on_done=results.append)
    qtbot.waitUntil(lambda: results == [6])

    def boom() -> None:
        raise ValueError("no")

    workers.run(boom, on_error=results.append)
    qtbot.waitUntil(lambda: len(results) == 2)
    assert isinstance(results[1], ValueError)
