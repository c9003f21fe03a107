"""Restore English apostrophes that an ASCII-stripping scraper removed.

Runs only on a document that shows the signature of the damage: no apostrophe anywhere
(neither ``'`` nor ``’``), English by its function words, and at least two unambiguous
stripped contractions (``dont``, ``Im``, ``doesnt``...). Then it restores:

- contractions from ``data/apostrophes-en.txt`` (only forms that are not words: ``were``,
  ``its``, ``well``, ``ill`` are never touched);
- possessives of capitalized names, ``Russias demands`` -> ``Russia's demands``, when the
  bare name also occurs in the document (or is a weekday), the word before is not a determiner
  (``the Russians``), the word after is not a function word or common verb
  (``Democrats have``), and the name does not end like a plural noun of people
  (``-ans``, ``-ers``, ``-ists``...), is not the last word of a multi-word name
  (``United States commitment``), and never occurs where only a plural fits. Lower-case
  plurals (``weeks``) are never touched.

The restored apostrophe is ASCII ``'`` (SPEC "Repairs").
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import regex

_WORD = regex.compile(r"\b\p{L}+\b")
_ENGLISH_MARKERS = frozenset("the and of to in is that for on with was said".split())
#: "Mondays talks": a weekday's possessive needs no other mention of the day.
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_DETERMINERS = frozenset(
    "the these those two three four many some all both several most other such few".split()
)
_PEOPLE_PLURAL = regex.compile(r"(?:ans|ers|ists|ites|ics|ings|ons|ees)$")
_CAPITAL_S = regex.compile(r"\b(\p{Lu}[\p{L}]*?\p{L})s\b(?=( \p{L}[\p{L}-]*)?)")


@cache
def _tables() -> tuple[dict[str, str], frozenset[str]]:
    data = files("cleaner.normalize") / "data"
    contractions: dict[str, str] = {}
    for line in (data / "apostrophes-en.txt").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            stripped, restored = line.split()
            contractions[stripped] = restored
    words: set[str] = set()
    for line in (data / "english-function-words.txt").read_text("utf-8").splitlines():
        if not line.startswith("#"):
            words.update(line.split())
    return contractions, frozenset(words)


@cache
def _contraction_pattern() -> regex.Pattern[str]:
    words = sorted(_tables()[0], key=len, reverse=True)
    return regex.compile(rf"\b(?:{'|'.join(words)})\b", regex.IGNORECASE)


def _match_case(original: str, restored: str) -> str:
    if original.isupper() and len(original) > 1:
        return restored.upper()
    if original[0].isupper():
        return restored[0].upper() + restored[1:]
    return restored


def has_signature(text: str, words: list[str] | None = None) -> bool:
    """True when ``text`` looks like English with its apostrophes stripped."""
    if "'" in text or "’" in text:
        return False
    contractions, _ = _tables()
    words = words if words is not None else _WORD.findall(text)
    if len(words) < 20:
        return False
    lower = [w.lower() for w in words[:3000]]
    if sum(w in _ENGLISH_MARKERS for w in lower) < 0.1 * len(lower):
        return False
    return sum(w in contractions for w in lower) >= 2


def restore_apostrophes(text: str) -> str:
    """Restore stripped apostrophes when the document shows the signature; else no-op."""
    if "'" in text or "’" in text:
        return text
    words = _WORD.findall(text)
    if not has_signature(text, words):
        return text
    contractions, function_words = _tables()
    vocabulary = set(words)

    def contraction(m: regex.Match[str]) -> str:
        word = m.group()
        return _match_case(word, contractions[word.lower()])

    text = _contraction_pattern().sub(contraction, text)

    def plural_context(m: regex.Match[str]) -> bool:
        after = (m.group(2) or "").strip()
        before = text[max(0, m.start() - 12) : m.start()].split()
        return (
            not after
            or after.lower() in function_words
            or bool(before and before[-1].lower() in _DETERMINERS)
        )

    def inside_name(m: regex.Match[str]) -> bool:
        # "United States commitment": the last word of a multi-word name is left alone.
        before = text[max(0, m.start() - 30) : m.start()].split()
        return bool(before and before[-1][0].isupper() and before[-1][-1].isalpha())

    candidates = list(_CAPITAL_S.finditer(text))
    # A capitalized "Xs" seen even once where only a plural fits ("United States and",
    # "the Russians") is a word of its own: it is never turned into a possessive.
    plurals = {m.group() for m in candidates if plural_context(m)}
    out: list[str] = []
    last = 0
    for m in candidates:
        stem = m.group(1)
        if (
            m.group() in plurals
            or (stem not in vocabulary and stem.lower() not in _WEEKDAYS)
            or stem.endswith("s")
            or _PEOPLE_PLURAL.search(m.group().lower())
            or inside_name(m)
        ):
            continue
        out.append(text[last : m.start()])
        out.append(f"{stem}'s")
        last = m.end()
    out.append(text[last:])
    return "".join(out)
