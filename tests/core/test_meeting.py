"""The meeting timer, timebox status, saved state, local times, summary and recovery rules."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from facilitator import errors
from facilitator.meeting import (
    MeetingState,
    MeetingTimer,
    TimeboxStatus,
    format_clock,
    format_local,
    parse_local,
    timebox_status,
)
from facilitator.recovery import restore_backup
from facilitator.summary import count_sentences, summary_hint


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_timer_counts_per_step_only_while_running():
    clock = Clock()
    timer = MeetingTimer({"opener": 10.0}, clock)
    timer.switch_to("opener")
    clock.now = 100
    assert timer.elapsed("opener") == 10
    timer.start()
    clock.now = 130
    timer.switch_to("walkthrough")
    clock.now = 190
    assert timer.elapsed("opener") == 40
    assert timer.elapsed("walkthrough") == 60
    timer.pause()
    clock.now = 1000
    assert timer.total() == 100
    assert timer.snapshot() == {"opener": 40, "walkthrough": 60}


def test_timebox_status_and_clock():
    assert timebox_status(0, None) is TimeboxStatus.UNTIMED
    assert timebox_status(3 * 60, 5) is TimeboxStatus.WITHIN
    assert timebox_status(4 * 60, 5) is TimeboxStatus.NEAR
    assert timebox_status(5 * 60, 5) is TimeboxStatus.OVER
    assert format_clock(65.9) == "1:05"
    assert format_clock(3723) == "1:02:03"
    assert format_clock(-5) == "0:00"


def test_state_round_trips_and_ignores_junk():
    state = MeetingState({"opener": 12.0}, frozenset({"details"}))
    assert MeetingState.from_saved(state.to_saved()) == state
    assert MeetingState.from_saved({"x": "junk", "y": -1}).elapsed == {}


def test_local_times():
    instant = parse_local("2026-03-04 14:18", "Europe/Berlin")
    assert instant.astimezone(UTC) == datetime(2026, 3, 4, 13, 18, tzinfo=UTC)
    assert format_local(instant, "Europe/Berlin") == "2026-03-04 14:18"
    assert parse_local("09:05", "UTC", date(2026, 1, 2)) == datetime(2026, 1, 2, 9, 5, tzinfo=UTC)
    assert parse_local("  ", "UTC") is None
    with pytest.raises(errors.ValidationError):
        parse_local("14:18", "UTC")  # no date to put it on
    with pytest.raises(errors.ValidationError):
        parse_local("2026-02-30 10:00", "UTC")


def test_sentences():
    assert count_sentences("") == 0
    assert count_sentences("The DB failed, e.g. the primary. We fixed it") == 2
    assert summary_hint("One. Two. Three.") is None
    assert "4 sentences" in summary_hint("One. Two. Three. Four.")


def test_restore_backup_keeps_the_replaced_file(tmp_path):
    library = tmp_path / "sessions.sqlite"
    backup = tmp_path / "sessions.backup.1.sqlite"
    library.write_bytes(b"damaged")
    backup.write_bytes(b"good")
    kept = restore_backup(library, backup)
    assert library.read_bytes() == b"good"
    assert kept is not None
    assert kept.read_bytes() == b"damaged"
    assert not kept.name.endswith(".sqlite")  # never offered as a backup itself
