"""The `facilitator` command: the core's command line, with the Qt app plugged in for `open`."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from facilitator.cli import main as cli_main


def open_app(db: str | None, session_id: str | None, step: str | None) -> int:
    from ui.app import run  # Qt loads only when the app opens, never for the other commands

    return run(db, session_id=session_id, step=step)


def main(argv: Sequence[str] | None = None) -> int:
    return cli_main(argv, open_app=open_app)


if __name__ == "__main__":
    sys.exit(main())
