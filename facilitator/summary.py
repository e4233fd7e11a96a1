"""Rules for the executive summary: how many sentences it has and when it is too long."""

from __future__ import annotations

import re

# The practice: 2–3 sentences that a stakeholder reads instead of the whole write-up.
SUMMARY_SENTENCES = (2, 3)

# A sentence ends at . ! or ? followed by a space or the end, except after a common
# abbreviation or a single initial, so "e.g. the DB" or "J. Smith" does not split.
_ABBREVIATIONS = ("e.g", "i.e", "etc", "vs", "approx", "incl", "no", "mr", "ms", "dr")
_END = re.compile(r"[.!?]+(?=\s|$)")


def count_sentences(text: str) -> int:
    count = 0
    start = 0
    for match in _END.finditer(text):
        words = text[start : match.start()].split()
        last = words[-1].lower() if words else ""
        if not words or last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
            continue
        count += 1
        start = match.end()
    if text[start:].strip():
        count += 1  # the sentence being typed
    return count


def summary_hint(text: str) -> str | None:
    """A nudge when the summary is longer than the practice suggests; None when it is fine."""
    low, high = SUMMARY_SENTENCES
    count = count_sentences(text)
    if count > high:
        return f"{count} sentences: aim for {low}–{high}, the reader may stop there"
    return None
