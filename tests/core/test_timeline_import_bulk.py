"""Large imports: the bulk commit keeps order, positions, instants and duplicate skipping;
the undo takes back exactly what was imported; the helpers that keep big files cheap."""

from __future__ import annotations

import csv
import gc
import io
import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import given, settings, strategies as st

from facilitator import collector, sessions, timeline, timeline_import as ti, times
from facilitator.db.store import Store
from facilitator.timeline_import import sourcefile
from facilitator.timeline_import.sourcefile import head_lines

BERLIN = "Europe/Berlin"
START = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)


@pytest.fixture
def session_id(store: Store) -> str:
    return sessions.create_session(store, "Checkout outage", timezone=BERLIN)


def big_csv(tmp_path: Path, lines: int) -> Path:
    """Lines out of order, some with an offset and some read in Berlin, every 50th a repeat
    of an earlier one (same instant, same words)."""
    rng = random.Random(3)
    rows = ["timestamp,event,type"]
    seen: list[tuple[datetime, str]] = []
    for n in range(lines):
        if n % 50 == 49:
            at, text = rng.choice(seen)
        else:
            at, text = START + timedelta(seconds=rng.randint(0, 20_000)), f"event {n}"
            seen.append((at, text))
        shown = (
            at.isoformat()
            if n % 3 == 0
            else f"{at.astimezone(times.zone(BERLIN)):%Y-%m-%d %H:%M:%S}"
        )
        rows.append(f"{shown},{text},{'action' if n % 7 == 0 else ''}")
    path = tmp_path / "big.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def stored(store: Store, session_id: str) -> list[tuple[str, int, datetime, str, str]]:
    return [
        (e.id, e.position, e.at, e.text, e.kind) for e in timeline.load_entries(store, session_id)
    ]


def test_a_large_import_keeps_time_order_positions_instants_and_skips_repeats(
    store: Store, session_id: str, tmp_path: Path
) -> None:
    first = timeline.add_entry(store, session_id, START + timedelta(seconds=5), "event 0")
    preview = ti.preview_file(
        store, session_id, big_csv(tmp_path, 3_000), reference_date=date(2026, 3, 4)
    )
    # Repeats in the file, and the line that repeats the entry already there, are skipped.
    assert len(preview.duplicates) >= 3_000 // 50
    keys = [(row.at.astimezone(UTC), row.text) for row in preview.to_add if row.at]
    assert len(set(keys)) == len(keys)
    assert keys == sorted(keys, key=lambda key: key[0])
    ids = ti.commit(store, session_id, preview.chosen)
    assert len(ids) == len(preview.to_add)
    saved = {entry[0]: entry for entry in stored(store, session_id)}
    assert [saved[i][1] for i in ids] == list(range(1, len(ids) + 1))  # after the one there
    assert [(saved[i][2], saved[i][3], saved[i][4]) for i in ids] == [
        (row.at, row.text, row.kind) for row in preview.to_add
    ]
    assert all(saved[i][2].tzinfo is UTC for i in ids)  # read back as UTC instants
    assert saved[first][1] == 0
    # The same file again adds nothing.
    again = ti.preview_file(store, session_id, tmp_path / "big.csv")
    assert again.to_add == ()


def test_undoing_a_large_import_takes_back_exactly_its_entries(
    store: Store, session_id: str, tmp_path: Path
) -> None:
    mine = [
        timeline.add_entry(store, session_id, START + timedelta(hours=h), f"mine {h}")
        for h in range(3)
    ]
    preview = ti.preview_file(store, session_id, big_csv(tmp_path, 2_500))
    before = stored(store, session_id)
    ids = ti.commit(store, session_id, preview.chosen)
    after_import = stored(store, session_id)
    records = timeline.remove_entries(store, session_id, ids)
    assert [r.id for r in records] == ids
    assert stored(store, session_id) == before
    assert [e[0] for e in before] == mine
    timeline.restore_entries(store, session_id, records)
    assert stored(store, session_id) == after_import


def test_the_collector_is_held_off_inside_and_restored_after() -> None:
    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
        with collector.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer block still runs
    assert gc.isenabled()
    gc.disable()
    try:
        with collector.paused():
            pass
        assert not gc.isenabled()  # off before, off after
    finally:
        gc.enable()


@given(
    text=st.text(alphabet=st.sampled_from("ab \t\r\n\x0b\x1c\u2028"), max_size=400),
    count=st.integers(0, 60),
)
def test_head_lines_are_the_first_lines_splitlines_gives(text: str, count: int) -> None:
    assert head_lines(text, count) == text.splitlines()[:count]


@settings(max_examples=200)
@given(
    text=st.text(alphabet=st.sampled_from('ab,"\r\n\x0b\u2028'), max_size=300),
    piece=st.integers(1, 8),
)
def test_big_texts_split_in_pieces_give_the_lines_of_the_whole(text: str, piece: int) -> None:
    with patch.object(sourcefile, "_PIECE", piece):
        assert list(sourcefile.split_lines(text)) == text.splitlines()
        assert list(sourcefile.csv_lines(text)) == list(io.StringIO(text, newline=""))
        assert list(csv.reader(sourcefile.csv_lines(text))) == list(
            csv.reader(io.StringIO(text, newline=""))
        )
