"""Reading a source of any format into rows: what the file is, then the reader for it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

from facilitator import collector, errors, times
from facilitator.timeline_import import alerts, chat, jsonfile, slack, tables
from facilitator.timeline_import.rows import FORMATS, ImportOptions, Parsed
from facilitator.timeline_import.sourcefile import (
    decode,
    head_lines,
    is_zip,
    load_json,
    looks_like_json,
    read_bytes,
)

_NAMES: Final = {
    "csv": "a CSV file",
    "json": "a JSON file",
    "chat": "a chat log",
    "slack": "a Slack export",
    "alerts": "an alert export (CSV)",
}


@collector.paused()
def parse(path: str | os.PathLike[str], options: ImportOptions) -> Parsed:
    """Read a file (or, for a Slack export, a folder) into rows in source order.

    With `options.format` None the format is told from the content. A file that is not
    what it claims, or that holds nothing to import, raises FileProblemError or
    ValidationError; single lines that cannot be read become rows with a problem.
    """
    check_options(options)
    path = Path(path)
    if path.is_dir():
        if options.format not in (None, "slack"):
            raise errors.FileProblemError(path, f"is a folder, not {_NAMES[options.format]}")
        return slack.read_folder(path, options)
    return parse_bytes(path.name, read_bytes(path), options, path=path)


@collector.paused()
def parse_bytes(
    name: str, data: bytes, options: ImportOptions, *, path: Path | None = None
) -> Parsed:
    """Read a source's content (`name` is what messages call it). `path` lets a Slack
    channel file find the export's users.json beside it."""
    check_options(options)
    wanted = options.format
    if not data.strip():
        raise errors.FileProblemError(name, "is empty")
    suffix = Path(name).suffix.lower()
    if suffix == ".zip" and not is_zip(data):
        raise errors.FileProblemError(name, "is not a zip file, though its name says so")
    # A name ending in .json is a claim the content must hold to (no guessing CSV from it).
    json_claimed = wanted is None and suffix == ".json"
    if is_zip(data):
        if wanted not in (None, "slack"):
            raise errors.FileProblemError(name, f"is a zip file, not {_NAMES[wanted]}")
        return slack.read_zip(name, data, options)
    text = decode(name, data)
    if not text.strip():
        raise errors.FileProblemError(name, "is empty")
    if wanted == "slack" and not looks_like_json(text):
        raise errors.FileProblemError(
            name, "is not a Slack export (a zip, a folder, or a channel's JSON file)"
        )
    if wanted in ("json", "slack") or json_claimed or (wanted is None and looks_like_json(text)):
        try:
            value = load_json(name, text)
        except errors.ValidationError:
            # "[14:18] alice: …" starts like JSON too; broken JSON is reported as such.
            chatty = chat.looks_like_chat(head_lines(text, chat.SAMPLE_LINES))
            if wanted or json_claimed or chatty < 0.5:
                raise
            return chat.read_chat(name, text, options)
        if wanted == "slack" and not slack.looks_like_messages(value):
            raise errors.FileProblemError(name, "is JSON, but not a Slack channel's messages")
        if wanted == "slack" or (wanted is None and slack.looks_like_messages(value)):
            return slack.read_messages(name, value, options, path)
        return jsonfile.read_json(name, value, options)
    if looks_like_json(text):
        _refuse_json(name, text, wanted)
    kind = wanted or detect_text(name, text)
    if kind == "chat":
        return chat.read_chat(name, text, options)
    if kind == "alerts":
        return alerts.read_alerts(name, text, options)
    return tables.read_table(name, text, options)


def detect_text(name: str, text: str) -> str:
    """Which text format a file is in: a table whose header names its columns (an alert
    export when it has created and acknowledged or resolved times), a chat log, or a table
    without a header."""
    synonyms = {**tables.SYNONYMS, **alerts.SYNONYMS}
    delimiter, consistent = tables.sniff(text, name, synonyms)
    header = tables.first_cells(text, delimiter)
    known = {word for words in synonyms.values() for word in words}
    if consistent and any(tables.normalize(cell) in known for cell in header):
        return "alerts" if alerts.is_alert_table(header) else "csv"
    if chat.looks_like_chat(head_lines(text, chat.SAMPLE_LINES)) >= 0.5:
        return "chat"
    if consistent:
        return "csv"
    raise errors.FileProblemError(
        name,
        "is not something we can import: not JSON, not a table with a time column, "
        "and not a chat log whose lines start with a time",
    )


def check_options(options: ImportOptions) -> None:
    if options.format is not None and options.format not in FORMATS:
        raise errors.ValidationError(
            "format", f"must be one of {', '.join(FORMATS)}, not {options.format!r}"
        )
    times.zone(options.timezone)  # an unknown zone is refused before any file is read


def _refuse_json(name: str, text: str, wanted: str | None) -> None:
    """A JSON file given as CSV, chat or alerts: say so, rather than read braces as rows."""
    try:
        load_json(name, text)
    except errors.ValidationError:
        return  # not JSON after all (a chat line can start with "[")
    raise errors.FileProblemError(name, f"is a JSON file, not {_NAMES[wanted or 'csv']}")
