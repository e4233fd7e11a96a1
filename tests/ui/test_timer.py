"""The meeting timer: a fake clock drives the core timer; no sleeps."""

from __future__ import annotations

import pytest

from facilitator import agenda, sessions
from facilitator.meeting import MeetingState
from ui.session.document import SessionDocument
from ui.session.progress import MeetingProgress
from ui.widgets.timer import TimerWidget


@pytest.fixture
def timer(qtbot, store, session_id, clock):
    progress = MeetingProgress(SessionDocument(store, session_id), clock)
    widget = TimerWidget(progress)
    qtbot.addWidget(widget)
    opener = next(s for s in agenda.agenda("standard") if s.id == "opener")  # 5 min
    progress.switch_to("opener")
    widget.set_step(opener, agenda.total_minutes("standard"))
    return widget


def test_counts_only_while_running(timer, clock):
    clock.advance(30)
    timer.refresh()
    assert timer.clock.text() == "0:00 / 5:00"
    timer.toggle()
    clock.advance(75)
    timer.refresh()
    assert timer.clock.text() == "1:15 / 5:00"
    timer.toggle()
    clock.advance(600)
    timer.refresh()
    assert timer.clock.text() == "1:15 / 5:00"
    assert "Paused" in timer.status.text().replace("\N{NO-BREAK SPACE}", " ")


def test_overrun_in_words_and_colour_with_a_cue(qtbot, timer, clock):
    timer.toggle()
    clock.advance(4 * 60 + 10)
    timer.refresh()
    assert timer.clock.property("status") == "near"
    assert "0:50 left" in timer.status.text().replace("\N{NO-BREAK SPACE}", " ")
    clock.advance(60)
    with qtbot.waitSignal(timer.timebox_reached) as reached:
        timer.refresh()
    assert reached.args == ["opener"]
    assert timer.clock.property("status") == "over"
    assert "Over by 0:10" in timer.status.text().replace("\N{NO-BREAK SPACE}", " ")
    assert timer.property("cue") == "true"


def test_elapsed_is_saved_with_the_session(timer, clock, store, session_id):
    timer.toggle()
    clock.advance(42)
    timer.toggle()  # pausing saves
    saved = MeetingState.from_saved(sessions.load_session(store, session_id).step_elapsed)
    assert saved.elapsed == {"opener": 42.0}


def test_saves_every_few_seconds_while_running(timer, clock, store, session_id):
    timer.toggle()
    clock.advance(12)
    timer.refresh()  # what the one-second tick does
    saved = sessions.load_session(store, session_id).step_elapsed
    assert saved["opener"] == pytest.approx(12.0)
