"""Pasted lines become list entries without their bullets, numbers or check boxes."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from facilitator.capture import split_entries


@pytest.mark.parametrize(
    ("text", "entries"),
    [
        ("one line", ["one line"]),
        ("- alert fired\n- rollback was easy\n", ["alert fired", "rollback was easy"]),
        ("• a\n\n  * b\n1. c\n2) d\n– e", ["a", "b", "c", "d", "e"]),
        (
            "- [ ] owner for staging\n- [x] done\n[ ] bare box",
            ["owner for staging", "done", "bare box"],
        ),
        ("  \n\t\n", []),
        ("-not a bullet\n2024-05-03 was the day", ["-not a bullet", "2024-05-03 was the day"]),
        ("Ana Silva\r\nBen Okafor", ["Ana Silva", "Ben Okafor"]),
    ],
)
def test_split_entries(text: str, entries: list[str]) -> None:
    assert split_entries(text) == entries


@given(st.text())
def test_entries_are_never_blank_and_never_more_than_lines(text: str) -> None:
    entries = split_entries(text)
    assert all(entry.strip() == entry and entry for entry in entries)
    assert len(entries) <= len(text.splitlines())
