"""The triage dialog: importing a session with more than five must/should items asks which
five stay committed; the rest are imported into the backlog."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt

from facilitator import actions, sessions
from tests.ui.helpers import show_active
from ui.library.triage import TriageDialog
from ui.library.window import LibraryWindow


def _document(count: int = 7) -> dict:
    items = [
        {"title": f"Item {n}", "priority": "must" if n < 2 else "should"} for n in range(count)
    ]
    items.append({"title": "Idea", "priority": "nice"})
    session = {"title": "Too many actions", "actions": items}
    return {"format": "postmortem-facilitator", "version": 1, "session": session}


def test_dialog_starts_from_the_suggestion_and_holds_the_cap(qtbot, qtmodeltester) -> None:
    dialog = TriageDialog("/tmp/too-many.json", _document())
    qtbot.addWidget(dialog)
    model = dialog.model
    qtmodeltester.check(model)
    assert model.rowCount() == 7  # the nice one is not in the choice
    assert model.kept() == {0, 1, 2, 3, 4}
    assert dialog.count.text() == "5 of 5 chosen"
    assert dialog.ok.isEnabled()
    model.setData(model.index(6), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert dialog.count.text() == "6 of 5 chosen — untick 1 more"
    assert not dialog.ok.isEnabled()
    model.setData(model.index(2), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert dialog.ok.isEnabled()
    assert model.kept() == {0, 1, 3, 4, 6}
    assert "Item 0" in model.index(0).data()
    assert "Must-fix" in model.index(0).data()


def _library(qtbot, store, style, settings, workers) -> LibraryWindow:
    library = LibraryWindow(store, style=style, settings=settings, workers=workers)
    show_active(qtbot, library)
    assert library.exchange is not None
    return library


def test_import_over_the_cap_triages_then_imports(
    qtbot, store, style, settings, workers, tmp_path: Path, monkeypatch
) -> None:
    path = tmp_path / "too-many.json"
    path.write_text(json.dumps(_document()), encoding="utf-8")
    asked: list[str] = []

    def choose(_parent, name, document) -> set[int]:
        asked.append(name)
        return {0, 1, 4, 5, 6}

    monkeypatch.setattr(TriageDialog, "ask", classmethod(lambda cls, *a: choose(*a)))
    library = _library(qtbot, store, style, settings, workers)
    with qtbot.waitSignal(library.open_requested, timeout=5000) as opened:
        library.exchange.import_paths([str(path)])
    assert asked == [str(path)]
    priorities = {a.title: a.priority for a in actions.load_actions(store, opened.args[0])}
    assert priorities["Item 2"] == priorities["Item 3"] == "nice"
    assert priorities["Item 6"] == "should"
    assert priorities["Idea"] == "nice"


def test_cancelling_the_triage_imports_nothing(
    qtbot, store, style, settings, workers, tmp_path: Path, monkeypatch
) -> None:
    path = tmp_path / "too-many.json"
    path.write_text(json.dumps(_document()), encoding="utf-8")
    asked: list[int] = []
    monkeypatch.setattr(TriageDialog, "ask", classmethod(lambda cls, *a: asked.append(1)))
    library = _library(qtbot, store, style, settings, workers)
    library.exchange.import_paths([str(path)])
    qtbot.waitUntil(lambda: asked == [1])
    workers.wait()
    assert sessions.list_sessions(store) == []
