"""Storage budgets (DESIGN section 7): each figure beside the same work in raw sqlite3.

    python bench/bench_store.py [--sessions 1000]

Prints, for import, list, load and one autosave commit, our time, the raw-sqlite3 floor
measured in the same run on the same data, and their ratio; then the budgets.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from facilitator import exchange, sessions
from facilitator.db.store import open_store

KINDS = ("detection", "alert", "action", "decision", "communication", "mitigation", "note")


def make_document(n: int, entries: int = 20, factors: int = 8) -> dict[str, Any]:
    start = datetime(2026, 3, 1, 9, 0, tzinfo=UTC) + timedelta(hours=n)
    timeline = [
        {
            "at": (start + timedelta(minutes=2 * i)).isoformat(),
            "kind": KINDS[i % len(KINDS)],
            "text": f"Entry {i} of incident {n}: connection pool at {i % 100}% of capacity",
            "source": "chat",
            "key": i % 7 == 0,
        }
        for i in range(entries)
    ]
    return {
        "format": "postmortem-facilitator",
        "version": 1,
        "session": {
            "title": f"Incident {n}: checkout latency",
            "incident_ref": f"INC-{n}",
            "severity": "SEV2",
            "timezone": "UTC",
            "started_at": start.isoformat(),
            "summary": "Pool exhaustion amplified by client retries.",
            "timeline": timeline,
            "went_well": ["Rollback was quick"],
            "went_poorly": ["Alerting watched latency, not pool saturation"],
            "factors": [make_tree(factors)],
        },
    }


def make_tree(count: int) -> dict[str, Any]:
    """A tree of `count` nodes, three children a node, breadth first."""
    nodes = [
        {"id": f"f{i + 1}", "text": f"Factor {i + 1}", "category": "technical", "children": []}
        for i in range(count)
    ]
    for i, node in enumerate(nodes[1:], start=1):
        nodes[(i - 1) // 3]["children"].append(node)
    for node in nodes:
        node["gate"] = ("and" if len(node["id"]) % 2 else "or") if node["children"] else None
    return nodes[0]


def timed(action: Callable[[], object], repeat: int = 1) -> list[float]:
    times = []
    for _ in range(repeat):
        begin = time.perf_counter()
        action()
        times.append(time.perf_counter() - begin)
    return times


def raw_connection(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    return connection


def report(name: str, ours: float, floor: float, budget: str = "") -> None:
    ratio = ours / floor if floor else float("inf")
    figures = f"{ours * 1000:9.2f} ms  floor {floor * 1000:8.2f} ms  {ratio:6.1f}×"
    print(f"{name:<44} {figures}  {budget}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=1000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-store-"))
    store = open_store(folder / "bench.sqlite")
    documents = [(f"doc{n}", make_document(n)) for n in range(args.sessions)]

    (import_time,) = timed(lambda: exchange.import_documents(store, documents))
    raw = raw_connection(folder / "raw.sqlite")
    raw.execute("CREATE TABLE s (id TEXT PRIMARY KEY, title TEXT, updated TEXT)")
    raw.execute("CREATE TABLE t (id TEXT PRIMARY KEY, s TEXT, at TEXT, kind TEXT, text TEXT)")
    raw.execute("CREATE INDEX t_s ON t (s)")

    def raw_import() -> None:
        with raw:
            for n, (_, doc) in enumerate(documents):
                body = doc["session"]
                raw.execute("INSERT INTO s VALUES (?, ?, ?)", (f"s{n}", body["title"], str(n)))
                raw.executemany(
                    "INSERT INTO t VALUES (?, ?, ?, ?, ?)",
                    [
                        (f"s{n}t{i}", f"s{n}", e["at"], e["kind"], e["text"])
                        for i, e in enumerate(body["timeline"])
                    ],
                )

    (raw_import_time,) = timed(raw_import)
    report(f"import {args.sessions} sessions", import_time, raw_import_time)

    list_time = min(timed(lambda: sessions.list_sessions(store), repeat=5))
    raw_list = min(
        timed(lambda: raw.execute("SELECT * FROM s ORDER BY updated DESC").fetchall(), repeat=5)
    )
    report(f"list {args.sessions} sessions", list_time, raw_list)

    search_time = min(timed(lambda: sessions.list_sessions(store, search="pool at 42"), repeat=5))
    raw_search = min(
        timed(
            lambda: raw.execute(
                "SELECT * FROM s WHERE title LIKE ? OR id IN (SELECT t.s FROM t"
                " WHERE t.text LIKE ?)",
                ("%pool at 42%", "%pool at 42%"),
            ).fetchall(),
            repeat=5,
        )
    )
    report(
        f"search {args.sessions} sessions",
        search_time,
        raw_search,
        "budget < 50 ms with 10,000 sessions (--sessions 10000)",
    )

    (big_id,) = exchange.import_documents(store, [("big", make_document(0, 300, 60))])
    load_time = statistics.median(timed(lambda: sessions.load_session(store, big_id), 20))
    raw.execute("DELETE FROM t WHERE s = 's0'")
    big = make_document(0, 300, 60)["session"]["timeline"]
    with raw:
        raw.executemany(
            "INSERT INTO t VALUES (?, 's0', ?, ?, ?)",
            [(f"big{i}", e["at"], e["kind"], e["text"]) for i, e in enumerate(big)],
        )
    raw_load = statistics.median(
        timed(lambda: raw.execute("SELECT * FROM t WHERE s = 's0'").fetchall(), 20)
    )
    report("load one session (300 entries, 60 factors)", load_time, raw_load, "budget < 150 ms")

    def edit(i: list[int]) -> None:
        i[0] += 1
        sessions.update_session(store, big_id, summary=f"edit {i[0]}")

    counter = [0]
    commits = sorted(timed(lambda: edit(counter), 200))

    def raw_edit() -> None:
        with raw:
            raw.execute("UPDATE s SET title = ? WHERE id = 's1'", (str(time.time()),))

    raw_commits = sorted(timed(raw_edit, 200))
    p99 = commits[int(len(commits) * 0.99) - 1]
    raw_p99 = raw_commits[int(len(raw_commits) * 0.99) - 1]
    report("autosave commit, p99", p99, raw_p99, "budget p99 < 10 ms")
    store.close()


if __name__ == "__main__":
    main()
