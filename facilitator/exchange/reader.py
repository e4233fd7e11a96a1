"""Validation and import: a document read into a new session, checked as it is read.

Building and checking are one pass over the document, so what is checked is exactly what
gets stored, and the first broken rule stops it with a message that names the key path.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any, NoReturn
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session as OrmSession

from facilitator import actions, errors, sessions
from facilitator.db import models as m
from facilitator.db.store import Store
from facilitator.exchange import spec
from facilitator.exchange.files import read_document
from facilitator.exchange.spec import join, kind_of, show

_TIME = re.compile(spec.TIME_PATTERN)
_DATE = re.compile(spec.DATE_PATTERN)
_CHAIN_ID = re.compile(spec.CHAIN_ID_PATTERN)
_FACTOR_ID = re.compile(spec.FACTOR_ID_PATTERN)
_ENTRY_ID = re.compile(spec.ENTRY_ID_PATTERN)
_ATTACHMENT_ID = re.compile(spec.ATTACHMENT_ID_PATTERN)
_MEDIA_TYPE = re.compile(spec.MEDIA_TYPE_PATTERN)
_SURROGATE = re.compile("[\ud800-\udfff]")
_TIME_HELP = "an ISO 8601 time with an offset"

Json = Mapping[str, Any]


def validate_document(obj: object, *, source: str | None = None) -> None:
    """Raise ValidationError at the first broken rule; `source` names the file in messages."""
    document_to_session(obj, source=source)


def document_to_session(obj: object, *, source: str | None = None) -> m.Session:
    """A new, unsaved session with fresh ids, built from a document it validates.

    Save it with `import_documents`, not a bare `add`: its evidence rows must reach the
    database after the timeline entries they cite, an order the unit of work cannot see.
    """
    return _Reader(source).document(obj)


def import_documents(
    store: Store, documents: Sequence[tuple[str, object]], *, overflow_to_backlog: bool = False
) -> list[str]:
    """Import `(source name, document)` pairs, all or nothing; return the new ids in order.

    Every document is validated before anything is written, then all are saved in one unit
    of work. Importing the same document twice gives two sessions. A document with more
    must/should action items than the cap is refused (`actions.ActionCapError`) unless
    `overflow_to_backlog`, which makes the extras nice-to-have (`actions.committed_overflow`
    says which).
    """
    built = [document_to_session(doc, source=name) for name, doc in documents]
    # The cap after validation: a broken document gets its own message first.
    for (name, doc), session in zip(documents, built, strict=True):
        if not overflow_to_backlog:
            actions.check_document_cap(doc, source=name)
        for index in actions.committed_overflow(doc):
            session.actions[index].priority = "nice"  # validated: actions in document order
    if built:
        with store.session() as db:
            _add_sessions(db, built)
    return [session.id for session in built]


def _add_sessions(db: OrmSession, built: Sequence[m.Session]) -> None:
    """Add new sessions, their cited evidence last.

    A factor's evidence row points at a timeline entry, but no relationship tells the unit
    of work so, and its own order (which depends on what else the document holds) can put
    that row first: the entries and factors are flushed before the evidence is attached.
    """
    cited = [
        (factor, list(factor.evidence))
        for session in built
        for factor in session.factors
        if factor.evidence
    ]
    for factor, _ in cited:
        factor.evidence = []
    db.add_all(built)
    db.flush()
    for factor, links in cited:
        factor.evidence = links


def import_files(
    store: Store, paths: Sequence[str | os.PathLike[str]], *, overflow_to_backlog: bool = False
) -> list[str]:
    """Read every file, then import them all or nothing; return the new ids in order."""
    documents = [(str(path), read_document(path)) for path in paths]
    return import_documents(store, documents, overflow_to_backlog=overflow_to_backlog)


class _Reader:
    """Reads one document into an unsaved session, stopping at the first broken rule."""

    def __init__(self, source: str | None) -> None:
        self.source = source
        self.zone = ZoneInfo(spec.DEFAULT_TIMEZONE)
        self.defined: dict[str, str] = {}  # local id -> the path of what it names
        self.chains: dict[str, m.WhyChain] = {}
        self.factors: dict[str, m.Factor] = {}
        self.entries: dict[str, m.TimelineEntry] = {}
        self.attachments: dict[str, m.Attachment] = {}
        # Entries name their attachment before the attachments are read: (entry, id, path).
        self.attachment_refs: list[tuple[m.TimelineEntry, str, str]] = []

    def fail(self, where: str, problem: str) -> NoReturn:
        raise errors.ValidationError(where, problem, source=self.source)

    # Shapes and values ---------------------------------------------------------------

    def json_object(
        self, value: object, where: str, keys: Sequence[str], required: Sequence[str] = ()
    ) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(where, f"must be an object, not {kind_of(value)}")
        for key in value:
            if key not in keys:
                self.fail(join(where, str(key)), "unknown key")
        for key in required:
            if key not in value:
                self.fail(join(where, key), "required key is missing")
        return value

    def items(self, obj: Json, where: str, key: str) -> Iterator[tuple[int, str, Any]]:
        """An optional list's items: (position, path, value)."""
        where = join(where, key)
        value = obj.get(key, [])
        if not isinstance(value, list):
            self.fail(where, f"must be a list, not {kind_of(value)}")
        return ((i, f"{where}[{i}]", item) for i, item in enumerate(value))

    def text(self, value: object, where: str, limit: int = sessions.MAX_TEXT) -> str:
        if not isinstance(value, str):
            self.fail(where, f"must be text, not {kind_of(value)}")
        if len(value) > limit:
            self.fail(where, f"longer than {limit:,} characters")
        # Neither would survive storage: SQLite cannot encode a lone surrogate and
        # PostgreSQL refuses NUL in text.
        if _SURROGATE.search(value):
            self.fail(where, "contains an unpaired surrogate, which is not valid Unicode")
        if "\x00" in value:
            self.fail(where, "contains a NUL character")
        return value

    def get_text(self, obj: Json, where: str, key: str) -> str:
        return self.text(obj.get(key, ""), join(where, key))

    def get_texts(self, obj: Json, where: str, key: str) -> list[str]:
        return [self.text(value, path) for _, path, value in self.items(obj, where, key)]

    def choice(self, obj: Json, where: str, key: str, choices: Sequence[str], default: str) -> str:
        value = obj.get(key, default)
        if value not in choices:
            self.fail(join(where, key), f"must be one of {', '.join(choices)}, not {show(value)}")
        return str(value)

    def time(self, obj: Json, where: str, key: str) -> datetime | None:
        where, value = join(where, key), obj.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.fail(where, f"must be {_TIME_HELP}, not {kind_of(value)}")
        if not _TIME.fullmatch(value):
            self.fail(where, f"not {_TIME_HELP}")
        try:
            parsed = datetime.fromisoformat(value)
            # Storage converts to UTC and export to the session's zone: refuse overflows now.
            parsed.astimezone(UTC)
            parsed.astimezone(self.zone)
        except (ValueError, OverflowError):
            self.fail(where, f"not a real time: {value!r}")
        return parsed

    def day(self, obj: Json, where: str, key: str) -> date | None:
        where, value = join(where, key), obj.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not _DATE.fullmatch(value):
            self.fail(where, f"must be a date as YYYY-MM-DD, not {show(value)}")
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(where, f"not a real date: {value!r}")

    def flag(self, obj: Json, where: str, key: str) -> bool:
        value = obj.get(key, False)
        if not isinstance(value, bool):
            self.fail(join(where, key), f"must be true or false, not {kind_of(value)}")
        return value

    def local_id(self, obj: Json, where: str, pattern: re.Pattern[str]) -> str | None:
        """Check and record an item's `id`: unique in the document (each kind has its letter)."""
        if "id" not in obj:
            return None
        path = join(where, "id")
        ident = self.text(obj["id"], path)
        letter = pattern.pattern[0]
        if not pattern.fullmatch(ident):
            self.fail(
                path, f"must be {letter} and a number ({letter}1, {letter}2, …), not {ident!r}"
            )
        if ident in self.defined:
            self.fail(path, f"{ident!r} is already the id of {self.defined[ident]}")
        self.defined[ident] = where
        return ident

    # The document, top down ----------------------------------------------------------

    def document(self, value: object) -> m.Session:
        if not isinstance(value, dict):
            self.fail("", f"the document must be a JSON object, not {kind_of(value)}")
        # format and version first: for a file of some other kind, that is the news.
        if value.get("format") != spec.FORMAT:
            self.fail("format", f'must be "{spec.FORMAT}"')
        self.version(value)
        doc = self.json_object(value, "", spec.TOP_KEYS, required=("session",))
        return self.session(doc["session"], "session")

    def version(self, doc: Json) -> None:
        if "version" not in doc:
            self.fail("version", "required key is missing")
        version = doc["version"]
        if isinstance(version, bool) or not isinstance(version, int):
            self.fail("version", f"must be a whole number, not {kind_of(version)}")
        if version != spec.VERSION:
            self.fail("version", f"unsupported version {version} (this app reads version 1)")

    def session(self, value: object, where: str) -> m.Session:
        doc = self.json_object(value, where, spec.SESSION_KEYS, required=("title",))
        timezone = self.timezone(doc, where)
        self.zone = ZoneInfo(timezone)  # before any time: each is checked against it
        session = m.Session(
            id=m.new_id(),
            title=self.title(doc, where),
            severity=self.choice(doc, where, "severity", m.SEVERITIES, "SEV3"),
            depth=self.choice(doc, where, "depth", m.DEPTHS, "standard"),
            status=self.choice(doc, where, "status", m.STATUSES, "draft"),
            timezone=timezone,
        )
        for key in spec.SESSION_TEXTS:
            setattr(session, key, self.get_text(doc, where, key))
        for key in spec.TIME_KEYS:
            setattr(session, key, self.time(doc, where, key))
        self.impact(session, doc, where)
        services = self.labels(doc, where, "services", "service")
        session.labels = services + self.labels(doc, where, "tags", "tag")
        self.contents(session, doc, where)
        return session

    def contents(self, session: m.Session, doc: Json, where: str) -> None:
        """Everything a session holds in lists: people, timeline, analysis, actions."""
        session.participants = [
            self.participant(v, path, i) for i, path, v in self.items(doc, where, "participants")
        ]
        session.timeline = [
            self.entry(v, path, i) for i, path, v in self.items(doc, where, "timeline")
        ]
        session.items = [
            self.list_item(value, path, name, i)
            for name in m.LISTS
            for i, path, value in self.items(doc, where, name)
        ]
        session.why_chains = [
            self.chain(v, path, i) for i, path, v in self.items(doc, where, "why_chains")
        ]
        self.factor_list(session, doc, where, parent=None, depth=1)
        # Actions after chains and factors: their `addresses` refer to both.
        session.actions = [
            self.action(v, path, i) for i, path, v in self.items(doc, where, "actions")
        ]
        session.attachments = [
            self.attachment(v, path, i) for i, path, v in self.items(doc, where, "attachments")
        ]
        for entry, ref, path in self.attachment_refs:
            if ref not in self.attachments:
                self.fail(path, f"no attachment with id {ref!r}")
            entry.attachment = self.attachments[ref]
            entry.attachment_id = entry.attachment.id  # so the unsaved graph reads as saved

    def title(self, doc: Json, where: str) -> str:
        title = self.get_text(doc, where, "title")
        if not title.strip():
            self.fail(join(where, "title"), "must not be empty")
        return title

    def timezone(self, doc: Json, where: str) -> str:
        where = join(where, "timezone")
        name = self.text(doc.get("timezone", spec.DEFAULT_TIMEZONE), where, spec.MAX_TIMEZONE)
        try:
            return sessions.check_timezone(name)
        except errors.ValidationError as exc:  # its message, at our path and with our source
            self.fail(where, exc.problem)
        except OSError:  # some platforms answer a folder name ("Europe") with an OS error
            self.fail(where, f"unknown time zone {name!r}")

    def impact(self, session: m.Session, doc: Json, where: str) -> None:
        where = join(where, "impact")
        impact = self.json_object(doc.get("impact", {}), where, m.IMPACT_FIELDS)
        for field in m.IMPACT_FIELDS:
            setattr(session, f"impact_{field}", self.get_text(impact, where, field))

    def labels(self, doc: Json, where: str, key: str, kind: str) -> list[m.Label]:
        # Tidied as sessions.set_labels does, so an import files labels as the app would.
        values = [value.strip() for value in self.get_texts(doc, where, key)]
        unique = dict.fromkeys(value for value in values if value)
        return [m.Label(kind=kind, value=value, position=i) for i, value in enumerate(unique)]

    def participant(self, value: object, where: str, position: int) -> m.Participant:
        doc = self.json_object(value, where, spec.PARTICIPANT_KEYS)
        return m.Participant(
            position=position,
            name=self.get_text(doc, where, "name"),
            role=self.choice(doc, where, "role", m.ROLES, "responder"),
            team=self.get_text(doc, where, "team"),
        )

    def entry(self, value: object, where: str, position: int) -> m.TimelineEntry:
        # `at` is required: an entry without a time has no place on a timeline.
        doc = self.json_object(value, where, spec.ENTRY_KEYS, required=("at",))
        ident = self.local_id(doc, where, _ENTRY_ID)
        at = self.time(doc, where, "at")
        if at is None:
            self.fail(join(where, "at"), f"must be {_TIME_HELP}, not null")
        entry = m.TimelineEntry(
            id=m.new_id(),  # now, not at flush: factors cite entries by it
            at=at,
            position=position,
            kind=self.choice(doc, where, "kind", m.KINDS, "note"),
            text=self.get_text(doc, where, "text"),
            source=self.get_text(doc, where, "source"),
            key=self.flag(doc, where, "key"),
            notes=self.get_text(doc, where, "notes"),
            internal=self.flag(doc, where, "internal"),
        )
        if "attachment" in doc:
            path = join(where, "attachment")
            self.attachment_refs.append((entry, self.text(doc["attachment"], path), path))
        if ident is not None:
            self.entries[ident] = entry
        return entry

    def list_item(self, value: object, where: str, name: str, position: int) -> m.ListItem:
        """A list item: plain text, or an object when it carries more than its text."""
        if isinstance(value, dict):
            doc = self.json_object(value, where, spec.LIST_ITEM_KEYS)
            text, internal = self.get_text(doc, where, "text"), self.flag(doc, where, "internal")
        elif isinstance(value, str):
            text, internal = self.text(value, where), False
        else:
            self.fail(where, f"must be text or an object, not {kind_of(value)}")
        return m.ListItem(list=name, position=position, text=text, internal=internal)

    def chain(self, value: object, where: str, position: int) -> m.WhyChain:
        doc = self.json_object(value, where, spec.CHAIN_KEYS)
        ident = self.local_id(doc, where, _CHAIN_ID)
        whys = self.get_texts(doc, where, "whys")
        chain = m.WhyChain(
            position=position,
            problem=self.get_text(doc, where, "problem"),
            whys=[m.Why(position=i, text=text) for i, text in enumerate(whys)],
            root_cause=self.get_text(doc, where, "root_cause"),
        )
        if ident is not None:
            self.chains[ident] = chain
        return chain

    def factor_list(
        self, session: m.Session, doc: Json, where: str, *, parent: m.Factor | None, depth: int
    ) -> int:
        """Read `factors` (or a factor's `children`) into the session; return how many."""
        count = 0
        for position, path, value in self.items(doc, where, "children" if parent else "factors"):
            if depth > spec.MAX_FACTOR_DEPTH:
                self.fail(path, f"factors nested deeper than {spec.MAX_FACTOR_DEPTH} levels")
            self.factor(session, value, path, position, parent=parent, depth=depth)
            count += 1
        return count

    def factor(
        self,
        session: m.Session,
        value: object,
        where: str,
        position: int,
        *,
        parent: m.Factor | None,
        depth: int,
    ) -> None:
        doc = self.json_object(value, where, spec.FACTOR_KEYS)
        ident = self.local_id(doc, where, _FACTOR_ID)
        factor = m.Factor(
            position=position,
            text=self.get_text(doc, where, "text"),
            category=self.choice(doc, where, "category", m.CATEGORIES, "technical"),
            unknown=self.flag(doc, where, "unknown"),
            evidence=self.evidence(doc, where),
            parent=parent,
        )
        session.factors.append(factor)  # the flat list: every node belongs to the session
        if ident is not None:
            self.factors[ident] = factor
        children = self.factor_list(session, doc, where, parent=factor, depth=depth + 1)
        if doc.get("gate") is not None:
            factor.gate = self.choice(doc, where, "gate", m.GATES, "and")
            if not children:
                self.fail(join(where, "gate"), "only a factor with children can have a gate")

    def evidence(self, doc: Json, where: str) -> list[m.FactorEvidence]:
        cited: dict[str, m.FactorEvidence] = {}
        for position, path, value in self.items(doc, where, "evidence"):
            ref = self.text(value, path)
            if ref in cited:
                self.fail(path, f"{ref!r} is listed twice")
            if ref not in self.entries:
                self.fail(path, f"no timeline entry with id {ref!r}")
            entry_id = self.entries[ref].id
            cited[ref] = m.FactorEvidence(id=m.new_id(), entry_id=entry_id, position=position)
        return list(cited.values())

    def action(self, value: object, where: str, position: int) -> m.ActionItem:
        doc = self.json_object(value, where, spec.ACTION_KEYS)
        return m.ActionItem(
            position=position,
            title=self.get_text(doc, where, "title"),
            owner=self.get_text(doc, where, "owner"),
            due=self.day(doc, where, "due"),
            success_criteria=self.get_text(doc, where, "success_criteria"),
            priority=self.choice(doc, where, "priority", m.PRIORITIES, "should"),
            kind=self.choice(doc, where, "kind", m.ACTION_KINDS, "prevent"),
            status=self.choice(doc, where, "status", m.ACTION_STATUSES, "open"),
            completed_at=self.time(doc, where, "completed_at"),
            rationale=self.get_text(doc, where, "rationale"),
            addresses=self.targets(doc, where),
            tracker_url=self.get_text(doc, where, "tracker_url"),
        )

    def targets(self, doc: Json, where: str) -> list[m.ActionTarget]:
        targets: dict[str, m.ActionTarget] = {}
        for position, path, value in self.items(doc, where, "addresses"):
            ref = self.text(value, path)
            if ref in targets:
                self.fail(path, f"{ref!r} is listed twice")
            if ref in self.chains:
                targets[ref] = m.ActionTarget(position=position, chain=self.chains[ref])
            elif ref in self.factors:
                targets[ref] = m.ActionTarget(position=position, factor=self.factors[ref])
            else:
                self.fail(path, f"no why chain or factor has the id {ref!r}")
        return list(targets.values())

    def attachment(self, value: object, where: str, position: int) -> m.Attachment:
        doc = self.json_object(value, where, spec.ATTACHMENT_KEYS)
        ident = self.local_id(doc, where, _ATTACHMENT_ID)
        attachment = m.Attachment(
            id=m.new_id(),  # now, not at flush: timeline entries refer to it
            position=position,
            name=self.get_text(doc, where, "name"),
            media_type=self.media_type(doc, where),
            caption=self.get_text(doc, where, "caption"),
            internal=self.flag(doc, where, "internal"),
            data=self.data(doc, where),
        )
        if ident is not None:
            self.attachments[ident] = attachment
        return attachment

    def media_type(self, doc: Json, where: str) -> str:
        where = join(where, "media_type")
        value = self.text(
            doc.get("media_type", spec.DEFAULT_MEDIA_TYPE), where, spec.MAX_MEDIA_TYPE
        )
        if not _MEDIA_TYPE.fullmatch(value):
            self.fail(where, f"not a media type like image/png: {value!r}")
        return value

    def data(self, doc: Json, where: str) -> bytes:
        where, text = join(where, "data"), doc.get("data", "")
        if not isinstance(text, str):
            self.fail(where, f"must be base64 text, not {kind_of(text)}")
        try:
            data: bytes | None = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):  # ValueError: non-ASCII characters
            data = None
        # Encoding again must give the same text: refuses line breaks and stray bits too.
        if data is None or base64.b64encode(data).decode("ascii") != text:
            self.fail(where, "not valid base64 (standard alphabet, padded, no line breaks)")
        return data
