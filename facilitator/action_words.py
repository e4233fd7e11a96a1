"""Word heuristics for action items: is an owner one person, is a task vague, is it aimed at a
person rather than the system. Pure functions over text, used by `facilitator.action_findings`
(and by the actions page for inline hints as the room types).

Tuned not to cry wolf: "Alice Chen" and "Dev Patel" are owners, "Platform team", "SRE" and
"TBD" are not; "Improve p99 latency to under 200 ms" is specific, "Improve monitoring" is not
unless its success criteria measure something; "Sarah needs Kubernetes training" aims at a
person, "Model needs retraining" does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from facilitator.language import default_rules

# --- owners ---------------------------------------------------------------------------------

# Words that make any owner a group ("Platform team", "payments-oncall", "TBD") ...
GROUP_WORDS = frozenset(
    [
        "team",
        "teams",
        "squad",
        "squads",
        "group",
        "groups",
        "crew",
        "department",
        "dept",
        "guild",
        "chapter",
        "tribe",
        "org",
        "everyone",
        "everybody",
        "anyone",
        "anybody",
        "somebody",
        "someone",
        "nobody",
        "all",
        "we",
        "us",
        "they",
        "them",
        "tbd",
        "tbc",
        "tba",
        "n/a",
        "unassigned",
        "unknown",
        "nobody",
        "owner",
        "owners",
        "on-call",
        "oncall",
        "rotation",
        "devs",
        "developers",
        "engineers",
        "engineering",
        "ops",
        "devops",
        "sre",
        "sres",
        "dbas",
        "admins",
        "sysadmins",
        "staff",
        "folks",
        "people",
        "management",
        "leadership",
    ]
)
# ... and words that name a group when they are the whole owner ("Security", "QA"), but may
# be part of a person's name otherwise ("Dev Patel").
GROUP_WHEN_ALONE = frozenset(
    [
        "platform",
        "infra",
        "infrastructure",
        "security",
        "secops",
        "qa",
        "support",
        "backend",
        "frontend",
        "dba",
        "it",
        "noc",
        "soc",
        "product",
        "marketing",
        "sales",
        "legal",
        "finance",
        "hr",
        "dev",
        "eng",
        "db",
        "data",
        "payments",
        "checkout",
        "mobile",
        "web",
        "network",
        "networking",
        "sysadmin",
        "admin",
        "ops-team",
        "?",
    ]
)
_OWNER_TOKEN = re.compile(r"[^\s\-_@./:]+")
_ACRONYM = re.compile(r"[A-Z]{3,5}s?")  # SRE, NOC, DBAs; two letters may be initials
_PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]")  # "Alice Chen (SRE)": a note on a person
_SEVERAL = re.compile(r"\s(?:and|&|\+)\s|[/;&+]|,.*,", re.IGNORECASE)


def owner_problem(owner: str) -> str | None:
    """Why `owner` is not one individual (None when it looks like one), a heuristic."""
    name = _PARENTHESES.sub(" ", owner).strip()
    if not name:
        return None  # missing: completeness reports it
    if name.casefold() in GROUP_WORDS:
        return "is a team or a group, not one person: name the individual who drives it"
    if _SEVERAL.search(name):
        return "names more than one owner; one person drives it (others can help)"
    tokens = _OWNER_TOKEN.findall(name)
    # Hyphenated words whole as well as in parts: "on-call" and "payments-oncall" both count.
    words = {token.casefold() for token in tokens} | {
        word.casefold() for word in re.findall(r"[^\s@./:_]+", name)
    }
    alone = len(tokens) == 1 and (
        next(iter(words)) in GROUP_WHEN_ALONE or _ACRONYM.fullmatch(tokens[0]) is not None
    )
    if words & GROUP_WORDS or alone:
        return "is a team or a group, not one person: name the individual who drives it"
    return None


# --- vague tasks ----------------------------------------------------------------------------

_VAGUE_START = re.compile(
    r"^\W*(?:(?:we|the\s+team|team)\s+(?:should|must|will|need\s+to)\s+|to\s+)?"
    r"(?:improve|enhance|increase|strengthen|optimi[sz]e|revisit|review|investigate|"
    r"look\s+(?:into|at)|explore|consider|research|think\s+about|discuss|evaluate|assess|"
    r"be\s+(?:more\s+)?careful|take\s+(?:more\s+)?care|pay\s+(?:more\s+)?attention|"
    r"double[- ]check|keep\s+an\s+eye|raise\s+awareness|"
    r"communicate\s+better|add\s+more|do\s+(?:more|better)|better|more)\b",
    re.IGNORECASE,
)
_VAGUE_ANYWHERE = re.compile(
    r"\b(?:better|more|improved?|enhanced?)\s+(?:alerting|alerts|monitoring|testing|tests|"
    r"communication|documentation|docs|logging|observability|visibility|coordination|"
    r"processes|process|awareness|reviews?)\b|\bbe\s+more\s+careful\b",
    re.IGNORECASE,
)
# What makes a criterion (or a title) checkable: a number, a bound, or something that visibly
# happens or exists. A heuristic; it only keeps a vague title from being reported.
_MEASURABLE = re.compile(
    r"\d|%|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|twice|every|each|"
    r"none|no\s+more\s+than|at\s+(?:least|most)|less\s+than|more\s+than|fewer\s+than|"
    r"under|below|above|within|before|after|fires?|fail(?:s|ed)?|pass(?:es|ed)?|pages?|"
    r"alerts?\s+(?:when|if|on)|blocks?|rejects?|refuses?|returns?|shows?|runs?|merged|"
    r"deployed|published|released|enabled|linked|exists?|recorded|documented\s+in)\b",
    re.IGNORECASE,
)


def is_vague(title: str, success_criteria: str) -> bool:
    """A task that names an intention rather than a change, with nothing that measures it."""
    vague = _VAGUE_START.search(title) or _VAGUE_ANYWHERE.search(title)
    return (
        bool(vague) and not _MEASURABLE.search(title) and not _MEASURABLE.search(success_criteria)
    )


# --- items aimed at a person ----------------------------------------------------------------

# Words the checker's list of capitalised non-people lacks, which an action title may start
# with: "Model needs retraining" is about a system.
_NOT_PEOPLE_EXTRA = frozenset(
    [
        "model",
        "models",
        "classifier",
        "detector",
        "filter",
        "bot",
        "bots",
        "algorithm",
        "heuristic",
        "rule",
        "rules",
        "spam",
        "anomaly",
        "forecast",
        "forecasts",
        "baseline",
        "runbooks",
        "playbooks",
    ]
)
_FOCUS = (
    r"(?:get\s+|receive\s+|attend\s+|take\s+|do\s+|go\s+through\s+|undergo\s+)?"
    r"(?:more\s+|some\s+|additional\s+|extra\s+|better\s+|proper\s+|further\s+|a\s+|an\s+)?"
    r"(?:[\w-]+\s+)?(?:training|trainings|re-?training|coaching|mentoring|course|class|workshop)"
    r"(?!\s+(?:data|set|sets|pipeline|job|jobs|run|runs))"
    r"|(?:re-?)?train(?:ed)?|coached|learn\w*|study|understand|remember|"
    r"be\s+(?:more\s+)?(?:careful|aware|cautious|attentive|thorough|vigilant|diligent|mindful)|"
    r"be\s+(?:re-?)?(?:trained|reminded|coached|educated|told|warned)|"
    r"pay\s+(?:more\s+|closer\s+)?attention|double[- ]check|read\s+(?:the|up)|"
    r"stop\s+\w+ing|not\s+\w+\s+(?:that\s+|this\s+|it\s+)?again|"
    r"follow\s+(?:the\s+)?(?:process|runbook|procedure|checklist)s?"
)
_MODAL = (
    r"(?:needs?(?:\s+to)?|must|should|has\s+to|have\s+to|is\s+to|are\s+to|to|will|gets?|"
    r"requires?)"
)
_AT_PERSON = (
    r"(?:re-?train|train|coach|remind|warn|educate|mentor|discipline|reprimand|counsel|"
    r"talk\s+to|speak\s+(?:to|with)|have\s+a\s+(?:word|chat|talk)\s+with|send|enrol+)"
)
_PERSON_OBJECT_WORDS = ("him", "her", "them")


_COLLECTIVE = frozenset(["everyone", "everybody", "we", "people", "staff", "folks", "team", "all"])


@cache
def _person_pattern() -> re.Pattern[str]:
    rules = default_rules()
    roles = "|".join(sorted((re.escape(r) for r in rules.person_roles), key=len, reverse=True))
    role = (
        r"(?:(?:the|a|an|our|new|all|every|each|junior|senior)\s+)*"
        rf"(?:(?:{roles})\s+)?(?:{roles}|new\s+hires?)"
    )
    name = r"(?-i:[^\W\d_a-z][^\W\d_]*(?:\s+[^\W\d_a-z][^\W\d_]*)?)"
    others = "|".join((*_PERSON_OBJECT_WORDS, "he", "she", "they"))

    def person(n: int) -> str:  # one group name per alternative: re wants them distinct
        return rf"(?P<person{n}>{role}|{name}|{others})"

    return re.compile(
        rf"^\W*(?:(?:make\s+sure|ensure)\s+(?:that\s+)?)?{person(1)}\s+{_MODAL}\s+(?:{_FOCUS})\b"
        rf"|^\W*{_AT_PERSON}\s+{person(2)}\b"
        rf"|{person(3)}['’]s\s+(?:training|knowledge|skills?|performance|carelessness|attention)\b"
        rf"|\b(?:training|coaching|course|workshop|mentoring|reminder|warning)\s+for\s+{person(4)}\b",
        re.IGNORECASE,
    )


def aims_at_person(title: str, people: Iterable[str] = ()) -> bool:
    """Whether the task is about changing a person (training, reminding, being careful)
    rather than the system. `people` (participant names) are always people."""
    known = {word.casefold() for name in people for word in name.split()}
    rules = default_rules()
    for match in _person_pattern().finditer(title):
        who = next(value for value in match.groupdict().values() if value)
        words = who.casefold().split()
        if words[0] in known or words[0] in _COLLECTIVE or words[0] in _PERSON_OBJECT_WORDS:
            return True
        if words[0] in ("he", "she", "they") or words[-1] in rules.person_roles:
            return True
        if "hire" in words[-1]:
            return True
        if not (words[0] in rules.not_people or words[0] in _NOT_PEOPLE_EXTRA or who.isupper()):
            return True
    return False
