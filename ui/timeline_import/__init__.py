"""The timeline page's Import…: a CSV, JSON, chat log, Slack or alert export, previewed as a
table, curated, and added as one undoable step (the reading is `facilitator.timeline_import`).

Modules: `dialog` (the dialog and its `ask`), `options` (format, zone, day, columns),
`filters` (kind and author filters, folding, select all / none), `table` (the preview's
view and delegate), `loading` (the work done off the GUI thread), `waiting` (keeping
that work from stalling the GUI thread; the undo of a large import), `files` (choosing or
dropping a file). The rows and the choice are `ui.models.import_preview`.
"""
