"""A preview in plain sentences, for the command line: what will be added and what will not."""

from __future__ import annotations

from typing import Final

from facilitator import times
from facilitator.timeline_import.rows import Preview

# Enough unreadable lines to fix a file's pattern; a file with thousands says so in a count.
SHOWN_PROBLEMS: Final = 10


def summary_lines(preview: Preview, *, added: bool = False) -> list[str]:
    """The summary: the source and how it was read, the count and the first and last time,
    the kinds, duplicates skipped, messages left out, and the lines that cannot be read."""
    parsed = preview.parsed
    zone = preview.display_timezone
    lines = [f"Read {parsed.source} as {parsed.format}{_how(preview)}."]
    lines.append(
        f"Times without an offset are read in {parsed.timezone}; "
        f"times without a date from {parsed.reference_date.isoformat()}."
    )
    lines.extend(f"{note[:1].upper()}{note[1:]}." for note in parsed.notes)
    rows = preview.to_add
    verb = "Added" if added else "Will add"
    if rows and preview.first and preview.last:
        first = times.format_time(preview.first, zone, with_date=True)
        last = times.format_time(preview.last, zone, with_date=True)
        lines.append(f"{verb} {_count(len(rows), 'entry')}, {first} to {last} ({zone}).")
    else:
        lines.append(f"{verb} no entries.")
    if rows:
        kinds = ", ".join(f"{kind} {count}" for kind, count in preview.kinds.items())
        guessed = f" ({preview.guessed} guessed from the text)" if preview.guessed else ""
        lines.append(f"Kinds: {kinds}{guessed}.")
    folded = sum(row.folded for row in rows) - len(rows)
    if preview.folded and folded:
        lines.append(f"Folded {_count(folded, 'message')} into the ones before them.")
    lines.append(
        f"Duplicates skipped: {len(preview.duplicates)} "
        "(same time and text as an existing entry or an earlier line)."
    )
    if parsed.ignored:
        lines.append(f"Left out: {_count(parsed.ignored, 'message')} (joins, topic changes…).")
    bad = preview.unreadable
    lines.append(f"Unreadable lines: {len(bad)}.")
    lines.extend(f"  {row.where}: {row.problem}" for row in bad[:SHOWN_PROBLEMS])
    if len(bad) > SHOWN_PROBLEMS:
        lines.append(f"  … and {len(bad) - SHOWN_PROBLEMS} more.")
    return lines


def _how(preview: Preview) -> str:
    parsed = preview.parsed
    if not parsed.mapping:
        return ""
    delimiter = {"\t": "tab", ",": "comma", ";": "semicolon", "|": "bar"}.get(parsed.delimiter)
    columns = ", ".join(f"{field}={column}" for field, column in parsed.mapping.items())
    return f" ({delimiter}-separated; {columns})" if delimiter else f" ({columns})"


def _count(number: int, noun: str) -> str:
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{number:,} {noun if number == 1 else plural}"
