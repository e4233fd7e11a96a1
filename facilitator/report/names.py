"""People's names replaced by their roles, for the public write-up.

Who counts as a person: every participant, the session's incident lead and facilitator, and
every action owner. Each gets a role label ("Incident lead", "Responder (Mobile Apps)") and
every mention of them in any text becomes that label:

- the full name, in any letter case;
- a first or last name on its own ("Priya said…"), matched with its capital letter so that
  a name that is also a word ("Will", "Rose") only goes when it is written as a name; a part
  two people share cannot say who is meant, so it becomes "[name withheld]".

Names the session does not list (someone mentioned only in a timeline entry) cannot be
found this way: the public variant is a help, not a guarantee, and the export says so.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from facilitator.db import models as m

ROLE_LABELS = {
    "facilitator": "Facilitator",
    "incident_lead": "Incident lead",
    "responder": "Responder",
    "stakeholder": "Stakeholder",
    "scribe": "Scribe",
}
OWNER_LABEL = "Action owner"
WITHHELD = "[name withheld]"
MIN_PART = 3  # "Al" or "Li" alone are too likely to be something else


@dataclass
class _Person:
    name: str
    base: str
    team: str = ""
    label: str = ""


@dataclass
class NameRedactor:
    """Replaces the session's people by role labels in any text (see the module docstring)."""

    labels: dict[str, str] = field(default_factory=dict)  # casefolded full name → label
    _pattern: re.Pattern[str] | None = None
    _parts: dict[str, str] = field(default_factory=dict)  # name part, as written → label
    _part_pattern: re.Pattern[str] | None = None

    def label_of(self, name: str) -> str:
        """The label for a name field (an owner, the lead); "" for an empty field."""
        name = name.strip()
        if not name:
            return ""
        return self.labels.get(name.casefold()) or self(name)

    def __call__(self, text: str) -> str:
        if not text or self._pattern is None:
            return text
        text = self._pattern.sub(self._full_name, text)
        if self._part_pattern is not None:
            text = self._part_pattern.sub(lambda match: self._parts[match.group(0)], text)
        return text

    def _full_name(self, match: re.Match[str]) -> str:
        # The match may differ in case or spacing; Unicode case rules can still disagree
        # between `re` and `casefold`, and then the name is withheld rather than kept.
        return self.labels.get(" ".join(match.group(0).split()).casefold(), WITHHELD)


def redactor_for(session: m.Session, *, owners: Iterable[str] = ()) -> NameRedactor:
    """The redactor of one session's people; `owners` adds the owners of other sessions'
    items the write-up names (the effectiveness review), labelled as action owners."""
    people: dict[str, _Person] = {}

    def add(name: str, base: str, team: str = "") -> None:
        name = " ".join(name.split())
        if name and name.casefold() not in people:
            people[name.casefold()] = _Person(name, base, team.strip())

    for participant in session.participants:
        add(participant.name, ROLE_LABELS.get(participant.role, "Participant"), participant.team)
    add(session.incident_lead, ROLE_LABELS["incident_lead"])
    add(session.facilitator, ROLE_LABELS["facilitator"])
    for action in session.actions:
        add(action.owner, OWNER_LABEL)
    for owner in owners:
        add(owner, OWNER_LABEL)
    _label(people.values())
    return _compile(people)


def _label(people: Iterable[_Person]) -> None:
    """Role labels, told apart by team where that is enough, else by number."""
    by_base: dict[str, list[_Person]] = {}
    for person in people:
        by_base.setdefault(person.base, []).append(person)
    for base, group in by_base.items():
        if len(group) == 1:
            group[0].label = base
            continue
        teams = Counter(person.team.casefold() for person in group)
        for number, person in enumerate(group, start=1):
            unique_team = person.team and teams[person.team.casefold()] == 1
            person.label = f"{base} ({person.team})" if unique_team else f"{base} {number}"


def _compile(people: dict[str, _Person]) -> NameRedactor:
    redactor = NameRedactor(labels={key: person.label for key, person in people.items()})
    if not people:
        return redactor
    names = sorted((person.name for person in people.values()), key=len, reverse=True)
    redactor._pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(_flexible(name) for name in names) + r")(?!\w)", re.IGNORECASE
    )
    owners: dict[str, set[str]] = {}
    for person in people.values():
        for part in re.split(r"[\s-]+", person.name):
            if len(part) >= MIN_PART and part[0].isupper():
                owners.setdefault(part, set()).add(person.label)
    redactor._parts = {
        part: next(iter(labels)) if len(labels) == 1 else WITHHELD
        for part, labels in owners.items()
    }
    if redactor._parts:
        parts = sorted(redactor._parts, key=len, reverse=True)
        redactor._part_pattern = re.compile(
            r"(?<!\w)(?:" + "|".join(map(re.escape, parts)) + r")(?!\w)"
        )
    return redactor


def _flexible(name: str) -> str:
    """A full name that still matches when wrapped onto two lines or typed with two spaces."""
    return r"\s+".join(map(re.escape, name.split()))
