"""Timeline import: CSV/TSV, JSON, chat logs, Slack exports and alert exports, in three steps.

1. **Parse** — `parse(path, options)` (or `parse_bytes`) reads a source into `ImportRow`s in
   source order, without touching the database. The format is told from the content unless
   `options.format` names it. Times without an offset are read in `options.timezone` (the
   session's zone by default); offsets in the source are kept; a wall time that a daylight
   saving change skips or repeats is flagged on its row, never guessed. Kinds a source
   does not give are guessed from the text (`kind_guessed`).
2. **Preview** — `build_preview(parsed, existing, fold=…)` sorts the readable rows into
   time order (equal times keep source order), folds chat messages if asked, and marks
   each row that repeats an existing entry or an earlier row (same instant, same text).
   `preview_file(store, session_id, path, …)` does both for a session, with its defaults.
   The `Preview` tells what would be added: `to_add`, `first`, `last`, `kinds`,
   `duplicates`, `unreadable`; `summary_lines` says it in sentences.
3. **Commit** — `commit(store, session_id, rows)` adds the chosen rows (`preview.chosen`
   by default, or the dialog's choice, each maybe `dataclasses.replace`d with a new kind
   or `key=True`) in one unit of work through `timeline.add_entries`, and returns the new
   ids (the app's undo removes them). If any chosen row cannot be read, nothing is added
   and the error names its line (`check_readable` says so before anything is tried).

Modules: `rows` (the data), `reading` (formats), `clock` (times), `kinds`, `tables` (CSV,
mappings), `jsonfile`, `alerts`, `chat`, `slack`, `merging` (preview, fold, commit),
`summary`.
"""

from __future__ import annotations

from facilitator.timeline_import.kinds import guess_kind
from facilitator.timeline_import.merging import (
    BOT_FOLD_WINDOW,
    FOLD_WINDOW,
    build_preview,
    check_readable,
    commit,
    existing_entries,
    fold_rows,
    preview_file,
    session_defaults,
)
from facilitator.timeline_import.reading import detect_text, parse, parse_bytes
from facilitator.timeline_import.rows import (
    ALERT_FIELDS,
    FIELDS,
    FORMATS,
    ImportOptions,
    ImportRow,
    Parsed,
    Preview,
)
from facilitator.timeline_import.summary import summary_lines

__all__ = [
    "ALERT_FIELDS",
    "BOT_FOLD_WINDOW",
    "FIELDS",
    "FOLD_WINDOW",
    "FORMATS",
    "ImportOptions",
    "ImportRow",
    "Parsed",
    "Preview",
    "build_preview",
    "check_readable",
    "commit",
    "detect_text",
    "existing_entries",
    "fold_rows",
    "guess_kind",
    "parse",
    "parse_bytes",
    "preview_file",
    "session_defaults",
    "summary_lines",
]
