"""The command line, end to end: output formats, exit statuses, and bad input changing nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator import cli, sessions
from facilitator.db.store import open_store
from facilitator.resources import resource_path

DEMO = resource_path("samples", "demo-session.json")


def run(db: Path, *args: str) -> tuple[int, str, str]:
    """Run the CLI in this process; return (status, stdout, stderr)."""
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = cli.main(["--db", str(db), *args])
        except SystemExit as exit_:  # argparse's own errors
            status = int(exit_.code or 0)
    return status, out.getvalue(), err.getvalue()


def session_count(db: Path) -> int:
    store = open_store(db)
    try:
        return len(sessions.list_sessions(store)) + len(sessions.list_sessions(store, trash=True))
    finally:
        store.close()


def test_new_list_and_show(db_path: Path) -> None:
    status, out, _ = run(db_path, "new", "--title", "Checkout outage", "--severity", "SEV1")
    assert status == 0
    session_id = out.strip()

    status, out, _ = run(db_path, "list", "--json")
    assert status == 0
    (row,) = json.loads(out)
    assert row["id"] == session_id
    assert set(row) == {"id", "title", "severity", "status", "started_at", "updated_at"}
    assert (row["title"], row["severity"], row["status"]) == ("Checkout outage", "SEV1", "draft")

    status, out, _ = run(db_path, "show", session_id)
    assert status == 0
    assert "Checkout outage" in out


def test_demo_then_export_json_round_trips(db_path: Path, tmp_path: Path) -> None:
    status, out, _ = run(db_path, "demo")
    assert status == 0
    demo_id = out.strip()

    target = tmp_path / "demo.json"
    assert run(db_path, "export", demo_id, "--format", "json", "-o", str(target))[0] == 0
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert exported["format"] == "postmortem-facilitator"

    status, out, _ = run(db_path, "import", str(target))
    assert status == 0
    again = out.strip()
    assert again != demo_id  # a duplicate import is a new session
    status, out, _ = run(db_path, "show", again, "--json")
    assert json.loads(out) == exported


def test_export_markdown(db_path: Path, tmp_path: Path) -> None:
    demo_id = run(db_path, "demo")[1].strip()
    target = tmp_path / "write-up.md"
    assert run(db_path, "export", demo_id, "--format", "md", "-o", str(target))[0] == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# ")
    assert "| " in text  # the tables


def test_list_search(db_path: Path) -> None:
    run(db_path, "new", "--title", "Database pool exhaustion")
    run(db_path, "new", "--title", "DNS outage")
    status, out, _ = run(db_path, "list", "--search", "POOL")
    assert status == 0
    assert "Database pool exhaustion" in out
    assert "DNS" not in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "line 1"),
        ('{"format": "something-else", "version": 1, "session": {"title": "x"}}', "format"),
        (
            '{"format": "postmortem-facilitator", "version": 2, "session": {"title": "x"}}',
            "version",
        ),
        (
            '{"format": "postmortem-facilitator", "version": 1,'
            ' "session": {"title": "x", "oops": 1}}',
            "session.oops",
        ),
        (
            '{"format": "postmortem-facilitator", "version": 1, "session": {"title": "x",'
            ' "timeline": [{"at": "yesterday", "text": "t"}]}}',
            "session.timeline[0].at",
        ),
        (
            '{"format": "postmortem-facilitator", "version": 1,'
            ' "session": {"title": "x", "severity": "SEV9"}}',
            "session.severity",
        ),
    ],
)
def test_bad_import_exits_2_with_one_sentence(
    db_path: Path, tmp_path: Path, content: str, message: str
) -> None:
    good = tmp_path / "good.json"
    good.write_text(DEMO.read_text(encoding="utf-8"), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")

    status, out, err = run(db_path, "import", str(good), str(bad))

    assert status == 2
    assert out == ""
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert session_count(db_path) == 0  # all or nothing: the good file was not imported


def test_binary_and_missing_files(db_path: Path, tmp_path: Path) -> None:
    binary = tmp_path / "image.json"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    for path in (binary, tmp_path / "missing.json"):
        status, _, err = run(db_path, "import", str(path))
        assert status == 2
        assert str(path) in err
        assert len(err.strip().splitlines()) == 1


def test_unwritable_output_and_unknown_id(db_path: Path, tmp_path: Path) -> None:
    demo_id = run(db_path, "demo")[1].strip()
    status, _, err = run(db_path, "export", demo_id, "-o", str(tmp_path / "no" / "x.json"))
    assert status == 2
    assert "does not exist" in err
    status, _, err = run(db_path, "export", demo_id, "-o", str(tmp_path))
    assert status == 2
    assert "folder" in err
    status, _, err = run(db_path, "show", "no-such-id")
    assert status == 2
    assert "no session" in err


def test_a_bad_database_is_one_sentence(tmp_path: Path) -> None:
    not_a_db = tmp_path / "notes.sqlite"
    not_a_db.write_text("hello")
    status, _, err = run(not_a_db, "list")
    assert status == 2
    assert err.strip() == f"facilitator: {not_a_db}: is not a database file."
    assert not_a_db.read_text() == "hello"


def test_the_installed_command_runs(db_path: Path) -> None:
    """The real entry point, in a child process, with the database from the environment."""
    result = subprocess.run(
        [sys.executable, "-m", "ui.entry", "new", "--title", "From a child"],
        capture_output=True,
        text=True,
        env={"FACILITATOR_DB": str(db_path), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert session_count(db_path) == 1


def test_lint_reads_a_file_and_reports_line_and_column(db_path: Path, tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("We should add a canary.\nJohn deployed broken code.\n", encoding="utf-8")
    status, out, _ = run(db_path, "lint", str(text))
    assert status == 1
    (line,) = out.splitlines()
    assert line.startswith("2:1: ")
    assert line.endswith(")")  # the suggestion


def test_lint_of_clean_text_and_bad_files(db_path: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("Alice restarted the database at 02:30.\n", encoding="utf-8")
    assert run(db_path, "lint", str(clean)) == (0, "", "")
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00")
    for path in (binary, tmp_path / "missing.txt", tmp_path):
        status, _, err = run(db_path, "lint", str(path))
        assert status == 2
        assert len(err.strip().splitlines()) == 1


def test_show_includes_the_effectiveness_review(db_path: Path) -> None:
    from tests.core.report_support import reviewing_pair

    store = open_store(db_path)
    _, later = reviewing_pair(store)
    store.close()
    status, out, _ = run(db_path, "show", later)
    assert status == 0
    assert "Review of earlier actions" in out
    assert "Add jitter to cache expiry" in out


def test_the_timeline_formats_offered_are_the_importers():
    from facilitator.timeline_import import FORMATS

    assert cli.TIMELINE_FORMATS == FORMATS


def test_opening_the_app_loads_no_command_and_no_sqlalchemy():
    """`facilitator` alone opens the app, whose first window is on a start-up budget: the
    commands and SQLAlchemy load on a worker thread after it (ui/store_opening.py)."""
    code = (
        "import sys\n"
        "from facilitator import cli\n"
        "def opened(db, session_id, step):\n"
        "    print(sorted({'sqlalchemy', 'facilitator.commands'} & set(sys.modules)))\n"
        "    return 0\n"
        "sys.exit(cli.main([], open_app=opened))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"
