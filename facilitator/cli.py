"""The command line (DESIGN section 6): `facilitator`, a second face on the app's core."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from facilitator import agenda, errors, sessions
from facilitator.db.models import (
    ACTION_STATUSES,
    DEPTHS,
    PRIORITIES,
    SEVERITIES,
    STATUSES,
)
from facilitator.db.store import Store, open_store

Handler = Callable[[argparse.Namespace], int]
# Opens the app: (database, session id, step) -> exit status. The Qt layer passes it in
# (`ui.entry`), so the core never imports the UI (DESIGN section 2).
AppOpener = Callable[[str | None, str | None, str | None], int]
EXPORT_FORMATS = ("json", "md", "pdf", "html")
EXPORT_VARIANTS = ("full", "pre-read", "public")  # facilitator.report.document.VARIANTS


def main(argv: Sequence[str] | None = None, *, open_app: AppOpener | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.open_app = open_app
    handler: Handler = getattr(args, "handler", run_app)
    try:
        return handler(args)
    except errors.FacilitatorError as exc:
        print(f"facilitator: {sentence(exc)}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`facilitator list | head`): not an error worth a traceback.
        sys.stderr.close()
        return 0


def sentence(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if text.endswith((".", "?", "!")) else f"{text}."


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH|URL",
        default=argparse.SUPPRESS,
        help="the database: a file path or an SQLAlchemy URL (default: $FACILITATOR_DB, "
        "else sessions.sqlite in your data folder)",
    )
    parser = argparse.ArgumentParser(
        prog="facilitator",
        description="Run blameless post-mortems. With no command, opens the app.",
        parents=[common],
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, parents=[common], help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

    sub = command("open", cmd_open, "Open the app on one session, at one agenda step.")
    sub.add_argument("id", help="the session's id (see `facilitator list`)")
    sub.add_argument("--step", choices=agenda.STEP_IDS, help="the agenda step to open on")

    sub = command("new", cmd_new, "Create a session and print its id.")
    sub.add_argument("--title", required=True)
    sub.add_argument("--severity", choices=SEVERITIES, default="SEV3")
    sub.add_argument("--depth", choices=DEPTHS, default="standard")
    sub.add_argument("--timezone", default=None, help="IANA zone, e.g. Europe/Berlin")

    sub = command("list", cmd_list, "List past sessions, newest first.")
    sub.add_argument("--search", metavar="Q", help="text in the title, summary or timeline")
    sub.add_argument("--severity", choices=SEVERITIES)
    sub.add_argument("--status", choices=STATUSES)
    sub.add_argument("--json", action="store_true", help="print a JSON array")

    sub = command("show", cmd_show, "Show one session.")
    sub.add_argument("id")
    sub.add_argument("--json", action="store_true", help="print the exchange format")

    sub = command("import", cmd_import, "Import sessions from exchange-format JSON files.")
    sub.add_argument("files", nargs="+", metavar="FILE.json", type=Path)
    sub.add_argument(
        "--overflow-to-backlog",
        action="store_true",
        help="import a session with more than 5 must/should action items by making the "
        "lowest-priority extras nice-to-have; says which on stderr",
    )

    sub = command("export", cmd_export, "Export one session.")
    sub.add_argument("id")
    sub.add_argument("--format", choices=EXPORT_FORMATS, default="json")
    sub.add_argument(
        "--variant",
        choices=EXPORT_VARIANTS,
        default="full",
        help="pdf, html and md: the whole write-up (full), what to send before the meeting "
        "(pre-read), or names replaced by roles (public)",
    )
    sub.add_argument(
        "--paper", choices=("A4", "letter"), help="pdf page size (default: from your locale)"
    )
    sub.add_argument(
        "-o", "--output", type=Path, help="the file to write (default: stdout; pdf needs one)"
    )

    from facilitator.timeline_import import FORMATS as TIMELINE_FORMATS

    sub = command(
        "timeline",
        cmd_timeline,
        "Import timeline entries from a CSV, JSON, chat log, Slack export or alert export; "
        "print what is added (all in one step, or nothing).",
    )
    sub.add_argument("id")
    sub.add_argument(
        "--import",
        dest="source",
        metavar="FILE",
        type=Path,
        required=True,
        help="the file (a Slack export may also be a zip or a folder)",
    )
    sub.add_argument(
        "--format", choices=TIMELINE_FORMATS, help="the file's format (default: told from it)"
    )
    sub.add_argument(
        "--timezone",
        metavar="ZONE",
        help="zone of times without an offset (default: the session's)",
    )
    sub.add_argument(
        "--date", metavar="YYYY-MM-DD", help="day of times without a date (default: the incident's)"
    )
    sub.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="read a field (at, date, text, kind, source, notes) from a column; repeatable",
    )
    sub.add_argument(
        "--channel", action="append", metavar="NAME", help="Slack: only this channel; repeatable"
    )
    sub.add_argument(
        "--fold",
        action="store_true",
        help="fold chat messages of one person within a minute (a bot: 10 minutes) into one entry",
    )
    sub.add_argument(
        "--dry-run", action="store_true", help="print what would be added; add nothing"
    )

    sub = command(
        "check",
        cmd_check,
        "Findings on one session, one a line (exit 1 when there are any, 0 when clean).",
    )
    sub.add_argument("id")

    sub = command(
        "lint",
        cmd_lint,
        "The blameless language checker on plain text: LINE:COL: message (suggestion) "
        "a finding; exit 1 when it found anything, 0 when the text is clean.",
    )
    sub.add_argument("file", nargs="?", default="-", help="a text file, or - for stdin")

    sub = command(
        "actions",
        cmd_actions,
        "Action items across all sessions, soonest deadline first, with completion figures; "
        "or export them as CSV (for an issue tracker) or iCalendar (the deadlines).",
    )
    sub.add_argument("--overdue", action="store_true", help="open items past their deadline")
    sub.add_argument(
        "--due-this-week", action="store_true", help="open items due by Sunday (not overdue)"
    )
    sub.add_argument("--owner", metavar="NAME", help="one owner's items (case-insensitive)")
    sub.add_argument("--status", choices=ACTION_STATUSES, action="append", help="repeatable")
    sub.add_argument("--priority", choices=PRIORITIES, action="append", help="repeatable")
    sub.add_argument("--csv", metavar="OUT", type=Path, help="write CSV to OUT (- for stdout)")
    sub.add_argument(
        "--ics", metavar="OUT", type=Path, help="write iCalendar to OUT (- for stdout)"
    )

    command("demo", cmd_demo, "Add the demo session and print its id.")
    return parser


def _store(args: argparse.Namespace) -> Store:
    return open_store(getattr(args, "db", None))


def _opener(args: argparse.Namespace) -> AppOpener:
    if args.open_app is None:
        raise errors.FacilitatorError("this command line was started without the app")
    opener: AppOpener = args.open_app
    return opener


def run_app(args: argparse.Namespace) -> int:
    return _opener(args)(getattr(args, "db", None), None, None)


def cmd_open(args: argparse.Namespace) -> int:
    store = _store(args)
    try:
        sessions.load_session(store, args.id)  # a bad id is an error here, not in a window
    finally:
        store.close()
    return _opener(args)(getattr(args, "db", None), args.id, args.step)


def cmd_new(args: argparse.Namespace) -> int:
    store = _store(args)
    timezone = args.timezone or local_timezone()
    session_id = sessions.create_session(
        store, args.title, severity=args.severity, depth=args.depth, timezone=timezone
    )
    print(session_id)
    return 0


def local_timezone() -> str:
    """The machine's IANA zone name, or UTC when it cannot be told."""
    name = os.environ.get("TZ", "").lstrip(":")
    if not name:
        try:
            name = "/".join(Path("/etc/localtime").resolve().parts[-2:])
        except OSError:
            name = ""
    try:
        return sessions.check_timezone(name)
    except errors.ValidationError:
        return "UTC"


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
