"""The blameless language checker: finds blameful phrasing and suggests a system-focused reframe.

The rules are data (`resources/language/rules.json`, read by `facilitator.language_rules`):
regular expressions with a message, a suggestion and, where a mechanical one exists, a
quick-fix replacement. What a regular expression cannot say well is here, as checks a rule
switches on by name:

- `person`: the named groups must look like a person (a pronoun, a role such as "the on-call
  engineer", or a capitalised name-like word that is not a system or a sentence starter). This
  is how "Jane ignored the alert" is flagged and "Alerting missed the spike" is not, without NLP.
- `skip_if_negated`: the words just before the match, in the same clause, do not negate it
  ("nobody is to blame", "not about who was responsible", "avoid words like …").
- `skip_if_preceded_by`: the word just before is not in a list ("git blame", "if you deployed").

Every match that is the whole of a quotation ("the word 'blame'") is a mention, not a use, and
is skipped. A finding inside another one (the "should have" of "I should have known") is
dropped, so one phrase gets one underline.

Speed: the text is cut into sentences in one pass, and a rule is searched only in the sentences
holding one of its trigger words, so most of a long text is never searched at all. The patterns
use possessive quantifiers and bounded repeats, so no input makes them backtrack badly.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from facilitator.language_rules import (
    TOKEN,
    Rule,
    RuleSet,
    RulesFileError,
    default_rules,
    load_rules,
)

__all__ = [
    "LanguageFinding",
    "Rule",
    "RuleSet",
    "RulesFileError",
    "apply_fix",
    "check_text",
    "default_rules",
    "format_finding",
    "lint_text",
    "load_rules",
    "warm_up",
]


@dataclass(frozen=True)
class LanguageFinding:
    """One blameful phrase: where it is (1-based line and column; `start`/`end` are offsets
    into the checked text, in code points) and what to say instead."""

    line: int
    column: int
    start: int
    end: int
    phrase: str
    rule: str
    message: str
    suggestion: str
    replacement: str | None = None


_QUOTES = "\"'`“”‘’«»‹›„"
_WORD = re.compile(r"[^\W_][\w'’-]*")
# Rules are searched a sentence (or list item, or paragraph) at a time: a blameful phrase never
# spans two sentences, and a sentence is the unit the trigger words select.
# (Led by one character class, so the engine skips everything else at C speed.)
_SEGMENT_BREAK = re.compile(
    r"[.!?\n](?:(?<=[.!?])[.!?]*[\"'”’)\]]*(?=\s)"
    r"|(?<=\n)(?:[ \t]*\n|(?=[ \t]*(?:[-*+•]|\d+[.)])\s)))"
)
# How far back the clause-level checks look: a clause rarely needs more.
_LOOKBACK = 80
_NEGATION_WORDS = 5
_SENTENCE_END = re.compile(r"[.!?;:\n\r(\[]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# `\g<name>` in a replacement: the text of that group (re.Match.expand parses its template on
# every call; this is all our templates need, and cheap).
_TEMPLATE_GROUP = re.compile(r"\\g<(\w+)>")
# A sentence longer than this is searched only near its trigger words: _REACH characters
# either side of one, trusting a match only if it ends _MARGIN before a window's cut. So a
# phrase is found as long as it spans at most _REACH - _MARGIN characters after its trigger
# word and _REACH before it: a dozen words of any sane length.
_LONG_SENTENCE = 2_000
_REACH = 250
_MARGIN = 80


# --- the code-side checks ------------------------------------------------------------


def _clause_before(text: str, start: int) -> str:
    """The text of the same sentence just before `start` (at most _LOOKBACK characters)."""
    window = text[max(0, start - _LOOKBACK) : start]
    ends = list(_SENTENCE_END.finditer(window))
    return window[ends[-1].end() :] if ends else window


def _words_before(text: str, start: int) -> list[str]:
    return [w.lower() for w in _WORD.findall(_clause_before(text, start))]


def _is_negated(rules: RuleSet, text: str, start: int) -> bool:
    # A comma ends the clause too: "the deploy failed, and he was careless" is not negated by
    # anything before the comma.
    clause = _clause_before(text, start).rsplit(",", 1)[-1]
    words: list[str] = []
    for word in reversed([w.lower() for w in _WORD.findall(clause)]):
        if word in rules.clause_breakers or len(words) == _NEGATION_WORDS:
            break
        words.append(word)
    words.reverse()
    if any(w in rules.negators or w.endswith(("n't", "n’t")) for w in words):
        return True
    joined = " " + " ".join(words) + " "
    return any(phrase in joined for phrase in rules.negator_phrases)


def _is_quoted(text: str, start: int, end: int) -> bool:
    return start > 0 and end < len(text) and text[start - 1] in _QUOTES and text[end] in _QUOTES


def _starts_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - _LOOKBACK) : start].rstrip(" \t")
    return not before or before[-1] in ".!?:;\n\r\"'“‘([*•>#-–—"


def _looks_like_person(rules: RuleSet, text: str, start: int, end: int) -> bool:
    token = text[start:end]
    low = token.lower()
    if low in rules.pronouns or low in rules.person_roles:
        return True
    if low in rules.not_people or not token[0].isupper():
        return False
    if token.isupper() or any(c.isdigit() for c in token):
        return False  # an acronym or a product code: CI, DNS, S3
    previous = _words_before(text, start)
    if previous and previous[-1] in rules.determiners:
        return False  # "the Scheduler", "our Jenkins": a thing with a name
    # A long capitalised word at the start of a sentence ending like a process noun is a
    # system ("Replication broke at 02:10"); a name there is short or ends otherwise.
    return not (
        len(token) >= 6 and _starts_sentence(text, start) and low.endswith(rules.system_suffixes)
    )


def _accept(rules: RuleSet, rule: Rule, text: str, match: re.Match[str]) -> bool:
    start, end = match.span()
    if _is_quoted(text, start, end):
        return False
    for group in rule.person_groups:
        g_start, g_end = match.span(group)
        if g_start >= 0 and not _looks_like_person(rules, text, g_start, g_end):
            return False
    if rule.skip_if_preceded_by:
        previous = _words_before(text, start)
        if previous and previous[-1] in rule.skip_if_preceded_by:
            return False
    return not (rule.skip_if_negated and _is_negated(rules, text, start))


# --- the public face ----------------------------------------------------------------


def _searches(rules: RuleSet, text: str) -> list[tuple[int, int, int, int]]:
    """Where to search for which rule: (rule index, start, end, end of its sentence).

    Usually a whole sentence, for each rule with a trigger word in it. In a sentence longer
    than _LONG_SENTENCE (a text without punctuation), only the stretches within _REACH of the
    rule's trigger words, so that even such a text is not searched end to end by every rule.
    """
    always = [n for n, rule in enumerate(rules.rules) if rule.triggers is None]
    ends = [m.end() for m in _SEGMENT_BREAK.finditer(text)]
    if not ends or ends[-1] != len(text):
        ends.append(len(text))
    # Lower-case once when that keeps every offset ("İ" does not), else word by word.
    lowered = text.lower()
    same_offsets = len(lowered) == len(text)
    source = lowered if same_offsets else text
    index = rules.trigger_index
    searches: list[tuple[int, int, int, int]] = []
    start = 0
    for end in ends:
        if end - start <= _LONG_SENTENCE:
            words = set(TOKEN.findall(source, start, end))
            if not same_offsets:
                words = {word.lower() for word in words}
            words &= rules.trigger_words  # in C, and usually empty: most sentences are fine
            if words or always:
                wanted = set(always)
                for word in words:
                    wanted.update(index[word])
                searches += [(n, start, end, end) for n in sorted(wanted)]
        else:
            hits: dict[int, list[tuple[int, int]]] = {n: [(start, end)] for n in always}
            for token in TOKEN.finditer(source, start, end):
                word = token.group() if same_offsets else token.group().lower()
                for n in index.get(word, ()):
                    hits.setdefault(n, []).append(token.span())
            for n in sorted(hits):
                searches.extend(
                    (n, w_start, w_end, end) for w_start, w_end in _windows(hits[n], start, end)
                )
        start = end
    return searches


def _windows(spans: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for span_start, span_end in spans:
        w_start, w_end = max(start, span_start - _REACH), min(end, span_end + _REACH)
        if merged and w_start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], w_end))
        else:
            merged.append((w_start, w_end))
    return merged


def warm_up() -> None:
    """Compile the shipped rules now (about 0.1 s, once a process), so that the first field
    checked does not wait for them: the app runs this on a worker thread as a page with
    free text opens. Compiling gives the interpreter lock back every few milliseconds, so
    the GUI thread keeps its turns; a check that comes first anyway simply compiles too."""
    check_text("")


def check_text(text: str, rules: RuleSet | None = None) -> list[LanguageFinding]:
    """The blameful phrases in `text`, in reading order; one finding per phrase."""
    ruleset = rules if rules is not None else default_rules()
    found: list[tuple[int, int, int, Rule, re.Match[str]]] = []
    for index, window_start, window_end, sentence_end in _searches(ruleset, text):
        rule = ruleset.rules[index]
        position = window_start
        while (match := rule.pattern.search(text, position, window_end)) is not None:
            start, end = match.span()
            # A match too near where a window cuts its sentence is not trusted (the pattern
            # saw no further than the cut); if real, its trigger word is in a later window.
            trusted = window_end == sentence_end or end <= window_end - _MARGIN
            if trusted and end > start and _accept(ruleset, rule, text, match):
                found.append((start, -end, index, rule, match))
                position = end
            else:
                # Unlike finditer, a rejected match does not hide the ones that overlap it:
                # in "Yesterday Alice forgot", "Yesterday" is not a person, Alice is.
                position = start + 1
    if not found:
        return []
    found.sort(key=lambda item: item[:3])
    line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
    findings: list[LanguageFinding] = []
    reach = -1
    for start, negative_end, _, rule, match in found:
        end = -negative_end
        if end <= reach:
            continue  # inside a finding already kept, which says more
        reach = end
        line = bisect.bisect_right(line_starts, start)
        findings.append(
            LanguageFinding(
                line=line,
                column=start - line_starts[line - 1] + 1,
                start=start,
                end=end,
                phrase=text[start:end],
                rule=rule.id,
                message=rule.message,
                suggestion=rule.suggestion,
                replacement=_fill(rule.replacement, match) if rule.replacement else None,
            )
        )
    return findings


def _fill(template: str, match: re.Match[str]) -> str:
    return _TEMPLATE_GROUP.sub(lambda group: match.group(group.group(1)) or "", template)


def format_finding(finding: LanguageFinding) -> str:
    """One line of `facilitator lint`: `LINE:COL: message (suggestion)`."""
    return f"{finding.line}:{finding.column}: {finding.message} ({finding.suggestion})"


def lint_text(text: str) -> tuple[list[str], int]:
    """What `facilitator lint` prints, one line a finding, and its exit status (1 if any)."""
    lines = [format_finding(f) for f in check_text(text)]
    return lines, 1 if lines else 0


def apply_fix(text: str, finding: LanguageFinding) -> str:
    """`text` with the finding's quick fix applied (the app's right-click fix)."""
    if finding.replacement is None:
        raise ValueError(f"rule {finding.rule!r} has no quick fix")
    if text[finding.start : finding.end] != finding.phrase:
        raise ValueError("the text changed since it was checked")
    return text[: finding.start] + finding.replacement + text[finding.end :]
