"""The command line (DESIGN section 6): `facilitator`, a second face on the app's core."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from facilitator import agenda, errors
from facilitator.db.choices import (
    ACTION_STATUSES,
    DEPTHS,
    PRIORITIES,
    SEVERITIES,
    STATUSES,
)

Handler = Callable[[argparse.Namespace], int]
# Opens the app: (database, session id, step) -> exit status. The Qt layer passes it in
# (`ui.entry`), so the core never imports the UI (DESIGN section 2).
AppOpener = Callable[[str | None, str | None, str | None], int]
EXPORT_FORMATS = ("json", "md", "pdf", "html")
EXPORT_VARIANTS = ("full", "pre-read", "public")  # facilitator.report.document.VARIANTS
TIMELINE_FORMATS = ("csv", "json", "chat", "slack", "alerts")  # facilitator.timeline_import


def main(argv: Sequence[str] | None = None, *, open_app: AppOpener | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.open_app = open_app
    handler: Handler = run_app
    if getattr(args, "command", None):
        from facilitator import commands  # only for a command: the app alone needs none

        handler = getattr(commands, f"cmd_{args.command}")
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

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, parents=[common], help=help_text, description=help_text)
        sub.set_defaults(command=name)  # facilitator.commands.cmd_<name> does it
        return sub

    sub = command("open", "Open the app on one session, at one agenda step.")
    sub.add_argument("id", help="the session's id (see `facilitator list`)")
    sub.add_argument("--step", choices=agenda.STEP_IDS, help="the agenda step to open on")

    sub = command("new", "Create a session and print its id.")
    sub.add_argument("--title", required=True)
    sub.add_argument("--severity", choices=SEVERITIES, default="SEV3")
    sub.add_argument("--depth", choices=DEPTHS, default="standard")
    sub.add_argument("--timezone", default=None, help="IANA zone, e.g. Europe/Berlin")

    sub = command("list", "List past sessions, newest first.")
    sub.add_argument("--search", metavar="Q", help="text in the title, summary or timeline")
    sub.add_argument("--severity", choices=SEVERITIES)
    sub.add_argument("--status", choices=STATUSES)
    sub.add_argument("--json", action="store_true", help="print a JSON array")

    sub = command("show", "Show one session.")
    sub.add_argument("id")
    sub.add_argument("--json", action="store_true", help="print the exchange format")

    sub = command("import", "Import sessions from exchange-format JSON files.")
    sub.add_argument("files", nargs="+", metavar="FILE.json", type=Path)
    sub.add_argument(
        "--overflow-to-backlog",
        action="store_true",
        help="import a session with more than 5 must/should action items by making the "
        "lowest-priority extras nice-to-have; says which on stderr",
    )

    sub = command("export", "Export one session.")
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

    sub = command(
        "timeline",
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
        "Findings on one session, one a line (exit 1 when there are any, 0 when clean).",
    )
    sub.add_argument("id")

    sub = command(
        "lint",
        "The blameless language checker on plain text: LINE:COL: message (suggestion) "
        "a finding; exit 1 when it found anything, 0 when the text is clean.",
    )
    sub.add_argument("file", nargs="?", default="-", help="a text file, or - for stdin")

    sub = command(
        "actions",
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

    command("demo", "Add the demo session and print its id.")
    return parser


def app_opener(args: argparse.Namespace) -> AppOpener:
    if args.open_app is None:
        raise errors.FacilitatorError("this command line was started without the app")
    opener: AppOpener = args.open_app
    return opener


def run_app(args: argparse.Namespace) -> int:
    return app_opener(args)(getattr(args, "db", None), None, None)
