"""The language of a document, cheaply and offline: script first, then function words.

Scripts decide the languages that have one of their own: kana means Japanese, Han
without kana Chinese, Hangul Korean, Arabic letters Arabic (``SCRIPT_SHARE`` of the
letters sampled). Text in the Latin and Cyrillic scripts is told apart by its function
words (``stopwords/<lang>.txt``: the few dozen words that make up a third or more of
running prose in each language): the language whose words cover the largest share of
the sample wins, if that share is at least ``MIN_SHARE`` and clearly above the runner-up
(``MARGIN``). Otherwise the answer is None: a page of navigation labels or numbers has no
language to speak of, and the callers then fall back to language-neutral signals.

The sample is the first ``SAMPLE_CHARS`` characters: the language of a page is settled
long before its end, and a corpus of millions of documents should not pay for more.

The same word lists give ``stopword_share``, the share of a line's words that are
function words of the document's language: prose is dense with them, a menu item or a
headline is not.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

SAMPLE_CHARS = 3000
#: Share of the sampled letters a script must have to decide the language by itself.
SCRIPT_SHARE = 0.3
#: Kana are frequent in Japanese but a few in a Chinese page are a quote or a name.
KANA_SHARE = 0.05
#: Share of the sampled words that must be function words of the winning language:
#: English prose runs at 12-40%, Turkish (whose function words are often suffixes) at
#: about 10%, a list of product names at a few percent.
MIN_SHARE = 0.08
#: The winner's share must exceed the runner-up's by this factor (Spanish, Portuguese
#: and Italian share many words; their distinctive ones must tip the balance).
MARGIN = 1.5
#: Fewer words than this say nothing reliable.
MIN_WORDS = 8

_DATA = Path(__file__).parent / "stopwords"
#: Scripts written without spaces between words (and Korean, whose syllables are dense)
#: say in one character about what three letters say: a Chinese paragraph of 40
#: characters is as long as one of 120 letters. Length rules count them so.
CJK_WEIGHT = 3
_CJK = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\u1100-\u11ff]"
)


def weighted_len(text: str) -> int:
    """Length of ``text`` with each CJK or Hangul character counted ``CJK_WEIGHT`` times."""
    if text.isascii():
        return len(text)
    return len(text) + (CJK_WEIGHT - 1) * len(_CJK.findall(text))


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_SCRIPTS = (
    ("kana", re.compile(r"[\u3040-\u30ff]+")),
    ("zh", re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]+")),
    ("ko", re.compile(r"[\uac00-\ud7af\u1100-\u11ff]+")),
    ("ar", re.compile(r"[\u0600-\u06ff\u0750-\u077f]+")),
)

#: One search for all of them first: most text has none.
_ANY_SCRIPT = re.compile("[" + "".join(p.pattern[1:-2] for _name, p in _SCRIPTS) + "]+")


@cache
def stopwords() -> dict[str, frozenset[str]]:
    """Every language's function words, from ``stopwords/<lang>.txt``."""
    lists: dict[str, frozenset[str]] = {}
    for path in sorted(_DATA.glob("*.txt")):
        words = [
            w
            for line in path.read_text(encoding="utf-8").splitlines()
            if not line.startswith("#")
            for w in line.split()
        ]
        lists[path.stem] = frozenset(words)
    return lists


@cache
def _languages_of() -> dict[str, tuple[str, ...]]:
    by_word: dict[str, list[str]] = {}
    for lang, words in stopwords().items():
        for w in words:
            by_word.setdefault(w, []).append(lang)
    return {w: tuple(langs) for w, langs in by_word.items()}


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or None when it is not clear."""
    sample = text[:SAMPLE_CHARS]
    words = _WORD.findall(sample.lower())
    letters = sum(map(len, words))
    if not letters:
        return None
    if not sample.isascii() and sum(map(len, _ANY_SCRIPT.findall(sample))) >= (
        KANA_SHARE * letters
    ):
        counts = {name: sum(map(len, pattern.findall(sample))) for name, pattern in _SCRIPTS}
        if counts["kana"] >= KANA_SHARE * letters:
            return "ja"
        for name in ("zh", "ko", "ar"):
            if counts[name] >= SCRIPT_SHARE * letters:
                return name
    if len(words) < MIN_WORDS:
        return None
    languages_of = _languages_of()
    hits: dict[str, int] = {}
    for w in words:
        for lang in languages_of.get(w, ()):
            hits[lang] = hits.get(lang, 0) + 1
    if not hits:
        return None
    ranked = sorted(hits.items(), key=lambda kv: kv[1], reverse=True)
    best, count = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if count < MIN_SHARE * len(words) or count < MARGIN * runner_up:
        return None
    return best


def stopword_share(line: str, language: str | None) -> float | None:
    """The share of ``line``'s words that are function words of ``language``; None for a
    language without a word list (or no words)."""
    words = stopwords().get(language or "")
    if words is None:
        return None
    tokens = _WORD.findall(line.lower())
    if not tokens:
        return None
    return sum(1 for t in tokens if t in words) / len(tokens)
