"""Reading a source file: its bytes, its text, its JSON, and telling which format it is."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

from facilitator import errors

# Far above any incident's chat log, low enough that a wrong file cannot exhaust memory.
MAX_BYTES: Final = 256 * 1024 * 1024
ZIP_MAGIC: Final = (b"PK\x03\x04", b"PK\x05\x06")
_BOMS: Final = {b"\xff\xfe": "utf-16", b"\xfe\xff": "utf-16"}


def read_bytes(path: Path) -> bytes:
    """The content of a regular file, or FileProblemError saying why it cannot be had."""
    if path.is_dir():
        raise errors.FileProblemError(path, "is a folder, not a file")
    if path.exists() and not path.is_file():
        # A FIFO or a device: reading it could block or never end.
        raise errors.FileProblemError(path, "is not a regular file")
    try:
        if path.stat().st_size > MAX_BYTES:
            raise errors.FileProblemError(path, f"is larger than {MAX_BYTES >> 20} MB")
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise errors.FileProblemError(path, "no such file") from exc
    except PermissionError as exc:
        raise errors.FileProblemError(path, "cannot be read: permission denied") from exc
    except OSError as exc:
        raise errors.FileProblemError(path, f"cannot be read ({exc.strerror or exc})") from exc


def is_zip(data: bytes) -> bool:
    return data.startswith(ZIP_MAGIC)


def decode(name: str, data: bytes) -> str:
    """The text in a file: UTF-8 (a byte-order mark is fine), UTF-16 with a byte-order mark
    (what spreadsheets save as "Unicode text"), else Windows-1252 (what they save as plain
    CSV on Windows)."""
    for bom, encoding in _BOMS.items():
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise errors.FileProblemError(name, "is not valid UTF-16 text") from exc
    if b"\x00" in data:
        raise errors.FileProblemError(name, "is a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise errors.FileProblemError(name, "is not text in UTF-8 or Windows-1252") from exc


def looks_like_json(text: str) -> bool:
    start = text.lstrip()[:1]
    return start in ("[", "{")


def load_json(name: str, text: str) -> Any:
    """The JSON value in `text`; ValidationError naming the line and column of bad syntax."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        problem = f"{exc.msg[:1].lower()}{exc.msg[1:]}"
        raise errors.ValidationError(
            f"line {exc.lineno}, column {exc.colno}", f"not valid JSON: {problem}", source=name
        ) from exc
    except RecursionError as exc:
        raise errors.ValidationError("", "the JSON is nested too deeply", source=name) from exc
    except ValueError as exc:  # e.g. an integer past Python's limit on digits
        raise errors.ValidationError("", f"not valid JSON: {exc}", source=name) from exc


def kind_of(value: object) -> str:
    """A JSON value's kind in words, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    return "a number"


def head_lines(text: str, count: int) -> list[str]:
    """`text.splitlines()[:count]`, without splitting the rest of a big file: telling a
    format from its first lines split all 100,000 lines three times over, each a call of
    20-40 ms that holds the GIL (a stall of the GUI thread while a worker reads)."""
    size = 8192
    while True:
        lines = text[:size].splitlines()
        # One line more than asked for: the last one asked for ended inside the slice.
        if len(lines) > count or size >= len(text):
            return lines[:count]
        size *= 4


# Characters of a big text handled at a time by `split_lines` and `csv_lines`.
_PIECE: Final = 65_536


def split_lines(text: str) -> Iterator[str]:
    """`text.splitlines()`, a piece at a time: splitting a 5 MB log in one call holds the
    GIL for 20-40 ms (a stall of the GUI thread while a worker reads)."""
    for piece in _pieces(text):
        yield from piece.splitlines()


def csv_lines(text: str) -> Iterator[str]:
    """The lines `csv.reader` reads from `io.StringIO(text, newline="")`, a piece at a time:
    copying a whole 6 MB file into one StringIO holds the GIL for 20-60 ms."""
    for piece in _pieces(text):
        yield from io.StringIO(piece, newline="")


def _pieces(text: str) -> Iterator[str]:
    """`text` cut after a "\n" every `_PIECE` characters or so: no line (nor "\r\n") is
    split, so the lines of the pieces are the lines of the whole."""
    start = 0
    while start < len(text):
        end = text.find("\n", start + _PIECE)
        end = len(text) if end < 0 else end + 1
        yield text[start:end]
        start = end
