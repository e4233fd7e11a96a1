"""The blameless language checker: the corpus figures, every rule, positions, robustness."""

from __future__ import annotations

import dataclasses
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

from facilitator import language
from facilitator.language import (
    LanguageFinding,
    Rule,
    RuleSet,
    RulesFileError,
    apply_fix,
    check_text,
    default_rules,
    format_finding,
    lint_text,
    load_rules,
)
from facilitator.resources import resource_path
from tests.core.language_corpus import BLAMEFUL, BLAMELESS

RULES = default_rules().rules


def rules_found(text: str) -> set[str]:
    return {f.rule for f in check_text(text)}


# --- the corpus ----------------------------------------------------------------------


def test_corpus_is_big_enough_and_distinct() -> None:
    assert len(BLAMEFUL) >= 40
    assert len(BLAMELESS) >= 40
    assert not set(BLAMEFUL) & set(BLAMELESS)


def test_corpus_recall_and_false_alarm_rate() -> None:
    missed = [s for s in BLAMEFUL if not check_text(s)]
    alarms = {s: [(f.rule, f.phrase) for f in check_text(s)] for s in BLAMELESS}
    alarms = {s: found for s, found in alarms.items() if found}
    recall = 1 - len(missed) / len(BLAMEFUL)
    false_alarms = len(alarms) / len(BLAMELESS)
    print(
        f"\nlanguage corpus: recall {recall:.3f} ({len(BLAMEFUL) - len(missed)}/{len(BLAMEFUL)}),"
        f" false alarms {false_alarms:.3f} ({len(alarms)}/{len(BLAMELESS)})"
    )
    assert recall >= 0.9, f"missed: {missed}"
    assert false_alarms <= 0.1, f"false alarms: {alarms}"


# --- each rule -----------------------------------------------------------------------


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_examples(rule: Rule) -> None:
    """The examples in rules.json: so a rule added as data comes with its own proof."""
    assert rule.flag_examples, "every rule needs at least one example it flags"
    for sentence in rule.flag_examples:
        assert rule.id in rules_found(sentence), sentence
    for sentence in rule.pass_examples:
        assert check_text(sentence) == [], sentence


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("John deployed broken code.", "person-failure"),
        ("Jane ignored the alert.", "person-failure"),
        ("Priya forgot to rotate the keys.", "person-failure"),
        ("he missed the page", "person-failure"),
        ("She missed the page at 03:00.", "person-failure"),
        ("Yesterday Alice forgot the flag.", "person-failure"),
        ("Tom accidentally deleted the bucket.", "person-blame-adverb"),
        ("The engineer should have rolled back.", "person-should-have"),
        ("The flag shouldn't have been on.", "should-have"),
        ("We should've paged earlier.", "should-have"),
        ("That was careless.", "fault-word"),
        ("Gross negligence.", "fault-word"),
        ("He was negligent.", "fault-word"),
        ("The fix was sloppy.", "fault-word"),
        ("They were not paying attention.", "fault-word"),
        ("The reviewer was incompetent.", "fault-word"),
        ("The team will blame ops.", "blame"),
        ("It's Ana's fault.", "fault"),
        ("Cause: human error.", "human-error"),
        ("Cause: operator error.", "human-error"),
        ("Who was responsible?", "who-responsible"),
        ("So who is to blame here?", "who-responsible"),
        ("you deployed it twice", "second-person"),
        ("You broke it.", "second-person"),
        ("My fault, sorry.", "self-blame"),
        ("I should have known.", "self-blame"),
        ("I screwed up.", "self-blame"),
        ("If Bob had waited, none of this would have happened.", "counterfactual"),
        ("If Bob had waited, none of this would have happened.", "person-counterfactual"),
        ("If only we had a canary.", "counterfactual"),
        ("Why did you restart it?", "why-did-you"),
        ("It was on Kim.", "on-someone"),
    ],
)
def test_finds(text: str, rule: str) -> None:
    assert rule in rules_found(text)


@pytest.mark.parametrize(
    "text",
    [
        "We should add a canary.",
        "The alert should page the on-call.",
        "Alice restarted the database at 02:30.",
        "Bob paged the DBA team.",
        "The deploy pipeline shipped a broken build.",
        "The alert did not fire.",
        "The service responsible for auth returned 500s.",
        "The word \u201cblame\u201d never appears in our write-ups.",
        "We avoid 'fault' and 'careless' in reviews.",
        "Monitoring missed the spike.",
        "Our Jenkins failed to check out the repo.",
        "The DNS resolver ignored the TTL.",
        "`git blame` shows the line changed in March.",
        "",
        "   \n\n  ",
    ],
)
def test_does_not_cry_wolf(text: str) -> None:
    assert check_text(text) == []


def test_one_finding_for_one_phrase() -> None:
    # "should have known" is inside "I should have known": the self-blame finding says more.
    found = check_text("I should have known.")
    assert [(f.rule, f.phrase) for f in found] == [("self-blame", "I should have known")]


def test_quick_fixes() -> None:
    text = "The root cause was human error."
    (finding,) = check_text(text)
    assert finding.replacement == "a gap in our safeguards"
    assert apply_fix(text, finding) == "The root cause was a gap in our safeguards."

    text = "Tom had accidentally deleted the volume."
    (finding,) = check_text(text)
    assert apply_fix(text, finding) == "Tom had deleted the volume."
    assert check_text(apply_fix(text, finding)) == []


def test_apply_fix_refuses_what_it_cannot_do() -> None:
    (finding,) = check_text("Jane ignored the alert.")
    assert finding.replacement is None
    with pytest.raises(ValueError, match="no quick fix"):
        apply_fix("Jane ignored the alert.", finding)
    (finding,) = check_text("Root cause: human error.")
    with pytest.raises(ValueError, match="changed"):
        apply_fix("Root cause: something else entirely.", finding)


def test_curly_apostrophes_and_case() -> None:
    assert "person-failure" in rules_found("Ravi didn\u2019t check the graphs.")
    assert "self-blame" in rules_found("i should\u2019ve known")
    assert "human-error" in rules_found("HUMAN ERROR")


# --- positions -----------------------------------------------------------------------


def test_lines_and_columns_on_multi_line_text() -> None:
    text = (
        "Timeline notes.\n"
        "At 02:30 Jane ignored the alert.\r\n"
        "\n"
        "\tThe root cause was human error.\r"
        "We should add a canary; Bob should have waited."
    )
    found = check_text(text)
    assert [(f.line, f.column, f.phrase) for f in found] == [
        (2, 10, "Jane ignored"),
        (4, 21, "human error"),
        (5, 25, "Bob should have waited"),
    ]
    for f in found:
        assert text[f.start : f.end] == f.phrase


def test_columns_count_characters_not_bytes() -> None:
    text = "Zoë ✅ — Ünal forgot the flag"
    (finding,) = check_text(text)
    assert finding.phrase == "Ünal forgot"
    assert (finding.line, finding.column) == (1, 9)


def test_finding_is_frozen() -> None:
    (finding,) = check_text("Jane ignored the alert.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.line = 3  # type: ignore[misc]


# --- the CLI face --------------------------------------------------------------------


def test_format_finding_is_the_lint_line() -> None:
    finding = LanguageFinding(
        line=3,
        column=7,
        start=40,
        end=52,
        phrase="Jane ignored",
        rule="person-failure",
        message="A person is the subject of a failure",
        suggestion="make the system the subject",
    )
    assert format_finding(finding) == (
        "3:7: A person is the subject of a failure (make the system the subject)"
    )


def test_lint_text_exit_status() -> None:
    lines, status = lint_text("Alice restarted the database.\nJane ignored the alert.\n")
    assert status == 1
    assert len(lines) == 1
    assert lines[0].startswith("2:1: A person is the subject of a failure (")
    assert lint_text("We should add a canary.\n") == ([], 0)


# --- robustness ----------------------------------------------------------------------

# Text made of the rules' own example sentences, whole, cut into runs of words, or word by
# word, so generated text hits the rules and their edge cases, not just random letters.
_EXAMPLES = [s for rule in RULES for s in (*rule.flag_examples, *rule.pass_examples)]
_VOCABULARY = sorted(
    {word for sentence in _EXAMPLES for word in sentence.split()}
    | {"I", "you", "he", "Jane", "the", "should", "have", "had", "if", "not", "'", "\u2019"}
)
_SEPARATORS = [" ", "  ", "\n", "\r\n", ". ", ", ", "\n\n- ", '"', "\t", "\u2028", "?\n"]


@st.composite
def _phrase(draw: st.DrawFn) -> str:
    words = draw(st.sampled_from(_EXAMPLES)).split()
    start = draw(st.integers(0, len(words) - 1))
    end = draw(st.integers(start + 1, len(words)))
    return " ".join(words[start:end])


# Mostly phrases (three branches of five), joined by spaces as well as the separators drawn.
_blamey_text = st.lists(
    st.one_of(
        _phrase(),
        _phrase(),
        _phrase(),
        st.sampled_from(_VOCABULARY),
        st.sampled_from(_SEPARATORS),
    ),
    max_size=20,
).map(" ".join)


def _check_consistent(text: str, found: list[LanguageFinding]) -> None:
    reach = -1
    for f in found:
        assert 0 <= f.start < f.end <= len(text)
        assert f.phrase == text[f.start : f.end]
        assert f.end > reach, "findings overlap fully or are out of order"
        reach = f.end
        before = text[: f.start]
        line_start = max(before.rfind("\n"), before.rfind("\r")) + 1
        assert f.column == f.start - line_start + 1
        assert f.line >= 1


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_crashes_on_any_text(text: str) -> None:
    _check_consistent(text, check_text(text))


@settings(max_examples=300, deadline=None)
@given(_blamey_text)
def test_never_crashes_on_text_made_of_rule_words(text: str) -> None:
    _check_consistent(text, check_text(text))


def _mixed_texts(count: int = 1500, seed: int = 7) -> list[str]:
    """Every example and corpus sentence, then runs of their words spliced together."""
    sentences = [*_EXAMPLES, *BLAMEFUL, *BLAMELESS]
    rng = random.Random(seed)
    texts = list(sentences)
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 4)):
            words = rng.choice(sentences).split()
            start = rng.randrange(len(words))
            parts.append(" ".join(words[start : rng.randint(start + 1, len(words))]))
            parts.append(rng.choice([" ", *_SEPARATORS]))
        texts.append("".join(parts))
    return texts


def _everywhere() -> RuleSet:
    rules = default_rules()
    return dataclasses.replace(
        rules,
        rules=tuple(dataclasses.replace(rule, triggers=None) for rule in rules.rules),
        trigger_index={},
        trigger_words=frozenset(),
    )


def test_trigger_words_never_hide_a_finding() -> None:
    """Trigger words only skip work: with every rule searched everywhere, the same findings.
    (A trigger list that misses a word its pattern can match fails here.)"""
    everywhere = _everywhere()
    for text in _mixed_texts():
        assert check_text(text, everywhere) == check_text(text), text


@settings(max_examples=200, deadline=None)
@given(_blamey_text)
def test_trigger_words_never_hide_a_finding_in_generated_text(text: str) -> None:
    assert check_text(text, _everywhere()) == check_text(text)


def test_windows_in_long_sentences_never_hide_a_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    """A long sentence is searched only near trigger words: as if every sentence were long."""
    texts = _mixed_texts()
    expected = [check_text(text) for text in texts]
    monkeypatch.setattr(language, "_LONG_SENTENCE", 0)
    for text, found in zip(texts, expected, strict=True):
        assert check_text(text) == found, text


def test_a_long_sentence_is_searched_near_its_trigger_words() -> None:
    filler = " ".join(["the pool was saturated"] * 200)
    text = f"{filler} Jane ignored the alert {filler} and human error {filler}"
    assert [f.phrase for f in check_text(text)] == ["Jane ignored", "human error"]


@pytest.mark.parametrize(
    "text",
    [
        "a" * 50_000,
        "John " * 10_000,
        "should have " * 5_000,
        "John" + " " * 50_000 + "Monitoring missed",
        "Alerting " + "x" * 50_000,
        "I " * 20_000,
        "If Bob had " * 5_000,
        "you " + "just " * 10_000,
        "who is " * 10_000,
        "'" * 20_000,
        "Jane" + ", and" * 10_000,
    ],
    ids=lambda t: repr(t[:20]),
)
def test_adversarial_inputs_finish(text: str) -> None:
    # No timing here (the benchmark does that); a catastrophic backtracking pattern would
    # make this test hang rather than pass.
    _check_consistent(text, check_text(text))


# --- the rules file ------------------------------------------------------------------


def _write_rules(tmp_path: Path, change: Callable[[dict[str, Any]], object]) -> Path:
    data = json.loads(resource_path("language", "rules.json").read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_shipped_rules_have_unique_ids_and_words() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids)) >= 15
    assert load_rules() == load_rules()


def test_a_rule_added_as_data_works(tmp_path: Path) -> None:
    def add(data: dict[str, Any]) -> None:
        data["rules"].append(
            {
                "id": "heroics",
                "pattern": r"\bsaved\s+the\s+day\b",
                "flags": ["IGNORECASE"],
                "message": "Heroics hide the system's gaps",
                "suggestion": "what made a rescue necessary?",
                "triggers": ["day"],
            }
        )

    rules = load_rules(_write_rules(tmp_path, add))
    (finding,) = check_text("Then Ana saved the day.", rules)
    assert finding.rule == "heroics"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda d: d["rules"][0].update(colour="red"), "unknown keys"),
        (lambda d: d["rules"][0].update(pattern="(unclosed"), "bad pattern"),
        (lambda d: d["rules"][0].update(pattern="{{nowhere}}"), "no list or fragment"),
        (lambda d: d["rules"][0].update(flags=["LOUDLY"]), "unknown flag"),
        (lambda d: d["rules"][0].update(person=["nobody"]), "no groups named"),
        (lambda d: d["rules"][0].update(replacement=r"\g<nobody>"), "names no group"),
        (lambda d: d["rules"][0].update(triggers=["{{nowhere}}"]), "no list named"),
        (lambda d: d["rules"][0].pop("message"), "missing 'message'"),
        (lambda d: d["lists"].pop("not_people"), "missing list 'not_people'"),
        (lambda d: d["rules"].append(d["rules"][0]), "not unique"),
        (lambda d: d.update(version=2), "not a version 1"),
        (lambda d: d["fragments"].update(person="{{person}}"), "refers to itself"),
    ],
)
def test_a_broken_rules_file_says_what_is_wrong(
    tmp_path: Path, change: Callable[[dict[str, Any]], object], problem: str
) -> None:
    with pytest.raises(RulesFileError, match=problem):
        load_rules(_write_rules(tmp_path, change))


def test_an_unreadable_rules_file(tmp_path: Path) -> None:
    path = tmp_path / "rules.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(RulesFileError):
        load_rules(path)
    with pytest.raises(RulesFileError):
        load_rules(tmp_path / "missing.json")
