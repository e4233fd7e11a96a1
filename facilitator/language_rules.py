"""The rules of the blameless language checker: read from `resources/language/rules.json`.

A rule is a regular expression (or a list of alternatives) with a message, a suggestion, an
optional quick-fix replacement, the checks it switches on (see `facilitator.language`), its
trigger words and examples. Patterns share word lists and fragments through `{{name}}`; a list
becomes one group of alternatives factored as a trie, so long lists stay cheap to try. The
file is validated as it is read: a mistake in it names the rule and what is wrong.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from facilitator.resources import resource_path

__all__ = ["TOKEN", "Rule", "RuleSet", "RulesFileError", "default_rules", "load_rules"]


@dataclass(frozen=True)
class Rule:
    """One compiled rule."""

    id: str
    pattern: re.Pattern[str]
    message: str
    suggestion: str
    replacement: str | None
    person_groups: tuple[str, ...]
    skip_if_negated: bool
    skip_if_preceded_by: frozenset[str]
    # Words of which every match holds one (None: run everywhere): a sentence without any
    # of them is not searched at all, which is what keeps a long text fast.
    triggers: frozenset[str] | None
    flag_examples: tuple[str, ...]
    pass_examples: tuple[str, ...]


@dataclass(frozen=True)
class RuleSet:
    """The compiled rules and the word lists the code-side checks read."""

    rules: tuple[Rule, ...]
    pronouns: frozenset[str]
    person_roles: frozenset[str]
    not_people: frozenset[str]
    determiners: frozenset[str]
    system_suffixes: tuple[str, ...]
    negators: frozenset[str]
    negator_phrases: tuple[str, ...]
    clause_breakers: frozenset[str]
    # trigger word -> indexes into `rules`; and the words alone, to intersect sets with
    trigger_index: Mapping[str, tuple[int, ...]]
    trigger_words: frozenset[str]


class RulesFileError(ValueError):
    """The rules file is not what the checker needs (a bug in shipped data, not user input)."""


_CODE_LISTS = (
    "pronouns",
    "person_roles",
    "not_people",
    "determiners",
    "system_suffixes",
    "negators",
    "clause_breakers",
)
_RULE_KEYS = {
    "id",
    "pattern",
    "flags",
    "message",
    "suggestion",
    "replacement",
    "person",
    "skip_if_negated",
    "skip_if_preceded_by",
    "examples",
    "triggers",
}
_FLAGS = {
    "IGNORECASE": re.IGNORECASE,
    "MULTILINE": re.MULTILINE,
    "DOTALL": re.DOTALL,
    "VERBOSE": re.VERBOSE,
}
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
# Trigger words are compared token by token: letters and digits, split at apostrophes and
# hyphens ("didn't" is "didn" then "t", "fat-fingered" is "fat" then "fingered").
TOKEN = re.compile(r"[^\W_]+")


def _unit(char: str) -> str:
    # Any whitespace between words, and either apostrophe, since text pasted from chat often
    # has curly ones.
    if char == " ":
        return r"\s+"
    return "['’]" if char in "'’" else re.escape(char)


def _list_regex(words: Sequence[str]) -> str:
    """A list as one group of alternatives, factored as a trie ("forgot(?:ten)?|…"): the
    regex engine tries alternatives one by one, so sharing prefixes makes long lists cheap."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for unit in (_unit(c) for c in re.sub(r"\s+", " ", word.strip())):
            node = node.setdefault(unit, {})
        node[""] = {}  # the end of a word

    def emit(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [unit + emit(child) for unit, child in sorted(node.items()) if unit]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # A longer word first, then the word that ends here: longest match wins, as it would
        # with the longest-first alternatives this replaces.
        if ends:
            return "(?:" + body + ")?" if len(branches) == 1 else body + "?"
        return body

    return "(?:" + emit(trie) + ")"


def _expand(pattern: str, lists: Mapping[str, str], fragments: Mapping[str, str]) -> str:
    def replace(match: re.Match[str], depth: int = 0) -> str:
        name = match.group(1)
        if name in lists:
            return lists[name]
        if name in fragments:
            if depth > 5:
                raise RulesFileError(f"fragment {name!r} refers to itself")
            inner = _PLACEHOLDER.sub(lambda m: replace(m, depth + 1), fragments[name])
            return "(?:" + inner + ")"
        raise RulesFileError(f"no list or fragment named {name!r}")

    return _PLACEHOLDER.sub(replace, pattern)


def _first_token(phrase: str) -> str:
    token = TOKEN.search(phrase)
    if token is None:
        raise RulesFileError(f"trigger {phrase!r} has no word in it")
    return token.group().lower()


def _triggers(raw: Any, ident: str, word_lists: Mapping[str, tuple[str, ...]]) -> frozenset[str]:
    """A rule's trigger words: words, or `{{list}}` for the first word of each phrase of a list
    (the patterns take lists whole, so the first word of a list phrase is in every match)."""
    words: set[str] = set()
    for entry in _strings(raw, f"rule {ident!r} triggers"):
        named = _PLACEHOLDER.fullmatch(entry)
        if named is None:
            words.add(_first_token(entry))
        elif named.group(1) in word_lists:
            words.update(_first_token(w) for w in word_lists[named.group(1)])
        else:
            raise RulesFileError(f"rule {ident!r}: no list named {named.group(1)!r}")
    return frozenset(words)


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RulesFileError(f"{where} must be a list of strings")
    return tuple(value)


def _compile_rule(
    raw: Any,
    lists: Mapping[str, str],
    fragments: Mapping[str, str],
    word_lists: Mapping[str, tuple[str, ...]],
) -> Rule:
    if not isinstance(raw, dict):
        raise RulesFileError("each rule must be an object")
    ident = raw.get("id")
    if not isinstance(ident, str) or not ident:
        raise RulesFileError("a rule has no id")
    unknown = set(raw) - _RULE_KEYS
    if unknown:
        raise RulesFileError(f"rule {ident!r}: unknown keys {sorted(unknown)}")
    for key in ("pattern", "message", "suggestion"):
        if key not in raw:
            raise RulesFileError(f"rule {ident!r}: missing {key!r}")
    branches = [raw["pattern"]] if isinstance(raw["pattern"], str) else raw["pattern"]
    source = "|".join(
        f"(?:{_expand(b, lists, fragments)})" for b in _strings(branches, f"rule {ident!r} pattern")
    )
    flags = 0
    for name in _strings(raw.get("flags", []), f"rule {ident!r} flags"):
        if name not in _FLAGS:
            raise RulesFileError(f"rule {ident!r}: unknown flag {name!r}")
        flags |= _FLAGS[name]
    try:
        pattern = re.compile(source, flags)
    except re.error as exc:
        raise RulesFileError(f"rule {ident!r}: bad pattern: {exc}") from exc
    person = _strings(raw.get("person", []), f"rule {ident!r} person")
    missing = [g for g in person if g not in pattern.groupindex]
    if missing:
        raise RulesFileError(f"rule {ident!r}: no groups named {missing}")
    replacement = raw.get("replacement")
    if replacement is not None:
        if not isinstance(replacement, str):
            raise RulesFileError(f"rule {ident!r}: replacement must be a string")
        unknown_groups = set(re.findall(r"\\g<(\w+)>", replacement)) - set(pattern.groupindex)
        if unknown_groups:
            raise RulesFileError(
                f"rule {ident!r}: replacement names no group {sorted(unknown_groups)}"
            )
    preceded = raw.get("skip_if_preceded_by")
    if preceded is not None and preceded not in word_lists:
        raise RulesFileError(f"rule {ident!r}: no list named {preceded!r}")
    examples = raw.get("examples", {})
    return Rule(
        id=ident,
        pattern=pattern,
        message=str(raw["message"]),
        suggestion=str(raw["suggestion"]),
        replacement=replacement,
        person_groups=person,
        skip_if_negated=bool(raw.get("skip_if_negated", False)),
        skip_if_preceded_by=frozenset(word_lists[preceded]) if preceded else frozenset(),
        triggers=_triggers(raw["triggers"], ident, word_lists) if "triggers" in raw else None,
        flag_examples=_strings(examples.get("flag", []), f"rule {ident!r} examples"),
        pass_examples=_strings(examples.get("pass", []), f"rule {ident!r} examples"),
    )


def load_rules(path: Path | str | None = None) -> RuleSet:
    """Read and compile a rules file (the shipped one by default)."""
    path = Path(path) if path is not None else resource_path("language", "rules.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RulesFileError(f"{path}: {exc}") from exc
    if not isinstance(data, dict) or data.get("version") != 1:
        raise RulesFileError(f"{path}: not a version 1 rules file")
    word_lists = {
        name: tuple(w.lower() for w in _strings(words, f"list {name!r}"))
        for name, words in dict(data.get("lists", {})).items()
    }
    for name in _CODE_LISTS:
        if name not in word_lists:
            raise RulesFileError(f"{path}: missing list {name!r}")
    fragments = dict(data.get("fragments", {}))
    lists = {name: _list_regex(words) for name, words in word_lists.items()}
    rules = tuple(_compile_rule(r, lists, fragments, word_lists) for r in data.get("rules", []))
    ids = [r.id for r in rules]
    if len(set(ids)) != len(ids):
        raise RulesFileError(f"{path}: rule ids are not unique")
    return _rule_set(rules, word_lists)


def _rule_set(rules: tuple[Rule, ...], word_lists: Mapping[str, tuple[str, ...]]) -> RuleSet:
    index: dict[str, list[int]] = {}
    for number, rule in enumerate(rules):
        for word in rule.triggers or ():
            index.setdefault(word, []).append(number)
    negators = word_lists["negators"]
    return RuleSet(
        rules=rules,
        pronouns=frozenset(word_lists["pronouns"]),
        person_roles=frozenset(word_lists["person_roles"]),
        not_people=frozenset(word_lists["not_people"]),
        determiners=frozenset(word_lists["determiners"]),
        system_suffixes=word_lists["system_suffixes"],
        negators=frozenset(n for n in negators if " " not in n),
        negator_phrases=tuple(f" {n} " for n in negators if " " in n),
        clause_breakers=frozenset(word_lists["clause_breakers"]),
        trigger_index={word: tuple(numbers) for word, numbers in index.items()},
        trigger_words=frozenset(index),
    )


@functools.cache
def default_rules() -> RuleSet:
    """The shipped rules, compiled on first use and kept for the life of the process."""
    return load_rules()
