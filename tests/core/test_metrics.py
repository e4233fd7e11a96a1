"""Tests for the durations derived from key times and how they are shown."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, strategies as st

from facilitator import metrics, sessions
from facilitator.db.store import Store
from facilitator.findings import Finding

T0 = datetime(2026, 11, 10, 9, 12, tzinfo=UTC)


@dataclass(frozen=True)
class Times:
    """A plain stand-in for a session: the functions take any object with these attributes."""

    started_at: datetime | None = None
    detected_at: datetime | None = None
    acknowledged_at: datetime | None = None
    mitigated_at: datetime | None = None
    resolved_at: datetime | None = None
    timezone: str = "UTC"


def minutes(n: float) -> timedelta:
    return timedelta(minutes=n)


IN_ORDER = Times(
    started_at=T0,
    detected_at=T0 + minutes(14),
    acknowledged_at=T0 + minutes(19),
    mitigated_at=T0 + minutes(67),
    resolved_at=T0 + minutes(3 * 60 + 5),
)


def values(times: Times) -> dict[str, timedelta | None]:
    return {d.name: d.value for d in metrics.key_durations(times)}


def test_durations_follow_the_conventional_definitions() -> None:
    assert values(IN_ORDER) == {
        "ttd": minutes(14),  # started → detected
        "tta": minutes(5),  # detected → acknowledged
        "ttm": minutes(67),  # started → mitigated
        "ttr": minutes(185),  # started → resolved
    }


def test_durations_carry_names_labels_and_fields_in_order() -> None:
    durations = metrics.key_durations(IN_ORDER)
    assert [(d.label, d.start, d.end) for d in durations] == [
        ("Time to detect", "started_at", "detected_at"),
        ("Time to acknowledge", "detected_at", "acknowledged_at"),
        ("Time to mitigate", "started_at", "mitigated_at"),
        ("Time to resolve", "started_at", "resolved_at"),
    ]


def test_a_missing_time_leaves_only_its_durations_unknown() -> None:
    result = values(replace(IN_ORDER, detected_at=None))
    assert result == {"ttd": None, "tta": None, "ttm": minutes(67), "ttr": minutes(185)}


def test_no_times_give_no_durations_and_no_findings() -> None:
    assert set(values(Times()).values()) == {None}
    assert metrics.key_time_findings(Times()) == []


def test_a_pair_out_of_order_gives_none_not_a_negative_duration() -> None:
    times = replace(IN_ORDER, detected_at=T0 - minutes(7))
    assert values(times)["ttd"] is None
    assert values(times)["tta"] == minutes(26)


def test_equal_times_give_zero() -> None:
    times = Times(started_at=T0, detected_at=T0)
    assert values(times)["ttd"] == timedelta(0)
    assert metrics.key_time_findings(times) == []


def test_times_in_order_give_no_findings() -> None:
    assert metrics.key_time_findings(IN_ORDER) == []


def test_out_of_order_finding_shows_times_in_the_session_zone() -> None:
    started = datetime(2026, 11, 10, 9, 12, tzinfo=UTC)  # 10:12 in Berlin (CET)
    times = Times(started_at=started, detected_at=started - minutes(7), timezone="Europe/Berlin")
    assert metrics.key_time_findings(times) == [
        Finding("warning", "details", "detected at 10:05 is before started at 10:12")
    ]


def test_finding_names_the_date_when_the_local_days_differ() -> None:
    started = datetime(2026, 11, 10, 23, 30, tzinfo=UTC)  # 00:30 on the 11th in Berlin
    times = Times(started_at=started, resolved_at=started - minutes(60), timezone="Europe/Berlin")
    [finding] = metrics.key_time_findings(times)
    assert finding.message == "resolved at 2026-11-10 23:30 is before started at 2026-11-11 00:30"


def test_one_mistyped_time_gives_one_finding() -> None:
    # Resolved typed a day early breaks four pairs, but it is one mistake.
    times = replace(IN_ORDER, resolved_at=T0 - timedelta(days=1))
    [finding] = metrics.key_time_findings(times)
    assert finding.message == "resolved at 2026-11-09 09:12 is before mitigated at 2026-11-10 10:19"


def test_a_time_is_compared_with_the_latest_earlier_one_not_just_its_neighbour() -> None:
    # Detected is too early, so acknowledged looks fine next to it but is still before start.
    times = Times(started_at=T0, detected_at=T0 - minutes(10), acknowledged_at=T0 - minutes(5))
    messages = [f.message for f in metrics.key_time_findings(times)]
    assert messages == [
        "detected at 09:02 is before started at 09:12",
        "acknowledged at 09:07 is before started at 09:12",
    ]


def test_missing_times_are_skipped_when_checking_order() -> None:
    times = Times(started_at=T0, mitigated_at=T0 - minutes(1))
    [finding] = metrics.key_time_findings(times)
    assert finding.message == "mitigated at 09:11 is before started at 09:12"


def test_an_unknown_zone_falls_back_to_utc() -> None:
    times = Times(started_at=T0, detected_at=T0 - minutes(1), timezone="Mars/Olympus_Mons")
    [finding] = metrics.key_time_findings(times)
    assert finding.message == "detected at 09:11 is before started at 09:12"


def test_works_on_a_stored_session(store: Store) -> None:
    session_id = sessions.create_session(
        store,
        "Checkout errors",
        timezone="Europe/Berlin",
        started_at=T0,
        detected_at=T0 - minutes(7),
        resolved_at=T0 + minutes(90),
    )
    session = sessions.load_session(store, session_id)
    assert {d.name: d.value for d in metrics.key_durations(session)}["ttr"] == minutes(90)
    [finding] = metrics.key_time_findings(session)
    assert finding.message == "detected at 10:05 is before started at 10:12"


@pytest.mark.parametrize(
    ("duration", "shown"),
    [
        (timedelta(0), "0 min"),
        (timedelta(seconds=40), "< 1 min"),
        (minutes(1), "1 min"),
        (minutes(45), "45 min"),
        (timedelta(minutes=59, seconds=59), "59 min"),
        (minutes(60), "1 h 00 min"),
        (minutes(67), "1 h 07 min"),
        (minutes(23 * 60 + 59), "23 h 59 min"),
        (timedelta(days=1), "1 d 0 h"),
        (timedelta(days=2, hours=3, minutes=59), "2 d 3 h"),
        (timedelta(days=40), "40 d 0 h"),
    ],
)
def test_format_duration(duration: timedelta, shown: str) -> None:
    assert metrics.format_duration(duration) == shown


def test_format_duration_refuses_a_negative_duration() -> None:
    with pytest.raises(ValueError, match="negative"):
        metrics.format_duration(-minutes(1))


def test_time_name() -> None:
    assert metrics.time_name("acknowledged_at") == "acknowledged"


instants = st.one_of(
    st.none(),
    st.datetimes(
        min_value=datetime(2000, 1, 1),
        max_value=datetime(2100, 1, 1),
        timezones=st.sampled_from([UTC, metrics.zone_of("Europe/Berlin")]),
    ),
)


@given(
    st.builds(
        Times,
        started_at=instants,
        detected_at=instants,
        acknowledged_at=instants,
        mitigated_at=instants,
        resolved_at=instants,
        timezone=st.sampled_from(["UTC", "Europe/Berlin", "America/St_Johns"]),
    )
)
def test_no_duration_is_ever_negative(times: Times) -> None:
    durations = metrics.key_durations(times)
    for duration in durations:
        if duration.value is not None:
            assert duration.value >= timedelta(0)
            metrics.format_duration(duration.value)  # shows every duration it derives
    # An unknown duration with both times present always comes with a finding.
    if any(
        d.value is None and getattr(times, d.start) and getattr(times, d.end) for d in durations
    ):
        assert metrics.key_time_findings(times)
