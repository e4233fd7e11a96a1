"""The write-up as GitHub-flavoured Markdown, for wikis: one function over a loaded session.

The variants follow the HTML write-up's rules (`facilitator.report.document`): the pre-read
has the title block, the agenda with its timeboxes, the opener and the timeline without
walkthrough notes; the public version replaces people's names by their roles with the same
`NameRedactor` and leaves out walkthrough notes, the parking lot, whatever is marked
internal and tracker links.

User text is Markdown already, so it goes in verbatim. The only changes are the ones its
position forces: in a table cell `|` is escaped and line breaks become `<br>`; inside a list
item, continuation lines are indented so they stay in the item; a heading takes one line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from urllib.parse import quote

from facilitator import metrics
from facilitator.db import models as m
from facilitator.report.names import NameRedactor, redactor_for
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


@dataclass(frozen=True, slots=True)
class _Rules:
    """What a variant changes in every section: names, and what is left out."""

    variant: str
    say: Callable[[str], str]  # user text as the variant prints it
    names: NameRedactor | None  # the public variant's, else None

    @property
    def public(self) -> bool:
        return self.names is not None

    def person(self, name: str) -> str:
        """A name field (lead, facilitator, owner): the role label in public."""
        return self.names.label_of(name) if self.names is not None else name


def render_markdown(
    session: m.Session, variant: str = "full", *, reviews: Sequence[ReviewView] = ()
) -> str:
    """The write-up in one variant (see the module docstring); sections without content
    are left out. `reviews` are the session's effectiveness-review verdicts
    (`review.session_reviews`); the pre-read has none."""
    # Imported here: `document` builds on `sections`, which takes its labels from this module.
    from facilitator.report.document import PUBLIC_NOTICE, VARIANT_LABELS, check_variant

    variant = check_variant(variant)
    names = (
        redactor_for(session, owners=(r.owner for r in reviews)) if variant == "public" else None
    )
    rules = _Rules(variant, names if names is not None else _same, names)
    zone = metrics.zone_of(session.timezone)
    head = [_title(session, rules)]
    if variant != "full":
        head.append(f"_{VARIANT_LABELS[variant]}_")
    if names is not None:
        head.append(f"> {PUBLIC_NOTICE}")
    head.append(_metadata(session, zone, rules))
    if variant == "pre-read":
        body = [_agenda(session, rules), _timeline(session, zone, rules)]
    else:
        body = [
            _prose("Executive summary", rules.say(session.summary)),
            _impact(session, rules),
            _key_times(session, zone),
            _timeline(session, zone, rules),
            *(
                _bullets(title, session.items_of(name), rules)
                for name, title in LIST_SECTIONS
                if not (rules.public and name == "parking_lot")
            ),
            _whys(session, rules),
            _factors(session, rules),
            _actions(session, zone, rules),
            _reviews(reviews, rules),
        ]
    return "\n\n".join(section for section in head + body if section) + "\n"


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


def _title(session: m.Session, rules: _Rules) -> str:
    ref, title = rules.say(session.incident_ref.strip()), rules.say(session.title)
    return _heading(1, f"{ref} {DASH} {title}" if ref else title)


def _metadata(session: m.Session, zone: tzinfo, rules: _Rules) -> str:
    say = rules.say
    meeting = _local(session.meeting_at, zone) if session.meeting_at else ""
    rows = [
        ("Incident", _cell(say(session.incident_ref))),
        ("Severity", _cell(session.severity)),
        ("Status", _cell(STATUS_LABELS.get(session.status, session.status))),
        ("Depth", _cell(DEPTH_LABELS.get(session.depth, session.depth))),
        ("Incident lead", _cell(rules.person(session.incident_lead))),
        ("Facilitator", _cell(rules.person(session.facilitator))),
        ("Participants", "<br>".join(_participant(p, rules) for p in session.participants)),
        ("Services", _cell(", ".join(map(say, session.services)))),
        ("Tags", _cell(", ".join(map(say, session.tags)))),
        ("Time zone", _cell(session.timezone)),
        ("Meeting", meeting),
    ]
    return _table(("Field", "Value"), [row for row in rows if row[1]])


def _participant(participant: m.Participant, rules: _Rules) -> str:
    if rules.names is not None:
        # The label is the role (told apart by team where needed): the name is not printed.
        return _cell(rules.names.label_of(participant.name))
    role = ROLE_LABELS.get(participant.role, participant.role)
    details = ", ".join(part for part in (role, participant.team.strip()) if part)
    return _cell(f"{participant.name} ({details})" if details else participant.name)


def _prose(title: str, text: str, level: int = 2) -> str:
    body = _block(text)
    return f"{_heading(level, title)}\n\n{body}" if body else ""


def _impact(session: m.Session, rules: _Rules) -> str:
    parts = [
        _prose(field.capitalize(), rules.say(getattr(session, f"impact_{field}")), level=3)
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


def _agenda(session: m.Session, rules: _Rules) -> str:
    """The pre-read's agenda and opener, as the HTML pre-read has them."""
    from facilitator.report.document import build_write_up

    pre_read = build_write_up(session, "pre-read")
    parts: list[str] = []
    if pre_read.agenda:
        rows = [(_cell(item.title), f"{item.minutes} min") for item in pre_read.agenda]
        rows.append(("**Total**", f"**{pre_read.agenda_minutes} min**"))
        parts += [
            "## Agenda",
            "Please read the timeline before the meeting and bring corrections: "
            "the meeting builds on it.",
            _table(("Step", "Timebox"), rows),
        ]
    parts.append(_prose("Blameless opener", rules.say(session.opener)))
    return "\n\n".join(part for part in parts if part)


def _timeline(session: m.Session, zone: tzinfo, rules: _Rules) -> str:
    say = rules.say
    shown_entries = (e for e in session.timeline if not (rules.public and e.internal))
    entries = sorted(shown_entries, key=lambda e: (e.at, e.position))
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
        text = _cell(say(entry.text))
        row = [shown, _cell(entry.kind.capitalize()), f"{KEY_MARK} {text}" if entry.key else text]
        rows.append(row + ([_cell(say(entry.source))] if with_source else []))
        # Walkthrough notes are the meeting's: not in the pre-read, not in public.
        if entry.notes.strip() and rules.variant == "full":
            notes.append(_item("- ", _labelled(f"{shown}, {entry.kind}", entry.notes)))
    parts = ["## Timeline", _table(headers, rows)]
    if any(entry.key for entry in entries):
        parts.append(f"{KEY_MARK} key event")
    if notes:
        parts += ["### Walkthrough notes", "\n".join(notes)]
    return "\n\n".join(parts)


def _bullets(title: str, items: Sequence[m.ListItem], rules: _Rules) -> str:
    texts = [
        rules.say(item.text)
        for item in items
        if item.text.strip() and not (rules.public and item.internal)
    ]
    if not texts:
        return ""
    return f"## {title}\n\n" + "\n".join(_item("- ", text) for text in texts)


def _whys(session: m.Session, rules: _Rules) -> str:
    bodies = [body for chain in session.why_chains if (body := _chain_body(chain, rules.say))]
    if not bodies:
        return ""
    parts = ["## 5 Whys"]
    for number, body in enumerate(bodies, start=1):
        parts += [f"### Chain {number}", body]
    return "\n\n".join(parts)


def _chain_body(chain: m.WhyChain, say: Callable[[str], str]) -> str:
    whys = [say(why.text) for why in chain.whys if why.text.strip()]
    parts = [
        _labelled("Problem", say(chain.problem)) if chain.problem.strip() else "",
        "\n".join(_item(f"{n}. ", text) for n, text in enumerate(whys, start=1)),
        _labelled("Root cause", say(chain.root_cause)) if chain.root_cause.strip() else "",
    ]
    return "\n\n".join(part for part in parts if part)


def _factors(session: m.Session, rules: _Rules) -> str:
    # The snapshot loads factors as a flat list; the tree is rebuilt from parent ids rather
    # than `Factor.children`, which a detached snapshot cannot lazy-load.
    ids = {factor.id for factor in session.factors}
    children: dict[str | None, list[m.Factor]] = {}
    for factor in session.factors:
        parent = factor.parent_id if factor.parent_id in ids else None
        children.setdefault(parent, []).append(factor)
    for siblings in children.values():
        siblings.sort(key=lambda f: (f.position, f.id))  # the order fault_tree draws
    lines = _factor_lines(children, None, "", set(), rules.say)
    return "## Contributing factors\n\n" + "\n".join(lines) if lines else ""


def _factor_lines(
    children: dict[str | None, list[m.Factor]],
    parent: str | None,
    indent: str,
    seen: set[str],
    say: Callable[[str], str],
) -> list[str]:
    lines: list[str] = []
    for factor in children.get(parent, []):
        if factor.id in seen:  # a cycle in hand-edited data must not recurse forever
            continue
        seen.add(factor.id)
        kids = _factor_lines(children, factor.id, indent + "  ", seen, say)
        text = _factor_text(factor, say, has_children=bool(kids))
        lines.append(_item("- ", text, indent))
        lines += kids
    return lines


def _factor_text(factor: m.Factor, say: Callable[[str], str], *, has_children: bool) -> str:
    text = f"_{factor.category}_ · {_block(say(factor.text))}"
    gate = GATE_LABELS.get(factor.gate or "") if has_children else None
    if gate is None:
        return text
    # After a multi-line text the gate gets its own paragraph, so it cannot join a block.
    return f"{text}\n\n{gate}" if "\n" in text else f"{text} {DASH} {gate}"


def _actions(session: m.Session, zone: tzinfo, rules: _Rules) -> str:
    committed = [a for a in session.actions if a.priority != "nice"]
    backlog = [a for a in session.actions if a.priority == "nice"]
    if not committed and not backlog:
        return ""
    parts = ["## Action items"]
    if committed:
        rows = [_action_row(a, zone, rules, with_priority=True) for a in committed]
        parts.append(_table(ACTION_HEADERS, rows))
    if backlog:
        # Every backlog item is nice-to-have, so a priority column would say nothing.
        headers = [h for h in ACTION_HEADERS if h != "Priority"]
        rows = [_action_row(a, zone, rules, with_priority=False) for a in backlog]
        parts += ["### Backlog", _table(headers, rows)]
    return "\n\n".join(parts)


def _action_row(
    action: m.ActionItem, zone: tzinfo, rules: _Rules, *, with_priority: bool
) -> list[str]:
    title = _cell(rules.say(action.title), DASH)
    if action.tracker_url.strip() and not rules.public:
        title += f"<br>{_tracker_link(action.tracker_url.strip())}"
    priority = [PRIORITY_LABELS.get(action.priority, action.priority)] if with_priority else []
    return [
        title,
        _cell(rules.person(action.owner), DASH),
        action.due.isoformat() if action.due else DASH,
        *(_cell(label) for label in priority),
        _cell(action.kind.capitalize()),
        _action_status(action, zone),
        _cell(rules.say(action.success_criteria), DASH),
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


def _reviews(reviews: Sequence[ReviewView], rules: _Rules) -> str:
    if not reviews:
        return ""
    from facilitator.report.document import review_row  # see render_markdown

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
        for row in [review_row(review, rules.say, rules.names)]
    ]
    return "## Review of earlier actions\n\n" + _table(headers, rows)


def _same(text: str) -> str:
    return text
