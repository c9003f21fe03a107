"""The public entry points: ``Cleaner`` and the convenience functions over it."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from functools import lru_cache
from typing import Any

from ._config import Config
from ._errors import CleanerError, InputError
from ._result import CleanResult
from .pipeline import Pipeline, Prepared
from .rules.context import fingerprint

#: Corpus boilerplate: a paragraph is boilerplate of a source when it occurs in at least
#: ``recurring_threshold(n)`` of the source's ``n`` documents: 3 of 4, 5 of 10, 21 of 100,
#: then 1% (plus 20) of a large source. Small batches need a majority, large ones a
#: recurrence no body paragraph reaches, however often an article is quoted.
RECURRING_MIN_DOCS = 3
RECURRING_SMALL_SHARE = 0.5
RECURRING_LARGE_SHARE = 0.01
RECURRING_LARGE_BASE = 20
#: A document that would lose more than this share of its text to corpus boilerplate is
#: a copy of other documents, not a page with boilerplate: it is left whole (dedup is a
#: separate job, and losing body text is worse than keeping cruft).
RECURRING_MAX_SHARE = 0.5


def recurring_threshold(n: int) -> int:
    """How many of a source's ``n`` documents a paragraph must occur in to be boilerplate."""
    share = min(RECURRING_SMALL_SHARE * n, RECURRING_LARGE_BASE + RECURRING_LARGE_SHARE * n)
    return max(RECURRING_MIN_DOCS, math.ceil(share))


class BatchError(CleanerError):
    """Some documents of a batch failed; the others were cleaned.

    ``failures`` maps each failed index to its error; ``results`` holds every document's
    output in order, ``None`` where it failed, so no record is lost.
    """

    def __init__(self, failures: dict[int, CleanerError], results: list[str | None]) -> None:
        self.failures = failures
        self.results = results
        listed = "; ".join(f"#{i}: {e}" for i, e in list(failures.items())[:5])
        more = f" (and {len(failures) - 5} more)" if len(failures) > 5 else ""
        super().__init__(f"{len(failures)} of {len(results)} documents failed: {listed}{more}")


class Cleaner:
    """A configured cleaner: rules compiled once, then any number of documents.

    >>> Cleaner(Config(disable=frozenset({"comments"}))).clean("Title\\n\\nBody text.")
    'Title\\n\\nBody text.'
    """

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        self._pipeline = Pipeline(self.config)

    def clean(self, text: str | bytes) -> str:
        """The clean text of one document."""
        return self.clean_document(text).text

    def clean_document(self, text: str | bytes) -> CleanResult:
        """The clean text of one document with title, metadata, removals and repairs."""
        _check_type(text)
        return self._pipeline.run(text)

    def clean_batch(
        self, texts: Iterable[str | bytes], sources: Sequence[str | None] | None = None
    ) -> list[str]:
        """Clean many documents in order, removing boilerplate shared within a source.

        ``sources[i]`` names the site of ``texts[i]``; without it the batch is one source.
        Raises :class:`BatchError` (with every result attached) if any document fails.
        """
        return [r.text for r in self.clean_batch_documents(texts, sources)]

    def clean_batch_documents(
        self, texts: Iterable[str | bytes], sources: Sequence[str | None] | None = None
    ) -> list[CleanResult]:
        """Like :meth:`clean_batch`, returning the full results."""
        docs = list(texts)
        if sources is not None and len(sources) != len(docs):
            raise InputError(f"{len(sources)} sources for {len(docs)} texts")
        keys = list(sources) if sources is not None else [None] * len(docs)
        prepared: list[Prepared | None] = []
        failures: dict[int, CleanerError] = {}
        for i, doc in enumerate(docs):
            try:
                _check_type(doc)
                prepared.append(self._pipeline.prepare(doc))
            except CleanerError as exc:
                failures[i] = exc
                prepared.append(None)
        boilerplate = self._recurring(prepared, keys)
        results: list[CleanResult | None] = []
        for i, (prep, key) in enumerate(zip(prepared, keys, strict=True)):
            if prep is None:
                results.append(None)
                continue
            try:
                results.append(self._finish(prep, boilerplate.get(key, ())))
            except CleanerError as exc:
                failures[i] = exc
                results.append(None)
        if failures:
            raise BatchError(
                dict(sorted(failures.items())), [r.text if r else None for r in results]
            )
        return [r for r in results if r is not None]

    def _recurring(
        self, prepared: list[Prepared | None], keys: list[str | None]
    ) -> dict[Any, set[str]]:
        if not self.config.enabled("recurring-in-source", "boilerplate"):
            return {}
        counts: dict[Any, Counter[str]] = defaultdict(Counter)
        sizes: Counter[Any] = Counter()
        for prep, key in zip(prepared, keys, strict=True):
            if prep is not None:
                sizes[key] += 1
                counts[key].update({fingerprint(p) for p in prep.paras})
        out: dict[Any, set[str]] = {}
        for key, counter in counts.items():
            threshold = recurring_threshold(sizes[key])
            found = {fp for fp, c in counter.items() if c >= threshold and fp}
            if found:
                out[key] = found
        return out

    def _finish(self, prep: Prepared, boilerplate: Collection[str]) -> CleanResult:
        result = self._pipeline.finish(prep, boilerplate)
        if not boilerplate:
            return result
        recurring = sum(len(r.text) for r in result.removed if r.rule == "recurring-in-source")
        if recurring > RECURRING_MAX_SHARE * (len(result.text) + recurring):
            return self._pipeline.finish(prep)
        return result


def _check_type(text: object) -> None:
    if not isinstance(text, str | bytes):
        raise InputError(f"expected str or bytes, got {type(text).__name__}")


@lru_cache(maxsize=32)
def _cleaner(config: Config) -> Cleaner:
    return Cleaner(config)


def _config(options: dict[str, Any]) -> Config:
    try:
        return Config(**options)
    except TypeError as exc:
        raise CleanerError(f"unknown option: {exc}") from None


def clean(text: str | bytes, **options: Any) -> str:
    """Clean one document (``options`` are :class:`Config` fields)."""
    return _cleaner(_config(options)).clean(text)


def clean_document(text: str | bytes, **options: Any) -> CleanResult:
    """Clean one document and return the full :class:`CleanResult`."""
    return _cleaner(_config(options)).clean_document(text)


def clean_batch(
    texts: Iterable[str | bytes], sources: Sequence[str | None] | None = None, **options: Any
) -> list[str]:
    """Clean many documents in order; boilerplate shared within a source is removed."""
    return _cleaner(_config(options)).clean_batch(texts, sources)
