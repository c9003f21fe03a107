"""Decisions that need a paragraph's neighbours: position, repetition, containment.

Each function takes the paragraphs and the decisions so far (``None`` = kept, else a
``(rule_id, reason)`` pair) and fills in its own; none undoes another's decision. They run
in ``pipeline.decide`` after the phrase and shape rules, in the order SPEC gives: cruft
first, duplicates last, so a widget that repeats the headline goes and the headline stays.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cache
from importlib.resources import files
from typing import Any

import regex

from .shapes import date_words

Decision = tuple[str, str] | None

_DUMP_DATE = regex.compile(r"(\d{4})-?(\d{2})-?(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?Z?)?")
_DUMP_URL = regex.compile(r"(?:https?://|www\.)\S+")
_FINGERPRINT_DROP = regex.compile(r"[\W_]+")
_SENTENCE_START = regex.compile(r"(?<=[.!?…][\"”’»)]?) +(?=\S)")
_WORDS = regex.compile(r"\w+")

#: A paragraph repeated later is only judged a duplicate from this many words on:
#: shorter lines ("Yes.", a list item, "* * *") legitimately recur in a body.
DUPLICATE_MIN_WORDS = 4
#: Containment needs a real sentence: a short line is contained in many paragraphs.
CONTAINED_MIN_WORDS = 8
CONTAINED_KEY = 40
#: The comment section is cut only after this many body-like paragraphs (>= 100 chars),
#: and only when what follows the heading is no longer than what precedes it: losing body
#: text is worse than keeping a comment.
COMMENT_MIN_BODY_BEFORE = 3
BODY_LIKE_CHARS = 100
#: Dump headers sit in the first lines: at most the headline before them.
DUMP_HEADER_SCAN = 4


def fingerprint(text: str) -> str:
    """A paragraph's identity for repetition: case, spacing and punctuation ignored."""
    return _FINGERPRINT_DROP.sub(" ", text.casefold()).strip()


def dump_header(paras: list[str], decisions: list[Decision], metadata: dict[str, Any]) -> None:
    """The date and URL lines a scraper wrote right after the headline (or first)."""
    i = 0
    if paras and not _is_dump_line(paras[0]):
        i = 1
    while i < min(len(paras), DUMP_HEADER_SCAN) and _is_dump_line(paras[i]):
        text = paras[i]
        date = _DUMP_DATE.fullmatch(text)
        if date:
            metadata.setdefault("date", f"{date[1]}-{date[2]}-{date[3]}")
        else:
            metadata.setdefault("url", text)
        if decisions[i] is None:
            decisions[i] = ("dump-header", "date line" if date else "URL line")
        i += 1


def _is_dump_line(text: str) -> bool:
    date = _DUMP_DATE.fullmatch(text)
    if date:
        return 1 <= int(date[2]) <= 12 and 1 <= int(date[3]) <= 31
    return bool(_DUMP_URL.fullmatch(text))


@cache
def _caption_regexes() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    text = (files("cleaner.rules") / "lexicon" / "caption-positions.txt").read_text("utf-8")
    positions = [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]
    alternation = "|".join(regex.escape(p) for p in sorted(positions, key=len, reverse=True))
    marker = regex.compile(rf"(?:, (?:{alternation}),|\((?:{alternation})\))", regex.IGNORECASE)
    months = "|".join(sorted(date_words()["month"], key=len, reverse=True))
    dated_end = regex.compile(
        rf"(?:{months})\.? \d{{1,2}}(?:st|nd|rd|th)?, \d{{4}}\.?$|\d{{1,2}}\.? (?:{months})\.? \d{{4}}\.?$",
        regex.IGNORECASE,
    )
    return marker, dated_end


#: Captions are one or two sentences; a longer paragraph is body.
CAPTION_MAX_CHARS = 400


def picture_caption(paras: list[str], decisions: list[Decision]) -> None:
    """Captions: a dated line that names positions (``X, left, and Y``) or is repeated
    right next to itself (the caption shown twice, under the picture and in a viewer)."""
    marker, dated_end = _caption_regexes()
    n = len(paras)
    for i, text in enumerate(paras):
        if decisions[i] is not None or len(text) > CAPTION_MAX_CHARS or not dated_end.search(text):
            continue
        repeated = (i > 0 and paras[i - 1] == text) or (i + 1 < n and paras[i + 1] == text)
        if repeated:
            decisions[i] = ("picture-caption", "dated line repeated next to itself")
        elif marker.search(text):
            decisions[i] = ("picture-caption", "dated line naming positions in a picture")


def comment_section(
    paras: list[str], decisions: list[Decision], openers: Collection[int]
) -> None:
    """Cut from the first comment heading that closes the article to the end."""
    if not openers:
        return
    sizes = [len(p) for p in paras]
    total = sum(sizes)
    before_chars = 0
    body_before = 0
    first = min(openers)
    for i in range(len(paras)):
        if i >= first and i in openers and body_before >= COMMENT_MIN_BODY_BEFORE:
            if total - before_chars - sizes[i] <= before_chars:
                for j in range(i + 1, len(paras)):
                    if decisions[j] is None:
                        decisions[j] = ("comment-section", f"after comment heading {paras[i]!r}")
                return
        if decisions[i] is None:
            before_chars += sizes[i]
            body_before += sizes[i] >= BODY_LIKE_CHARS


def duplicates(paras: list[str], decisions: list[Decision]) -> None:
    """A paragraph repeated later: the first stays, the repeats go."""
    seen: set[str] = set()
    for i, text in enumerate(paras):
        if decisions[i] is not None:
            continue
        key = fingerprint(text)
        if key.count(" ") + 1 < DUPLICATE_MIN_WORDS:
            continue
        if key in seen:
            decisions[i] = ("duplicate", "repeats an earlier paragraph")
        else:
            seen.add(key)


def contained_duplicates(paras: list[str], decisions: list[Decision]) -> None:
    """A paragraph contained whole, from a sentence start, in a longer paragraph."""
    index: dict[str, list[tuple[int, int]]] = {}
    candidates: list[int] = []
    for i, text in enumerate(paras):
        if decisions[i] is not None:
            continue
        if len(_WORDS.findall(text[: CONTAINED_KEY * 8])) >= CONTAINED_MIN_WORDS:
            candidates.append(i)
        starts = [0, *(m.end() for m in _SENTENCE_START.finditer(text))]
        for start in starts:
            if len(text) - start >= CONTAINED_KEY:
                index.setdefault(text[start : start + CONTAINED_KEY], []).append((i, start))
    for i in candidates:
        text = paras[i]
        for j, start in index.get(text[:CONTAINED_KEY], ()):
            longer = paras[j]
            if j == i or len(longer) <= len(text) or decisions[j] is not None:
                continue
            end = start + len(text)
            if longer[start:end] == text and (end == len(longer) or longer[end] == " "):
                decisions[i] = ("contained-duplicate", f"contained in paragraph {j + 1}")
                break


def recurring(paras: list[str], decisions: list[Decision], boilerplate: Collection[str]) -> None:
    """Paragraphs whose fingerprint recurs across the documents of one source."""
    if not boilerplate:
        return
    for i, text in enumerate(paras):
        if decisions[i] is None and fingerprint(text) in boilerplate:
            decisions[i] = ("recurring-in-source", "recurs across documents of this source")
