"""What each sub-command of `facilitator` does (the parser is facilitator/cli.py).

Apart from the parser so that `facilitator` with no command, which opens the app, loads none
of this: the app's first window is on a start-up budget (DESIGN section 7).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import TextIO

from facilitator import errors, sessions
from facilitator.cli import app_opener
from facilitator.db.store import Store, open_store
from facilitator.zones import local_timezone


def _store(args: argparse.Namespace) -> Store:
    return open_store(getattr(args, "db", None))


def cmd_open(args: argparse.Namespace) -> int:
    store = _store(args)
    try:
        sessions.load_session(store, args.id)  # a bad id is an error here, not in a window
    finally:
        store.close()
    return app_opener(args)(getattr(args, "db", None), args.id, args.step)


def cmd_new(args: argparse.Namespace) -> int:
    store = _store(args)
    timezone = args.timezone or local_timezone()
    session_id = sessions.create_session(
        store, args.title, severity=args.severity, depth=args.depth, timezone=timezone
    )
    print(session_id)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    store = _store(args)
    rows = sessions.list_sessions(
        store, search=args.search, severity=args.severity, status=args.status
    )
    if args.json:
        objects = [
            {
                "id": row.id,
                "title": row.title,
                "severity": row.severity,
                "status": row.status,
                "started_at": row.started_at.isoformat() if row.started_at else None,
                "updated_at": row.updated_at.isoformat(),
            }
            for row in rows
        ]
        print(json.dumps(objects, ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        date = row.started_at.date().isoformat() if row.started_at else "          "
        ref = f"{row.incident_ref} " if row.incident_ref else ""
        print(f"{row.id}  {row.severity}  {date}  {row.status:<10}  {ref}{row.title}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from facilitator import exchange

    store = _store(args)
    if args.json:
        print(exchange.dumps(exchange.export_session(store, args.id)))
        return 0
    from facilitator.report.markdown import render_markdown
    from facilitator.review import session_reviews

    session = sessions.load_session(store, args.id)
    print(render_markdown(session, reviews=session_reviews(store, args.id)), end="")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from facilitator import actions, exchange

    store = _store(args)
    documents = [(str(path), exchange.read_document(path)) for path in args.files]
    try:
        ids = exchange.import_documents(
            store, documents, overflow_to_backlog=args.overflow_to_backlog
        )
    except actions.ActionCapError as exc:
        hint = "--overflow-to-backlog makes the lowest-priority extras nice-to-have"
        print(f"facilitator: {exc} ({hint}).", file=sys.stderr)
        return exc.exit_code
    for session_id in ids:
        print(session_id)
    # Which items moved goes to stderr: stdout stays one new id a line, for scripts.
    for name, document in documents:
        if moved := actions.overflow_titles(document):
            shown = ", ".join(f'"{title}"' for title in moved)
            print(
                f"facilitator: {name}: moved {len(moved)} must/should item"
                f"{'' if len(moved) == 1 else 's'} to the backlog (nice-to-have) to keep "
                f"{actions.MAX_COMMITTED}: {shown}.",
                file=sys.stderr,
            )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from facilitator import exchange

    if args.format in ("pdf", "html"):
        return _export_write_up(args)
    if args.variant != "full" and args.format == "json":
        raise errors.ValidationError(
            "--variant", f"{args.variant} is a pdf, html or md variant; json is always full"
        )
    store = _store(args)
    if args.format == "json":
        content = exchange.dumps(exchange.export_session(store, args.id))
    else:
        from facilitator.report.markdown import render_markdown
        from facilitator.review import session_reviews

        content = render_markdown(
            sessions.load_session(store, args.id),
            args.variant,
            reviews=session_reviews(store, args.id),
        )
    write_output(content, args.output)
    return 0


def _export_write_up(args: argparse.Namespace) -> int:
    """PDF or HTML through the report's child process (time limit, memory cap)."""
    from facilitator.report.export import export

    output: Path | None = args.output
    if output is not None and str(output) == "-":
        output = None
    if output is None and args.format == "pdf":
        raise errors.InputError("a PDF export needs a file to write; add -o FILE.pdf")
    store = _store(args)
    if output is not None:
        result = export(store, args.id, args.format, output, variant=args.variant, paper=args.paper)
        for note in result.notes:
            print(f"facilitator: note: {note}", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "write-up.html"
        export(store, args.id, "html", target, variant=args.variant, paper=args.paper)
        sys.stdout.write(target.read_text(encoding="utf-8"))
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    from datetime import date

    from facilitator import timeline_import

    try:
        day = date.fromisoformat(args.date) if args.date else None
    except ValueError:
        raise errors.ValidationError(
            "--date", f"{args.date!r} is not a date; use YYYY-MM-DD"
        ) from None
    mapping: dict[str, str] = {}
    for pair in args.map:
        field, equals, column = pair.partition("=")
        if not (equals and field.strip() and column.strip()):
            raise errors.ValidationError(
                "--map", f"{pair!r} is not FIELD=COLUMN, like text=Message"
            )
        mapping[field.strip()] = column.strip()
    store = _store(args)
    preview = timeline_import.preview_file(
        store,
        args.id,
        args.source,
        format=args.format,
        timezone=args.timezone,
        reference_date=day,
        mapping=mapping,
        channels=args.channel,
        fold=args.fold,
    )
    if args.dry_run or preview.unreadable:
        print("\n".join(timeline_import.summary_lines(preview)))
        # Lines that cannot be read: exit 2 naming the first, and add nothing.
        timeline_import.check_readable(preview.chosen, source=preview.source)
        return 0
    timeline_import.commit(store, args.id, preview.chosen, source=preview.source)
    print("\n".join(timeline_import.summary_lines(preview, added=True)))
    return 0


def write_output(content: str, output: Path | None, stream: TextIO | None = None) -> None:
    """Write to the file whole or not at all (a temporary beside it, then a rename)."""
    if output is None or str(output) == "-":
        (stream or sys.stdout).write(content if content.endswith("\n") else content + "\n")
        return
    folder = output.parent if str(output.parent) else Path(".")
    if output.is_dir():
        raise errors.FileProblemError(output, "is a folder; give a file name")
    if not folder.is_dir():
        raise errors.FileProblemError(output, f"cannot be written: folder {folder} does not exist")
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{output.name}.", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream_out:
            stream_out.write(content)
        os.replace(temporary, output)
    except OSError as exc:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        raise errors.FileProblemError(output, f"cannot be written ({exc.strerror})") from exc


def cmd_check(args: argparse.Namespace) -> int:
    from facilitator.checks import check

    findings = check(_store(args), args.id)
    for finding in findings:
        print(finding)
    return 1 if findings else 0


def cmd_actions(args: argparse.Namespace) -> int:
    from facilitator import followup

    items = followup.list_items(
        _store(args),
        overdue=args.overdue,
        due_this_week=args.due_this_week,
        owner=args.owner,
        status=args.status,
        priority=args.priority,
    )
    if args.csv is not None:
        write_output(followup.export_csv(items), args.csv)
    if args.ics is not None:
        write_output(followup.export_ics(items), args.ics)
    if args.csv is None and args.ics is None:
        for line in followup.format_items(items):
            print(line)
    return 0


def cmd_lint(args: argparse.Namespace) -> int:
    from facilitator.language import lint_text

    lines, status = lint_text(read_text_input(args.file))
    for line in lines:
        print(line)
    return status


def read_text_input(name: str) -> str:
    """The text of a file, or of stdin for `-`; a missing or binary file is bad input."""
    if name == "-":
        return sys.stdin.read()
    path = Path(name)
    try:
        data = path.read_bytes()
    except IsADirectoryError as exc:
        raise errors.FileProblemError(path, "is a folder, not a text file") from exc
    except FileNotFoundError as exc:
        raise errors.FileProblemError(path, "does not exist") from exc
    except OSError as exc:
        raise errors.FileProblemError(path, f"cannot be read ({exc.strerror})") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise errors.FileProblemError(path, "is not UTF-8 text") from exc


def cmd_demo(args: argparse.Namespace) -> int:
    from facilitator import exchange
    from facilitator.resources import resource_path

    store = _store(args)
    (session_id,) = exchange.import_files(store, [resource_path("samples", "demo-session.json")])
    print(session_id)
    return 0
