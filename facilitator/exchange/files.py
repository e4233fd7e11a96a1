"""Reading an exchange file into a document: every way a file can be wrong, in one sentence."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, NoReturn

from facilitator import errors
from facilitator.exchange.spec import kind_of


class _JsonProblem(Exception):
    """JSON syntax that parses but that we still refuse: a repeated key, NaN or Infinity."""


def read_document(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The JSON object in a file, not yet validated (`validate_document` does that).

    A file that cannot be used raises FileProblemError; text that is not one JSON object
    raises ValidationError naming the file (and, for bad syntax, the line and column).
    """
    path = Path(path)
    text = _decode(path, _read_bytes(path))
    if not text.strip():
        raise errors.FileProblemError(path, "is empty, not a JSON document")
    value = _parse(text, source=str(path))
    if not isinstance(value, dict):
        problem = f"holds {kind_of(value)}, but an exchange file holds one JSON object"
        raise errors.ValidationError("", problem, source=str(path))
    return value


def _read_bytes(path: Path) -> bytes:
    if path.is_dir():
        raise errors.FileProblemError(path, "is a folder, not a file")
    if path.exists() and not path.is_file():
        # A FIFO or a device: reading it could block or never end.
        raise errors.FileProblemError(path, "is not a regular file")
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise errors.FileProblemError(path, "no such file") from exc
    except PermissionError as exc:
        raise errors.FileProblemError(path, "cannot be read: permission denied") from exc
    except OSError as exc:
        raise errors.FileProblemError(path, f"cannot be read ({exc.strerror or exc})") from exc


def _decode(path: Path, raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise errors.FileProblemError(path, "is UTF-16 text; save it as UTF-8 and try again")
    if b"\x00" in raw:
        raise errors.FileProblemError(path, "is a binary file, not JSON text")
    try:
        # utf-8-sig: a byte-order mark (some Windows editors add one) is skipped, not an error.
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise errors.FileProblemError(path, "is not UTF-8 text, as JSON files must be") from exc


def _parse(text: str, *, source: str) -> Any:
    def invalid(problem: str) -> errors.ValidationError:
        return errors.ValidationError("", problem, source=source)

    try:
        return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        problem = f"{exc.msg[:1].lower()}{exc.msg[1:]}"
        raise invalid(
            f"not valid JSON at line {exc.lineno}, column {exc.colno}: {problem}"
        ) from exc
    except _JsonProblem as exc:
        raise invalid(str(exc)) from exc
    except RecursionError as exc:
        raise invalid("the JSON is nested too deeply to read") from exc
    except ValueError as exc:  # e.g. an integer past Python's limit on digits
        raise invalid(f"not valid JSON: {exc}") from exc


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json.loads would silently keep the last of two equal keys; in a hand-edited file a
    # repeated key is almost always a mistake worth pointing at.
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _JsonProblem(f"the key {key!r} appears twice in one object")
        result[key] = value
    return result


def _no_constant(name: str) -> NoReturn:
    raise _JsonProblem(f"{name} is not a JSON number")
