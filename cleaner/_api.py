"""The public entry points: ``Cleaner`` and the convenience functions over it."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from functools import lru_cache
from typing import Any

from ._config import Config
from ._errors import CleanerError, InputError
from ._result import CleanResult
from .batch.boilerplate import RECURRING_MAX_SHARE, RecurrenceCounter
from .pipeline import Pipeline, Prepared
from .rules.context import paragraph_key


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
        """The clean text of one document: ``clean_document(text).text``, without
        reading the page metadata that only the full result carries."""
        _check_type(text)
        return self._finish(self._pipeline.prepare(text, want_metadata=False), ()).text

    def clean_document(self, text: str | bytes, boilerplate: Collection[int] = ()) -> CleanResult:
        """The clean text of one document with title, metadata, removals and repairs.

        ``boilerplate``: the paragraph keys recurring in the document's source (the second
        pass of corpus boilerplate, see :mod:`cleaner.batch.boilerplate`).
        """
        _check_type(text)
        return self._finish(self._pipeline.prepare(text), boilerplate)

    def paragraph_keys(self, text: str | bytes) -> frozenset[int]:
        """The first pass of corpus boilerplate: the keys of the document's paragraphs.

        The paragraphs are those :meth:`clean_document` decides on (decoded, extracted,
        repaired), so a key counted here is a key found there.
        """
        _check_type(text)
        return self._keys(self._pipeline.prepare(text))

    def _keys(self, prep: Prepared) -> frozenset[int]:
        if not self.config.enabled("recurring-in-source", "boilerplate"):
            return frozenset()
        return frozenset(paragraph_key(p) for p in prep.paras)

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
    ) -> dict[str | None, frozenset[int]]:
        counter = RecurrenceCounter(max_keys=len(prepared) * 1000 + 1000)
        for prep, key in zip(prepared, keys, strict=True):
            if prep is not None:
                counter.add(key, self._keys(prep))
        return counter.boilerplate()

    def _finish(self, prep: Prepared, boilerplate: Collection[int]) -> CleanResult:
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
