"""The write-up as plain values: what each section shows, for one session and one variant.

`build_write_up` reads a loaded session snapshot and decides everything but the markup:
which sections a variant has, times in the session's zone, labels, the order of rows, names
replaced by roles in the public variant. User text stays Markdown source here; it becomes
HTML only in `facilitator.report.html`, which runs in the export's child process (Markdown
can be slow, DESIGN section 4). Every value is picklable, so the child can receive it.

The variants:
- ``full``: everything, in the order of the Markdown write-up.
- ``pre-read``: sent 24–48 hours before the meeting: title block and participants, the
  agenda with its timeboxes, the blameless opener and the timeline (no walkthrough notes:
  the walkthrough has not happened yet).
- ``public``: the full write-up with people's names replaced by their roles, without
  walkthrough notes, the parking lot, timeline entries and list items marked internal,
  tracker links or evidence images (a screenshot can hold names no text search can find).

The effectiveness review (this session's verdicts on earlier sessions' action items) lives
in other sessions' rows, so the caller reads it (`review.session_reviews`) and passes it in;
the pre-read leaves it out (the review happens in the meeting).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Literal

from facilitator import agenda, errors, metrics
from facilitator.db import models as m
from facilitator.fault_tree import FaultNode, addressed_factor_ids, tree_from_factors
from facilitator.report import sections
from facilitator.report.names import NameRedactor, redactor_for
from facilitator.report.rows import (
    Action,
    Chain,
    Duration,
    Fact,
    Image,
    KeyTime,
    Person,
    Phase,
    Review,
    TimelineRow,
)
from facilitator.review import ReviewView

Variant = Literal["full", "pre-read", "public"]
VARIANTS: tuple[Variant, ...] = ("full", "pre-read", "public")
VARIANT_LABELS: dict[str, str] = {
    "full": "Post-mortem",
    "pre-read": "Pre-read",
    "public": "Post-mortem, public version",
}


@dataclass(frozen=True, slots=True)
class AgendaItem:
    title: str
    minutes: int


@dataclass(frozen=True, slots=True)
class WriteUp:
    """Everything one write-up shows. Empty values mean "leave the section out"."""

    variant: str
    title: str
    incident_ref: str
    severity: str
    status: str
    running_title: str
    author: str
    keywords: tuple[str, ...]
    generated: date
    facts: tuple[Fact, ...] = ()
    participants: tuple[Person, ...] = ()
    agenda: tuple[AgendaItem, ...] = ()
    agenda_minutes: int = 0
    opener: str = ""
    summary: str = ""
    impact: tuple[Fact, ...] = ()
    key_times: tuple[KeyTime, ...] = ()
    durations: tuple[Duration, ...] = ()
    key_time_notes: tuple[str, ...] = ()
    phases: tuple[Phase, ...] = ()
    timeline: tuple[TimelineRow, ...] = ()
    lists: tuple[tuple[str, tuple[str, ...]], ...] = ()
    chains: tuple[Chain, ...] = ()
    tree: FaultNode | None = None
    addressed: frozenset[str] = field(default_factory=frozenset)
    actions: tuple[Action, ...] = ()
    backlog: tuple[Action, ...] = ()
    reviews: tuple[Review, ...] = ()
    images: tuple[Image, ...] = ()
    notices: tuple[str, ...] = ()


def check_variant(variant: str) -> Variant:
    for known in VARIANTS:
        if variant == known:
            return known
    choices = ", ".join(VARIANTS)
    raise errors.ValidationError("variant", f"must be one of {choices}, not {variant!r}")


PUBLIC_NOTICE = (
    "The names of the people in this session are replaced by their roles. A name that the "
    "session does not list as a participant, lead, facilitator or owner may still appear."
)


def build_write_up(
    session: m.Session,
    variant: str = "full",
    *,
    today: date | None = None,
    reviews: Sequence[ReviewView] = (),
) -> WriteUp:
    """The write-up of a loaded session snapshot in one variant (see the module docstring);
    `reviews` are the session's effectiveness-review verdicts (`review.session_reviews`)."""
    variant = check_variant(variant)
    public = variant == "public"
    names: NameRedactor | None = (
        redactor_for(session, owners=(r.owner for r in reviews)) if public else None
    )
    say: sections.Say = names if names is not None else _unchanged
    zone = sections.zone_name(session.timezone)
    generated = today or datetime.now(UTC).astimezone(metrics.zone_of(zone)).date()
    head = _head(session, variant, zone, generated, say, names)
    timeline = sections.timeline_rows(
        session, zone, say, notes=variant == "full", internal=not public
    )
    head = replace(head, timeline=timeline)
    if variant == "pre-read":
        steps = [s for s in agenda.agenda(session.depth) if s.timebox_minutes is not None]
        return replace(
            head,
            agenda=tuple(AgendaItem(s.title, s.timebox_minutes or 0) for s in steps),
            agenda_minutes=sum(s.timebox_minutes or 0 for s in steps),
            opener=say(session.opener),
        )
    key_times, durations, notes = sections.key_times(session, zone)
    lists = [
        (
            title,
            tuple(
                say(item.text)
                for item in session.items_of(name)
                if item.text.strip() and not (public and item.internal)
            ),
        )
        for name, title in sections.LIST_SECTIONS
        if not (public and name == "parking_lot")
    ]
    tree = None
    if session.factors:
        rows = [sections.redacted_factor(factor, say) for factor in session.factors]
        tree = tree_from_factors(rows, title=head.title)

    def actions(priorities: tuple[str, ...]) -> tuple[Action, ...]:
        return tuple(
            sections.action(a, session, zone, names, today=generated, links=not public)
            for a in session.actions
            if a.priority in priorities
        )

    return replace(
        head,
        summary=say(session.summary),
        impact=tuple(
            Fact(name.capitalize(), say(value))
            for name in m.IMPACT_FIELDS
            if (value := getattr(session, f"impact_{name}")).strip()
        ),
        key_times=key_times,
        durations=durations,
        key_time_notes=notes,
        phases=sections.phases(session, zone),
        lists=tuple((title, items) for title, items in lists if items),
        chains=sections.chains(session, say),
        tree=tree,
        addressed=frozenset(addressed_factor_ids(session)),
        actions=actions(("must", "should")),
        backlog=actions(("nice",)),
        reviews=tuple(review_row(r, say, names) for r in reviews),
        # A screenshot can show names that no text search finds: the public version has none.
        images=() if public else sections.images(session, say, internal=True),
        notices=(PUBLIC_NOTICE,) if public else (),
    )


def review_row(review: ReviewView, say: sections.Say, names: NameRedactor | None) -> Review:
    """One verdict as the write-up prints it; in the public variant the owner is a role."""
    ref, title = say(review.incident_ref.strip()), say(review.session_title.strip())
    return Review(
        session=" · ".join(part for part in (ref, title) if part),
        title=say(review.title),
        owner=names.label_of(review.owner) if names is not None else review.owner.strip(),
        due=sections.short_date(review.due) if review.due else "",
        verdict=review.verdict,
        verdict_label=review.verdict_label.capitalize(),
        note=say(review.note),
    )


def _unchanged(text: str) -> str:
    return text


def _person(participant: m.Participant, say: sections.Say, names: NameRedactor | None) -> Person:
    role, team = sections.role_label(participant.role), say(participant.team.strip())
    if names is None:
        return Person(participant.name.strip(), role, team)
    # The label is the role, told apart by team where needed: say each only once.
    label = names.label_of(participant.name)
    return Person(label, "", "" if team and team in label else team)


def _head(
    session: m.Session,
    variant: Variant,
    zone: str,
    generated: date,
    say: sections.Say,
    names: NameRedactor | None,
) -> WriteUp:
    """The parts every variant has: the title block and the document's metadata."""
    title = say(session.title.strip()) or "Untitled session"
    ref = say(session.incident_ref.strip())
    keywords = (ref, session.severity, *map(say, session.services), *map(say, session.tags))
    return WriteUp(
        variant=variant,
        title=title,
        incident_ref=ref,
        severity=session.severity,
        status=sections.STATUS_LABELS.get(session.status, session.status),
        running_title=sections.shorten(f"{ref} · {title}" if ref else title, 90),
        author=say(session.facilitator.strip() or session.incident_lead.strip()),
        keywords=tuple(dict.fromkeys(word for word in keywords if word)),
        generated=generated,
        facts=sections.facts(session, zone, say, names),
        participants=tuple(_person(p, say, names) for p in session.participants if p.name.strip()),
    )
