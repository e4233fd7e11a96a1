"""Turning pasted text into list entries: one per line, without the bullets, numbers or
check boxes that chat, documents and meeting notes put in front of each line."""

from __future__ import annotations

import re

# One list marker ("- ", "* ", "• ", "1. ", "2) ") and then maybe a check box ("[ ] ", "[x] ").
_MARKER = re.compile(r"^\s*(?:[-*•·–—]\s+|\d{1,3}[.)]\s+)?(?:\[[ xX]?\]\s+)?")


def split_entries(text: str) -> list[str]:
    """The non-blank lines of `text`, each without its list marker, in order."""
    entries = []
    for line in text.splitlines():
        entry = _MARKER.sub("", line, count=1).strip()
        if entry:
            entries.append(entry)
    return entries
