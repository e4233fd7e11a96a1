"""The blameless language checker as a `facilitator check` area: one warning a free-text field.

`facilitator.language_findings` lists every blameful phrase (what the sidebar counts and the
editors underline); a session report reads better with one line a field — the first phrase
and how many more that text holds — so a long note with five phrases is one line to act on,
not five.
"""

from __future__ import annotations

from facilitator.db import models as m
from facilitator.findings import Finding
from facilitator.language import check_text
from facilitator.language_findings import describe, session_texts


def language_check(session: m.Session) -> list[Finding]:
    """A warning for each field holding blameful phrasing, in that field's agenda section."""
    found: list[Finding] = []
    for field in session_texts(session):
        if not field.text.strip():
            continue
        phrases = check_text(field.text)
        if phrases:
            more = len(phrases) - 1
            also = f" (and {more} more in this text)" if more else ""
            found.append(Finding("warning", field.section, describe(phrases[0]) + also))
    return found
