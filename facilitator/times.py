"""Times as people type and read them: parsing in the session's zone, display, the incident date.

What `parse_time` reads (surrounding spaces are ignored):

- ``14:18`` or ``14:18:05`` – that time on the reference date (the incident's date,
  see `incident_date`), read in the session's zone;
- ``+1d 00:12`` (or ``-1d 23:50``) – that time so many days after (before) the reference date;
- ``2026-03-04 14:18`` or ``2026-03-04T14:18:05`` – a date and a time in the session's zone;
- any of those with an offset (``14:18Z``, ``2026-03-04T14:18+01:00``, ``…+0100``, ``…+01``):
  the offset is kept and the zone is not consulted.

A local time that the session's zone skips (clocks going forward) or shows twice (clocks going
back) raises a ValidationError that says so and how to type it, rather than silently
guessing: a guess there shifts an incident's timeline by an hour.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone as fixed_offset, tzinfo
from zoneinfo import ZoneInfo

from facilitator import errors, sessions
from facilitator.db import models as m

HINT = "type HH:MM, or YYYY-MM-DD HH:MM"

_TIME = (
    r"(?P<hour>\d{1,2}):(?P<minute>\d{2})"
    r"(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d{1,6}))?)?"
)
# No space before an offset: in a pasted "14:18 -12 errors" the "-12" is text, not a zone.
_OFFSET = r"(?P<offset>Z|[+-]\d{2}(?::?\d{2})?)"
# The time token, shared with the paste reader in facilitator.timeline.
TIME_PATTERN = (
    rf"(?P<token>(?:(?P<date>\d{{4}}-\d{{2}}-\d{{2}})(?:T|\s+)|(?P<days>[+-]\d{{1,4}})d\s+)?"
    rf"{_TIME}{_OFFSET}?)"
)
_WHOLE = re.compile(rf"\s*{TIME_PATTERN}\s*", re.IGNORECASE)


def zone(name: str) -> ZoneInfo:
    """The zone with that IANA name, or a ValidationError naming it."""
    return ZoneInfo(sessions.check_timezone(name))


def parse_time(text: str, *, timezone: str, reference_date: date, where: str = "at") -> datetime:
    """The aware time that `text` means (module docstring); ValidationError at `where`."""
    match = _WHOLE.fullmatch(text)
    if match is None:
        raise errors.ValidationError(where, f"{text.strip()!r} is not a time; {HINT}")
    return time_from_match(match, timezone=timezone, reference_date=reference_date, where=where)


def time_from_match(
    match: re.Match[str], *, timezone: str, reference_date: date, where: str
) -> datetime:
    """The time a match of TIME_PATTERN stands for."""
    shown = match.group("token")
    day = _day(match, reference_date, shown, where)
    clock = _clock(match, shown, where)
    naive = datetime.combine(day, clock)
    if match.group("offset"):
        return naive.replace(tzinfo=_offset(match.group("offset"), shown, where))
    return localize(naive, timezone, where=where)


def _day(match: re.Match[str], reference_date: date, shown: str, where: str) -> date:
    if match.group("date"):
        try:
            return date.fromisoformat(match.group("date"))
        except ValueError:
            raise errors.ValidationError(where, f"{shown!r} is not a date; {HINT}") from None
    return reference_date + timedelta(days=int(match.group("days") or 0))


def _clock(match: re.Match[str], shown: str, where: str) -> time:
    hour, minute = int(match.group("hour")), int(match.group("minute"))
    second = int(match.group("second") or 0)
    micro = int((match.group("fraction") or "0").ljust(6, "0"))
    if hour > 23 or minute > 59 or second > 59:
        raise errors.ValidationError(where, f"{shown!r} is not a time; {HINT}")
    return time(hour, minute, second, micro)


def _offset(text: str, shown: str, where: str) -> tzinfo:
    if text.upper() == "Z":
        return UTC
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 23 or minutes > 59:
        raise errors.ValidationError(where, f"{shown!r} has no such offset; {HINT}")
    sign = -1 if text[0] == "-" else 1
    return fixed_offset(sign * timedelta(hours=hours, minutes=minutes))


def localize(naive: datetime, timezone: str, *, where: str = "at") -> datetime:
    """`naive` as a wall-clock time in the zone; ValidationError if the zone skips it or
    shows it twice that day."""
    tz = zone(timezone)
    first, second = naive.replace(tzinfo=tz, fold=0), naive.replace(tzinfo=tz, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first
    shown = naive.strftime("%Y-%m-%d %H:%M")
    if _wall(first, tz) != naive:
        # In a gap zoneinfo reads fold=0 with the offset from before the change, which lands
        # on the wall time the clocks showed at that instant: a fair suggestion.
        shown_then = _wall(first, tz).strftime("%H:%M")
        problem = (
            f"{shown} does not exist in {timezone} (the clocks went forward that night); "
            f"type the time the clocks showed, such as {shown_then}"
        )
    else:
        hm = naive.strftime("%H:%M")
        problem = (
            f"{shown} happened twice in {timezone} (the clocks went back that night); "
            f"add the offset: {hm}{_offset_text(first)} for the first, "
            f"{hm}{_offset_text(second)} for the second"
        )
    raise errors.ValidationError(where, problem)


def _wall(aware: datetime, tz: ZoneInfo) -> datetime:
    return aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None)


def _offset_text(aware: datetime) -> str:
    offset = aware.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def format_time(
    dt: datetime, timezone: str, *, with_date: bool = False, reference_date: date | None = None
) -> str:
    """`dt` as the session's clocks showed it: ``14:18``, ``14:18:05``, ``2026-03-04 14:18``.

    With a `reference_date` (and no `with_date`), a time on another day says how many days
    away it is (``+1d 00:12``), as a timeline table shows a night that crosses midnight.
    A wall time the zone shows twice carries its offset (``02:30+01:00``). Whatever is shown
    can be typed back into `parse_time` (same reference date) and means the same instant.
    """
    if dt.tzinfo is None:
        raise ValueError("format_time needs an aware datetime")
    local = dt.astimezone(zone(timezone))
    text = local.strftime("%H:%M:%S" if local.second else "%H:%M")
    if with_date:
        text = f"{local:%Y-%m-%d} {text}"
    elif reference_date is not None and local.date() != reference_date:
        text = f"{(local.date() - reference_date).days:+d}d {text}"
    if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
        text += _offset_text(local)
    return text


def incident_date(session: m.Session, *, today: date | None = None) -> date:
    """The date a bare ``14:18`` refers to: the first key time the session has (started,
    detected, …), else the meeting date, else today – each as a date in the session's zone.

    The incident's own times come first: a post-mortem is often held days after the incident,
    and the times people type are the incident's.
    """
    tz = zone(session.timezone)
    for field in (*m.KEY_TIMES, "meeting_at"):
        value: datetime | None = getattr(session, field)
        if value is not None:
            return value.astimezone(tz).date()
    return today if today is not None else datetime.now(tz).date()
