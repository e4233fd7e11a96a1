"""Blameful phrasing across a whole session: the language checker over every free-text field,
as findings per agenda step (the sidebar's counts, and a `check` area if it wants them).

Two ways in: `session_language_findings` reads a loaded session snapshot (the shape of the
`facilitator.checks.CHECKS` functions); `language_counts` reads only the text columns, so the
app can recount after every save without loading a session's evidence or its tree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import select

from facilitator.db import models as m
from facilitator.db.store import Store
from facilitator.findings import Finding
from facilitator.language import LanguageFinding, check_text

# Which step shows which session field (DESIGN section 6 ids).
SESSION_FIELDS: dict[str, str] = {
    "title": "details",
    "opener": "opener",
    "summary": "summary",
    "impact_customers": "summary",
    "impact_revenue": "summary",
    "impact_reputation": "summary",
    "impact_internal": "summary",
}
LIST_STEPS: dict[str, str] = {
    "went_well": "went-well",
    "went_poorly": "went-poorly",
    "lucky": "lucky",
    "parking_lot": "wrap-up",
}


@dataclass(frozen=True)
class FieldText:
    """One free-text value and where it is shown: `section` as in `check` (`whys[2]`)."""

    section: str
    text: str


def describe(finding: LanguageFinding) -> str:
    """One finding in one sentence, quoting the phrase, for a list of findings."""
    return f"“{finding.phrase}”: {finding.message} ({finding.suggestion})"


def findings_in(texts: Iterable[FieldText]) -> list[Finding]:
    """Language findings of each text, as warnings in its section."""
    return [
        Finding("warning", field.section, describe(found))
        for field in texts
        if field.text.strip()
        for found in check_text(field.text)
    ]


def step_of(section: str) -> str:
    """The agenda step of a section: `whys[2]` is on `whys`."""
    return section.split("[", 1)[0]


def session_texts(session: m.Session) -> Iterator[FieldText]:
    """Every free-text field of a loaded session, in agenda order within a step."""
    for field, step in SESSION_FIELDS.items():
        yield FieldText(step, getattr(session, field))
    for n, entry in enumerate(session.timeline, start=1):
        yield FieldText(f"timeline[{n}]", entry.text)
        yield FieldText(f"walkthrough[{n}]", entry.notes)
    positions: Counter[str] = Counter()
    for item in session.items:
        positions[item.list] += 1
        yield FieldText(f"{LIST_STEPS[item.list]}[{positions[item.list]}]", item.text)
    for n, chain in enumerate(session.why_chains, start=1):
        section = f"whys[{n}]"
        yield FieldText(section, chain.problem)
        yield from (FieldText(section, why.text) for why in chain.whys)
        yield FieldText(section, chain.root_cause)
    # The tree's own findings name no index (a position among siblings says little).
    yield from (FieldText("factors", factor.text) for factor in session.factors)
    for n, action in enumerate(session.actions, start=1):
        section = f"actions[{n}]"
        yield from (
            FieldText(section, text)
            for text in (action.title, action.success_criteria, action.rationale)
        )


def session_language_findings(session: m.Session) -> list[Finding]:
    """Blameful phrasing anywhere in a loaded session (a `checks.CHECKS` function)."""
    return findings_in(session_texts(session))


def _stored_texts(store: Store, session_id: str) -> list[FieldText]:
    """The free-text columns only: no attachments, no evidence, no tree loading."""
    texts: list[FieldText] = []
    with store.session() as db:
        row = db.execute(
            select(*(getattr(m.Session, f) for f in SESSION_FIELDS)).where(
                m.Session.id == session_id
            )
        ).first()
        if row is None:
            return []
        texts += [
            FieldText(step, value or "")
            for step, value in zip(SESSION_FIELDS.values(), row, strict=True)
        ]
        t = m.TimelineEntry
        for text, notes in db.execute(
            select(t.text, t.notes).where(t.session_id == session_id).order_by(t.at, t.position)
        ):
            texts += [FieldText("timeline", text), FieldText("walkthrough", notes)]
        i = m.ListItem
        for name, text in db.execute(select(i.list, i.text).where(i.session_id == session_id)):
            texts.append(FieldText(LIST_STEPS.get(name, "wrap-up"), text))
        c = m.WhyChain
        for problem, cause in db.execute(
            select(c.problem, c.root_cause).where(c.session_id == session_id)
        ):
            texts += [FieldText("whys", problem), FieldText("whys", cause)]
        w = m.Why
        for (text,) in db.execute(
            select(w.text).join(c, w.chain_id == c.id).where(c.session_id == session_id)
        ):
            texts.append(FieldText("whys", text))
        f = m.Factor
        for (text,) in db.execute(select(f.text).where(f.session_id == session_id)):
            texts.append(FieldText("factors", text))
        a = m.ActionItem
        for row in db.execute(
            select(a.title, a.success_criteria, a.rationale).where(a.session_id == session_id)
        ):
            texts += [FieldText("actions", text) for text in row]
    return texts


def language_counts(store: Store, session_id: str) -> dict[str, int]:
    """How many blameful phrases each agenda step holds (steps without any are left out)."""
    counts: Counter[str] = Counter()
    for field in _stored_texts(store, session_id):
        if field.text and field.text.strip():
            counts[step_of(field.section)] += len(check_text(field.text))
    return {step: n for step, n in counts.items() if n}
