"""Evidence: files, links and notes in the database, with undo-friendly edits."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from sqlalchemy.orm.exc import DetachedInstanceError

from facilitator import errors, evidence, sessions, timeline
from facilitator.db.store import Store

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
AT = datetime(2026, 3, 4, 13, 0, tzinfo=UTC)


@pytest.fixture
def session_id(store: Store) -> str:
    return sessions.create_session(store, "Checkout outage")


def names(store: Store, session_id: str) -> list[str]:
    return [a.name for a in evidence.load_attachments(store, session_id)]


def test_add_attachment_guesses_the_media_type(store: Store, session_id: str) -> None:
    png = evidence.add_attachment(store, session_id, "graph.png", PNG, caption="p99")
    blob = evidence.add_attachment(store, session_id, "dump.weird", b"\x00")
    csv = evidence.add_attachment(store, session_id, "x.bin", b"a,b", media_type="Text/CSV")
    stored = {a.id: a for a in evidence.load_attachments(store, session_id)}
    assert (stored[png].media_type, stored[png].data, stored[png].caption) == (
        "image/png",
        PNG,
        "p99",
    )
    assert stored[blob].media_type == "application/octet-stream"
    assert stored[csv].media_type == "text/csv"
    assert [a.position for a in stored.values()] == [0, 1, 2]


def test_names_can_be_listed_without_the_data(store: Store, session_id: str) -> None:
    evidence.add_attachment(store, session_id, "graph.png", PNG, caption="p99")
    (light,) = evidence.load_attachments(store, session_id, with_data=False)
    assert (light.name, light.media_type, light.caption) == ("graph.png", "image/png", "p99")
    with pytest.raises(DetachedInstanceError, match="data"):
        _ = light.data


def test_add_at_an_index(store: Store, session_id: str) -> None:
    evidence.add_attachment(store, session_id, "a.txt", b"a")
    evidence.add_attachment(store, session_id, "c.txt", b"c")
    evidence.add_attachment(store, session_id, "b.txt", b"b", index=1)
    assert names(store, session_id) == ["a.txt", "b.txt", "c.txt"]
    with pytest.raises(errors.ValidationError, match="between 0 and 3"):
        evidence.add_attachment(store, session_id, "d.txt", b"d", index=4)


@pytest.mark.parametrize(
    ("kwargs", "field", "problem"),
    [
        ({"name": "  "}, "name", "must not be empty"),
        ({"media_type": "not a type"}, "media_type", "is not a media type"),
        ({"data": "text"}, "data", "must be bytes"),
        ({"data": b"x" * (evidence.MAX_BYTES + 1)}, "data", "25.0 MB is over the 25 MB limit"),
    ],
)
def test_bad_attachments_are_refused(
    store: Store, session_id: str, kwargs: dict[str, object], field: str, problem: str
) -> None:
    arguments: dict[str, object] = {"name": "a.png", "data": PNG, **kwargs}
    with pytest.raises(errors.ValidationError, match=problem) as caught:
        evidence.add_attachment(store, session_id, **arguments)  # type: ignore[arg-type]
    assert caught.value.where == field
    assert names(store, session_id) == []


def test_add_file_reads_it(store: Store, session_id: str, tmp_path: Path) -> None:
    path = tmp_path / "screenshot.png"
    path.write_bytes(PNG)
    attachment_id = evidence.add_file(store, session_id, path, caption="the graph")
    (stored,) = evidence.load_attachments(store, session_id)
    assert (stored.id, stored.name, stored.media_type) == (
        attachment_id,
        "screenshot.png",
        "image/png",
    )
    assert (stored.data, stored.caption) == (PNG, "the graph")


def test_files_that_cannot_be_used_are_file_problems(tmp_path: Path) -> None:
    with pytest.raises(errors.FileProblemError, match="does not exist"):
        evidence.read_file(tmp_path / "missing.png")
    with pytest.raises(errors.FileProblemError, match="is a folder"):
        evidence.read_file(tmp_path)
    big = tmp_path / "big.bin"
    with big.open("wb") as handle:  # sparse: no 25 MB written to the disk
        handle.truncate(evidence.MAX_BYTES + 1)
    with pytest.raises(errors.FileProblemError, match="over the 25 MB limit"):
        evidence.read_file(big)


def test_an_unreadable_file_is_a_file_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "secret.png"
    path.write_bytes(PNG)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    # Mode bits do not stop root, who runs the tests in some containers: refuse the open.
    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(errors.FileProblemError, match=r"cannot be read \(Permission denied\)"):
        evidence.read_file(path)


def test_links_are_uri_lists(store: Store, session_id: str) -> None:
    link_id = evidence.add_link(store, session_id, " https://status.example.com/incidents/42 ")
    (link,) = evidence.load_attachments(store, session_id)
    assert link.id == link_id
    assert (link.media_type, link.data) == (
        "text/uri-list",
        b"https://status.example.com/incidents/42",
    )
    assert link.name == "https://status.example.com/incidents/42"
    assert evidence.is_link(link)
    assert evidence.link_url(link) == "https://status.example.com/incidents/42"


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "file:///etc/passwd", "example.com", "https://a b.com"]
)
def test_only_web_links_are_taken(store: Store, session_id: str, url: str) -> None:
    with pytest.raises(errors.ValidationError) as caught:
        evidence.add_link(store, session_id, url)
    assert caught.value.where == "url"


def test_notes_are_markdown(store: Store, session_id: str) -> None:
    note_id = evidence.add_note(store, session_id, "# Slack thread\n\nalice: rolled back")
    (note,) = evidence.load_attachments(store, session_id)
    assert (note.name, note.media_type) == ("Slack thread", "text/markdown")
    assert evidence.is_note(note)
    previous = evidence.update_note(store, session_id, note_id, "edited")
    assert previous == "# Slack thread\n\nalice: rolled back"
    assert evidence.note_text(evidence.load_attachments(store, session_id)[0]) == "edited"
    evidence.update_note(store, session_id, note_id, previous)
    assert evidence.note_text(evidence.load_attachments(store, session_id)[0]) == previous


def test_only_notes_have_note_text_to_update(store: Store, session_id: str) -> None:
    png = evidence.add_attachment(store, session_id, "a.png", PNG)
    with pytest.raises(errors.ValidationError, match="is not a note"):
        evidence.update_note(store, session_id, png, "text")


def test_update_returns_the_previous_values(store: Store, session_id: str) -> None:
    attachment_id = evidence.add_attachment(store, session_id, "a.png", PNG, caption="old")
    previous = evidence.update_attachment(
        store, session_id, attachment_id, caption="new", name="b.png"
    )
    assert previous == {"caption": "old", "name": "a.png"}
    assert names(store, session_id) == ["b.png"]
    evidence.update_attachment(store, session_id, attachment_id, **previous)
    (stored,) = evidence.load_attachments(store, session_id)
    assert (stored.name, stored.caption) == ("a.png", "old")
    with pytest.raises(errors.ValidationError, match="is not a field of this attachment"):
        evidence.update_attachment(store, session_id, attachment_id, media_type="x/y")  # type: ignore[call-arg]


def test_remove_clears_timeline_links_and_restore_puts_everything_back(
    store: Store, session_id: str
) -> None:
    first = evidence.add_attachment(store, session_id, "a.png", PNG)
    doomed = evidence.add_attachment(store, session_id, "b.png", PNG, caption="graph")
    evidence.add_attachment(store, session_id, "c.png", PNG)
    linked = [timeline.add_entry(store, session_id, AT, attachment_id=doomed) for _ in range(2)]
    other = timeline.add_entry(store, session_id, AT, attachment_id=first)
    before = evidence.load_attachments(store, session_id)

    record = evidence.remove_attachment(store, session_id, doomed)
    assert names(store, session_id) == ["a.png", "c.png"]
    assert [a.position for a in evidence.load_attachments(store, session_id)] == [0, 1]
    links = {e.id: e.attachment_id for e in timeline.load_entries(store, session_id)}
    assert links == {linked[0]: None, linked[1]: None, other: first}
    assert record.linked_entry_ids == tuple(linked)

    evidence.restore_attachment(store, session_id, record)
    after = evidence.load_attachments(store, session_id)
    columns = ("id", "position", "name", "media_type", "data", "caption", "created_at")
    assert [[getattr(a, c) for c in columns] for a in after] == [
        [getattr(a, c) for c in columns] for a in before
    ]
    links = {e.id: e.attachment_id for e in timeline.load_entries(store, session_id)}
    assert links == {linked[0]: doomed, linked[1]: doomed, other: first}
    with pytest.raises(errors.ValidationError, match="already exists"):
        evidence.restore_attachment(store, session_id, record)


def test_restore_skips_an_entry_removed_since(store: Store, session_id: str) -> None:
    attachment_id = evidence.add_note(store, session_id, "note")
    entry_id = timeline.add_entry(store, session_id, AT, attachment_id=attachment_id)
    record = evidence.remove_attachment(store, session_id, attachment_id)
    entry_record = timeline.remove_entry(store, session_id, entry_id)
    evidence.restore_attachment(store, session_id, record)
    assert entry_record.attachment_id is None
    assert timeline.load_entries(store, session_id) == []


def test_move_returns_the_old_index(store: Store, session_id: str) -> None:
    ids = [evidence.add_attachment(store, session_id, f"{n}.txt", b"") for n in "abc"]
    assert evidence.move_attachment(store, session_id, ids[0], 2) == 0
    assert names(store, session_id) == ["b.txt", "c.txt", "a.txt"]
    evidence.move_attachment(store, session_id, ids[0], 0)
    assert names(store, session_id) == ["a.txt", "b.txt", "c.txt"]
    with pytest.raises(errors.ValidationError, match="between 0 and 2"):
        evidence.move_attachment(store, session_id, ids[0], 3)


def test_attachments_of_another_session_are_not_found(store: Store, session_id: str) -> None:
    other = sessions.create_session(store, "Other")
    foreign = evidence.add_note(store, other, "theirs")
    with pytest.raises(errors.NotFoundError):
        evidence.remove_attachment(store, session_id, foreign)
    with pytest.raises(errors.NotFoundError):
        evidence.update_attachment(store, session_id, foreign, caption="x")


@pytest.mark.parametrize(
    ("media_type", "image"),
    [
        ("image/png", True),
        ("IMAGE/JPEG", True),
        ("image/webp", True),
        ("image/svg+xml", False),
        ("text/markdown", False),
        ("application/pdf", False),
    ],
)
def test_is_image(media_type: str, image: bool) -> None:
    assert evidence.is_image(media_type) is image


@settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_moves_keep_positions_dense_and_are_a_permutation(
    store: Store, data: st.DataObject
) -> None:
    session_id = sessions.create_session(store, "property")
    ids = [evidence.add_attachment(store, session_id, f"{i}.txt", b"") for i in range(5)]
    order = list(ids)
    for _ in range(data.draw(st.integers(1, 4))):
        moved = data.draw(st.sampled_from(ids))
        new_index = data.draw(st.integers(0, 4))
        assert evidence.move_attachment(store, session_id, moved, new_index) == order.index(moved)
        order.remove(moved)
        order.insert(new_index, moved)
    stored = evidence.load_attachments(store, session_id)
    assert [a.id for a in stored] == order
    assert [a.position for a in stored] == [0, 1, 2, 3, 4]
