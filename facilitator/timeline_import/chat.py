"""Plain-text chat logs, as copied from a chat client or an IRC-style log.

A message starts with a time and usually a name:

    [14:18] alice: the pool is at 100%
    14:18 alice: the pool is at 100%
    [2026-03-04 14:18:05] alice: the pool is at 100%
    [14:18] <alice> the pool is at 100%

The time is anything `facilitator.times` reads (with a date, an offset, ``+1d``). A line
without a time continues the message before it. Bare times follow the log across midnight
(see `clock.Clock`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from typing import Final

from facilitator import errors, sessions
from facilitator.timeline_import.clock import Clock
from facilitator.timeline_import.kinds import kind_of
from facilitator.timeline_import.rows import ImportOptions, ImportRow, Parsed
from facilitator.timeline_import.sourcefile import split_lines
from facilitator.times import TIME_PATTERN

# A name is short and has no colon; "14:18 the deploy we started: …" is text, not a name,
# which the limit of four words keeps apart.
_NAME = r"[^\s:\[\]<>][^:\[\]<>]{0,47}?"
MESSAGE: Final = re.compile(
    rf"\s*(?P<open>\[)?{TIME_PATTERN}(?(open)\]\s*|(?:\s+|$))"
    rf"(?:<(?P<angled>[^<>]{{1,48}})>\s*|(?P<name>{_NAME}):(?:\s+|$))?"
    r"(?P<text>.*)",
    re.I,
)
_BOT_NAME = re.compile(r"bot\b|\[bot\]|\(bot\)|\bapp$", re.I)


SAMPLE_LINES: Final = 50  # the first lines, which tell whether a text is a chat log


def looks_like_chat(lines: list[str]) -> float:
    """The share of the non-blank lines among the first ones that start like a message."""
    sample = [line for line in lines[:SAMPLE_LINES] if line.strip()]
    if not sample:
        return 0.0
    return sum(MESSAGE.match(line) is not None for line in sample) / len(sample)


def read_chat(name: str, text: str, options: ImportOptions) -> Parsed:
    """The messages of a chat log, in the order of the file."""
    clock = Clock(options.timezone, options.reference_date)
    rows: list[ImportRow] = []
    # Lines that continue the last row, joined once it is complete: joining (and guessing
    # the kind) line by line would be quadratic in a pasted stack trace.
    more: list[str] = []
    continued = False  # whether lines without a time continue the last row
    for number, line in enumerate(split_lines(text), start=1):
        if not line.strip():
            continue
        match = MESSAGE.match(line)
        if match is None and continued:
            more.append(line.strip())
            continue
        if more:
            rows[-1] = _continue(rows[-1], more)
            more = []
        if match is None:
            problem = "starts with no time; a message starts like [14:18] name: text"
            rows.append(ImportRow(f"line {number}", number, None, line.strip(), problem=problem))
            continue
        rows.append(_message(match, number, clock))
        continued = True
    if more:
        rows[-1] = _continue(rows[-1], more)
    if not any(row.at is not None for row in rows):
        raise errors.FileProblemError(
            name, "holds no chat messages: no line starts with a time, like [14:18] name: text"
        )
    return Parsed(name, "chat", options.timezone, options.reference_date, tuple(rows))


def _message(match: re.Match[str], number: int, clock: Clock) -> ImportRow:
    where = f"line {number}"
    author = (match.group("angled") or match.group("name") or "").strip()
    text = match.group("text").strip()
    if match.group("name") and author.count(" ") > 3:  # a sentence with a colon, not a name
        text, author = match.string[match.start("name") :].strip(), ""
    try:
        at, problem = clock.from_match(match, where), ""
    except errors.ValidationError as exc:
        at, problem = None, exc.problem
    kind, guessed = kind_of(text)
    bot = _is_bot(author)
    return ImportRow(
        where, number, at, text, kind, guessed, author, author, bot=bot, problem=problem
    )


@functools.lru_cache(maxsize=1024)
def _is_bot(author: str) -> bool:
    """Whether a name is a bot's (``alertbot``, ``deploy [bot]``): asked once a name."""
    return _BOT_NAME.search(author) is not None


def _continue(row: ImportRow, lines: list[str]) -> ImportRow:
    text = "\n".join([row.text, *lines]).strip()
    problem = row.problem
    if not problem and len(text) > sessions.MAX_TEXT:
        problem = f"the message is longer than {sessions.MAX_TEXT:,} characters"
    # The kind is guessed again: "rolling back" may be on the second line of a message.
    kind, guessed = kind_of(text)
    return replace(row, text=text, problem=problem, kind=kind, kind_guessed=guessed)
