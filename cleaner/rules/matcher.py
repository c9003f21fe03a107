"""Matching many phrase patterns against many short lines, fast.

One big alternation tried at every line costs about 0.1 µs per alternative per line in
the ``regex`` engine, hundreds of alternatives in all: far too slow for corpora. So each
pattern is analysed once (with the standard library's regex parser) for the first four
characters its match can start with; lines are dispatched on their first characters
to the few patterns that can match there. Patterns that can start anywhere (``.{0,100} all rights
reserved``) are tried only on lines that contain one of their required literal words
(also found by the analysis; each word is looked for once per document, with
``str.find`` over its short lines joined). Shapes bring their own cheap gate (a digit, a slash).
A line is tried against every pattern that can match it, so a line that some pattern
matches is always found; when several rules' patterns match one line, the first found
decides (bucket, then gated, then worded; within a bucket, catalog order; worded
patterns by their word, longest first).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from itertools import accumulate
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

Prefixes = frozenset[str] | None  # None: could start with anything
#: Dispatch keys are the first four characters of a line; a pattern whose start allows
#: more than this many keys is filed under its first characters only.
KEY_LENGTH = 4
_MAX_KEYS = 400
#: Line starts whose bucket keys are remembered, at most (then forgotten, all at once).
_MAX_HEADS = 20_000


def _for_stdlib(pattern: str) -> str:
    """A stand-in the standard parser reads: Unicode classes become ``\\w``."""
    return _UNICODE_CLASS.sub(r"\\w", pattern).replace("(?-i:", "(?:")


def prefixes(pattern: str, length: int = KEY_LENGTH) -> Prefixes:
    """Lower-cased strings of at most ``length`` characters, one of which begins every
    match of ``pattern`` (shorter ones where the next character is not known); None
    when a match can start with anything."""
    try:
        tree = sre_parse.parse(_for_stdlib(pattern), re.IGNORECASE)
        states = _seq(list(tree), length)
    except (re.error, OverflowError, RecursionError, _TooMany):
        return None
    if states is None:
        return None
    keys = frozenset("".join(c.lower()[:1] for c in s) for s, _frozen in states)
    return None if "" in keys else keys


class _TooMany(Exception):
    """More possible starts than are worth a dispatch table."""


State = tuple[str, bool]  # a prefix, and whether it can no longer be extended


def _seq(seq: list, room: int) -> set[State] | None:  # type: ignore[type-arg]
    states: set[State] = {("", False)}
    for op, av in seq:
        grown: set[State] = set()
        for text, frozen in states:
            if frozen or len(text) >= room:
                grown.add((text, True))
                continue
            item = _item(op, av, room - len(text))
            if item is None:
                grown.add((text, True))
                continue
            for more, more_frozen in item:
                grown.add((text + more, more_frozen or len(text) + len(more) >= room))
        if len(grown) > _MAX_KEYS:
            raise _TooMany
        states = grown
        if all(frozen for _text, frozen in states):
            break
    return states


def _item(op: object, av: object, room: int) -> set[State] | None:
    if op is C.LITERAL:
        return {(chr(av), False)}  # type: ignore[arg-type]
    if op is C.IN:
        chars: set[str] = set()
        for o, a in av:  # type: ignore[attr-defined]
            if o is C.LITERAL:
                chars.add(chr(a))
            elif o is C.RANGE and a[1] - a[0] <= _MAX_KEYS:
                chars.update(chr(x) for x in range(a[0], a[1] + 1))
            elif o is C.CATEGORY and a is C.CATEGORY_DIGIT:
                chars |= _DIGITS
            else:
                return None
        return {(c, False) for c in chars}
    if op is C.CATEGORY and av is C.CATEGORY_DIGIT:
        return {(c, False) for c in _DIGITS}
    if op is C.BRANCH:
        out: set[State] = set()
        for branch in av[1]:  # type: ignore[index]
            states = _seq(list(branch), room)
            if states is None:
                return None
            out |= states
        return out
    if op is C.SUBPATTERN:
        return _seq(list(av[-1]), room)  # type: ignore[index]
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
        low, high, body = av  # type: ignore[misc]
        once = _seq(list(body), room)
        if once is None:
            return None
        # After one repetition more may follow: what comes next is not known.
        out = {(text, frozen or high != 1) for text, frozen in once}
        if low == 0:
            out.add(("", False))
        return out
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return {("", False)}
    return None


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


def _lower(text: str) -> str:
    # lower()[:1]: "İ".lower() is two characters, the first of which is "i"
    return "".join(c.lower()[:1] for c in text)


def _lower_line(line: str) -> str:
    """``line`` lower-cased, one character for each of its characters."""
    low = line.lower()
    return low if len(low) == len(line) else _lower(line)


class PhraseMatcher:
    """Phrase and shape patterns, dispatched per line by its first characters or a gate."""

    def __init__(
        self,
        phrases: Iterable[Phrase],
        max_chars: dict[str, int] | None = None,
        case_insensitive: bool = True,
    ) -> None:
        """``max_chars``: the longest line each rule may remove; longer lines are not
        tried against that rule's patterns at all (prose is long, chrome is short)."""
        self.rules: list[str] = []
        rule_index: dict[str, int] = {}
        by_key: dict[str, list[tuple[int, str]]] = {}
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
            keys = prefixes(phrase.pattern) or prefixes(phrase.pattern, 2)
            if keys is not None:
                for key in keys:
                    by_key.setdefault(key, []).append((index, phrase.pattern))
                continue
            words = required_literals(phrase.pattern)
            if not words:
                raise PhraseFileError(
                    f"{phrase.where}: pattern can start anywhere and has no required word; "
                    "it would be tried on every line (start it with a word or a literal)"
                )
            worded.append((words, index, phrase.pattern))
        self._flags = regex.IGNORECASE if case_insensitive else 0
        limits = max_chars or {}

        def longest(entries: Iterable[tuple[int, str]]) -> int:
            return max(limits.get(self.rules[i], MAX_PHRASE_CHARS) for i, _p in entries)

        # Buckets are compiled on first use (most keys never occur in a corpus); keys with
        # the same patterns share one compiled regex.
        self._entries = {key: tuple(entries) for key, entries in by_key.items()}
        self._by_key: dict[str, tuple[int, regex.Pattern[str] | None]] = {
            key: (longest(entries), None) for key, entries in by_key.items()
        }
        self._compiled: dict[tuple[tuple[int, str], ...], regex.Pattern[str]] = {}
        self._key_lengths = sorted({len(key) for key in by_key}, reverse=True)
        # The bucket keys of each line start seen so far (lines share their first
        # characters often: "The ", "By ", "Share").
        self._heads: dict[str, tuple[str, ...]] = {}
        # Gated patterns: (longest line, characters one of which it holds, pattern).
        # A gate's characters become one compiled class: a C search, not a Python loop.
        self._gated = [
            (limit, re.compile(f"[{re.escape(chars)}]").search, check, self._compile([(i, p)]))
            for (limit, chars, check), i, p in gated  # type: ignore[misc]
        ]
        # One search for the characters of all gates and the longest gated line: most
        # lines hold none of them and skip every gate at once.
        every = "".join(sorted({c for (_l, chars, _c), _i, _p in gated for c in chars}))  # type: ignore[misc]
        self._any_gate = re.compile(f"[{re.escape(every)}]").search if every else None
        self._gated_max = max((limit for (limit, _c, _k), _i, _p in gated), default=0)  # type: ignore[misc]
        # Gated shapes may judge lines longer than a phrase can be (a menu flattened into
        # one line), and a rule may declare a longer limit than the default (a consent
        # banner, a market-data footer): lines up to the longest limit are scanned.
        bucket_max = max((limit for limit, _p in self._by_key.values()), default=0)
        self._longest = max(MAX_PHRASE_CHARS, self._gated_max, bucket_max)
        # Patterns that can start anywhere share one search for all their required words
        # (the standard library's engine is about 3x faster than ``regex`` on a plain
        # alternation of literals).
        by_word: dict[str, list[regex.Pattern[str]]] = {}
        self._worded_max = 0
        for words, i, p in worded:
            compiled = self._compile([(i, p)])
            self._worded_max = max(self._worded_max, longest([(i, p)]))
            for w in words:
                by_word.setdefault(w, []).append(compiled)
        # A line is tried against the patterns of every required word it contains. The
        # words are found for a whole document at once, with ``str.find`` over the lines
        # short enough for these patterns, joined (a C scan far faster than a regex
        # alternation tried at every position of every line); each occurrence is mapped
        # back to its line. A line's patterns are tried word by
        # word, longest word first, each word's in catalog order (a word inside a longer
        # one is found on its own, so "comments" also brings the patterns of "comment").
        self._word_patterns = [
            (w, tuple(by_word[w])) for w in sorted(by_word, key=len, reverse=True)
        ]
        # A word holding a line break could match across lines of the joined document.
        self._join_words = not any("\n" in w for w in by_word)

    def _head_keys(self, start: str) -> tuple[str, ...]:
        """The bucket keys, longest first, of a line that starts with ``start``."""
        head = _lower_line(start)
        keys = tuple(
            head[:n] for n in self._key_lengths if n <= len(head) and head[:n] in self._by_key
        )
        self._heads[start] = keys
        return keys

    def _bucket(self, key: str) -> regex.Pattern[str]:
        entries = self._entries[key]
        pattern = self._compiled.get(entries)
        if pattern is None:
            pattern = self._compiled[entries] = self._compile(list(entries))
        self._by_key[key] = (self._by_key[key][0], pattern)
        return pattern

    def _compile(self, entries: list[tuple[int, str]]) -> regex.Pattern[str]:
        grouped: dict[int, list[str]] = {}
        for index, pattern in entries:
            grouped.setdefault(index, []).append(f"(?:{pattern})")
        body = "|".join(f"(?P<r{i}>{'|'.join(pats)})" for i, pats in grouped.items())
        return regex.compile(f"{_EDGE}(?:{body}){_EDGE}", self._flags)

    def match(self, line: str) -> str | None:
        """The rule id of the first pattern that matches ``line`` whole, or None."""
        found = dict(self.scan([line]))
        return found.get(0)

    def _worded(self, lines: list[str]) -> dict[int, list[regex.Pattern[str]]]:
        """The worded patterns to try on each line (by index) that holds one of their
        required words and is short enough for them."""
        limit = min(self._worded_max, MAX_PHRASE_CHARS)
        keep = [i for i, line in enumerate(lines) if 0 < len(line) <= limit]
        if not keep:
            return {}
        short = [lines[i] for i in keep]
        text = "\n".join(short)
        low = text.lower()
        if len(low) != len(text):
            # A character whose lower case is longer ("İ"): each line is lowered as
            # ``_lower`` does, one character for one, so offsets stay those of ``text``.
            low = "\n".join(_lower_line(line) for line in short)
        found: dict[int, list[regex.Pattern[str]]] = {}
        if not self._join_words or low.count("\n") != len(short) - 1:
            # Lines that hold line breaks themselves: each line is searched on its own.
            for i in keep:
                if tried := self._words_in(_lower_line(lines[i])):
                    found[i] = tried
            return found
        ends: list[int] | None = None
        for word, patterns in self._word_patterns:
            pos = low.find(word)
            if pos < 0:
                continue
            if ends is None:
                ends = list(accumulate([len(line) + 1 for line in short]))
            while pos >= 0:
                j = bisect_right(ends, pos)
                tried = found.setdefault(keep[j], [])
                tried.extend(p for p in patterns if p not in tried)
                pos = low.find(word, ends[j])
        return found

    def _words_in(self, low: str) -> list[regex.Pattern[str]]:
        tried: list[regex.Pattern[str]] = []
        for word, patterns in self._word_patterns:
            if word in low:
                tried.extend(p for p in patterns if p not in tried)
        return tried

    def scan(self, lines: list[str]) -> Iterator[tuple[int, str]]:
        """Yield ``(line_index, rule_id)`` for each line a pattern matches whole (the
        first pattern that does: prefix buckets, then gated, then worded)."""
        by_key = self._by_key
        key_lengths = self._key_lengths
        gated = self._gated
        any_gate = self._any_gate
        gated_max = self._gated_max if any_gate is not None else -1
        worded = self._worded(lines) if self._word_patterns else {}
        heads = self._heads
        if len(heads) > _MAX_HEADS:
            heads.clear()
        rules = self.rules
        longest = self._longest
        for i, line in enumerate(lines):
            length = len(line)
            if not length or length > longest:
                continue
            m = None
            if by_key:
                start = line[:KEY_LENGTH]
                if (keys := heads.get(start)) is None:
                    keys = self._head_keys(start)
                for key in keys:
                    bucket = by_key[key]
                    if length <= bucket[0]:
                        pattern = bucket[1] or self._bucket(key)
                        if (m := pattern.fullmatch(line)) is not None:
                            break
                if m is None and not line[0].isalnum():
                    # A pattern starts at the line's start or after its leading punctuation.
                    end = _LEADING_EDGE.match(line).end()  # type: ignore[union-attr]
                    if 0 < end < length:
                        after = _lower(line[end : end + KEY_LENGTH])
                        for n in key_lengths:
                            if (
                                n <= len(after)
                                and (bucket := by_key.get(key := after[:n])) is not None
                            ):
                                if length <= bucket[0]:
                                    pattern = bucket[1] or self._bucket(key)
                                    if (m := pattern.fullmatch(line)) is not None:
                                        break
            if m is None and length <= gated_max and any_gate(line) is not None:  # type: ignore[misc]
                for max_chars, holds, check, pattern in gated:
                    if (
                        length <= max_chars
                        and holds(line) is not None
                        and (check is None or check(line))
                        and (m := pattern.fullmatch(line)) is not None
                    ):
                        break
            if m is None and i in worded:
                for pattern in worded[i]:
                    if (m := pattern.fullmatch(line)) is not None:
                        break
            if m is not None:
                yield i, rules[int(m.lastgroup[1:])]  # type: ignore[index]
