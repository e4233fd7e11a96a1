"""The rows of the write-up's sections: labels, times in the session's zone, row order.

Helpers of `facilitator.report.document`, kept apart so that each stays readable. Text
passes through `say` (the public variant's name redactor, or nothing) on its way in.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from facilitator import metrics, times
from facilitator.db import models as m
from facilitator.report.markdown import (
    ACTION_STATUS_LABELS,
    LIST_SECTIONS,
    PRIORITY_LABELS,
    STATUS_LABELS,
)
from facilitator.report.names import NameRedactor
from facilitator.report.rows import (
    Action,
    Chain,
    Duration,
    Fact,
    FactorText,
    Image,
    KeyTime,
    Phase,
    TimelineRow,
)
from facilitator.timeline import gaps

__all__ = ["LIST_SECTIONS", "STATUS_LABELS"]

Say = Callable[[str], str]
DASH = "—"
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ROLE_NAMES = {"incident_lead": "Incident lead"}
# The phase strip: (from, to, label, tone). A segment needs both of its times.
PHASES = (
    ("started_at", "detected_at", "Impact before detection", "undetected"),
    ("detected_at", "mitigated_at", "Detected, responding", "responding"),
    ("mitigated_at", "resolved_at", "Mitigated, recovering", "recovering"),
)
MIN_SHARE = 0.2  # a 2-minute phase next to a 2-hour one must still have room for its label
# Raster formats by their first bytes: what a file *is*, whatever its media type claims.
# SVG is never embedded: it can script and fetch (DESIGN section 4).
IMAGE_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


def zone_name(name: str) -> str:
    """The session's zone, or UTC when the name is unknown, so a write-up always renders."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return "UTC"
    return name


def shorten(text: str, limit: int) -> str:
    """`text` on one line, cut at a word boundary to at most `limit` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    # A word boundary unless that throws away most of the text (one very long word).
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:.-–") + "…"


def long_date(day: date, *, weekday: bool = False) -> str:
    # Spelled out here rather than with strftime, which follows the machine's locale.
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text


def short_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


def _day(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()][:3]} {day.day} {MONTHS[day.month - 1][:3]}"


def when(moment: datetime, zone: str) -> str:
    """ "10 Nov 2026, 18:06" in the session's zone (with the offset when the hour repeats)."""
    local = moment.astimezone(ZoneInfo(zone))
    return f"{short_date(local.date())}, {times.format_time(moment, zone)}"


def role_label(role: str) -> str:
    return ROLE_NAMES.get(role, role.replace("_", " ").capitalize())


def facts(session: m.Session, zone: str, say: Say, names: NameRedactor | None) -> tuple[Fact, ...]:
    """The title block's rows, in reading order; empty ones are left out."""

    def person(name: str) -> str:
        return names.label_of(name) if names is not None else name.strip()

    start = session.started_at or session.detected_at
    incident = ""
    if start is not None:
        local = start.astimezone(ZoneInfo(zone))
        incident = f"{long_date(local.date(), weekday=True)}, {times.format_time(start, zone)}"
        end = session.resolved_at
        if end is not None and end >= start:
            same_day = end.astimezone(ZoneInfo(zone)).date() == local.date()
            incident += f" to {times.format_time(end, zone) if same_day else when(end, zone)}"
    duration = ""
    if session.started_at and session.resolved_at and session.resolved_at >= session.started_at:
        duration = metrics.format_duration(session.resolved_at - session.started_at)
        duration += " from start to resolution"
    meeting = when(session.meeting_at, zone) if session.meeting_at else ""
    abbreviation = (start or datetime.now(ZoneInfo(zone))).astimezone(ZoneInfo(zone)).tzname()
    rows = (
        Fact("Incident", incident),
        Fact("Duration", duration),
        # In the public version these would read "Incident lead: Incident lead".
        Fact("Incident lead", "" if names else person(session.incident_lead)),
        Fact("Facilitator", "" if names else person(session.facilitator)),
        Fact("Services", ", ".join(map(say, session.services))),
        Fact("Tags", ", ".join(session.tags)),
        Fact("Post-mortem meeting", meeting),
        Fact("Times shown in", f"{zone} ({abbreviation})" if abbreviation != zone else zone),
    )
    return tuple(row for row in rows if row.value)


def key_times(
    session: m.Session, zone: str
) -> tuple[tuple[KeyTime, ...], tuple[Duration, ...], tuple[str, ...]]:
    """Key times, the durations between them, and notes on times out of order."""
    tz = ZoneInfo(zone)
    present = [
        KeyTime(
            metrics.time_name(name).capitalize(),
            times.format_time(value, zone),
            _day(value.astimezone(tz).date()),
        )
        for name in m.KEY_TIMES
        if (value := getattr(session, name)) is not None
    ]
    durations = tuple(
        Duration(
            d.label,
            f"{metrics.time_name(d.start)} → {metrics.time_name(d.end)}",
            DASH if d.value is None else metrics.format_duration(d.value),
        )
        for d in metrics.key_durations(session)
        if getattr(session, d.start) is not None and getattr(session, d.end) is not None
    )
    notes = tuple(finding.message for finding in metrics.key_time_findings(session))
    return tuple(present), durations, notes


def phases(session: m.Session, zone: str) -> tuple[Phase, ...]:
    """The phase strip; none when a time is out of order (the key times say which)."""
    if metrics.key_time_findings(session):
        return ()
    spans = [
        (label, tone, start, end)
        for first, last, label, tone in PHASES
        if (start := getattr(session, first)) is not None
        and (end := getattr(session, last)) is not None
    ]
    total = sum((end - start).total_seconds() for _, _, start, end in spans)
    if not spans or total <= 0:
        return ()
    raw = [max((end - start).total_seconds() / total, MIN_SHARE) for _, _, start, end in spans]
    return tuple(
        Phase(
            label,
            tone,
            times.format_time(start, zone),
            times.format_time(end, zone),
            metrics.format_duration(end - start),
            share / sum(raw),
        )
        for (label, tone, start, end), share in zip(spans, raw, strict=True)
    )


def timeline_rows(
    session: m.Session, zone: str, say: Say, *, notes: bool, internal: bool
) -> tuple[TimelineRow, ...]:
    """Entries in time order with a row at each new local day and after each long gap;
    without `internal`, entries marked internal are left out."""
    entries = sorted(
        (e for e in session.timeline if internal or not e.internal),
        key=lambda e: (e.at, e.position),
    )
    long_gaps = {gap.after: gap.length for gap in gaps(entries)}
    rows: list[TimelineRow] = []
    day: date | None = None
    tz = ZoneInfo(zone)
    for index, entry in enumerate(entries):
        local_day = entry.at.astimezone(tz).date()
        if local_day != day:
            rows.append(TimelineRow("day", text=long_date(local_day, weekday=True)))
            day = local_day
        rows.append(
            TimelineRow(
                "entry",
                time=times.format_time(entry.at, zone),
                kind=entry.kind,
                text=say(entry.text),
                source=say(entry.source.strip()),
                key=entry.key,
                notes=say(entry.notes) if notes else "",
            )
        )
        if index in long_gaps and index + 1 < len(entries):
            length = metrics.format_duration(long_gaps[index])
            rows.append(TimelineRow("gap", text=f"{length} with nothing recorded"))
    return tuple(rows)


def chains(session: m.Session, say: Say) -> tuple[Chain, ...]:
    found = []
    for chain in session.why_chains:
        whys = tuple(say(why.text) for why in chain.whys if why.text.strip())
        if chain.problem.strip() or whys or chain.root_cause.strip():
            found.append(Chain(say(chain.problem), whys, say(chain.root_cause)))
    return tuple(found)


def redacted_factor(factor: m.Factor, say: Say) -> FactorText:
    return FactorText(
        factor.id,
        factor.parent_id,
        factor.position,
        say(factor.text),
        factor.category,
        factor.gate,
        factor.unknown,
    )


def action(
    item: m.ActionItem,
    session: m.Session,
    zone: str,
    names: NameRedactor | None,
    *,
    today: date,
    links: bool,
) -> Action:
    say: Say = names if names is not None else (lambda text: text)
    status_label = ACTION_STATUS_LABELS.get(item.status, item.status.replace("_", " ").title())
    if item.status == "done":
        done = item.completed_at
        status_label = (
            f"Done {short_date(done.astimezone(ZoneInfo(zone)).date())}" if done else "Done"
        )
    url = item.tracker_url.strip()
    return Action(
        title=say(item.title),
        owner=names.label_of(item.owner) if names is not None else item.owner.strip(),
        due=short_date(item.due) if item.due else "",
        priority=item.priority,
        # The column is headed "Priority", so "Must" says what "Must fix" does, in less room.
        priority_label=PRIORITY_LABELS.get(item.priority, item.priority).removesuffix(" fix"),
        kind=item.kind.capitalize(),
        status=item.status,
        status_label=status_label,
        overdue=item.due is not None
        and item.due < today
        and item.status in ("open", "in_progress"),
        criteria=say(item.success_criteria),
        tracker_url=url if links and url.lower().startswith(("https://", "http://")) else "",
        addresses=_targets(item, session, say),
    )


def _targets(item: m.ActionItem, session: m.Session, say: Say) -> tuple[str, ...]:
    factors = {factor.id: factor for factor in session.factors}
    chain_numbers = {chain.id: n for n, chain in enumerate(session.why_chains, start=1)}
    found = []
    for target in item.addresses:
        if target.factor_id in factors:
            found.append(shorten(say(factors[target.factor_id].text), 70))
        elif target.chain_id in chain_numbers:
            found.append(f"root cause of 5 Whys chain {chain_numbers[target.chain_id]}")
    return tuple(found)


def images(session: m.Session, say: Say, *, internal: bool) -> tuple[Image, ...]:
    """Evidence that is really a PNG, JPEG, GIF or WebP picture, whatever its media type."""
    found = []
    for attachment in session.attachments:
        if attachment.internal and not internal:
            continue
        kind = sniff_image(attachment.data)
        if kind is not None:
            caption = say(attachment.caption.strip() or attachment.name.strip())
            found.append(Image(caption, kind, attachment.data))
    return tuple(found)


def sniff_image(data: bytes) -> str | None:
    for magic, kind in IMAGE_MAGIC:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None
