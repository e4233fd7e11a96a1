"""The write-up as GitHub-flavoured Markdown, for wikis: one function over a loaded session.

User text is Markdown already, so it goes in verbatim. The only changes are the ones its
position forces: in a table cell `|` is escaped and line breaks become `<br>`; inside a list
item, continuation lines are indented so they stay in the item; a heading takes one line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime, tzinfo
from urllib.parse import quote

from facilitator import metrics
from facilitator.db import models as m
from facilitator.review import ReviewView

DASH = "—"
KEY_MARK = "★"
STATUS_LABELS = {"draft": "Draft", "in_meeting": "In meeting", "completed": "Completed"}
DEPTH_LABELS = {"quick": "Quick", "standard": "Standard", "deep": "Deep dive"}
ROLE_LABELS = {"incident_lead": "incident lead"}
PRIORITY_LABELS = {"must": "Must fix", "should": "Should fix", "nice": "Nice to have"}
ACTION_STATUS_LABELS = {"open": "Open", "in_progress": "In progress", "dropped": "Dropped"}
URL_SAFE = "/:?#[]@!$&'()*+,;=%~"  # reserved URL characters Markdown reads fine inside <...>
ACTION_HEADERS = ("Action", "Owner", "Due", "Priority", "Kind", "Status", "Success criteria")
GATE_LABELS = {"and": "**AND** all of:", "or": "**OR** any of:"}
LIST_SECTIONS = (
    ("went_well", "Went well"),
    ("went_poorly", "Went poorly"),
    ("lucky", "Where we got lucky"),
    ("parking_lot", "Parking lot"),
)
# A line that Markdown reads as the start of a block (heading, quote, list, fence, table,
# HTML, indented code): such text cannot follow a bold label on the same line.
BLOCK_START = re.compile(r"^(?: {4}|\t| {0,3}(?:[#>|<]|[*+-](?:\s|$)|\d{1,9}[.)](?:\s|$)|```|~~~))")


def render_markdown(session: m.Session, *, reviews: Sequence[ReviewView] = ()) -> str:
    """The whole write-up; sections without content are left out. `reviews` are the
    session's effectiveness-review verdicts (`review.session_reviews`)."""
    zone = metrics.zone_of(session.timezone)
    sections = [
        _title(session),
        _metadata(session, zone),
        _prose("Executive summary", session.summary),
        _impact(session),
        _key_times(session, zone),
        _timeline(session, zone),
        *(_bullets(title, session.items_of(name)) for name, title in LIST_SECTIONS),
        _whys(session),
        _factors(session),
        _actions(session, zone),
        _reviews(reviews),
    ]
    return "\n\n".join(section for section in sections if section) + "\n"


# Markdown primitives ------------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _block(text: str) -> str:
    """User text as a block: line endings unified, blank lines around it dropped."""
    lines = _lines(text.rstrip())
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines)


def _cell(text: str, empty: str = "") -> str:
    # Spaces and line breaks at the ends of a cell are not content (GFM trims them), and a
    # trailing <br> would only add an empty line to the row.
    text = text.strip()
    if not text:
        return empty
    return "<br>".join(line.replace("|", "\\|") for line in _lines(text))


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _item(marker: str, text: str, indent: str = "") -> str:
    """A list item; continuation lines are indented to the item's content column."""
    first, *rest = _lines(_block(text)) or [""]
    pad = indent + " " * len(marker)
    return "\n".join([indent + marker + first] + [pad + line if line else "" for line in rest])


def _labelled(label: str, text: str) -> str:
    """`**Label:** text` on one line when the text is a plain line, else label then block."""
    body = _block(text)
    if "\n" in body or BLOCK_START.match(body):
        return f"**{label}:**\n\n{body}"
    return f"**{label}:** {body}"


def _heading(level: int, text: str) -> str:
    # A heading is one line: line breaks in the text would end it and spill into the body.
    return "#" * level + " " + " ".join(_lines(text.strip()))


def _local(moment: datetime, zone: tzinfo, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return moment.astimezone(zone).strftime(fmt)


# Sections -----------------------------------------------------------------------------------


def _title(session: m.Session) -> str:
    ref = session.incident_ref.strip()
    return _heading(1, f"{ref} {DASH} {session.title}" if ref else session.title)


def _metadata(session: m.Session, zone: tzinfo) -> str:
    meeting = _local(session.meeting_at, zone) if session.meeting_at else ""
    rows = [
        ("Incident", _cell(session.incident_ref)),
        ("Severity", _cell(session.severity)),
        ("Status", _cell(STATUS_LABELS.get(session.status, session.status))),
        ("Depth", _cell(DEPTH_LABELS.get(session.depth, session.depth))),
        ("Incident lead", _cell(session.incident_lead)),
        ("Facilitator", _cell(session.facilitator)),
        ("Participants", "<br>".join(_participant(p) for p in session.participants)),
        ("Services", _cell(", ".join(session.services))),
        ("Tags", _cell(", ".join(session.tags))),
        ("Time zone", _cell(session.timezone)),
        ("Meeting", meeting),
    ]
    return _table(("Field", "Value"), [row for row in rows if row[1]])


def _participant(participant: m.Participant) -> str:
    role = ROLE_LABELS.get(participant.role, participant.role)
    details = ", ".join(part for part in (role, participant.team.strip()) if part)
    return _cell(f"{participant.name} ({details})" if details else participant.name)


def _prose(title: str, text: str, level: int = 2) -> str:
    body = _block(text)
    return f"{_heading(level, title)}\n\n{body}" if body else ""


def _impact(session: m.Session) -> str:
    parts = [
        _prose(field.capitalize(), getattr(session, f"impact_{field}"), level=3)
        for field in m.IMPACT_FIELDS
    ]
    parts = [part for part in parts if part]
    return "\n\n".join(["## Impact", *parts]) if parts else ""


def _key_times(session: m.Session, zone: tzinfo) -> str:
    times = [(field, getattr(session, field)) for field in m.KEY_TIMES]
    present = [(field, value) for field, value in times if value is not None]
    if not present:
        return ""
    parts = [
        "## Key times",
        _table(
            ("Key time", f"Time ({_cell(session.timezone)})"),
            [
                (metrics.time_name(field).capitalize(), _local(value, zone))
                for field, value in present
            ],
        ),
    ]
    durations = [
        d
        for d in metrics.key_durations(session)
        if getattr(session, d.start) is not None and getattr(session, d.end) is not None
    ]
    if durations:
        parts.append(_table(("Measure", "From", "To", "Duration"), map(_duration_row, durations)))
    findings = metrics.key_time_findings(session)
    if findings:
        note = (
            "> **Note:** some key times are out of order, "
            "so the durations that depend on them are not shown."
        )
        parts.append("\n".join([note, *(f"> - {f.message}" for f in findings)]))
    return "\n\n".join(parts)


def _duration_row(duration: metrics.KeyDuration) -> tuple[str, str, str, str]:
    shown = DASH if duration.value is None else metrics.format_duration(duration.value)
    return (
        duration.label,
        metrics.time_name(duration.start),
        metrics.time_name(duration.end),
        shown,
    )


def _timeline(session: m.Session, zone: tzinfo) -> str:
    entries = sorted(session.timeline, key=lambda e: (e.at, e.position))
    if not entries:
        return ""
    with_source = any(entry.source.strip() for entry in entries)
    headers = ["Time", "Kind", "What happened"] + (["Source"] if with_source else [])
    rows: list[list[str]] = []
    notes: list[str] = []
    previous_day = None
    for entry in entries:
        local = entry.at.astimezone(zone)
        # The date is shown on the first row and whenever the local day changes.
        shown = _local(local, zone, "%H:%M" if local.date() == previous_day else "%Y-%m-%d %H:%M")
        previous_day = local.date()
        text = _cell(entry.text)
        row = [shown, _cell(entry.kind.capitalize()), f"{KEY_MARK} {text}" if entry.key else text]
        rows.append(row + ([_cell(entry.source)] if with_source else []))
        if entry.notes.strip():
            notes.append(_item("- ", _labelled(f"{shown}, {entry.kind}", entry.notes)))
    parts = ["## Timeline", _table(headers, rows)]
    if any(entry.key for entry in entries):
        parts.append(f"{KEY_MARK} key event")
    if notes:
        parts += ["### Walkthrough notes", "\n".join(notes)]
    return "\n\n".join(parts)


def _bullets(title: str, items: Sequence[m.ListItem]) -> str:
    texts = [item.text for item in items if item.text.strip()]
    if not texts:
        return ""
    return f"## {title}\n\n" + "\n".join(_item("- ", text) for text in texts)


def _whys(session: m.Session) -> str:
    bodies = [body for body in map(_chain_body, session.why_chains) if body]
    if not bodies:
        return ""
    parts = ["## 5 Whys"]
    for number, body in enumerate(bodies, start=1):
        parts += [f"### Chain {number}", body]
    return "\n\n".join(parts)


def _chain_body(chain: m.WhyChain) -> str:
    whys = [why.text for why in chain.whys if why.text.strip()]
    parts = [
        _labelled("Problem", chain.problem) if chain.problem.strip() else "",
        "\n".join(_item(f"{n}. ", text) for n, text in enumerate(whys, start=1)),
        _labelled("Root cause", chain.root_cause) if chain.root_cause.strip() else "",
    ]
    return "\n\n".join(part for part in parts if part)


def _factors(session: m.Session) -> str:
    # The snapshot loads factors as a flat list; the tree is rebuilt from parent ids rather
    # than `Factor.children`, which a detached snapshot cannot lazy-load.
    ids = {factor.id for factor in session.factors}
    children: dict[str | None, list[m.Factor]] = {}
    for factor in session.factors:
        parent = factor.parent_id if factor.parent_id in ids else None
        children.setdefault(parent, []).append(factor)
    for siblings in children.values():
        siblings.sort(key=lambda f: (f.position, f.id))  # the order fault_tree draws
    lines = _factor_lines(children, None, "", set())
    return "## Contributing factors\n\n" + "\n".join(lines) if lines else ""


def _factor_lines(
    children: dict[str | None, list[m.Factor]], parent: str | None, indent: str, seen: set[str]
) -> list[str]:
    lines: list[str] = []
    for factor in children.get(parent, []):
        if factor.id in seen:  # a cycle in hand-edited data must not recurse forever
            continue
        seen.add(factor.id)
        kids = _factor_lines(children, factor.id, indent + "  ", seen)
        lines.append(_item("- ", _factor_text(factor, has_children=bool(kids)), indent))
        lines += kids
    return lines


def _factor_text(factor: m.Factor, *, has_children: bool) -> str:
    text = f"_{factor.category}_ · {_block(factor.text)}"
    gate = GATE_LABELS.get(factor.gate or "") if has_children else None
    if gate is None:
        return text
    # After a multi-line text the gate gets its own paragraph, so it cannot join a block.
    return f"{text}\n\n{gate}" if "\n" in text else f"{text} {DASH} {gate}"


def _actions(session: m.Session, zone: tzinfo) -> str:
    committed = [a for a in session.actions if a.priority != "nice"]
    backlog = [a for a in session.actions if a.priority == "nice"]
    if not committed and not backlog:
        return ""
    parts = ["## Action items"]
    if committed:
        rows = [_action_row(a, zone, with_priority=True) for a in committed]
        parts.append(_table(ACTION_HEADERS, rows))
    if backlog:
        # Every backlog item is nice-to-have, so a priority column would say nothing.
        headers = [h for h in ACTION_HEADERS if h != "Priority"]
        rows = [_action_row(a, zone, with_priority=False) for a in backlog]
        parts += ["### Backlog", _table(headers, rows)]
    return "\n\n".join(parts)


def _action_row(action: m.ActionItem, zone: tzinfo, *, with_priority: bool) -> list[str]:
    title = _cell(action.title, DASH)
    if action.tracker_url.strip():
        title += f"<br>{_tracker_link(action.tracker_url.strip())}"
    priority = [PRIORITY_LABELS.get(action.priority, action.priority)] if with_priority else []
    return [
        title,
        _cell(action.owner, DASH),
        action.due.isoformat() if action.due else DASH,
        *(_cell(label) for label in priority),
        _cell(action.kind.capitalize()),
        _action_status(action, zone),
        _cell(action.success_criteria, DASH),
    ]


def _action_status(action: m.ActionItem, zone: tzinfo) -> str:
    if action.status == "done":
        done = action.completed_at
        return f"Done {_local(done, zone, '%Y-%m-%d')}" if done else "Done"
    return _cell(ACTION_STATUS_LABELS.get(action.status, action.status))


def _tracker_link(url: str) -> str:
    # Only web links become links: a wiki should not be handed a `javascript:` href. The URL
    # is percent-encoded where Markdown would misread it (spaces, <, >, |, backticks).
    if not re.match(r"https?://", url, re.IGNORECASE):
        return _cell(url)
    return f"[Tracker](<{quote(url, safe=URL_SAFE)}>)"


def _reviews(reviews: Sequence[ReviewView]) -> str:
    if not reviews:
        return ""
    # Imported here: `document` builds on `sections`, which takes its labels from this module.
    from facilitator.report.document import review_row

    headers = ("Earlier session", "Action", "Owner", "Due", "Verdict", "Note")
    rows = [
        (
            _cell(row.session, DASH),
            _cell(row.title, DASH),
            _cell(row.owner, DASH),
            review.due.isoformat() if review.due else DASH,
            _cell(row.verdict_label),
            _cell(row.note),
        )
        for review in reviews
        for row in [review_row(review, _same, None)]
    ]
    return "## Review of earlier actions\n\n" + _table(headers, rows)


def _same(text: str) -> str:
    return text
