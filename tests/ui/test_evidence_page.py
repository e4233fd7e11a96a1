"""The evidence page: files from the dialog, drops and the clipboard, links and notes,
captions, previews, reorder, remove with undo – everything stored through the core."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QLineEdit

from facilitator import evidence
from tests.ui.pages import open_page
from ui.models.evidence import EvidenceModel, NewLink, NewNote
from ui.models.evidence_media import prepare_image
from ui.steps.evidence import EvidencePage
from ui.widgets.evidence_input import AttachFilesDialog

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def page(qtbot, store, session_id, workers, settings) -> EvidencePage:
    return open_page(qtbot, EvidencePage, store, session_id, workers, settings)


@pytest.fixture
def png(tmp_path: Path) -> Path:
    path = tmp_path / "latency.png"
    image = QImage(320, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("#0072B2"))
    assert image.save(str(path))
    return path


@pytest.fixture
def log(tmp_path: Path) -> Path:
    path = tmp_path / "api.txt"
    path.write_text("14:02 pool exhausted\n")
    return path


def stored(store, session_id) -> list[tuple[str, str]]:
    return [(a.name, a.media_type) for a in evidence.load_attachments(store, session_id)]


def wait_rows(qtbot, store, session_id, count: int) -> None:
    qtbot.waitUntil(lambda: len(stored(store, session_id)) == count, timeout=3000)


def drop_event(mime: QMimeData) -> QDropEvent:
    return QDropEvent(
        QPointF(30, 30),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )


def test_files_from_the_dialog_are_one_undo_step(
    qtbot, page, store, session_id, png, log, monkeypatch
):
    monkeypatch.setattr(AttachFilesDialog, "ask", classmethod(lambda cls, parent: [png, log]))
    qtbot.mouseClick(page.attach_button, Qt.MouseButton.LeftButton)
    wait_rows(qtbot, store, session_id, 2)
    assert stored(store, session_id) == [("latency.png", "image/png"), ("api.txt", "text/plain")]
    first = page.model.row_at(0)
    assert page.model.media(first.id).thumb is not None  # the tile shows the picture
    stack = page.context.undo_stack
    assert stack.count() == 1
    stack.undo()
    assert stored(store, session_id) == []
    stack.redo()
    assert [name for name, _ in stored(store, session_id)] == ["latency.png", "api.txt"]
    assert page.model.row_at(0).id == first.id  # the same attachment came back


def test_a_cancelled_dialog_adds_nothing(qtbot, page, store, session_id, monkeypatch):
    monkeypatch.setattr(AttachFilesDialog, "ask", classmethod(lambda cls, parent: []))
    page.attach_files()
    assert stored(store, session_id) == []
    assert page.status.isHidden()


def test_too_big_and_missing_files_say_why(qtbot, page, store, session_id, tmp_path, log):
    big = tmp_path / "heap.dump"
    with big.open("wb") as handle:
        handle.truncate(evidence.MAX_BYTES + 1)  # sparse: no 25 MB written
    page.attach_files([big, tmp_path / "gone.txt", log])
    wait_rows(qtbot, store, session_id, 1)  # the good file still comes in
    qtbot.waitUntil(lambda: "heap.dump" in page.status.text())
    text = page.status.text()
    assert "“heap.dump” is over the 25 MB limit" in text
    assert "excerpt" in text
    assert "“gone.txt” does not exist" in text
    assert text.startswith("⚠")
    assert page.status.property("role") == "error"


def test_dropping_files_on_the_page_and_on_the_list(qtbot, page, store, session_id, png, log):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(png))])
    event = drop_event(mime)
    # Qt delivers a drop only during a real drag; call the filter as Qt would.
    assert page.drops.eventFilter(page, event)
    assert event.isAccepted()
    wait_rows(qtbot, store, session_id, 1)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(log)), QUrl("https://grafana.example/d/db")])
    assert page.drops.eventFilter(page.view.viewport(), drop_event(mime))
    wait_rows(qtbot, store, session_id, 3)
    assert ("https://grafana.example/d/db", evidence.LINK) in stored(store, session_id)


def test_a_drop_without_files_is_refused_and_rows_still_reorder(page):
    mime = QMimeData()
    mime.setText("just words")
    event = drop_event(mime)
    assert not page.drops.eventFilter(page, event)
    assert not event.isAccepted()
    row_drag = page.model.mimeData([page.model.index(0, 0)])  # the list reorders its own rows
    assert not page.drops.eventFilter(page.view.viewport(), drop_event(row_drag))


def test_ctrl_v_pastes_a_clipboard_picture_as_png(qtbot, page, store, session_id):
    image = QImage(64, 48, QImage.Format.Format_ARGB32)
    image.fill(QColor("#E69F00"))
    QGuiApplication.clipboard().setImage(image)
    assert QApplication.focusWidget() is page.link
    qtbot.keyClick(page.link, Qt.Key.Key_V, CTRL)  # from the link field: not pasted as text
    wait_rows(qtbot, store, session_id, 1)
    (attachment,) = evidence.load_attachments(store, session_id)
    assert attachment.media_type == "image/png"
    assert attachment.name.startswith("Screenshot ")
    assert attachment.name.endswith(".png")
    assert attachment.data.startswith(b"\x89PNG")
    assert QImage.fromData(attachment.data).size() == image.size()
    assert page.link.text() == ""


def test_ctrl_v_with_text_pastes_into_the_field(qtbot, page, store, session_id):
    QGuiApplication.clipboard().setText("https://chat.example/thread/42")
    qtbot.keyClick(page.link, Qt.Key.Key_V, CTRL)
    assert page.link.text() == "https://chat.example/thread/42"
    qtbot.keyClick(page.link, Qt.Key.Key_Return)
    assert stored(store, session_id) == [("https://chat.example/thread/42", evidence.LINK)]


def test_a_link_must_be_a_web_link(qtbot, page, store, session_id):
    qtbot.keyClicks(page.link, "grafana.example/d/db")
    qtbot.keyClick(page.link, Qt.Key.Key_Return)
    assert stored(store, session_id) == []
    assert "is not a web link; type https://" in page.status.text()
    assert page.link.property("invalid") == "true"
    assert page.link.text() == "grafana.example/d/db"  # kept, to fix
    page.link.setText("")
    qtbot.keyClicks(page.link, "https://grafana.example/d/db")
    assert page.status.isHidden()  # typing again clears the message
    assert page.link.property("invalid") == "false"
    qtbot.keyClick(page.link, Qt.Key.Key_Return)
    assert stored(store, session_id) == [("https://grafana.example/d/db", evidence.LINK)]
    assert page.link.text() == ""
    assert QApplication.focusWidget() is page.link
    assert page.preview.link.text().count("grafana.example") == 2  # shown as a link


def test_notes_and_captions(qtbot, page, store, session_id):
    qtbot.keyClicks(page.note, "Ana saw the pool graph flatten at 14:02")
    qtbot.keyClick(page.note, Qt.Key.Key_Return)
    (note,) = evidence.load_attachments(store, session_id)
    assert evidence.note_text(note) == "Ana saw the pool graph flatten at 14:02"
    assert page.preview.note.toPlainText() == evidence.note_text(note)
    page.preview.caption.setFocus()
    qtbot.keyClicks(page.preview.caption, "From the on-call chat")
    qtbot.keyClick(page.preview.caption, Qt.Key.Key_Return)
    assert evidence.load_attachments(store, session_id)[0].caption == "From the on-call chat"

    view = page.view
    view.setFocus()
    view.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_F2)  # the list edits the caption in place too
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    assert editor.text() == "From the on-call chat"
    editor.setText("From #inc-checkout")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: evidence.load_attachments(store, session_id)[0].caption == "From #inc-checkout"
    )
    page.context.undo_stack.undo()
    assert evidence.load_attachments(store, session_id)[0].caption == "From the on-call chat"
    assert page.preview.caption.text() == "From the on-call chat"


def test_reorder_remove_undo_redo(qtbot, page, store, session_id):
    for url in ("https://a.example", "https://b.example", "https://c.example"):
        page.link.setText(url)
        qtbot.keyClick(page.link, Qt.Key.Key_Return)
    view = page.view
    view.setFocus()
    view.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    names = lambda: [name.split("//")[1] for name, _ in stored(store, session_id)]  # noqa: E731
    assert names() == ["b.example", "a.example", "c.example"]
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert names() == ["b.example", "c.example"]
    stack = page.context.undo_stack
    stack.undo()
    assert names() == ["b.example", "a.example", "c.example"]
    stack.redo()
    assert names() == ["b.example", "c.example"]
    stack.undo()
    stack.undo()
    assert names() == ["a.example", "b.example", "c.example"]


def test_existing_pictures_get_thumbnails_and_a_preview(
    qtbot, store, session_id, workers, settings, png
):
    evidence.add_file(store, session_id, png, caption="p99 latency")
    page = open_page(qtbot, EvidencePage, store, session_id, workers, settings)
    row = page.model.row_at(0)
    assert row.caption == "p99 latency"
    qtbot.waitUntil(lambda: page.model.media(row.id) is not None, timeout=3000)
    page.view.setCurrentIndex(page.model.index(0, 0))
    assert page.preview.stack.currentWidget() is page.preview.picture
    assert not page.preview.picture.pixmap().isNull()
    assert "PNG" in page.preview.meta.text()


def test_empty_page_says_what_to_add(page):
    assert page.model.rowCount() == 0
    for word in ("logs", "graphs", "screenshots", "chat", "Ctrl+V"):
        assert word in page.view.empty_text


def test_evidence_model_passes_modeltester(qtmodeltester, store, session_id):
    model = EvidenceModel(store, session_id)
    qtmodeltester.check(model)
    image = QImage(10, 10, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    first = model.add(prepare_image(image))
    link = model.add(NewLink("https://x.example"), 0)
    note = model.add(NewNote("remember"))
    assert first
    assert link
    assert note
    model.move(link, 2)
    model.update(note, {"caption": "why"})
    model.restore(model.remove(first))
    qtmodeltester.check(model)
    assert [r.kind for r in model.rows()] == ["image", "note", "link"]
    assert model.data(model.index(1, 0), Qt.ItemDataRole.EditRole) == "why"


def test_ctrl_z_in_an_empty_field_undoes_the_last_addition(qtbot, page, store, session_id):
    qtbot.keyClicks(page.note, "Ana saw it first")
    qtbot.keyClick(page.note, Qt.Key.Key_Return)
    assert len(stored(store, session_id)) == 1
    qtbot.keyClick(page.note, Qt.Key.Key_Z, CTRL)
    assert stored(store, session_id) == []


def test_a_file_dropped_on_a_text_field_is_attached_not_typed(qtbot, page, store, session_id, log):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(log))])
    mime.setText(str(log))  # file managers add the path as text
    assert page.drops.eventFilter(page.note, drop_event(mime))
    wait_rows(qtbot, store, session_id, 1)
    assert page.note.text() == ""
    words = QMimeData()
    words.setText("some words")
    assert not page.drops.eventFilter(page.note, drop_event(words))  # text drops into the field
