"""What each variant of the write-up holds, before any markup: sections, rows, names."""

from __future__ import annotations

import base64
import dataclasses
import json
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from facilitator import errors, sessions
from facilitator.db import models as m
from facilitator.db.store import Store, open_store
from facilitator.report.document import WriteUp, build_write_up
from facilitator.report.names import redactor_for
from facilitator.report.paper import PAPERS, check_paper, default_paper
from facilitator.report.sections import sniff_image
from facilitator.resources import resource_path
from tests.core.report_support import import_demo


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One database for the module: every test makes its own sessions in it, and opening
    a database (with its migrations) per test would be most of the module's time."""
    opened = open_store(tmp_path_factory.mktemp("report") / "sessions.sqlite")
    yield opened
    opened.close()


_DEMO: dict[int, str] = {}


def demo_id(store: Store) -> str:
    """The demo session in this store, imported once."""
    if id(store) not in _DEMO:
        _DEMO[id(store)] = import_demo(store)
    return _DEMO[id(store)]


TODAY = date(2026, 11, 27)
DEMO = json.loads(resource_path("samples", "demo-session.json").read_text("utf-8"))["session"]
START = datetime(2026, 11, 10, 17, 6, tzinfo=UTC)  # 18:06 in Berlin
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def strings(value: object) -> Iterator[str]:
    """Every string anywhere inside a write-up (dataclasses, tuples, the tree)."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            yield from strings(getattr(value, item.name))
    elif isinstance(value, tuple | list | frozenset | set):
        for item in value:
            yield from strings(item)


def demo(store: Store, variant: str = "full") -> WriteUp:
    session = sessions.load_session(store, demo_id(store))
    return build_write_up(session, variant, today=TODAY)


def build(store: Store, fill: Callable[[m.Session], None], **fields: object) -> m.Session:
    fields.setdefault("timezone", "Europe/Berlin")
    session_id = sessions.create_session(store, "Checkout failures", **fields)
    with store.session() as db:
        fill(sessions.get(db, session_id))
    return sessions.load_session(store, session_id)


def test_the_full_demo_has_every_section(store: Store) -> None:
    doc = demo(store)
    assert doc.incident_ref == "INC-2026-1110"
    assert [fact.label for fact in doc.facts] == [
        "Incident",
        "Duration",
        "Incident lead",
        "Facilitator",
        "Services",
        "Tags",
        "Post-mortem meeting",
        "Times shown in",
    ]
    assert doc.facts[0].value == "Tuesday 10 November 2026, 18:06 to 20:40"
    assert doc.facts[1].value == "2 h 34 min from start to resolution"
    assert doc.facts[-1].value == "Europe/Berlin (CET)"
    assert len(doc.participants) == 7
    assert [area.label for area in doc.impact] == ["Customers", "Revenue", "Reputation", "Internal"]
    assert [d.value for d in doc.durations] == ["8 min", "7 min", "56 min", "2 h 34 min"]
    assert [p.label for p in doc.phases] == [
        "Impact before detection",
        "Detected, responding",
        "Mitigated, recovering",
    ]
    assert sum(p.share for p in doc.phases) == pytest.approx(1.0)
    assert [title for title, _ in doc.lists] == [
        "Went well",
        "Went poorly",
        "Where we got lucky",
        "Parking lot",
    ]
    assert len(doc.chains) == 2
    assert doc.tree is not None
    assert len(list(doc.tree.walk())) == 11
    committed = [a for a in DEMO["actions"] if a["priority"] != "nice"]
    assert len(doc.actions) == len(committed)
    assert len(doc.backlog) == len(DEMO["actions"]) - len(committed)
    assert doc.actions[0].status_label == "Done 18 Nov 2026"
    assert doc.actions[0].tracker_url.startswith("https://")
    assert doc.notices == ()


def test_timeline_rows_mark_days_gaps_and_keep_notes(store: Store) -> None:
    doc = demo(store)
    entries = [row for row in doc.timeline if row.row == "entry"]
    assert len(entries) == 18
    days = [row.text for row in doc.timeline if row.row == "day"]
    assert days == ["Tuesday 10 November 2026", "Wednesday 11 November 2026"]
    assert doc.timeline[0].row == "day"
    gaps = [row.text for row in doc.timeline if row.row == "gap"]
    assert gaps
    assert all(text.endswith("with nothing recorded") for text in gaps)
    assert any(row.notes for row in entries)
    assert [row.time for row in entries] == [*sorted(row.time for row in entries[:-1]), "09:30"]


def test_the_pre_read_is_agenda_opener_timeline_and_people(store: Store) -> None:
    doc = demo(store, "pre-read")
    assert [item.title for item in doc.agenda][:2] == ["Blameless opener", "Timeline walkthrough"]
    assert doc.agenda_minutes == sum(item.minutes for item in doc.agenda) == 82
    assert doc.opener.startswith("Thank you all")
    assert len(doc.participants) == 7
    assert any(row.row == "entry" for row in doc.timeline)
    assert not any(row.notes for row in doc.timeline)  # the walkthrough has not happened
    assert not (doc.summary)
    assert not (doc.impact)
    assert not (doc.lists)
    assert not (doc.chains)
    assert not (doc.actions)
    assert doc.tree is None


def test_the_public_version_names_roles_not_people(store: Store) -> None:
    doc = demo(store, "public")
    names = [
        "Priya Raman", "Jonas Richter", "Mehmet Aydın", "Sofia Lindqvist",
        "Lukas Brandt", "Claire Dubois", "Tomás Ferreira",
    ]  # fmt: skip
    parts = {part for name in names for part in name.split()}
    text = "\n".join(strings(doc))
    for word in [*names, *parts]:
        assert word not in text
    assert [p.name for p in doc.participants][:2] == ["Facilitator", "Incident lead"]
    assert "Responder (Database Platform)" in [p.name for p in doc.participants]
    assert doc.actions[1].owner == "Scribe"
    assert doc.author == "Facilitator"
    assert "Parking lot" not in [title for title, _ in doc.lists]
    assert not any(row.notes for row in doc.timeline)
    assert not any(action.tracker_url for action in doc.actions)
    assert doc.notices


def test_public_leaves_out_what_is_marked_internal(store: Store) -> None:
    def fill(session: m.Session) -> None:
        session.timeline = [
            m.TimelineEntry(at=START, text="Shared with everyone", position=0),
            m.TimelineEntry(at=START, text="Only for us", internal=True, position=1),
        ]
        session.items = [
            m.ListItem(list="went_well", text="Fast rollback", position=0),
            m.ListItem(list="went_well", text="Vendor contract detail", internal=True, position=1),
        ]

    session = build(store, fill)
    public = "\n".join(strings(build_write_up(session, "public", today=TODAY)))
    full = "\n".join(strings(build_write_up(session, "full", today=TODAY)))
    assert "Shared with everyone" in public
    assert "Fast rollback" in public
    assert "Only for us" not in public
    assert "Vendor contract detail" not in public
    assert "Only for us" in full
    assert "Vendor contract detail" in full


def test_redactor_tells_people_apart_and_spares_ordinary_words(store: Store) -> None:
    def fill(session: m.Session) -> None:
        session.participants = [
            m.Participant(name="Will Chen", role="responder", team="Payments", position=0),
            m.Participant(name="Ana Chen", role="responder", team="Search", position=1),
            m.Participant(name="Bo Li", role="responder", team="Search", position=2),
        ]
        session.incident_lead = "Dana Scott"

    say = redactor_for(build(store, fill))
    assert say("will chen restarted it") == "Responder (Payments) restarted it"
    assert say("Ana  Chen paged Will; Chen agreed") == (
        "Responder 2 paged Responder (Payments); [name withheld] agreed"
    )
    assert say("we will retry") == "we will retry"  # a name that is also a word
    assert say("Bo Li and Dana") == "Responder 3 and Incident lead"
    assert say.label_of("Someone Else") == "Someone Else"
    assert say.label_of("  ") == ""


def test_images_are_embedded_only_when_their_bytes_are_a_picture(store: Store) -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>'

    def fill(session: m.Session) -> None:
        session.attachments = [
            m.Attachment(name="graph.png", media_type="image/png", data=PNG, position=0),
            m.Attachment(name="fake.png", media_type="image/png", data=svg, position=1),
            m.Attachment(name="drawing.svg", media_type="image/svg+xml", data=svg, position=2),
            m.Attachment(name="photo", media_type="application/octet-stream",
                         data=b"\xff\xd8\xff\xe0rest", caption="Rack", position=3),
        ]  # fmt: skip

    doc = build_write_up(build(store, fill), today=TODAY)
    assert [(i.caption, i.media_type) for i in doc.images] == [
        ("graph.png", "image/png"),
        ("Rack", "image/jpeg"),
    ]
    assert build_write_up(build(store, fill), "public", today=TODAY).images == ()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"GIF89a...", "image/gif"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"BM....", None),  # BMP: not one of the write-up's formats
        (b"<?xml version='1.0'?><svg/>", None),
        (b"", None),
    ],
)
def test_sniff_image(data: bytes, kind: str | None) -> None:
    assert sniff_image(data) == kind


def test_key_times_out_of_order_give_notes_and_no_phase_strip(store: Store) -> None:
    session = build(
        store,
        lambda s: None,
        started_at=START,
        detected_at=START - timedelta(minutes=5),
        resolved_at=START + timedelta(hours=1),
    )
    doc = build_write_up(session, today=TODAY)
    assert doc.phases == ()
    assert doc.key_time_notes
    assert [d.value for d in doc.durations] == ["—", "1 h 00 min"]


def test_an_empty_session_has_only_its_title_block(store: Store) -> None:
    session = build(store, lambda s: None)
    doc = build_write_up(session, today=TODAY)
    assert doc.title == "Checkout failures"
    assert not (doc.timeline)
    assert not (doc.lists)
    assert not (doc.chains)
    assert not (doc.actions)
    assert not (doc.key_times)
    assert doc.tree is None
    assert doc.phases == ()


def test_unknown_variant_is_bad_input(store: Store) -> None:
    with pytest.raises(errors.ValidationError, match="full, pre-read, public"):
        build_write_up(build(store, lambda s: None), "secret")


@pytest.mark.parametrize(
    ("environ", "paper"),
    [
        ({"LANG": "en_US.UTF-8"}, "letter"),
        ({"LANG": "fr_CA.UTF-8"}, "letter"),
        ({"LC_PAPER": "es_MX.UTF-8", "LANG": "de_DE.UTF-8"}, "letter"),
        ({"LC_ALL": "de_DE.UTF-8", "LC_PAPER": "en_US.UTF-8"}, "A4"),
        ({"LANG": "en_GB.UTF-8"}, "A4"),
        ({"LANG": "C.UTF-8"}, "A4"),
        ({}, "A4"),
    ],
)
def test_default_paper_follows_the_locale(environ: dict[str, str], paper: str) -> None:
    assert default_paper(environ).name == paper


def test_check_paper() -> None:
    assert check_paper("Letter") is PAPERS["letter"]
    assert check_paper("a4") is PAPERS["A4"]
    with pytest.raises(errors.ValidationError, match="A4 or letter"):
        check_paper("A3")
