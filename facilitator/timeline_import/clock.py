"""Reading the times of one source: ISO 8601, a date and a time, epoch numbers, bare times.

A `Clock` carries what a source's times are read with: the zone for times without an
offset, and the day a bare ``14:18`` is on. That day follows the source: after
``2026-03-04 22:54`` a bare ``23:10`` is on March 4, and a bare time more than 12 hours
before the one before it (22:54, then 00:12) is on the next day, as a log that crosses
midnight means it.

Times that carry an offset keep it. A wall time the zone skips or shows twice (a daylight
saving change) is refused with the message `facilitator.times.localize` gives, never
guessed: a guess there moves an entry by an hour.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction
from typing import Final

from facilitator import errors, times
from facilitator.timeline import ROLLOVER
from facilitator.times import TIME_PATTERN, time_from_match

HINT: Final = (
    "use ISO 8601 (2026-03-04T14:18:05+01:00), YYYY-MM-DD HH:MM[:SS], HH:MM, "
    "or seconds or milliseconds since 1970"
)
EPOCH_START: Final = datetime(1970, 1, 1, tzinfo=UTC)
_ROLLOVER_S: Final = int(ROLLOVER.total_seconds())
_DAY_S: Final = 86_400

_BARE = re.compile(rf"\s*{TIME_PATTERN}\s*", re.I)
_EPOCH = re.compile(r"(?P<whole>\d{9,19})(?:\.(?P<fraction>\d{1,9}))?")
# An epoch number's unit, by how many digits its whole part has, as the power of ten that
# turns it into microseconds: seconds for dates from 1973 to 2286, then milliseconds,
# microseconds and nanoseconds over the same years.
_EPOCH_POWERS = {9: 6, 10: 6, 12: 3, 13: 3, 15: 0, 16: 0, 18: -3, 19: -3}
# 03/04/2026 is March 4 in one country and April 3 in another: refused, not guessed.
_DAY_FIRST = re.compile(r"\s*\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b")
_SLASHED = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")
_ZONE_WORD = re.compile(r"\s*(?:UTC|GMT)$", re.I)


class Clock:
    """The times of one source, read in `timezone` and on (from) `reference_date`."""

    def __init__(self, timezone: str, reference_date: date) -> None:
        self.timezone = timezone
        self.zone = times.zone(timezone)
        self.reference_date = reference_date
        self.day = reference_date
        # The time before, and the same as seconds on the zone's wall clock (counted from
        # day 1 of year 1), which the roll-over of a bare time compares with.
        self._previous: datetime | None = None
        self._previous_wall = 0
        self._calm_days: dict[date, bool] = {}

    def read(self, value: object, where: str) -> datetime:
        """The instant `value` (text or a number) stands for; ValidationError at `where`."""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise errors.ValidationError(where, f"holds {_kind(value)}, not a time; {HINT}")
        if isinstance(value, int | float):
            return self._keep(
                self.epoch(str(value) if isinstance(value, int) else repr(value), where)
            )
        text = value.strip()
        if len(text) > 10 and text[4] == "-":
            # The usual case first: ISO 8601 or YYYY-MM-DD HH:MM[:SS], read in C.
            try:
                parsed = datetime.fromisoformat(text)
            except ValueError:
                pass
            else:
                return self._keep(parsed if parsed.tzinfo else self.localize(parsed, where))
        if not text:
            raise errors.ValidationError(where, f"has no time; {HINT}")
        if text[0].isdigit() and _EPOCH.fullmatch(text):
            return self._keep(self.epoch(text, where))
        bare = _BARE.fullmatch(text)
        if bare is not None and not bare.group("date"):
            return self.from_match(bare, where)
        return self._keep(self._iso(text, where))

    def from_match(self, match: re.Match[str], where: str) -> datetime:
        """The time a match of `times.TIME_PATTERN` stands for. A time without a date (with
        an offset or without) is on the day of the time before it, or the next day when it
        is over 12 hours earlier than that; ``+1d 00:12`` counts from the reference date."""
        if match.group("date") or match.group("days"):
            day = self.reference_date
            return self._keep(
                time_from_match(match, timezone=self.timezone, reference_date=day, where=where)
            )
        if match.group("offset"):
            at = time_from_match(
                match, timezone=self.timezone, reference_date=self.day, where=where
            )
            previous = self._previous
            if previous is not None and at < previous - ROLLOVER:
                later = self.day + timedelta(days=1)
                at = time_from_match(
                    match, timezone=self.timezone, reference_date=later, where=where
                )
            return self._keep(at)
        # A bare time, the usual line of a chat log. It is built here rather than through
        # `times.time_from_match` (a third of the cost of a line), and rolled over on the
        # wall clock before the zone is asked, so that a time that exists only on the next
        # day is not refused for the day before.
        hour, minute = int(match.group("hour")), int(match.group("minute"))
        second, fraction = int(match.group("second") or 0), match.group("fraction")
        if hour > 23 or minute > 59 or second > 59:
            raise errors.ValidationError(where, f"{match.group('token')!r} is not a time; {HINT}")
        micro = int(fraction.ljust(6, "0")) if fraction else 0
        day = self.day
        wall = day.toordinal() * _DAY_S + hour * 3600 + minute * 60 + second
        if self._previous is not None and wall < self._previous_wall - _ROLLOVER_S:
            day += timedelta(days=1)
            wall += _DAY_S
        if self._is_calm(day):
            at = datetime(day.year, day.month, day.day, hour, minute, second, micro, self.zone)
        else:
            naive = datetime(day.year, day.month, day.day, hour, minute, second, micro)
            at = self.localize(naive, where)
        self.day, self._previous, self._previous_wall = day, at, wall
        return at

    def epoch(self, text: str, where: str) -> datetime:
        """An epoch number: seconds, milliseconds, microseconds or nanoseconds since 1970,
        told apart by their size."""
        match = _EPOCH.fullmatch(text)
        power = _EPOCH_POWERS.get(len(match.group("whole"))) if match else None
        if match is None or power is None:
            raise errors.ValidationError(
                where, f"{text!r} is a number but not a time since 1970 we can read; {HINT}"
            )
        whole, fraction = int(match.group("whole")), match.group("fraction")
        if fraction is None and power >= 0:
            micros = whole * 10**power  # the usual case, kept to integer arithmetic
        else:
            # Exact arithmetic: floats lose microseconds on nanosecond-sized numbers.
            number = whole + Fraction(int(fraction or 0), 10 ** len(fraction or ""))
            micros = round(number * Fraction(10) ** power)
        return EPOCH_START + timedelta(microseconds=micros)

    def localize(self, naive: datetime, where: str) -> datetime:
        """A wall time in the clock's zone; ValidationError if the zone skips it or shows it
        twice that day."""
        if self._is_calm(naive.date()):
            return naive.replace(tzinfo=self.zone)
        first = naive.replace(tzinfo=self.zone)
        if first.utcoffset() == naive.replace(tzinfo=self.zone, fold=1).utcoffset():
            return first
        return times.localize(naive, self.timezone, where=where)  # raises, saying which

    def _is_calm(self, day: date) -> bool:
        """Whether the zone keeps one offset all day: the same at its start and at the start
        of the next, either side of a fold (a change at midnight shows there). On such a day
        every wall time is one instant; asking once a day rather than once a line matters
        for big files."""
        calm = self._calm_days.get(day)
        if calm is None:
            start = datetime(day.year, day.month, day.day, tzinfo=self.zone)
            ends = (start, start + timedelta(days=1))
            offsets = {end.replace(fold=fold).utcoffset() for end in ends for fold in (0, 1)}
            calm = self._calm_days[day] = len(offsets) == 1
        return calm

    def _iso(self, text: str, where: str) -> datetime:
        if _DAY_FIRST.match(text):
            raise errors.ValidationError(
                where,
                f"{text!r}: the day and the month could be either way round; "
                "write the date as YYYY-MM-DD",
            )
        cleaned = _SLASHED.sub(lambda d: f"{d[1]}-{int(d[2]):02d}-{int(d[3]):02d}", text)
        zoned = _ZONE_WORD.search(cleaned)
        if zoned:
            cleaned = cleaned[: zoned.start()] + "+00:00"
        try:
            parsed = datetime.fromisoformat(cleaned)
        except ValueError:
            raise errors.ValidationError(where, f"{text!r} is not a time; {HINT}") from None
        if len(cleaned) <= 10:  # fromisoformat reads a bare date as its midnight
            raise errors.ValidationError(where, f"{text!r} has a date but no time; {HINT}")
        if parsed.tzinfo is not None:
            return parsed
        return self.localize(parsed, where)

    def _keep(self, at: datetime) -> datetime:
        """Remember `at` as the time before the next one, and its day (in the clock's zone)
        as the day of the next bare time."""
        local = at if at.tzinfo is self.zone else at.astimezone(self.zone)
        self.day = local.date()
        self._previous = at
        clock = local.hour * 3600 + local.minute * 60 + local.second
        self._previous_wall = self.day.toordinal() * _DAY_S + clock
        return at


def _kind(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
