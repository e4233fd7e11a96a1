"""Slack exports: a workspace export as a zip or a folder, or one channel's JSON files.

An export holds a folder per channel with a file per day (``incident-42/2026-03-04.json``,
a JSON list of messages) and ``users.json``, through which user ids in messages and
mentions become names. Joins, topic changes and deleted messages are left out (and
counted); thread replies are kept at their own time with a note saying whose thread they
answer; bot messages are marked so that they can be folded.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path, PurePosixPath
from typing import Any, Final

from facilitator import errors, sessions
from facilitator.timeline_import.clock import EPOCH_START
from facilitator.timeline_import.kinds import kind_of
from facilitator.timeline_import.rows import ImportOptions, ImportRow, Parsed
from facilitator.timeline_import.sourcefile import (
    MAX_BYTES,
    decode,
    kind_of as json_kind,
    load_json,
    read_bytes,
)

DAY_FILE: Final = re.compile(r"\d{4}-\d{2}-\d{2}\.json")
# Messages that record a change to the channel, not something that happened in the incident.
IGNORED_SUBTYPES: Final = frozenset(
    {
        "channel_join", "channel_leave", "channel_topic", "channel_purpose", "channel_name",
        "channel_archive", "channel_unarchive", "channel_convert_to_private", "group_join",
        "group_leave", "group_topic", "group_purpose", "group_name", "pinned_item",
        "unpinned_item", "message_deleted", "tombstone", "bot_add", "bot_remove",
        "reminder_add", "sh_room_created",
    }
)  # fmt: skip
_TS: Final = re.compile(r"(\d{9,10})(?:\.(\d{1,6})\d*)?")
_LINK: Final = re.compile(r"<([^<>\n]+)>")


@dataclass(frozen=True)
class Person:
    name: str
    bot: bool = False


@dataclass(frozen=True)
class ChannelFile:
    channel: str
    name: str  # shown in messages: ``incident-42/2026-03-04.json``
    messages: list[Any]


def looks_like_messages(value: object) -> bool:
    """Whether a JSON value is a list of Slack messages (a channel's day file)."""
    if not isinstance(value, list) or not value:
        return False
    sample = [item for item in value[:20] if isinstance(item, dict)]
    return bool(sample) and all(
        "ts" in item and (item.get("type") == "message" or "user" in item or "bot_id" in item)
        for item in sample
    )


def read_zip(name: str, data: bytes, options: ImportOptions) -> Parsed:
    """A zipped export (the whole workspace or a few channels)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError) as exc:
        raise errors.FileProblemError(name, "is not a zip file that can be read") from exc
    with archive:
        unpack = _Unpacker(archive, name)
        members = [info for info in archive.infolist() if not info.is_dir()]
        days = [info for info in members if _channel_of(info.filename) is not None]
        days = [info for info in days if _wanted(_channel_of(info.filename), options)]
        if not days:
            raise errors.FileProblemError(
                name, _no_channels("is a zip without Slack channel files in it", options)
            )
        users_files = sorted(
            (info for info in members if PurePosixPath(info.filename).name == "users.json"),
            key=lambda info: info.filename.count("/"),
        )
        users = _users(unpack.json(users_files[0])) if users_files else {}
        files = [
            ChannelFile(
                _channel_of(info.filename) or "",
                _short(info.filename),
                _messages(unpack.json(info), f"{name}: {info.filename}"),
            )
            for info in sorted(days, key=lambda info: info.filename)
        ]
    return _parsed(name, files, users, options)


def read_folder(path: Path, options: ImportOptions) -> Parsed:
    """An unzipped export: a folder of channel folders, or one channel's folder."""
    days = sorted(p for p in path.rglob("*.json") if DAY_FILE.fullmatch(p.name))
    days = [p for p in days if _wanted(p.parent.name, options)]
    if not days:
        raise errors.FileProblemError(
            path, _no_channels("is a folder without Slack channel files in it", options)
        )
    users_path = next(
        (p for p in (path / "users.json", path.parent / "users.json") if p.is_file()), None
    )
    users = _users(_load(users_path)) if users_path else {}
    files = [
        ChannelFile(
            day.parent.name, f"{day.parent.name}/{day.name}", _messages(_load(day), str(day))
        )
        for day in days
    ]
    return _parsed(str(path), files, users, options)


def read_messages(name: str, value: object, options: ImportOptions, path: Path | None) -> Parsed:
    """One channel's day file; `users.json` is looked for beside it and one folder up."""
    channel = ""
    users: dict[str, Person] = {}
    if path is not None:
        channel = path.parent.name if DAY_FILE.fullmatch(path.name) else path.stem
        for folder in (path.parent, path.parent.parent):
            if (folder / "users.json").is_file():
                users = _users(_load(folder / "users.json"))
                break
    shown = f"{channel}/{Path(name).name}" if channel else Path(name).name
    files = [ChannelFile(channel, shown, _messages(value, name))]
    return _parsed(name, files, users, options)


def _parsed(
    name: str, files: list[ChannelFile], users: dict[str, Person], options: ImportOptions
) -> Parsed:
    rows, ignored = _rows(files, users)
    if not rows:
        raise errors.FileProblemError(
            name, "holds no Slack messages (only joins, topics and the like)"
        )
    channels = sorted({file.channel for file in files if file.channel})
    notes = (f"channels: {', '.join('#' + c for c in channels)}",) if channels else ()
    return Parsed(
        name,
        "slack",
        options.timezone,
        options.reference_date,
        tuple(rows),
        ignored=ignored,
        notes=notes,
    )


def _rows(files: list[ChannelFile], users: dict[str, Person]) -> tuple[list[ImportRow], int]:
    # Who started each thread, for the note on its replies (a reply may be in a later file).
    authors = {
        (file.channel, message.get("ts")): _author(message, users).name
        for file in files
        for message in file.messages
        if isinstance(message, dict)
    }
    rows: list[ImportRow] = []
    ignored = 0
    for file in files:
        for index, message in enumerate(file.messages):
            where = f"{file.name}, message {index + 1}"
            if not isinstance(message, dict):
                problem = f"holds {json_kind(message)}, not a message"
                rows.append(ImportRow(where, len(rows), None, "", problem=problem))
                continue
            if message.get("subtype") in IGNORED_SUBTYPES:
                ignored += 1
                continue
            rows.append(_row(message, file.channel, where, len(rows), users, authors))
    return rows, ignored


def _row(
    message: dict[str, Any],
    channel: str,
    where: str,
    order: int,
    users: dict[str, Person],
    authors: dict[tuple[str, Any], str],
) -> ImportRow:
    person = _author(message, users)
    text = _clean(_text_of(message), users)
    kind, guessed = kind_of(text)
    ts, thread_ts = message.get("ts"), message.get("thread_ts")
    reply = isinstance(thread_ts, str) and thread_ts != ts
    notes = f"reply in a thread started by {authors.get((channel, thread_ts), 'someone')}"
    source = f"{person.name} (#{channel})" if channel else person.name
    at = _instant(ts)
    problem = "" if at is not None else f"has no time we can read (ts {ts!r})"
    if len(text) > sessions.MAX_TEXT:
        problem = problem or f"the message is longer than {sessions.MAX_TEXT:,} characters"
    return ImportRow(
        where,
        order,
        at,
        text,
        kind,
        guessed,
        source,
        person.name,
        bot=person.bot,
        channel=channel,
        thread=f"{thread_ts}" if reply else "",
        notes=notes if reply else "",
        problem=problem,
    )


def _author(message: dict[str, Any], users: dict[str, Person]) -> Person:
    user = message.get("user")
    known = users.get(user) if isinstance(user, str) else None
    bot = message.get("subtype") == "bot_message" or "bot_id" in message
    if known is not None:
        return Person(known.name, known.bot or bot)
    profile = message.get("user_profile")
    bot_profile = message.get("bot_profile")
    candidates = [
        _display_name(profile) if isinstance(profile, dict) else "",
        message.get("username"),
        bot_profile.get("name") if isinstance(bot_profile, dict) else "",
        user,
    ]
    name = next((c for c in candidates if isinstance(c, str) and c.strip()), "someone")
    return Person(name.strip(), bot)


def _display_name(profile: dict[str, Any]) -> str:
    for key in ("display_name", "real_name", "name"):
        value = profile.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _users(value: object) -> dict[str, Person]:
    users: dict[str, Person] = {}
    for user in value if isinstance(value, list) else []:
        if not isinstance(user, dict) or not isinstance(user.get("id"), str):
            continue
        profile = user.get("profile")
        name = _display_name(profile) if isinstance(profile, dict) else ""
        name = name or _display_name(user) or user["id"]
        users[user["id"]] = Person(name, bool(user.get("is_bot")) or user["id"] == "USLACKBOT")
    return users


def _text_of(message: dict[str, Any]) -> str:
    text = message.get("text")
    if isinstance(text, str) and text.strip():
        return text.strip()
    # Bots often post only attachments; their fallback is the plain-text form.
    parts = []
    for attachment in message.get("attachments") or []:
        if isinstance(attachment, dict):
            fallback = (
                attachment.get("fallback") or attachment.get("title") or attachment.get("text")
            )
            if isinstance(fallback, str) and fallback.strip():
                parts.append(fallback.strip())
    for shared in message.get("files") or []:
        if isinstance(shared, dict) and isinstance(shared.get("name"), str):
            parts.append(f"shared a file: {shared['name']}")
    return "\n".join(parts)


def _clean(text: str, users: dict[str, Person]) -> str:
    """Slack's markup as Markdown: mentions as names, links as links, entities decoded."""

    def link(match: re.Match[str]) -> str:
        target, _, label = match.group(1).partition("|")
        if target.startswith("@"):
            known = users.get(target[1:])
            return "@" + (label or (known.name if known else target[1:]))
        if target.startswith("#"):
            return "#" + (label or target[1:])
        if target.startswith("!"):
            word = target[1:].split("^")[0]
            return label or ("@" + word if word in ("here", "channel", "everyone") else word)
        return f"[{label}]({target})" if label else target

    return html.unescape(_LINK.sub(link, text))


def _instant(ts: object) -> datetime | None:
    match = _TS.fullmatch(ts) if isinstance(ts, str) else None
    if match is None:
        return None
    micros = int(match.group(1)) * 1_000_000 + int((match.group(2) or "0").ljust(6, "0"))
    return EPOCH_START + timedelta(microseconds=micros)


def _channel_of(member: str) -> str | None:
    """The channel of a zip member ``…/channel/2026-03-04.json``, None for other files."""
    parts = PurePosixPath(member).parts
    if len(parts) >= 2 and DAY_FILE.fullmatch(parts[-1]):
        return parts[-2]
    return None


def _wanted(channel: str | None, options: ImportOptions) -> bool:
    return channel is not None and (options.channels is None or channel in options.channels)


def _no_channels(problem: str, options: ImportOptions) -> str:
    if options.channels is None:
        return f"{problem} (a folder per channel of YYYY-MM-DD.json files)"
    return f"{problem} for {', '.join(sorted('#' + c for c in options.channels))}"


def _short(member: str) -> str:
    return "/".join(PurePosixPath(member).parts[-2:])


class _Unpacker:
    """Reads JSON members of a zip within one budget for all of them: the sizes a zip
    declares can lie (a zip bomb), so what is actually read is what counts."""

    def __init__(self, archive: zipfile.ZipFile, name: str) -> None:
        self.archive = archive
        self.name = name
        self.left = MAX_BYTES

    def json(self, info: zipfile.ZipInfo) -> object:
        try:
            with self.archive.open(info) as handle:
                data = handle.read(self.left + 1)
        except (RuntimeError, NotImplementedError, zipfile.BadZipFile, zlib.error, OSError) as exc:
            # RuntimeError: an encrypted member; NotImplementedError: an unknown compression.
            problem = f"{info.filename} cannot be read from it"
            raise errors.FileProblemError(self.name, problem) from exc
        self.left -= len(data)
        if self.left < 0:
            problem = f"unpacks to more than {MAX_BYTES >> 20} MB of messages"
            raise errors.FileProblemError(self.name, problem)
        where = f"{self.name}: {info.filename}"
        return load_json(where, decode(where, data))


def _load(path: Path) -> object:
    return load_json(str(path), decode(str(path), read_bytes(path)))


def _messages(value: object, where: str) -> list[Any]:
    if not isinstance(value, list):
        problem = f"holds {json_kind(value)}, but a Slack channel file holds a list of messages"
        raise errors.ValidationError("", problem, source=where)
    return value
