"""Matching many phrase patterns against many short lines, fast.

One big alternation tried at every line costs about 0.1 µs per alternative per line in
the ``regex`` engine, hundreds of alternatives in all: far too slow for corpora. So each
pattern is analysed once (with the standard library's regex parser) for the characters
its match can start with; lines are dispatched on their first character to the few
patterns that can match there. Patterns that can start anywhere (``.{0,100} all rights
reserved``) are tried only on lines that contain one of their required literal words
(also found by the analysis). Shapes bring their own cheap gate (a digit, a slash).
The result is exactly that of trying every pattern: the dispatch only skips patterns
that cannot match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from re import _constants as C
from re import _parser as sre_parse

import regex

from .._errors import PhraseFileError
from . import MAX_PHRASE_CHARS, Phrase

_EDGE = r"[\p{P}\p{S} ]*"
_LEADING_EDGE = regex.compile(_EDGE)
_UNICODE_CLASS = regex.compile(r"\\[pP]\{[^}]*\}|\\[pP][A-Z]")
_DIGITS = frozenset("0123456789")
#: A required literal shorter than this gates too little to be worth a check (two
#: characters: a CJK word is often two).
_MIN_GATE = 2

Chars = frozenset[str] | None  # None: could start with anything


def _for_stdlib(pattern: str) -> str:
    """A stand-in the standard parser reads: Unicode classes become ``\\w``."""
    return _UNICODE_CLASS.sub(r"\\w", pattern).replace("(?-i:", "(?:")


def first_chars(pattern: str) -> Chars:
    """Lower-cased characters a match of ``pattern`` can start with (None: any)."""
    try:
        tree = sre_parse.parse(_for_stdlib(pattern), re.IGNORECASE)
    except (re.error, OverflowError, RecursionError):
        return None
    chars, _nullable = _first_seq(list(tree))
    return None if chars is None else frozenset(c.lower()[:1] for c in chars)


def _first_seq(seq: list) -> tuple[set[str] | None, bool]:  # type: ignore[type-arg]
    out: set[str] = set()
    for op, av in seq:
        chars, nullable = _first_item(op, av)
        if chars is None:
            return None, False
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _first_item(op: object, av: object) -> tuple[set[str] | None, bool]:
    if op is C.LITERAL:
        return {chr(av)}, False  # type: ignore[arg-type]
    if op is C.IN:
        chars: set[str] = set()
        for o, a in av:  # type: ignore[attr-defined]
            if o is C.LITERAL:
                chars.add(chr(a))
            elif o is C.RANGE and a[1] - a[0] <= 400:
                chars.update(chr(x) for x in range(a[0], a[1] + 1))
            elif o is C.CATEGORY and a is C.CATEGORY_DIGIT:
                chars |= _DIGITS
            else:
                return None, False
        return chars, False
    if op is C.CATEGORY and av is C.CATEGORY_DIGIT:
        return set(_DIGITS), False
    if op is C.BRANCH:
        out: set[str] = set()
        any_nullable = False
        for branch in av[1]:  # type: ignore[index]
            chars_b, nullable = _first_seq(list(branch))
            if chars_b is None:
                return None, False
            out |= chars_b
            any_nullable = any_nullable or nullable
        return out, any_nullable
    if op is C.SUBPATTERN:
        return _first_seq(list(av[-1]))  # type: ignore[index]
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
        chars_r, nullable = _first_seq(list(av[2]))  # type: ignore[index]
        if chars_r is None:
            return None, False
        return chars_r, nullable or av[0] == 0  # type: ignore[index]
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return set(), True
    return None, False


def required_literals(pattern: str) -> frozenset[str] | None:
    """Lower-cased words one of which every match contains (None: no such set)."""
    try:
        tree = sre_parse.parse(_for_stdlib(pattern), re.IGNORECASE)
    except (re.error, OverflowError, RecursionError):
        return None
    return _required_seq(list(tree))


def _required_seq(seq: list) -> frozenset[str] | None:  # type: ignore[type-arg]
    best: frozenset[str] | None = None
    run: list[str] = []

    def consider(candidate: frozenset[str] | None) -> None:
        nonlocal best
        if candidate and min(map(len, candidate)) >= _MIN_GATE:
            if best is None or min(map(len, candidate)) > min(map(len, best)):
                best = candidate

    for op, av in seq:
        if op is C.LITERAL:
            run.append(chr(av).lower())
            continue
        consider(frozenset({"".join(run)}) if run else None)
        run = []
        if op is C.SUBPATTERN:
            consider(_required_seq(list(av[-1])))
        elif op is C.BRANCH:
            parts = [_required_seq(list(b)) for b in av[1]]
            if all(parts):
                consider(frozenset().union(*parts))  # type: ignore[arg-type]
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
            consider(_required_seq(list(av[2])))
    consider(frozenset({"".join(run)}) if run else None)
    return best


class PhraseMatcher:
    """Phrase and shape patterns, dispatched per line by first character or gate."""

    def __init__(self, phrases: Iterable[Phrase], case_insensitive: bool = True) -> None:
        self.rules: list[str] = []
        rule_index: dict[str, int] = {}
        by_char: dict[str, list[tuple[int, str]]] = {}
        gated: list[tuple[object, int, str]] = []
        worded: list[tuple[frozenset[str], int, str]] = []
        for phrase in phrases:
            try:
                regex.compile(phrase.pattern)
            except regex.error as exc:
                raise PhraseFileError(f"{phrase.where}: {exc}") from None
            index = rule_index.setdefault(phrase.rule, len(rule_index))
            if index == len(self.rules):
                self.rules.append(phrase.rule)
            if phrase.gate is not None:
                gated.append((phrase.gate, index, phrase.pattern))
                continue
            chars = first_chars(phrase.pattern)
            if chars is not None and chars:
                for c in chars:
                    by_char.setdefault(c, []).append((index, phrase.pattern))
                continue
            words = required_literals(phrase.pattern)
            if not words:
                raise PhraseFileError(
                    f"{phrase.where}: pattern can start anywhere and has no required word; "
                    "it would be tried on every line (start it with a word or a literal)"
                )
            worded.append((words, index, phrase.pattern))
        self._flags = regex.IGNORECASE if case_insensitive else 0
        self._by_char = {c: self._compile(entries) for c, entries in by_char.items()}
        self._gated = [(gate, self._compile([(i, p)])) for gate, i, p in gated]
        # Patterns gated by required words share one search for all their words.
        self._by_word: dict[str, list[regex.Pattern[str]]] = {}
        for words, i, p in worded:
            compiled = self._compile([(i, p)])
            for w in words:
                self._by_word.setdefault(w, []).append(compiled)
        # The standard library's engine is about 3x faster than ``regex`` on a plain
        # alternation of literals.
        self._words = (
            re.compile("|".join(re.escape(w) for w in sorted(self._by_word, key=len, reverse=True)))
            if self._by_word
            else None
        )

    def _compile(self, entries: list[tuple[int, str]]) -> regex.Pattern[str]:
        grouped: dict[int, list[str]] = {}
        for index, pattern in entries:
            grouped.setdefault(index, []).append(f"(?:{pattern})")
        body = "|".join(f"(?P<r{i}>{'|'.join(pats)})" for i, pats in grouped.items())
        return regex.compile(f"{_EDGE}(?:{body}){_EDGE}", self._flags)

    def match(self, line: str) -> str | None:
        """The rule id of the first pattern that matches ``line`` whole, or None."""
        if not line or len(line) > MAX_PHRASE_CHARS:
            return None
        first = line[0]
        if not first.isalnum():
            end = _LEADING_EDGE.match(line).end()  # type: ignore[union-attr]
            candidates = (
                {first.lower()[:1], line[end].lower()[:1]}
                if end < len(line)
                else {first.lower()[:1]}
            )
        else:
            # lower()[:1]: "İ".lower() is two characters, the first of which is "i"
            candidates = {first.lower()[:1]}
        for c in candidates:
            pattern = self._by_char.get(c)
            if pattern is not None:
                m = pattern.fullmatch(line)
                if m is not None:
                    return self.rules[int(m.lastgroup[1:])]  # type: ignore[index]
        for gate, pattern in self._gated:
            if gate(line):  # type: ignore[operator]
                m = pattern.fullmatch(line)
                if m is not None:
                    return self.rules[int(m.lastgroup[1:])]  # type: ignore[index]
        if self._words is not None:
            for word in set(self._words.findall(line.lower())):
                for pattern in self._by_word[word]:
                    m = pattern.fullmatch(line)
                    if m is not None:
                        return self.rules[int(m.lastgroup[1:])]  # type: ignore[index]
        return None

    def scan(self, lines: list[str]) -> Iterator[tuple[int, str]]:
        """Yield ``(line_index, rule_id)`` for each line a pattern matches whole."""
        match = self.match
        for i, line in enumerate(lines):
            rule = match(line)
            if rule is not None:
                yield i, rule
