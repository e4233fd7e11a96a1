"""Language checker budget (issue 5): a 10,000-word text checked in under 50 ms.

    python bench/bench_language.py [--words 10000] [--repeat 15]

Prints, for a few kinds of 10,000-word text, the checker's best time, the floor (one
`re.finditer` pass of a trivial pattern, `\\w+`, over the same text in the same run) and their
ratio, so a slow machine shows up in the floor rather than as a false alarm. Then the budget.
"""

from __future__ import annotations

import argparse
import functools
import random
import re
import statistics
import time
from collections.abc import Callable

from facilitator.language import check_text, default_rules

# What a write-up mostly says: neutral, system-focused sentences.
NEUTRAL = (
    "At 02:14 the checkout latency alert fired for the eu-west region.",
    "Alice acknowledged the page two minutes later and opened a bridge call.",
    "The connection pool on the payments service was at 100% of capacity.",
    "Bob paged the DBA team, who confirmed replication lag of nine minutes.",
    "The deploy pipeline had shipped version 4.12 at 01:58 with a new retry policy.",
    "Retries from the mobile clients tripled the load on the primary database.",
    "We rolled back to 4.11 at 02:40 and the error rate dropped within five minutes.",
    "The canary stage did not cover the payments path, so the change reached every host.",
    "Alerting watched latency, not pool saturation, which delayed detection.",
    "The runbook for pool exhaustion pointed at a dashboard that no longer exists.",
    "We were lucky that the incident happened outside the European shopping peak.",
    "Action: add a saturation alert on every connection pool, owned by Priya, due 3 May.",
    "The retry policy should back off exponentially and cap at three attempts.",
    "Customers saw failed payments for 26 minutes; about 4,100 orders were retried later.",
    "What made the new retry policy look safe in review?",
    "How did the system allow a config change to skip the canary?",
)


def make_text(words: int, blameful_share: float, seed: int = 5) -> str:
    """Sentences drawn at random until `words` words: neutral ones, and the rules' own
    examples of blameful phrasing for `blameful_share` of them."""
    blameful = [s for rule in default_rules().rules for s in rule.flag_examples]
    rng = random.Random(seed)
    out: list[str] = []
    count = 0
    while count < words:
        pool = blameful if rng.random() < blameful_share else NEUTRAL
        sentence = rng.choice(pool)
        out.append(sentence)
        count += len(sentence.split())
        if rng.random() < 0.15:
            out.append("\n\n- ")
    return " ".join(out)


def floor_pass(pattern: re.Pattern[str], text: str) -> int:
    """The floor: one `finditer` pass of a trivial pattern, every match taken."""
    return sum(1 for _ in pattern.finditer(text))


def best_of(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    default_rules()  # compiling the rules is a one-off cost at first use, not per check
    floor_pattern = re.compile(r"\w+")
    cases = {
        "typical write-up (5% blameful)": make_text(args.words, 0.05),
        "dense (30% blameful)": make_text(args.words, 0.30),
        "all blameful": make_text(args.words, 1.0),
        "one long line, no punctuation": " ".join(
            make_text(args.words, 0.05).replace(".", " ").replace("?", " ").split()
        ),
    }
    worst = 0.0
    print(f"{'text':<34} {'words':>6} {'findings':>8}   {'best':>9}  {'median':>9}  floor  ratio")
    for name, text in cases.items():
        findings = len(check_text(text))
        ours, ours_median = best_of(functools.partial(check_text, text), args.repeat)
        floor, _ = best_of(functools.partial(floor_pass, floor_pattern, text), args.repeat)
        worst = max(worst, ours)
        print(
            f"{name:<34} {len(text.split()):>6} {findings:>8}   {ours * 1000:6.2f} ms"
            f"  {ours_median * 1000:6.2f} ms  {floor * 1000:5.2f} ms {ours / floor:5.1f}×"
        )
    # The budget is 50 ms for 10,000 words; checking is linear, so scale it to other sizes.
    budget = 50 * args.words / 10_000
    verdict = "within" if worst * 1000 < budget else "OVER"
    print(
        f"budget: < {budget:.0f} ms for {args.words} words; worst best-of-{args.repeat}:"
        f" {worst * 1000:.1f} ms ({verdict} budget)"
    )


if __name__ == "__main__":
    main()
