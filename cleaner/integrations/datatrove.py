"""datatrove steps: clean ``Document.text`` in a datatrove pipeline (extra
``article-cleaner[datatrove]``).

One pass, no corpus boilerplate: :class:`CleanerStep` after any reader::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleaner.integrations.datatrove import CleanerStep

    LocalPipelineExecutor(
        [
            JsonlReader("data/in"),
            CleanerStep(exclusion_writer=JsonlWriter("data/rejected")),
            JsonlWriter("data/clean"),
        ],
        tasks=64,
        logging_dir="logs/clean",
    ).run()

Two stages, with the paragraphs that recur across the documents of a site removed too
(:mod:`cleaner.batch.boilerplate`): stage 1 counts paragraph keys per source and writes one
counter per task; stage 2 merges them all and cleans each document with its source's
boilerplate::

    from cleaner.integrations.datatrove import CleanerStep, ParagraphKeysStep

    count = LocalPipelineExecutor(
        [JsonlReader("data/in"), ParagraphKeysStep("data/paragraph-keys")],
        tasks=64,
        logging_dir="logs/keys",
    )
    clean = LocalPipelineExecutor(
        [
            JsonlReader("data/in"),
            CleanerStep(
                boilerplate_folder="data/paragraph-keys",
                exclusion_writer=JsonlWriter("data/rejected"),
            ),
            JsonlWriter("data/clean"),
        ],
        tasks=64,
        logging_dir="logs/clean",
        depends=count,  # stage 2 starts once every stage-1 task has written its counter
    )
    clean.run()

The same steps run unchanged on ``SlurmPipelineExecutor`` and ``RayPipelineExecutor``
(``depends=`` there too; any fsspec folder, ``s3://...`` included, works as
``boilerplate_folder``). Both stages must read the same documents, name their source the
same way (``source_key``/``url_key``) and use the same :class:`~cleaner.Config`: the counts
are of the paragraphs the cleaner decides on, which depend on the configuration.

What :class:`CleanerStep` does to each document (the shape of
:mod:`cleaner.batch.records`, as datatrove metadata):

- ``text`` becomes the clean text;
- ``metadata["clean_error"]``: ``None`` when cleaned, or ``"ErrorType: message"`` when the document
  could not be cleaned (too large, undecodable, over the time budget, ...);
- ``metadata["clean_removed"]``: ``[{"rule", "family", "text"}, ...]``;
- ``metadata["clean_repairs"]``: the repair ids that changed the input;
- ``metadata["clean_metadata"]``: the cleaner's metadata (byline, dates, ...) as a JSON
  string, since its keys vary from document to document and writers need a stable schema.

Every document gets every key, failed or not, so Parquet and Arrow schemas stay stable.

No document is lost silently:

- a document that fails (a :class:`~cleaner.CleanerError`, or any other exception, as in
  :func:`cleaner.batch.records.clean_record`) keeps its original text and gets
  ``clean_error``; with an ``exclusion_writer`` it goes there
  (``filter_reason="clean_error"``), without one it goes on down the pipeline, unchanged
  but for its metadata (filter on ``clean_error`` to drop it later). Stats ``failed`` and
  ``failed_<ErrorType>``.
- a document whose clean text is empty (all of it cruft) is dropped, as datatrove filters
  drop documents (stats ``dropped``, ``dropped_empty``); with an ``exclusion_writer`` it
  goes there with its *original* text and ``filter_reason="empty"``, so what was removed
  can be checked. ``drop_empty=False`` forwards it with empty text instead (note that
  datatrove writers leave out an empty ``text`` field and datatrove readers skip documents
  without text).

Stats per task (summed in the executor's ``stats.json``): ``documents``, ``forwarded``,
``dropped``, ``failed``, ``removed_<rule>`` and ``family_<family>`` (paragraphs removed,
per document where any were), ``removed_chars``, ``repair_<repair>``, ``doc_len``.
"""

from __future__ import annotations

import contextlib
import json
from collections import Counter
from collections.abc import Collection, Iterator
from typing import Any

try:
    from datatrove.data import Document, DocumentsPipeline
    from datatrove.io import DataFolder, DataFolderLike, get_datafolder
    from datatrove.pipeline.base import PipelineStep
    from datatrove.pipeline.writers.disk_base import DiskWriter
    from datatrove.utils.logging import logger
    from datatrove.utils.typeshelper import StatHints
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "cleaner.integrations.datatrove needs datatrove: pip install 'article-cleaner[datatrove]'"
    ) from exc

from .._api import Cleaner
from .._config import Config
from .._errors import InputError
from .._result import CleanResult
from ..batch.boilerplate import DEFAULT_MAX_KEYS, RecurrenceCounter, Source
from ..batch.records import ERROR_FIELD, METADATA_FIELD, REMOVED_FIELD, domain, error_text

__all__ = [
    "REPAIRS_FIELD",
    "CleanerStep",
    "ParagraphKeysStep",
    "document_source",
    "read_counters",
]

REPAIRS_FIELD = "clean_repairs"
#: The metadata key datatrove's own filters use to say why a document was excluded.
FILTER_REASON_FIELD = "filter_reason"
#: File names of the pass-1 counters, one per task.
COUNTER_GLOB = "*.json"


def document_source(doc: Document, source_key: str | None, url_key: str) -> Source:
    """The source (site) of a document: ``metadata[source_key]``, else the domain of
    ``metadata[url_key]`` (``None`` when there is neither)."""
    if source_key is not None:
        value = doc.metadata.get(source_key)
        return None if value is None else str(value)
    return domain(doc.metadata.get(url_key))


def read_counters(folder: DataFolderLike, max_keys: int = DEFAULT_MAX_KEYS) -> RecurrenceCounter:
    """Every pass-1 counter in ``folder`` (as written by :class:`ParagraphKeysStep`),
    merged. Raises :class:`FileNotFoundError` when there is none: stage 2 without stage 1
    is a mistake, not a corpus without boilerplate."""
    data_folder = get_datafolder(folder)
    files = data_folder.list_files(glob_pattern=COUNTER_GLOB, recursive=False)
    if not files:
        raise FileNotFoundError(
            f"no paragraph-key counters ({COUNTER_GLOB}) in {data_folder.path}: run "
            "ParagraphKeysStep into it first (executor depends=)"
        )
    merged = RecurrenceCounter(max_keys)
    for name in files:
        with data_folder.open(name, "rt", encoding="utf-8") as f:
            merged.merge(RecurrenceCounter.from_json(json.load(f), max_keys))
    return merged


def _failure(exc: Exception) -> Exception:
    """What a document failed with, as :func:`cleaner.batch.records.clean_record` reports it:
    the cleaner's own error; an :class:`InputError` for input nested too deep for a library;
    any other exception (a bug) as itself, so the document is kept, failed, and the stats
    name the bug's type."""
    if isinstance(exc, RecursionError):
        return InputError(f"input too deeply nested: {exc}")
    return exc


class _CleanerMixin:
    """A :class:`Cleaner` built once per task, on first use, and never pickled: the step
    itself stays a few bytes of configuration when an executor ships it to workers."""

    config: Config
    _cleaner: Cleaner | None

    def cleaner(self) -> Cleaner:
        if self._cleaner is None:
            self._cleaner = Cleaner(self.config)
        return self._cleaner

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_cleaner"] = None
        return state


class ParagraphKeysStep(_CleanerMixin, PipelineStep):
    """Pass 1 of corpus boilerplate: count, per source, the paragraph keys of every document,
    and write the task's counter to ``output_folder/{rank:05d}.json``.

    Like datatrove's dedup signature stages it yields nothing: its output is the counter
    files, read by ``CleanerStep(boilerplate_folder=output_folder)`` in the next stage (see
    the module docstring). A task with no documents still writes an (empty) counter.

    A document that cannot be cleaned is not counted as a document of its source (stat
    ``failed``), as in ``clean_batch``, ``cleaner batch`` and the Ray pass
    (:func:`cleaner.batch.records.record_keys`); it fails again in stage 2, where it is
    reported. ``config``, ``source_key`` and ``url_key`` must be those of the stage-2
    :class:`CleanerStep`. ``max_keys`` bounds the memory of the counter (see
    :class:`~cleaner.batch.boilerplate.RecurrenceCounter`).

    Stage 2 reads every ``*.json`` in ``output_folder``: give each corpus run a folder of
    its own (a rerun with the same tasks overwrites its counters, or skips the completed
    tasks, whose counters stay; a rerun with fewer tasks would leave stale ones behind).
    """

    name = "🧮 Paragraph keys"
    type = "🧹 - CLEANER"

    def __init__(
        self,
        output_folder: DataFolderLike,
        config: Config | None = None,
        source_key: str | None = None,
        url_key: str = "url",
        max_keys: int = DEFAULT_MAX_KEYS,
    ) -> None:
        super().__init__()
        self.output_folder: DataFolder = get_datafolder(output_folder)
        self.config = config or Config()
        self.source_key = source_key
        self.url_key = url_key
        self.max_keys = max_keys
        self._cleaner = None

    def run(
        self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1
    ) -> Iterator[Document]:
        cleaner = self.cleaner()
        counter = RecurrenceCounter(self.max_keys)
        for doc in data or ():
            self.stat_update("documents")
            with self.track_time():
                try:
                    keys = cleaner.paragraph_keys(doc.text)
                except Exception as exc:  # reported with the document in stage 2
                    self._failed(_failure(exc))
                    continue
                counter.add(document_source(doc, self.source_key, self.url_key), keys)
            self.stat_update("paragraph_keys", value=len(keys))
        if counter.prunes:
            self.stat_update("prunes", value=counter.prunes, unit="task")
        with self.output_folder.open(f"{rank:05d}.json", "wt", encoding="utf-8") as f:
            json.dump(counter.to_json(), f, ensure_ascii=False, separators=(",", ":"))
        logger.info(
            f"Counted {counter.docs.total()} documents of {len(counter.docs)} sources "
            f"({counter.size} paragraph keys) into {self.output_folder.path}/{rank:05d}.json"
        )
        # A generator that yields nothing: the executor drains it, which runs the count.
        yield from ()

    def _failed(self, exc: BaseException) -> None:
        self.stat_update("failed", f"failed_{type(exc).__name__}")


class CleanerStep(_CleanerMixin, PipelineStep):
    """Clean ``Document.text`` in place (see the module docstring for the metadata added,
    failed and empty documents, and the stats).

    Args:
        config: the cleaner's options (default ``Config()``).
        boilerplate_folder: where a :class:`ParagraphKeysStep` stage wrote its counters;
            they are all read and merged when the task starts, and each document is cleaned
            with the boilerplate of its source. Without it, no corpus boilerplate.
        source_key: the metadata key naming a document's source (site); by default the
            domain of ``metadata[url_key]``.
        url_key: where the URL is, when there is no ``source_key``.
        exclusion_writer: a datatrove writer for the documents that failed or came out empty
            (with their original text and ``filter_reason``).
        drop_empty: drop documents whose clean text is empty (default), or forward them.
        with_removed: add ``clean_removed`` (the removed text can be as large as the rest).
        max_keys: the memory bound of the merged counter.
    """

    name = "🧽 Article cleaner"
    type = "🧹 - CLEANER"

    def __init__(
        self,
        config: Config | None = None,
        boilerplate_folder: DataFolderLike | None = None,
        source_key: str | None = None,
        url_key: str = "url",
        exclusion_writer: DiskWriter | None = None,
        drop_empty: bool = True,
        with_removed: bool = True,
        max_keys: int = DEFAULT_MAX_KEYS,
    ) -> None:
        super().__init__()
        self.config = config or Config()
        self.boilerplate_folder: DataFolder | None = (
            None if boilerplate_folder is None else get_datafolder(boilerplate_folder)
        )
        self.source_key = source_key
        self.url_key = url_key
        self.exclusion_writer = exclusion_writer
        self.drop_empty = drop_empty
        self.with_removed = with_removed
        self.max_keys = max_keys
        self._cleaner = None

    def load_boilerplate(self) -> dict[Source, frozenset[int]]:
        """The boilerplate keys per source from ``boilerplate_folder`` (empty without one)."""
        if self.boilerplate_folder is None:
            return {}
        counter = read_counters(self.boilerplate_folder, self.max_keys)
        found = counter.boilerplate()
        logger.info(
            f"Corpus boilerplate: {counter.docs.total()} documents of {len(counter.docs)} "
            f"sources counted, {sum(map(len, found.values()))} recurring paragraphs in "
            f"{len(found)} sources"
        )
        return found

    def run(
        self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1
    ) -> Iterator[Document]:
        cleaner = self.cleaner()
        found = self.load_boilerplate()
        writer_cm = self.exclusion_writer if self.exclusion_writer else contextlib.nullcontext()
        with writer_cm as writer:
            for doc in data or ():
                self.stat_update("documents")
                keys = found.get(document_source(doc, self.source_key, self.url_key), ())
                with self.track_time():
                    reason = self._clean(cleaner, doc, keys)
                if reason is None or (writer is None and reason == ERROR_FIELD):
                    # Cleaned, or failed with nowhere else to go: on down the pipeline.
                    self.stat_update(StatHints.forwarded)
                    self.update_doc_stats(doc)
                    yield doc
                    continue
                self.stat_update(StatHints.dropped)
                if writer is not None:
                    doc.metadata[FILTER_REASON_FIELD] = reason
                    writer.write(doc, rank)

    def _clean(self, cleaner: Cleaner, doc: Document, keys: Collection[int]) -> str | None:
        """Clean one document in place; the reason to exclude it, ``None`` to forward it."""
        try:
            result = cleaner.clean_document(doc.text, boilerplate=keys)
        except Exception as exc:
            return self._failed(doc, _failure(exc))
        return self._cleaned(doc, result)

    def _failed(self, doc: Document, exc: BaseException) -> str:
        self.stat_update("failed", f"failed_{type(exc).__name__}")
        doc.metadata[ERROR_FIELD] = error_text(exc)
        doc.metadata[REMOVED_FIELD] = []
        doc.metadata[REPAIRS_FIELD] = []
        doc.metadata[METADATA_FIELD] = "{}"
        return ERROR_FIELD

    def _cleaned(self, doc: Document, result: CleanResult) -> str | None:
        removed: Counter[str] = Counter(r.rule for r in result.removed)
        families: Counter[str] = Counter(r.family for r in result.removed)
        for rule, n in removed.items():
            self.stat_update(f"removed_{rule}", value=n)
        for family, n in families.items():
            self.stat_update(f"family_{family}", value=n)
        if result.removed:
            self.stat_update("removed_chars", value=sum(len(r.text) for r in result.removed))
        for repair in result.repairs:
            self.stat_update(f"repair_{repair}")
        doc.metadata[ERROR_FIELD] = None
        doc.metadata[REMOVED_FIELD] = (
            [{"rule": r.rule, "family": r.family, "text": r.text} for r in result.removed]
            if self.with_removed
            else []
        )
        doc.metadata[REPAIRS_FIELD] = list(result.repairs)
        doc.metadata[METADATA_FIELD] = json.dumps(
            result.metadata, ensure_ascii=False, sort_keys=True
        )
        if self.drop_empty and not result.text.strip():
            self.stat_update("dropped_empty")
            return "empty"  # excluded with its original text
        doc.text = result.text
        return None
