"""Published text-level cleaners, re-implemented from their descriptions, to compare with.

A cleaner earns its place only if it beats what a pipeline would otherwise run on plain
text. Each baseline is ``name(text: str) -> str`` and returns the kept lines, in order, one
per line. With these definitions the bench reproduces the project's reference baseline
scores on the dev sets (``c4`` and ``justext`` to 3 decimals).

``c4`` (:func:`c4_line_filter`)
    The line rules of the C4 quality filter (Raffel et al. 2020, JMLR 21(140), section 2.2)
    with the defaults of datatrove's ``C4QualityFilter`` (which follows TFDS ``c4_utils``),
    in that filter's order: drop a line holding a word over 1000 characters; strip
    Wikipedia citation marks (``[12]``, ``[edit]``, ``[citation needed]``); drop a line that
    does not end in terminal punctuation (``. ? ! " '``) or that ends in an ellipsis; drop
    a line of fewer than 3 whitespace-separated words; drop a line mentioning "javascript";
    drop a line holding a policy phrase ("terms of use", "privacy policy", ...).
    Left out: the page rules (drop the page on "lorem ipsum", on a curly bracket, or with
    fewer than 5 sentences; the bad-words list). They decide whether a page enters a
    corpus, not which of its lines are body text, and a dropped page would score as an
    empty output, which measures the corpus policy rather than line cleaning.

``justext`` (:func:`justext_lines`)
    jusText (Pomikálek 2011, "Removing Boilerplate and Duplicate Content from Web
    Corpora") through the ``justext`` package's public ``justext()`` with its default
    thresholds, on text: each non-blank input line becomes one paragraph (an HTML ``<p>``,
    so the package's own classifier and context revision run unchanged), and the
    paragraphs not marked boilerplate are kept. Stoplist: English, the package's usual
    choice and the one the reference scores use.

``justext-lang`` (:func:`justext_lines_guessed`)
    The same with the stoplist picked by a simple language guess: the jusText stoplist
    that holds the largest share of the text's lower-cased words, or English when none
    holds 5% of them (scripts written without spaces, very short texts). A fairer bar on
    the non-English pages of the readability set.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import cache

# datatrove C4QualityFilter defaults (from TFDS c4_utils).
_MAX_WORD_LENGTH = 1000
_MIN_WORDS_PER_LINE = 3
_END_PUNCTUATION = (".", "?", "!", '"', "'")
_ELLIPSIS = "..."
_CITATION = re.compile(r"\[\d*]|\[edit]|\[citation needed]")
_POLICY_PHRASES = (
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies",
)

_DEFAULT_STOPLIST = "English"
# Below this share of words found in the best stoplist, the language guess gives up.
_MIN_STOPLIST_SHARE = 0.05
_WORD = re.compile(r"\w+")


def c4_line_filter(text: str) -> str:
    """Lines of ``text`` that pass the line rules of the C4 quality filter."""
    kept: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        words = line.split()
        if any(len(word) > _MAX_WORD_LENGTH for word in words):
            continue
        line = _CITATION.sub("", line)
        if not line.endswith(_END_PUNCTUATION) or line.endswith(_ELLIPSIS):
            continue
        if len(words) < _MIN_WORDS_PER_LINE:
            continue
        lowered = line.lower()
        if "javascript" in lowered or any(p in lowered for p in _POLICY_PHRASES):
            continue
        kept.append(line)
    return "\n".join(kept)


@cache
def _stoplists() -> dict[str, frozenset[str]]:
    import justext

    return {name: frozenset(justext.get_stoplist(name)) for name in justext.get_stoplists()}


def guess_stoplist(text: str) -> str:
    """Name of the jusText stoplist holding most of ``text``'s words (English if none does)."""
    tokens = [w.lower() for w in _WORD.findall(text)]
    if not tokens:
        return _DEFAULT_STOPLIST
    best, best_share = _DEFAULT_STOPLIST, 0.0
    for name, stopwords in sorted(_stoplists().items()):
        share = sum(t in stopwords for t in tokens) / len(tokens)
        if share > best_share:
            best, best_share = name, share
    return best if best_share >= _MIN_STOPLIST_SHARE else _DEFAULT_STOPLIST


def _justext_over_lines(text: str, stoplist_name: str) -> str:
    import justext

    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    page = f"<html><body>{paragraphs}</body></html>"
    classified = justext.justext(page, _stoplists()[stoplist_name])
    return "\n".join(p.text for p in classified if not p.is_boilerplate)


def justext_lines(text: str) -> str:
    """Lines of ``text`` that jusText (English stoplist) classifies as content."""
    return _justext_over_lines(text, _DEFAULT_STOPLIST)


def justext_lines_guessed(text: str) -> str:
    """Lines of ``text`` that jusText classifies as content, stoplist by language guess."""
    return _justext_over_lines(text, guess_stoplist(text))


BASELINES: dict[str, Callable[[str], str]] = {
    "c4": c4_line_filter,
    "justext": justext_lines,
    "justext-lang": justext_lines_guessed,
}
