"""Incident durations derived from a session's key times, and how to show them.

The four measures follow the usual incident-management definitions:

- time to detect (TTD): started → detected
- time to acknowledge (TTA): detected → acknowledged (how long an alert waited for a human)
- time to mitigate (TTM): started → mitigated
- time to resolve (TTR): started → resolved

TTM and TTR count from the start, not from detection, because that is how long customers
were affected; TTA counts from detection because it measures the response, not the outage.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from facilitator.findings import Finding

# The key times in the order an incident goes through them.
KEY_TIME_ORDER = ("started_at", "detected_at", "acknowledged_at", "mitigated_at", "resolved_at")


class KeyTimes(Protocol):
    """Anything with the five key times: an ORM session, a UI form, a test double."""

    @property
    def started_at(self) -> datetime | None: ...
    @property
    def detected_at(self) -> datetime | None: ...
    @property
    def acknowledged_at(self) -> datetime | None: ...
    @property
    def mitigated_at(self) -> datetime | None: ...
    @property
    def resolved_at(self) -> datetime | None: ...


class ZonedKeyTimes(KeyTimes, Protocol):
    """Key times plus the IANA zone name they are shown in."""

    @property
    def timezone(self) -> str: ...


@dataclass(frozen=True)
class DurationSpec:
    """One measure: which key time it runs from and to."""

    name: str
    label: str
    start: str
    end: str


DURATIONS = (
    DurationSpec("ttd", "Time to detect", "started_at", "detected_at"),
    DurationSpec("tta", "Time to acknowledge", "detected_at", "acknowledged_at"),
    DurationSpec("ttm", "Time to mitigate", "started_at", "mitigated_at"),
    DurationSpec("ttr", "Time to resolve", "started_at", "resolved_at"),
)


@dataclass(frozen=True)
class KeyDuration:
    """One measure of one session; `value` is None when a time is missing or out of order."""

    name: str
    label: str
    start: str
    end: str
    value: timedelta | None


def key_durations(times: KeyTimes) -> list[KeyDuration]:
    """TTD, TTA, TTM and TTR in that order; never negative."""
    return [
        KeyDuration(
            spec.name,
            spec.label,
            spec.start,
            spec.end,
            _between(getattr(times, spec.start), getattr(times, spec.end)),
        )
        for spec in DURATIONS
    ]


def _between(start: datetime | None, end: datetime | None) -> timedelta | None:
    # A negative duration is a data-entry slip, not a fact: report it as unknown and let
    # `key_time_findings` say which times disagree.
    if start is None or end is None or end < start:
        return None
    return end - start


def key_time_findings(times: ZonedKeyTimes) -> list[Finding]:
    """A warning for each key time earlier than a key time that should precede it.

    Each time is compared with the latest of the times before it in the incident's order,
    so one mistyped time gives one finding rather than one for every pair it breaks.
    """
    zone = zone_of(times.timezone)
    findings: list[Finding] = []
    latest: tuple[str, datetime] | None = None
    for field in KEY_TIME_ORDER:
        value: datetime | None = getattr(times, field)
        if value is None:
            continue
        if latest is not None and value < latest[1]:
            findings.append(
                Finding("warning", "details", _out_of_order(field, value, *latest, zone))
            )
        if latest is None or value > latest[1]:
            latest = (field, value)
    return findings


def _out_of_order(
    field: str, value: datetime, earlier_field: str, earlier: datetime, zone: tzinfo
) -> str:
    shown, shown_earlier = value.astimezone(zone), earlier.astimezone(zone)
    # The date only adds noise when both times fall on the same local day.
    fmt = "%H:%M" if shown.date() == shown_earlier.date() else "%Y-%m-%d %H:%M"
    return (
        f"{time_name(field)} at {shown.strftime(fmt)} is before "
        f"{time_name(earlier_field)} at {shown_earlier.strftime(fmt)}"
    )


def time_name(field: str) -> str:
    """The word for a key time in messages: `detected_at` → `detected`."""
    return field.removesuffix("_at")


def zone_of(name: str) -> tzinfo:
    """The session's zone; UTC when the name is unknown, so showing a time never fails."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def format_duration(duration: timedelta) -> str:
    """A duration as people read it: `45 min`, `1 h 07 min`, `2 d 3 h`, `< 1 min`.

    Whole minutes are truncated rather than rounded, so `59 min 40 s` never shows as an hour.
    """
    if duration < timedelta(0):
        raise ValueError(f"a duration cannot be negative: {duration}")
    if duration == timedelta(0):
        return "0 min"
    minutes = duration // timedelta(minutes=1)
    if minutes == 0:
        return "< 1 min"
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min"
