"""Typing and showing times in the session's zone, across daylight saving changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, strategies as st

from facilitator import errors, sessions, times
from facilitator.db.store import Store

BERLIN = "Europe/Berlin"
DAY = date(2026, 3, 4)


def parse(text: str, zone: str = BERLIN, day: date = DAY) -> datetime:
    return times.parse_time(text, timezone=zone, reference_date=day)


@pytest.mark.parametrize(
    ("text", "expected_utc"),
    [
        ("14:18", datetime(2026, 3, 4, 13, 18, tzinfo=UTC)),
        (" 9:05 ", datetime(2026, 3, 4, 8, 5, tzinfo=UTC)),
        ("14:18:05", datetime(2026, 3, 4, 13, 18, 5, tzinfo=UTC)),
        ("2026-03-05 14:18", datetime(2026, 3, 5, 13, 18, tzinfo=UTC)),
        ("2026-03-05T14:18:05", datetime(2026, 3, 5, 13, 18, 5, tzinfo=UTC)),
        ("+1d 00:12", datetime(2026, 3, 4, 23, 12, tzinfo=UTC)),
        ("-1d 23:50", datetime(2026, 3, 3, 22, 50, tzinfo=UTC)),
        ("14:18Z", datetime(2026, 3, 4, 14, 18, tzinfo=UTC)),
        ("2026-07-01T14:18:00+05:30", datetime(2026, 7, 1, 8, 48, tzinfo=UTC)),
        ("2026-07-01 14:18-0400", datetime(2026, 7, 1, 18, 18, tzinfo=UTC)),
        ("2026-07-01T14:18:00.250+00", datetime(2026, 7, 1, 14, 18, 0, 250_000, tzinfo=UTC)),
    ],
)
def test_parse_time_reads_the_forms_people_type(text: str, expected_utc: datetime) -> None:
    assert parse(text) == expected_utc


def test_parse_time_keeps_an_explicit_offset() -> None:
    parsed = parse("2026-07-01T14:18+05:30")
    assert parsed.utcoffset() == timedelta(hours=5, minutes=30)


def test_bare_time_is_read_in_the_sessions_zone() -> None:
    assert parse("14:18", zone="UTC").utcoffset() == timedelta(0)
    assert parse("14:18", zone="America/New_York") == datetime(2026, 3, 4, 19, 18, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("25:99", "'25:99' is not a time; type HH:MM, or YYYY-MM-DD HH:MM"),
        ("14:60", "'14:60' is not a time"),
        ("soon", "'soon' is not a time"),
        ("2026-03-04", "'2026-03-04' is not a time"),
        ("2026-02-30 10:00", "'2026-02-30 10:00' is not a date"),
        ("10:00+25:00", "has no such offset"),
        ("", "'' is not a time"),
    ],
)
def test_parse_time_says_what_is_wrong(text: str, problem: str) -> None:
    with pytest.raises(errors.ValidationError, match=r"^at: ") as caught:
        parse(text)
    assert problem in caught.value.problem


def test_a_time_the_clocks_skipped_is_refused_with_a_suggestion() -> None:
    with pytest.raises(errors.ValidationError) as caught:
        parse("02:30", day=date(2026, 3, 29))
    problem = caught.value.problem
    assert "2026-03-29 02:30 does not exist in Europe/Berlin" in problem
    assert "clocks went forward" in problem
    assert "03:30" in problem


def test_a_time_the_clocks_showed_twice_is_refused_with_both_offsets() -> None:
    with pytest.raises(errors.ValidationError) as caught:
        parse("2026-10-25 02:30")
    problem = caught.value.problem
    assert "2026-10-25 02:30 happened twice in Europe/Berlin" in problem
    assert "02:30+02:00 for the first" in problem
    assert "02:30+01:00 for the second" in problem


def test_an_offset_settles_a_time_the_clocks_showed_twice() -> None:
    first = parse("2026-10-25 02:30+02:00")
    second = parse("2026-10-25 02:30+01:00")
    assert second - first == timedelta(hours=1)  # fixed offsets: real elapsed time


def utc(text: str) -> datetime:
    # Arithmetic between two times of one ZoneInfo is wall-clock arithmetic: compare in UTC.
    return parse(text).astimezone(UTC)


def test_times_next_to_the_changes_are_fine() -> None:
    assert utc("2026-03-29 01:59") + timedelta(minutes=1) == utc("2026-03-29 03:00")
    assert utc("2026-10-25 03:00") - utc("2026-10-25 01:59") == timedelta(hours=2, minutes=1)


def test_unknown_zone_is_a_validation_error() -> None:
    with pytest.raises(errors.ValidationError, match="unknown time zone"):
        parse("14:18", zone="Mars/Olympus")


def test_format_time_shows_the_sessions_clock() -> None:
    at = datetime(2026, 3, 4, 13, 18, tzinfo=UTC)
    assert times.format_time(at, BERLIN) == "14:18"
    assert times.format_time(at + timedelta(seconds=5), BERLIN) == "14:18:05"
    assert times.format_time(at, BERLIN, with_date=True) == "2026-03-04 14:18"
    assert times.format_time(at, "UTC") == "13:18"


def test_format_time_counts_days_from_a_reference_date() -> None:
    at = datetime(2026, 3, 4, 23, 12, tzinfo=UTC)  # 00:12 on the 5th in Berlin
    assert times.format_time(at, BERLIN, reference_date=DAY) == "+1d 00:12"
    assert times.format_time(at, BERLIN, reference_date=date(2026, 3, 5)) == "00:12"
    assert times.format_time(at, BERLIN, reference_date=date(2026, 3, 7)) == "-2d 00:12"
    assert times.format_time(at, BERLIN, reference_date=DAY, with_date=True) == "2026-03-05 00:12"


def test_format_time_marks_a_wall_time_shown_twice() -> None:
    first = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert times.format_time(first, BERLIN) == "02:30+02:00"
    assert times.format_time(first + timedelta(hours=1), BERLIN) == "02:30+01:00"


def test_format_time_refuses_a_naive_time() -> None:
    with pytest.raises(ValueError, match="aware"):
        times.format_time(datetime(2026, 3, 4, 14, 18), BERLIN)


@given(
    st.datetimes(
        min_value=datetime(2000, 1, 1),
        max_value=datetime(2040, 1, 1),
        timezones=st.just(UTC),
    ),
    st.sampled_from([BERLIN, "America/New_York", "Australia/Lord_Howe", "UTC"]),
)
def test_what_format_time_shows_parses_back_to_the_same_instant(at: datetime, zone: str) -> None:
    at = at.replace(microsecond=0)
    for shown in (
        times.format_time(at, zone, with_date=True),
        times.format_time(at, zone, reference_date=DAY),
    ):
        assert times.parse_time(shown, timezone=zone, reference_date=DAY) == at


def test_incident_date_prefers_the_incidents_own_times(store: Store) -> None:
    session_id = sessions.create_session(store, "Outage", timezone=BERLIN)
    session = sessions.load_session(store, session_id)
    assert times.incident_date(session, today=date(2030, 1, 1)) == date(2030, 1, 1)

    meeting = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
    session = sessions.update_session(store, session_id, meeting_at=meeting)
    assert times.incident_date(session) == date(2026, 3, 10)

    # 23:30 UTC is already the next day in Berlin.
    detected = datetime(2026, 3, 3, 23, 30, tzinfo=UTC)
    session = sessions.update_session(store, session_id, detected_at=detected)
    assert times.incident_date(session) == date(2026, 3, 4)

    started = datetime(2026, 3, 3, 12, 0, tzinfo=timezone(timedelta(hours=-5)))
    session = sessions.update_session(store, session_id, started_at=started)
    assert times.incident_date(session) == date(2026, 3, 3)


def test_incident_date_falls_back_to_today_in_the_zone(store: Store) -> None:
    session = sessions.load_session(store, sessions.create_session(store, "x", timezone=BERLIN))
    before = datetime.now(times.zone(BERLIN)).date()
    assert times.incident_date(session) in {before, before + timedelta(days=1)}
