"""The exchange format, version 1: one session as JSON, exported, checked and imported.

DESIGN section 5 is the contract; `resources/schema/session-v1.schema.json` states it as a
JSON Schema. The validator here is the authority: it checks everything the schema does and
what a schema cannot (real dates, time zone names, ids that actions refer to, base64).

Canonical form -- what `session_to_document` writes. `export(import(doc)) == doc` holds
exactly for documents in this form; any other valid document imports to the same session
as its canonical twin:

- Keys in the order of DESIGN section 5 (keys added since sit where `spec` lists them).
  A key whose value is empty ("", [], {}, null or false) is left out, except
  `session.title`, always written. Choices (`severity`, `depth`, `status`, `timezone`,
  `role`, `kind`, `category`, `priority`, `media_type`) and the ids of why chains and
  factors always have a value, so they are always written.
- Times are `datetime.isoformat()` of the instant in the session's own zone
  (`2026-03-01T10:15:00+01:00`; `.ffffff` only when there are microseconds). `due` is
  YYYY-MM-DD; attachment `data` is standard base64, padded, without line breaks.
- Why chains are `w1, w2, …` in list order; factors `f1, f2, …` depth first (a parent
  before its children, siblings in order). An action's `addresses` name each target once.
- The timeline is in time order; entries at the same instant keep their order. A timeline
  entry's `id` is `tN` for the N-th entry in that order, an attachment's `aN` for the N-th
  attachment, and either is written only when something refers to it (a factor's
  `evidence`, an entry's `attachment`). A factor's `evidence` names each entry once.
- A list item (went well, went poorly, lucky, parking lot) is plain text, or
  `{"text": …, "internal": true}` when it is marked internal (kept out of public
  write-ups); `internal` and `unknown` flags are written only when true.
- `services` and `tags` are stripped, non-empty and without repeats (import tidies them as
  `sessions.set_labels` does). A gate sits only on a factor with children (export drops a
  gate left on a leaf: it joins nothing).

Not carried by version 1: the session's id (every import makes a new session with fresh
ids, so importing a file twice gives two sessions), its created/updated times, meeting
state (current step, timers), the trash, and effectiveness reviews of earlier actions.

Modules: `spec` (keys, patterns, words for messages), `writer` (export), `reader`
(validation and import), `files` (reading a file into a document).
"""

from __future__ import annotations

from facilitator.exchange.files import read_document
from facilitator.exchange.reader import (
    document_to_session,
    import_documents,
    import_files,
    validate_document,
)
from facilitator.exchange.spec import FORMAT, VERSION
from facilitator.exchange.writer import dumps, export_session, session_to_document

__all__ = [
    "FORMAT",
    "VERSION",
    "document_to_session",
    "dumps",
    "export_session",
    "import_documents",
    "import_files",
    "read_document",
    "session_to_document",
    "validate_document",
]
