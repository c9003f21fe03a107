"""Word-shingle precision, recall and F1: the score of public article-extraction benchmarks.

Why shingles: they compare texts by what they say, not by how they are laid out. Four-word
shingles see word order only within four words and ignore punctuation, spacing and
paragraph breaks, so cruft left in costs precision and lost body text costs recall,
while a re-wrapped paragraph costs almost nothing. The definition follows
``shared/data/dev/README.md`` ("How output is scored"):

- words are Unicode ``\\w+`` tokens;
- a text's shingles are its overlapping 4-word windows, counted as a multiset;
- page precision = shared shingles / output shingles, page recall = shared / gold shingles;
- set precision = mean page precision over pages whose output has shingles (an empty
  output costs recall only), set recall = mean page recall, F1 = their harmonic mean.

Choices for short texts (the README leaves them open):

- a gold of 1 to 3 words has no 4-word window, so that page is scored with shingles as long
  as its gold (``min(4, gold words)`` words), on both sides: a correct tiny output scores
  1.0 and an output with the gold inside it plus extra words gets partial precision;
- a text shorter than the shingle size has one shingle, the tuple of all its words;
  an empty text has none;
- a page whose gold has no words scores recall 1.0 (nothing to find).

These choices reproduce the project's reference no-cleaning scores to 3 decimals on the
dev sets (only readability's ``js-link-replacement``, a 3-word gold, depends on them).
Words are compared case-sensitively, as the README defines them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

SHINGLE_SIZE = 4
_WORD = re.compile(r"\w+", re.UNICODE)

Shingles = Counter[tuple[str, ...]]


def words(text: str) -> list[str]:
    """The Unicode ``\\w+`` tokens of ``text``, in order."""
    return _WORD.findall(text)


def shingles(text: str, size: int = SHINGLE_SIZE) -> Shingles:
    """The multiset of overlapping ``size``-word windows of ``text`` (see module docstring)."""
    toks = words(text)
    if not toks:
        return Counter()
    if len(toks) < size:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + size]) for i in range(len(toks) - size + 1))


@dataclass(frozen=True, slots=True)
class PageScore:
    """One page's score; ``precision`` is None when the output has no shingles."""

    precision: float | None
    recall: float

    @property
    def f1(self) -> float:
        """Harmonic mean of the page's precision and recall (0.0 for an empty output)."""
        return harmonic_mean(self.precision or 0.0, self.recall)


@dataclass(frozen=True, slots=True)
class SetScore:
    """A set's score: mean page precision, mean page recall, and their harmonic mean."""

    precision: float
    recall: float
    f1: float
    pages: int


def harmonic_mean(p: float, r: float) -> float:
    """F1 of ``p`` and ``r``; 0.0 when both are 0."""
    return 2 * p * r / (p + r) if p + r else 0.0


def score_page(output: str, gold: str) -> PageScore:
    """Score one page's ``output`` against its ``gold`` text."""
    size = min(SHINGLE_SIZE, len(words(gold))) or SHINGLE_SIZE
    out, ref = shingles(output, size), shingles(gold, size)
    shared = sum((out & ref).values())
    n_out, n_ref = sum(out.values()), sum(ref.values())
    precision = shared / n_out if n_out else None
    recall = shared / n_ref if n_ref else 1.0
    return PageScore(precision, recall)


def score_set(pages: Iterable[PageScore]) -> SetScore:
    """Aggregate page scores as the benchmarks do (mean P over non-empty outputs, mean R)."""
    pages = list(pages)
    precisions = [p.precision for p in pages if p.precision is not None]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(p.recall for p in pages) / len(pages) if pages else 0.0
    return SetScore(precision, recall, harmonic_mean(precision, recall), len(pages))
