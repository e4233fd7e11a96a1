"""Guessing an entry's kind from its text, and reading a kind a source names itself."""

from __future__ import annotations

import re
from typing import Final

from facilitator.db import models as m

# Checked in this order, first match wins. The order is what makes the guess right for
# the usual lines: "Alert resolved" is a resolution, not an alert; "Acknowledged the alert"
# an escalation; "Status page updated: resolved" a communication; a rollback that mentions
# customers a mitigation. "FIRING" is upper case only: that is how Alertmanager writes it,
# while "firing up a new node" is not an alert.
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("communication", re.compile(r"status[\s-]?page", re.I)),
    ("resolution", re.compile(r"\bresolved\b", re.I)),
    ("mitigation", re.compile(r"\broll(?:ed|ing)?[\s-]?back|\brevert|mitigat", re.I)),
    (
        "escalation",
        re.compile(r"\back(?:ed|nowledged?|ing|s)?\b|\bescalat|\bpag(?:ed|ing)\b", re.I),
    ),
    ("alert", re.compile(r"\bFIRING\b|(?i:\balert)")),
    ("communication", re.compile(r"\bcustomers?\b", re.I)),
)
# Words some tools use for a kind of their own.
_SYNONYMS = {
    "alarm": "alert",
    "page": "escalation",
    "ack": "escalation",
    "acknowledged": "escalation",
    "fix": "mitigation",
    "rollback": "mitigation",
    "resolved": "resolution",
    "comms": "communication",
    "comment": "note",
    "detected": "detection",
}


# Every rule needs one of these words (in lower case) in the text. One search for any of
# them comes first because most lines of a long log match no rule, and the rules' word
# boundaries and case folding cost far more than this plain scan.
_CLUES: Final = re.compile(
    "status|resolved|roll|revert|mitigat|ack|escalat|pag|firing|alert|customer"
)


def guess_kind(text: str) -> str | None:
    """The kind the text suggests, or None when nothing in it does."""
    if _CLUES.search(text.lower()) is None:
        return None
    for kind, pattern in _RULES:
        if pattern.search(text):
            return kind
    return None


def read_kind(value: str, text: str) -> tuple[str, bool]:
    """The kind a source gave (a kind name or a common synonym), else a guess from the value
    and the text; and whether it is a guess."""
    name = value.strip().lower()
    if name in m.KINDS:
        return name, False
    if name in _SYNONYMS:
        return _SYNONYMS[name], False
    return kind_of(f"{value} {text}" if name else text)


def kind_of(text: str) -> tuple[str, bool]:
    """The guessed kind of a text and True, or ("note", False) when there is no guess."""
    guess = guess_kind(text)
    return (guess, True) if guess else ("note", False)
