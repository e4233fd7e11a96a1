"""The ordered-collection helpers every editing module shares: positions stay 0..n-1."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given, strategies as st

from facilitator import editing, errors


@dataclass
class Row:
    name: str
    position: int = -1


def rows_of(count: int) -> list[Row]:
    rows = [Row(str(i)) for i in range(count)]
    editing.renumber(rows)
    return rows


@given(st.integers(1, 12), st.data())
def test_move_is_a_permutation_with_dense_positions(count: int, data: st.DataObject) -> None:
    rows = rows_of(count)
    moved = data.draw(st.sampled_from(rows))
    new_index = data.draw(st.integers(0, count - 1))
    old_index = editing.move(rows, moved, new_index)
    assert sorted(r.name for r in rows) == sorted(str(i) for i in range(count))
    assert [r.position for r in rows] == list(range(count))
    assert rows[new_index] is moved
    editing.move(rows, moved, old_index)  # the undo
    assert [r.name for r in rows] == [str(i) for i in range(count)]


@given(st.integers(1, 12), st.data())
def test_insert_at_the_old_position_undoes_removals(count: int, data: st.DataObject) -> None:
    rows = rows_of(count)
    doomed = data.draw(st.lists(st.sampled_from(rows), unique_by=id, min_size=1))
    records = []
    for row in doomed:
        records.append((row, row.position))  # as remove_* records it
        rows.remove(row)
        editing.renumber(rows)
    for row, position in reversed(records):  # the undo stack's order
        editing.insert(rows, row, position)
    assert [r.name for r in rows] == [str(i) for i in range(count)]
    assert [r.position for r in rows] == list(range(count))


def test_indexes_out_of_range_are_refused() -> None:
    rows = rows_of(3)
    with pytest.raises(errors.ValidationError, match="between 0 and 2, not 3"):
        editing.move(rows, rows[0], 3)
    with pytest.raises(errors.ValidationError, match="between 0 and 3, not -1"):
        editing.insert_index(-1, 3)
    assert editing.insert_index(None, 3) == 3
