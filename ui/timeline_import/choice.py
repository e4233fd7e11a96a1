"""What the facilitator chose in an import's preview: which rows, with which kinds and stars.

Plain lists aligned with the preview's rows, so counting, filtering and choosing all of a
100,000-row preview take milliseconds on the GUI thread. No Qt here: the table model
(`ui.models.import_preview`) shows it, and tests can drive it alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from itertools import compress
from typing import Final

from facilitator.timeline_import import ImportRow

# Filters on who wrote a row, beside the names themselves.
PEOPLE: Final = "\x00people"
BOTS: Final = "\x00bots"
# Filters beside the kinds: the rows that will not be imported whatever the user checks.
DUPLICATES: Final = "\x00duplicates"
UNREADABLE: Final = "\x00unreadable"

Place = tuple[str, int]  # (where, order): a row's place in its source, the same on a re-read


def place(row: ImportRow) -> Place:
    return (row.where, row.order)


class Choice:
    """The rows of one preview and the choice made on them; `previous` carries a choice
    over to a re-read of the same file (rows in the same places keep what was chosen)."""

    def __init__(self, rows: Sequence[ImportRow] = (), previous: Choice | None = None) -> None:
        self.rows = tuple(rows)
        # Readable and not a duplicate: only those can be imported (or checked).
        self.importable = [row.readable and not row.duplicate_of for row in self.rows]
        self.on = list(self.importable)
        self.kinds: dict[int, str] = {}  # row index -> the kind the user chose
        self.keys: dict[int, bool] = {}  # row index -> starred or not, as the user set it
        self.who = [row.author or row.source for row in self.rows]
        self.total = sum(self.importable)
        # Counted once, here, which runs in a worker for a large file: the filters' lists.
        self.unreadable = sum(1 for row in self.rows if not row.readable)
        self.duplicates = len(self.rows) - self.unreadable - self.total
        self.bots = any(row.bot for row in self.rows)
        self._kind_totals = Counter(row.kind for row in self.rows)
        self._author_totals = Counter(name for name in self.who if name)
        if previous is not None and previous.changed():
            self._carry(previous)
        self.count = sum(self.on)

    def _carry(self, previous: Choice) -> None:
        index = {place(row): i for i, row in enumerate(self.rows)}
        for old, (row, can, on) in enumerate(
            zip(previous.rows, previous.importable, previous.on, strict=True)
        ):
            new = index.get(place(row))
            if new is None:
                continue
            if can and not on and self.importable[new]:
                self.on[new] = False
            if old in previous.kinds:
                self.kinds[new] = previous.kinds[old]
            if old in previous.keys:
                self.keys[new] = previous.keys[old]

    def changed(self) -> bool:
        """Whether anything differs from the reader's own choice."""
        return self.count != self.total or bool(self.kinds) or bool(self.keys)

    # One row -------------------------------------------------------------------------------

    def kind(self, i: int) -> str:
        return self.kinds.get(i, self.rows[i].kind)

    def key(self, i: int) -> bool:
        return self.keys.get(i, self.rows[i].key)

    def guessed(self, i: int) -> bool:
        return self.rows[i].kind_guessed and i not in self.kinds

    # Changing it: each returns the rows it changed -----------------------------------------

    def set_on(self, indexes: Iterable[int], on: bool) -> list[int]:
        changed = [i for i in indexes if self.importable[i] and self.on[i] != on]
        for i in changed:
            self.on[i] = on
        self.count += len(changed) if on else -len(changed)
        return changed

    def set_key(self, indexes: Iterable[int], key: bool) -> list[int]:
        changed = [i for i in indexes if self.importable[i] and self.key(i) != key]
        for i in changed:
            self.keys[i] = key
        return changed

    def set_kind(self, i: int, kind: str) -> bool:
        if not self.importable[i]:
            return False
        self.kinds[i] = kind  # chosen by the user: no longer a guess
        return True

    # Reading it ----------------------------------------------------------------------------

    def chosen(self) -> list[ImportRow]:
        """The rows to import, in time order, with the kinds and stars chosen here."""
        touched = self.kinds.keys() | self.keys.keys()
        indexes = compress(range(len(self.rows)), self.on)
        return [self._as_chosen(i) if i in touched else self.rows[i] for i in indexes]

    def _as_chosen(self, i: int) -> ImportRow:
        row = self.rows[i]
        kind = self.kinds.get(i)
        return replace(
            row,
            kind=kind or row.kind,
            kind_guessed=row.kind_guessed and kind is None,
            key=self.key(i),
        )

    @property
    def left_out(self) -> int:
        """Rows that could be imported but that the user unchecked."""
        return self.total - self.count

    def matching(self, kind: str | None, author: str | None) -> list[int]:
        """The rows a filter shows: one kind and/or one author (or PEOPLE, or BOTS)."""
        indexes: Iterable[int] = range(len(self.rows))
        if kind == UNREADABLE:
            indexes = [i for i in indexes if not self.rows[i].readable]
        elif kind == DUPLICATES:
            indexes = [i for i in indexes if self.rows[i].readable and self.rows[i].duplicate_of]
        elif kind is not None:
            indexes = [i for i in indexes if self.kind(i) == kind]
        if author == PEOPLE:
            indexes = [i for i in indexes if not self.rows[i].bot]
        elif author == BOTS:
            indexes = [i for i in indexes if self.rows[i].bot]
        elif author is not None:
            indexes = [i for i in indexes if self.who[i] == author]
        return list(indexes)

    def kind_counts(self) -> dict[str, int]:
        """Kinds among the rows as they stand now, most common first."""
        totals = Counter(self._kind_totals)
        for i, kind in self.kinds.items():
            totals[self.rows[i].kind] -= 1
            totals[kind] += 1
        return {kind: n for kind, n in totals.most_common() if n > 0}

    def author_counts(self) -> dict[str, int]:
        """Who the rows came from, most common first (bots and people alike)."""
        return dict(self._author_totals.most_common())
