"""The timeline's Import… dialog: read in a worker, previewed, curated, imported as one step."""

from __future__ import annotations

import gc
import shutil
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QThread, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QComboBox

from facilitator import sessions, timeline, timeline_import
from facilitator.timeline_import import ImportRow
from tests.ui.pages import open_page
from ui.commands.timeline import ImportEntriesCommand
from ui.models.import_preview import (
    BOTS,
    INCLUDE,
    KEY,
    KIND,
    STATUS,
    TEXT,
    TIME,
    GuessedRole,
    ImportPreviewModel,
)
from ui.session.document import SessionDocument
from ui.steps.base import PageContext
from ui.steps.timeline import TimelinePage
from ui.timeline_import.choice import UNREADABLE, Choice
from ui.timeline_import.dialog import PAINTED_WHILE_BUSY, TimelineImportDialog
from ui.timeline_import.files import ImportFileChooser
from ui.timeline_import.waiting import HANDOVER, big_job

FIXTURES = Path(__file__).parents[1] / "core" / "fixtures" / "timeline"
BERLIN = ZoneInfo("Europe/Berlin")
LEFT, NO_KEYS = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier


def at(day: int, hour: int, minute: int) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=BERLIN)


@pytest.fixture
def context(store, session_id, workers, settings, undo_stack) -> PageContext:
    """A session whose incident started on 4 March 2026 (a bare 14:18 is on that day)."""
    sessions.update_session(store, session_id, started_at=at(4, 13, 0).astimezone(UTC))
    document = SessionDocument(store, session_id)
    return PageContext(store, document, undo_stack, workers, settings)


def fixture(tmp_path: Path, name: str) -> Path:
    return Path(shutil.copy(FIXTURES / name, tmp_path / name))


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def wait_idle(qtbot, dialog: TimelineImportDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.is_busy())


def open_dialog(qtbot, context: PageContext, path: Path) -> TimelineImportDialog:
    dialog = TimelineImportDialog(context, path)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot, dialog)
    return dialog


def column(model: ImportPreviewModel, col: int) -> list[str]:
    return [model.index(row, col).data() for row in range(model.rowCount())]


def saved(context: PageContext) -> list[timeline.m.TimelineEntry]:
    return timeline.load_entries(context.store, context.document.session_id)


def import_now(qtbot, dialog: TimelineImportDialog) -> list[str]:
    with qtbot.waitSignal(dialog.accepted):
        dialog.import_button.click()
    return dialog.ids


def choose(combo: QComboBox, data: object) -> None:
    """Pick an item as the user does (activated, not just a new current index)."""
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_reads_in_a_worker_with_a_busy_indicator(qtbot, context, tmp_path):
    dialog = TimelineImportDialog(context, fixture(tmp_path, "spreadsheet.csv"))
    qtbot.addWidget(dialog)
    dialog.show()
    # The read has started but not reported: the dialog is busy, not frozen.
    assert dialog.is_busy()
    assert dialog.busy.bar.isVisible()
    assert "Reading spreadsheet.csv" in dialog.busy.label.text()
    assert not dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.reader.done):
        pass
    assert not dialog.busy.bar.isVisible()
    assert dialog.model.rowCount() == 6
    assert dialog.import_button.text() == "Import 6 entries"
    qtbot.waitUntil(lambda: "Will add 6 entries" in dialog.summary.text())
    assert "Unreadable lines: 0." in dialog.summary.text()


def test_the_zone_and_day_show_before_importing_and_a_new_zone_reads_again(
    qtbot, context, tmp_path
):
    path = write(tmp_path, "utc.csv", "time,event\n2026-03-04 13:02,Alert fired\n")
    dialog = open_dialog(qtbot, context, path)
    assert dialog.options.timezone() == "Europe/Berlin"  # the session's, by default
    assert dialog.options.reference_date().isoformat() == "2026-03-04"
    assert column(dialog.model, TIME) == ["13:02"]
    dialog.options.zone.setCurrentText("UTC")
    dialog.options.zone.lineEdit().editingFinished.emit()
    wait_idle(qtbot, dialog)
    assert column(dialog.model, TIME) == ["14:02"]  # read in UTC, shown in the session's zone
    dialog.options.zone.setCurrentText("Mars/Olympus")
    dialog.options.zone.lineEdit().editingFinished.emit()
    wait_idle(qtbot, dialog)
    assert dialog.placeholder.problem.text() == "✕ Timezone: unknown time zone 'Mars/Olympus'."
    dialog.options.zone.setCurrentText("UTC")
    dialog.options.zone.lineEdit().editingFinished.emit()
    wait_idle(qtbot, dialog)
    import_now(qtbot, dialog)
    assert [e.at for e in saved(context)] == [at(4, 14, 2)]


def test_csv_mapping_is_shown_and_a_new_column_reads_again(qtbot, context, tmp_path):
    path = write(
        tmp_path,
        "ops.csv",
        "when,what,who,remark\n"
        "2026-03-04 14:02,Alert fired,alertmanager,first page\n"
        "2026-03-04 14:05,On-call acknowledged,pagerduty,second page\n",
    )
    dialog = open_dialog(qtbot, context, path)
    columns = dialog.options.columns
    assert dialog.options.mapping_row.isVisible()
    assert columns["text"].currentData() == "what"
    assert columns["source"].currentData() == "who"
    assert column(dialog.model, TEXT) == ["Alert fired", "On-call acknowledged"]
    choose(columns["text"], "remark")
    wait_idle(qtbot, dialog)
    assert column(dialog.model, TEXT) == ["first page", "second page"]
    assert dialog.options.mapping()["text"] == "remark"
    import_now(qtbot, dialog)
    assert [(e.text, e.source) for e in saved(context)] == [
        ("first page", "alertmanager"),
        ("second page", "pagerduty"),
    ]


def test_a_chat_log_rolls_over_midnight(qtbot, context, tmp_path):
    dialog = open_dialog(qtbot, context, fixture(tmp_path, "chat-bracket.txt"))
    assert not dialog.options.mapping_row.isVisible()  # no columns in a chat log
    times = column(dialog.model, TIME)
    assert times[:4] == ["22:50", "22:51", "22:54", "23:59"]
    assert times[4:] == ["+1d 00:12", "+1d 00:20"]
    import_now(qtbot, dialog)
    entries = saved(context)
    assert entries[4].at == at(5, 0, 12)
    assert entries[1].text.startswith("looking at it\nthe pool graph")  # continuation lines


def test_unchecked_rows_are_left_out(qtbot, context, tmp_path):
    dialog = open_dialog(qtbot, context, fixture(tmp_path, "chat-plain.txt"))
    model = dialog.model
    assert model.setData(
        model.index(1, INCLUDE), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole
    )
    dialog.table.selectRow(2)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)  # Space leaves the selected row out too
    assert dialog.import_button.text() == "Import 3 entries"
    assert model.index(1, STATUS).data() == "Left out"
    qtbot.waitUntil(lambda: "Left out by you: 2." in dialog.summary.text())
    import_now(qtbot, dialog)
    assert [e.text for e in saved(context)] == [
        "checkout is throwing 500s",
        "restarting the pods",
        "customers see errors at checkout",
    ]


def test_select_none_and_all_follow_the_filters(qtbot, context, tmp_path):
    dialog = open_dialog(qtbot, context, fixture(tmp_path, "chat-dated.txt"))
    filters = dialog.filters
    choose(filters.author, BOTS)
    assert set(column(dialog.model, 4)) == {"alertbot (bot)"}
    filters.select_none.click()  # only the bots' rows shown, only they are left out
    choose(filters.author, None)
    assert dialog.import_button.text() == "Import 2 entries"
    choose(filters.kind, "alert")
    assert column(dialog.model, KIND) == ["Alert", "Alert"]
    filters.select_all.click()
    assert dialog.import_button.text() == "Import 4 entries"


def test_folding_rebuilds_the_preview(qtbot, context, tmp_path):
    dialog = open_dialog(qtbot, context, fixture(tmp_path, "chat-dated.txt"))
    assert dialog.model.rowCount() == 5
    assert dialog.filters.fold.isEnabled()
    dialog.filters.fold.setChecked(True)
    wait_idle(qtbot, dialog)
    assert dialog.model.rowCount() == 4
    assert "2 messages folded into one" in column(dialog.model, STATUS)
    import_now(qtbot, dialog)
    assert len(saved(context)) == 4


def test_starring_a_row_imports_a_key_event(qtbot, context, tmp_path):
    dialog = open_dialog(qtbot, context, fixture(tmp_path, "chat-plain.txt"))
    table = dialog.table
    rect = table.visualRect(dialog.model.index(0, KEY))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    table.selectRow(3)
    qtbot.keyClick(table, Qt.Key.Key_K)
    assert column(dialog.model, KEY) == ["★", "☆", "☆", "★", "☆"]
    import_now(qtbot, dialog)
    assert [e.key for e in saved(context)] == [True, False, False, True, False]


def test_a_guessed_kind_is_marked_and_can_be_changed(qtbot, context, tmp_path):
    dialog = open_dialog(qtbot, context, fixture(tmp_path, "chat-plain.txt"))
    model, table = dialog.model, dialog.table
    assert not model.index(3, KIND).data(GuessedRole)  # "restarting the pods": a note
    index = model.index(1, KIND)  # "ack, looking": escalation, a guess
    assert index.data(GuessedRole)
    assert "guess" in index.data(Qt.ItemDataRole.ToolTipRole)
    table.setCurrentIndex(index)
    table.edit(index)
    [editor] = table.viewport().findChildren(QComboBox)
    position = editor.findData("mitigation")
    editor.setCurrentIndex(position)
    editor.activated.emit(position)
    assert model.index(1, KIND).data(Qt.ItemDataRole.EditRole) == "mitigation"
    assert not model.index(1, KIND).data(GuessedRole)  # the user's choice, not a guess
    import_now(qtbot, dialog)
    assert [e.kind for e in saved(context)][:2] == ["note", "mitigation"]


def test_duplicates_are_shown_and_skipped(qtbot, context, tmp_path):
    sid = context.document.session_id
    timeline.add_entry(context.store, sid, at(4, 14, 5), "Paged the database team")
    dialog = open_dialog(qtbot, context, fixture(tmp_path, "duplicates.csv"))
    model = dialog.model
    statuses = column(model, STATUS)
    assert statuses.count("Repeats line 2 — skipped") == 2  # a second line, and its UTC twin
    assert "Already on the timeline — skipped" in statuses
    row = statuses.index("Already on the timeline — skipped")
    assert not model.flags(model.index(row, INCLUDE)) & Qt.ItemFlag.ItemIsUserCheckable
    assert model.index(row, INCLUDE).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    dialog.filters.select_all.click()  # duplicates stay out
    assert dialog.import_button.text() == "Import 2 entries"
    qtbot.waitUntil(lambda: "Duplicates skipped: 3" in dialog.summary.text())
    import_now(qtbot, dialog)
    texts = [e.text for e in saved(context)]
    assert texts == ["Alert fired", "Alert fired again", "Paged the database team"]


def test_an_unreadable_line_is_named_and_cannot_be_imported(qtbot, context, tmp_path):
    dialog = open_dialog(qtbot, context, fixture(tmp_path, "bad-time.csv"))
    model = dialog.model
    last = model.rowCount() - 1  # unreadable rows come after the readable ones
    status = model.index(last, STATUS).data()
    assert status.startswith("Line 3: '2026-03-04 14:0x' is not a time")
    assert model.index(last, TIME).data() == "—"
    assert not model.setData(
        model.index(last, INCLUDE), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert dialog.import_button.text() == "Import 2 entries"
    qtbot.waitUntil(lambda: "Line 3: '2026-03-04 14:0x'" in dialog.summary.text())
    choose(dialog.filters.kind, UNREADABLE)  # Show: lines that cannot be read
    assert column(model, TEXT) == ["Half-typed time"]
    import_now(qtbot, dialog)
    assert [e.text for e in saved(context)] == ["Alert fired", "Paged"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.csv", "empty.csv is empty."),
        ("not-json.json", "not-json.json, line 1, column 1: not valid JSON"),
    ],
)
def test_a_bad_file_says_why_and_adds_nothing(qtbot, context, tmp_path, name, message):
    dialog = open_dialog(qtbot, context, fixture(tmp_path, name))
    assert dialog.placeholder.problem.text().startswith("✕ " + message)
    assert "Traceback" not in dialog.placeholder.problem.text()
    assert dialog.views.currentWidget() is dialog.placeholder
    assert not dialog.import_button.isEnabled()
    dialog.import_chosen()
    assert saved(context) == []
    assert context.undo_stack.count() == 0


def test_a_wrong_format_is_refused_and_the_right_one_reads(qtbot, context, tmp_path):
    dialog = open_dialog(qtbot, context, fixture(tmp_path, "chat-plain.txt"))
    choose(dialog.options.format, "json")
    wait_idle(qtbot, dialog)
    assert "not valid JSON" in dialog.placeholder.problem.text()
    assert dialog.model.rowCount() == 0
    choose(dialog.options.format, "chat")
    wait_idle(qtbot, dialog)
    assert dialog.model.rowCount() == 5


def test_the_import_is_one_undo_step(qtbot, context, tmp_path):
    dialog = open_dialog(qtbot, context, fixture(tmp_path, "chat-plain.txt"))
    ids = import_now(qtbot, dialog)
    stack = context.undo_stack
    assert stack.count() == 1
    assert [e.id for e in saved(context)] == ids
    stack.undo()
    assert saved(context) == []
    stack.redo()
    assert [e.id for e in saved(context)] == ids  # the same entries come back


def big_log(tmp_path: Path, lines: int) -> Path:
    """A chat log of `lines` messages a few seconds apart (a repeat every 100th line)."""
    start = datetime(2026, 3, 4, 13, 0, tzinfo=BERLIN)
    out = []
    for line in range(lines):
        n = line - 1 if line % 100 == 99 else line  # the same time and text as the line before
        shown = (start + timedelta(seconds=3 * n)).strftime("%H:%M:%S")
        out.append(f"[{shown}] alice: message {n}")
    return write(tmp_path, "big.txt", "\n".join(out) + "\n")


def test_a_large_preview_is_read_in_the_worker_behind_the_placeholder(qtbot, context, tmp_path):
    dialog = open_dialog(qtbot, context, big_log(tmp_path, PAINTED_WHILE_BUSY + 200))
    assert dialog.model.rowCount() == PAINTED_WHILE_BUSY + 200
    assert dialog.views.currentWidget() is dialog.table
    dialog.read()  # read again: a worker does it, and the big table is put away meanwhile
    assert dialog.reader.busy
    assert dialog.views.currentWidget() is dialog.placeholder
    assert dialog.placeholder.isVisibleTo(dialog)
    wait_idle(qtbot, dialog)
    assert dialog.views.currentWidget() is dialog.table
    assert dialog.model.count == PAINTED_WHILE_BUSY + 200 - (PAINTED_WHILE_BUSY + 200) // 100


def test_a_large_import_and_its_undo_and_redo_run_in_the_worker(
    qtbot, context, tmp_path, monkeypatch
):
    monkeypatch.setattr("ui.commands.timeline.LARGE_IMPORT", 50)
    before = timeline.add_entry(context.store, context.document.session_id, at(4, 12, 0), "x")
    ran_in: list[bool] = []
    real = timeline.remove_entries

    def remove(*args):
        ran_in.append(QThread.currentThread() is QApplication.instance().thread())
        return real(*args)

    monkeypatch.setattr(timeline, "remove_entries", remove)
    dialog = open_dialog(qtbot, context, big_log(tmp_path, 300))
    ids = import_now(qtbot, dialog)
    assert len(ids) == 297  # three repeats skipped
    stack = context.undo_stack
    assert stack.count() == 1  # one step for the whole import
    stored = saved(context)
    assert [e.id for e in stored] == [before, *ids]
    assert [e.position for e in stored] == list(range(298))
    stack.undo()
    assert ran_in == [False]  # not on the GUI thread
    assert [e.id for e in saved(context)] == [before]  # exactly the imported entries went
    stack.redo()
    again = saved(context)
    assert [(e.id, e.position, e.at, e.text) for e in again] == [
        (e.id, e.position, e.at, e.text) for e in stored
    ]
    stack.undo()
    assert [e.id for e in saved(context)] == [before]


def test_the_preview_model_passes_the_model_tester(qtbot, qtmodeltester, context, tmp_path):
    dialog = open_dialog(qtbot, context, fixture(tmp_path, "bad-time.csv"))
    qtmodeltester.check(dialog.model)
    choose(dialog.filters.kind, "alert")
    qtmodeltester.check(dialog.model)


def test_ctrl_i_on_the_page_imports_and_says_how_to_undo(
    qtbot, store, session_id, workers, settings, monkeypatch, tmp_path
):
    page = open_page(qtbot, TimelinePage, store, session_id, workers, settings)
    assert isinstance(page, TimelinePage)
    path = fixture(tmp_path, "chat-plain.txt")
    asked: list[Path | None] = []

    def fake_ask(parent, context, given=None, *, changed=None):
        asked.append(given)
        dialog = TimelineImportDialog(context, path, changed, parent)
        qtbot.addWidget(dialog)
        wait_idle(qtbot, dialog)
        dialog.import_chosen()
        qtbot.waitUntil(lambda: bool(dialog.ids))
        return dialog.ids

    monkeypatch.setattr(TimelineImportDialog, "ask", fake_ask)
    qtbot.keyClick(page.quick_add, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert asked == [None]
    assert len(page.model.entries()) == 5
    assert "Imported 5 entries" in page.feedback.text()
    page.context.undo_stack.undo()
    assert page.model.entries() == []

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, LEFT, NO_KEYS)
    QApplication.sendEvent(page, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(
        page, QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, LEFT, NO_KEYS)
    )
    assert asked == [None, path]  # a file dropped on the page opens the dialog on it


def test_ask_without_a_file_asks_for_one_and_a_cancel_imports_nothing(qtbot, context, monkeypatch):
    monkeypatch.setattr(ImportFileChooser, "ask", classmethod(lambda cls, *args: None))
    assert TimelineImportDialog.ask(None, context) is None
    assert saved(context) == []


def test_the_dialog_is_let_go_once_answered(qtbot, context, tmp_path):
    """Its preview can be large: the page that asked does not keep it."""
    import shiboken6
    from PySide6.QtCore import QEvent

    answered: list[TimelineImportDialog] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, TimelineImportDialog)
        answered.append(dialog)
        dialog.reject()

    QTimer.singleShot(50, answer)
    path = fixture(tmp_path, "chat-bracket.txt")
    assert TimelineImportDialog.ask(None, context, path) is None
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert len(answered) == 1
    assert not shiboken6.isValid(answered[0])
    assert saved(context) == []


def test_choices_survive_folding_and_a_long_log_keeps_the_dialog_responsive(
    qtbot, context, tmp_path
):
    names = ("alice", "bob", "deploy-bot")
    lines = [
        f"[2026-03-04 {10 + i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}] "
        f"{names[i // 3 % 3]}: message {i}"
        for i in range(3000)
    ]
    path = write(tmp_path, "long.txt", "\n".join(lines))
    dialog = TimelineImportDialog(context, path)
    qtbot.addWidget(dialog)
    dialog.show()
    ticks: list[int] = []
    timer = QTimer(dialog, interval=0)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    with qtbot.waitSignal(dialog.reader.done, timeout=10_000):
        pass
    timer.stop()
    assert ticks  # the GUI thread ran while the file was read
    assert dialog.model.rowCount() == 3000
    dialog.model.set_included([0], False)
    dialog.filters.fold.setChecked(True)
    wait_idle(qtbot, dialog)
    assert dialog.model.rowCount() < 3000
    assert dialog.model.index(0, STATUS).data() == "Left out"  # still, after the re-read


def test_the_command_commits_on_its_first_redo_and_names_an_unreadable_line(context, tmp_path):
    sid = context.document.session_id
    preview = timeline_import.preview_file(context.store, sid, fixture(tmp_path, "bad-time.csv"))
    stack, refreshed = context.undo_stack, []
    bad = ImportEntriesCommand(context.document, preview.chosen, lambda: refreshed.append(1))
    stack.push(bad)
    assert bad.error.startswith("Line 3: '2026-03-04 14:0x' is not a time")
    assert "nothing was added" in bad.error
    assert (stack.count(), saved(context)) == (0, [])  # nothing done, nothing to undo
    good = ImportEntriesCommand(context.document, preview.to_add, lambda: refreshed.append(1))
    stack.push(good)
    assert [e.id for e in saved(context)] == good.ids
    assert refreshed == [1]
    stack.undo()
    assert saved(context) == []


def test_a_choice_counts_kinds_as_chosen_and_carries_over_a_re_read():
    rows = [
        ImportRow("line 1", 1, at(4, 14, 0), "FIRING", "alert", kind_guessed=True),
        ImportRow("line 2", 2, at(4, 14, 1), "pool full", "note"),
        ImportRow("line 3", 3, None, "14:0x typo", problem="not a time"),
    ]
    choice = Choice(rows)
    assert (choice.total, choice.unreadable, choice.duplicates) == (2, 1, 0)
    choice.set_on([0, 2], False)  # the unreadable row cannot change
    choice.set_kind(1, "alert")
    choice.set_key([1], True)
    assert choice.kind_counts() == {"alert": 2, "note": 1}
    again = Choice(rows, choice)  # the same file read again
    assert again.on == [False, True, False]
    [chosen] = again.chosen()
    assert (chosen.text, chosen.kind, chosen.kind_guessed, chosen.key) == (
        "pool full",
        "alert",
        False,
        True,
    )


def test_a_big_job_hands_the_gil_over_sooner_and_puts_everything_back():
    before = sys.getswitchinterval()
    with big_job():
        with big_job():
            assert sys.getswitchinterval() <= HANDOVER
        assert sys.getswitchinterval() <= HANDOVER  # the outer job still runs
        assert not gc.isenabled()
    assert sys.getswitchinterval() == before
    assert gc.isenabled()
