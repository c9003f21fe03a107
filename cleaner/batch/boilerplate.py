"""Corpus boilerplate (SPEC, last row of "Removed"): paragraphs that recur across the
documents of one source.

Two passes, whatever runs them (``clean_batch``, ``cleaner batch``, Ray, datatrove):

1. every document is prepared and its paragraph keys (:func:`~cleaner.rules.context.
   paragraph_key`, 64-bit) are counted per source, once per document, in a
   :class:`RecurrenceCounter`; counters of workers or shards are merged;
2. each document is cleaned with its source's boilerplate, the keys that reached
   :func:`recurring_threshold` (``Cleaner.clean_document(text, boilerplate=...)``).

Memory: 8 bytes of key plus a count per distinct (source, paragraph) pair. Above
``max_keys`` pairs the counter prunes the pairs seen only once (a body paragraph is seen
once; boilerplate of a large source has long passed 1): counting stays exact for every
pair that recurs before a prune, and memory stays bounded however large the corpus.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

#: A paragraph is boilerplate of a source when it occurs in at least
#: ``recurring_threshold(n)`` of the source's ``n`` documents: 3 of 4, 5 of 10, 21 of 100,
#: then 1% (plus 20) of a large source: 30 of 1,000, 40,020 of 4 million. Small batches
#: need a majority; large ones a recurrence that no body paragraph reaches, however often
#: an article is quoted.
RECURRING_MIN_DOCS = 3
RECURRING_SMALL_SHARE = 0.5
RECURRING_LARGE_SHARE = 0.01
RECURRING_LARGE_BASE = 20
#: A document that would lose more than this share of its text to corpus boilerplate is a
#: copy of other documents, not a page with boilerplate: it is left whole (deduplication
#: is a separate job, and losing body text is worse than keeping cruft).
RECURRING_MAX_SHARE = 0.5
#: Distinct (source, paragraph) pairs kept before pruning: about 150 MB of Python dicts.
DEFAULT_MAX_KEYS = 1_000_000

Source = str | None


def recurring_threshold(n: int) -> int:
    """How many of a source's ``n`` documents a paragraph must occur in to be boilerplate."""
    share = min(RECURRING_SMALL_SHARE * n, RECURRING_LARGE_BASE + RECURRING_LARGE_SHARE * n)
    return max(RECURRING_MIN_DOCS, math.ceil(share))


class RecurrenceCounter:
    """Per source: how many documents, and in how many of them each paragraph key occurs.

    >>> c = RecurrenceCounter()
    >>> for keys in ({1, 2}, {1, 3}, {1, 4}, {1, 5}):
    ...     c.add("example.com", keys)
    >>> c.boilerplate()
    {'example.com': frozenset({1})}
    """

    def __init__(self, max_keys: int = DEFAULT_MAX_KEYS) -> None:
        self.max_keys = max_keys
        self.docs: Counter[Source] = Counter()
        self.counts: dict[Source, Counter[int]] = {}
        self.size = 0
        self.prunes = 0

    def add(self, source: Source, keys: Iterable[int]) -> None:
        """Count one document of ``source`` with these paragraph keys (each once)."""
        self.docs[source] += 1
        counter = self.counts.get(source)
        if counter is None:
            counter = self.counts[source] = Counter()
        before = len(counter)
        counter.update(set(keys))
        self.size += len(counter) - before
        if self.size > self.max_keys:
            self._prune()

    def merge(self, other: RecurrenceCounter) -> None:
        """Add another counter's documents (a worker's, a shard's) to this one."""
        self.docs.update(other.docs)
        self.prunes += other.prunes
        for source, theirs in other.counts.items():
            mine = self.counts.get(source)
            if mine is None:
                self.counts[source] = Counter(theirs)
                self.size += len(theirs)
            else:
                before = len(mine)
                mine.update(theirs)
                self.size += len(mine) - before
        if self.size > self.max_keys:
            self._prune()

    def _prune(self) -> None:
        # Drop the rarest pairs until at most half the budget is used, so pruning
        # happens O(log) times, not at every document. Survivors move to new dicts: a
        # dict never shrinks its table, and a source's old table would keep the memory
        # of every pair it ever held.
        floor = 1
        while self.size > self.max_keys // 2:
            size = 0
            for source, counter in list(self.counts.items()):
                kept = Counter({k: c for k, c in counter.items() if c > floor})
                if kept:
                    self.counts[source] = kept
                else:
                    del self.counts[source]
                size += len(kept)
            self.size = size
            floor += 1
        self.prunes += 1

    def boilerplate(self) -> dict[Source, frozenset[int]]:
        """The keys that reached the threshold of their source (sources with none left out)."""
        out: dict[Source, frozenset[int]] = {}
        for source, counter in self.counts.items():
            threshold = recurring_threshold(self.docs[source])
            found = frozenset(k for k, c in counter.items() if c >= threshold)
            if found:
                out[source] = found
        return out

    def to_json(self) -> dict[str, Any]:
        """The counts as JSON-ready data (sources may be ``None``; keys are integers)."""
        return {
            "docs": [[s, n] for s, n in self.docs.items()],
            "counts": [[s, sorted(c.items())] for s, c in self.counts.items()],
            "prunes": self.prunes,
        }

    @classmethod
    def from_json(
        cls, data: Mapping[str, Any], max_keys: int = DEFAULT_MAX_KEYS
    ) -> RecurrenceCounter:
        """The inverse of :meth:`to_json`."""
        c = cls(max_keys)
        c.docs = Counter({s: n for s, n in data["docs"]})
        c.counts = {s: Counter({k: n for k, n in pairs}) for s, pairs in data["counts"]}
        c.size = sum(len(v) for v in c.counts.values())
        c.prunes = int(data.get("prunes", 0))
        return c


def boilerplate_to_json(found: Mapping[Source, frozenset[int]]) -> list[list[Any]]:
    """Boilerplate per source as JSON-ready pairs (a source may be ``None``)."""
    return [[s, sorted(keys)] for s, keys in found.items()]


def boilerplate_from_json(data: Iterable[list[Any]]) -> dict[Source, frozenset[int]]:
    """The inverse of :func:`boilerplate_to_json`."""
    return {s: frozenset(keys) for s, keys in data}
