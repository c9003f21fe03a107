"""Ray Data: clean a corpus on a cluster, record for record what ``cleaner batch`` writes.

::

    import ray
    from cleaner import Config
    from cleaner.batch.records import RecordOptions
    from cleaner.integrations.ray import clean_dataset

    # Keep the input order (Ray does not by default; a Parquet sink rarely needs it).
    ray.data.DataContext.get_current().execution_options.preserve_order = True

    ds = ray.data.read_json("articles/")  # JSON lines; fields: url, text, anything else
    out = clean_dataset(ds, Config(disable=frozenset({"comments"})), concurrency=4)
    out.write_parquet("clean/")

(Ray's readers infer types: its Arrow JSON reader turns date-like strings into
timestamps, ``lines=True`` reads through pandas and turns integers with gaps into floats.
Pass an explicit schema where the other columns must come out as they went in.)

Each output row is the input row, every column kept, plus the columns of
:mod:`cleaner.batch.records`: ``clean_text`` (``RecordOptions.output_field``; null when the
record failed), ``clean_error`` (null, or ``"ErrorType: message"``: a bad record is kept,
never dropped) and, when asked, ``clean_removed`` (list of ``{rule, family, text}``) and
``clean_metadata`` (a JSON string). Their Arrow types are fixed (:func:`added_fields`), so
every batch has the same schema, even one in which no record failed.

Corpus boilerplate (paragraphs recurring across the documents of one site, rule
``recurring-in-source``) takes two passes over ``ds``, as in ``cleaner batch``:

1. :class:`ParagraphKeys` counts, per batch, each record's paragraph keys per source (the
   ``source_field``, else the domain of ``url_field``) and returns one row per batch: the
   batch's :class:`~cleaner.batch.boilerplate.RecurrenceCounter` as JSON. The driver
   streams those rows (``iter_rows``) into one counter, whose pruning bounds its memory,
   and keeps the keys that recur (:func:`corpus_boilerplate`). This pass runs when
   :func:`clean_dataset` is called.
2. :class:`CleanBatch` cleans each record with its source's boilerplate. The returned
   dataset is lazy: it runs when consumed, and reads ``ds`` a second time
   (``ds.materialize()`` first if reading twice costs more than holding it in memory).

Both passes run callable classes on an actor pool, so the rules are compiled once per
actor, not per batch, and take ``pyarrow.Table`` batches (``batch_format="pyarrow"``):
Arrow turns values into plain Python (a missing field is ``None``, not a NaN; an integer
stays an integer), and the input columns pass through with their own types.

Each actor takes ``num_cpus`` (Ray's default: 1). A fixed pool that takes every CPU of the
cluster leaves none for the tasks that read ``ds``, and the run waits forever (seen on Ray
2.60 with ``concurrency`` equal to the CPUs): keep ``concurrency`` times ``num_cpus``
below the cluster's CPUs, or ``ds.materialize()`` first.

Without corpus boilerplate (``clean_dataset(ds, boilerplate=False)``, or a config that
disables ``boilerplate`` or ``recurring-in-source``), pass 1 is skipped. To use the
callable directly, one document at a time::

    out = ds.map_batches(
        CleanBatch,
        fn_constructor_kwargs={"config": Config(), "options": RecordOptions()},
        batch_format="pyarrow",  # required
        compute=ray.data.ActorPoolStrategy(size=4),
    )

Ray pickles the constructor arguments; ``Config`` and ``RecordOptions`` are picklable, and
``Config.phrase_files`` must exist at the same paths on every node.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping
from typing import Any

try:
    import pyarrow as pa
    import ray
    import ray.data
except ImportError as exc:
    raise ImportError(
        "cleaner.integrations.ray needs Ray: pip install 'article-cleaner[ray]'"
    ) from exc

from .._api import Cleaner
from .._config import Config
from ..batch.boilerplate import (
    DEFAULT_MAX_KEYS,
    RecurrenceCounter,
    Source,
    boilerplate_from_json,
)
from ..batch.records import (
    ERROR_FIELD,
    METADATA_FIELD,
    REMOVED_FIELD,
    RecordOptions,
    clean_record,
    count_record,
)

__all__ = [
    "COUNTER_COLUMN",
    "DEFAULT_BATCH_SIZE",
    "CleanBatch",
    "ParagraphKeys",
    "added_fields",
    "clean_dataset",
    "corpus_boilerplate",
]

#: The one column of pass 1's rows: a batch's ``RecurrenceCounter.to_json()`` as JSON.
COUNTER_COLUMN = "recurrence_counter"
#: Records per batch: a few MB of articles, and one counter per this many in pass 1.
DEFAULT_BATCH_SIZE = 256

_REMOVED_TYPE = pa.list_(
    pa.struct([("rule", pa.string()), ("family", pa.string()), ("text", pa.string())])
)

#: ``int``: a fixed pool of that many actors; ``(min, max)``: an autoscaling pool;
#: ``None``: Ray's default for callable classes (autoscaling from 1).
Concurrency = int | tuple[int, int] | None


def added_fields(options: RecordOptions | None = None) -> list[pa.Field]:
    """The columns :class:`CleanBatch` adds (or replaces), in order, with their types."""
    opts = options or RecordOptions()
    fields = [pa.field(opts.output_field, pa.string()), pa.field(ERROR_FIELD, pa.string())]
    if opts.with_removed:
        fields.append(pa.field(REMOVED_FIELD, _REMOVED_TYPE))
    if opts.with_metadata:
        fields.append(pa.field(METADATA_FIELD, pa.string()))
    return fields


class CleanBatch:
    """Pass 2, for ``Dataset.map_batches(CleanBatch, batch_format="pyarrow", ...)``.

    ``boilerplate``: the paragraph keys recurring per source, as found by
    :func:`corpus_boilerplate` (or in the JSON form of
    :func:`~cleaner.batch.boilerplate.boilerplate_to_json`); ``None`` for none.
    The :class:`~cleaner.Cleaner` is built once, when Ray starts the actor.
    """

    def __init__(
        self,
        config: Config | None = None,
        options: RecordOptions | None = None,
        boilerplate: Mapping[Source, Collection[int]] | Iterable[list[Any]] | None = None,
    ) -> None:
        self.options = options or RecordOptions()
        self.boilerplate = _boilerplate(boilerplate)
        self.cleaner = Cleaner(config)
        self._fields = added_fields(self.options)

    def __call__(self, batch: pa.Table) -> pa.Table:
        opts = self.options
        out = [
            clean_record(self.cleaner, row, opts, self.boilerplate)
            for row in _rows(batch, opts, "CleanBatch")
        ]
        for field in self._fields:
            column = pa.array([record[field.name] for record in out], type=field.type)
            index = batch.schema.get_field_index(field.name)
            if index < 0:
                batch = batch.append_column(field, column)
            else:  # a column of that name was there (the text field itself, a rerun)
                batch = batch.set_column(index, field, column)
        return batch


class ParagraphKeys:
    """Pass 1, for ``Dataset.map_batches(ParagraphKeys, batch_format="pyarrow", ...)``.

    Returns one row per batch, column :data:`COUNTER_COLUMN`: the JSON of a
    :class:`~cleaner.batch.boilerplate.RecurrenceCounter` of the batch's records
    (:func:`~cleaner.batch.records.count_record`: a record that cannot be cleaned is not a
    document of its source, as in ``cleaner batch``). Merge the rows with
    :meth:`RecurrenceCounter.merge`.
    """

    def __init__(
        self,
        config: Config | None = None,
        options: RecordOptions | None = None,
        max_keys: int = DEFAULT_MAX_KEYS,
    ) -> None:
        self.options = options or RecordOptions()
        self.max_keys = max_keys
        self.cleaner = Cleaner(config)

    def __call__(self, batch: pa.Table) -> pa.Table:
        opts = self.options
        counter = RecurrenceCounter(self.max_keys)
        for row in _rows(batch, opts, "ParagraphKeys"):
            count_record(counter, self.cleaner, row, opts)
        data = json.dumps(counter.to_json(), separators=(",", ":"))
        return pa.table({COUNTER_COLUMN: pa.array([data], type=pa.string())})


def corpus_boilerplate(
    ds: ray.data.Dataset,
    config: Config | None = None,
    options: RecordOptions | None = None,
    *,
    concurrency: Concurrency = None,
    num_cpus: float | None = None,
    batch_size: int | None = DEFAULT_BATCH_SIZE,
    max_keys: int = DEFAULT_MAX_KEYS,
) -> dict[Source, frozenset[int]]:
    """Pass 1: the paragraph keys recurring per source in ``ds`` (runs ``ds`` now).

    The per-batch counters stream to the driver and merge into one counter of at most
    ``max_keys`` (source, paragraph) pairs before pruning.
    """
    counts = ds.map_batches(
        ParagraphKeys,
        fn_constructor_kwargs={"config": config, "options": options, "max_keys": max_keys},
        batch_format="pyarrow",
        batch_size=batch_size,
        compute=_compute(concurrency),
        num_cpus=num_cpus,
    )
    total = RecurrenceCounter(max_keys)
    for row in counts.iter_rows():
        total.merge(RecurrenceCounter.from_json(json.loads(row[COUNTER_COLUMN]), max_keys))
    return total.boilerplate()


def clean_dataset(
    ds: ray.data.Dataset,
    config: Config | None = None,
    options: RecordOptions | None = None,
    *,
    boilerplate: bool | Mapping[Source, Collection[int]] = True,
    concurrency: Concurrency = None,
    num_cpus: float | None = None,
    batch_size: int | None = DEFAULT_BATCH_SIZE,
    max_keys: int = DEFAULT_MAX_KEYS,
) -> ray.data.Dataset:
    """``ds`` cleaned, one output row per input row (see the module docstring).

    ``boilerplate``: ``True`` finds corpus boilerplate in ``ds`` first (pass 1, run now);
    ``False`` cleans each record alone; a mapping (from :func:`corpus_boilerplate`) is used
    as is. ``concurrency``: actors per pass (``int``, ``(min, max)``, or ``None`` for
    Ray's autoscaling default); ``num_cpus``: CPUs per actor (``None``: Ray's default).
    ``batch_size``: records per batch (``None``: a whole block).
    """
    config = config or Config()
    options = options or RecordOptions()
    found: Mapping[Source, Collection[int]] = {}
    if isinstance(boilerplate, Mapping):
        found = boilerplate
    elif boilerplate and config.enabled("recurring-in-source", "boilerplate"):
        found = corpus_boilerplate(
            ds,
            config,
            options,
            concurrency=concurrency,
            num_cpus=num_cpus,
            batch_size=batch_size,
            max_keys=max_keys,
        )
    return ds.map_batches(
        CleanBatch,
        fn_constructor_kwargs={"config": config, "options": options, "boilerplate": found},
        batch_format="pyarrow",
        batch_size=batch_size,
        compute=_compute(concurrency),
        num_cpus=num_cpus,
        udf_modifying_row_count=False,
    )


def _compute(concurrency: Concurrency) -> ray.data.ActorPoolStrategy | None:
    if concurrency is None:
        return None
    if isinstance(concurrency, int):
        return ray.data.ActorPoolStrategy(size=concurrency)
    low, high = concurrency
    return ray.data.ActorPoolStrategy(min_size=low, max_size=high)


def _boilerplate(
    data: Mapping[Source, Collection[int]] | Iterable[list[Any]] | None,
) -> dict[Source, frozenset[int]]:
    if data is None:
        return {}
    if isinstance(data, Mapping):
        return {source: frozenset(keys) for source, keys in data.items()}
    return boilerplate_from_json(data)


def _rows(batch: pa.Table, opts: RecordOptions, name: str) -> list[dict[str, Any]]:
    """The batch's rows as plain Python, with only the fields a record's cleaning reads."""
    if not isinstance(batch, pa.Table):
        raise TypeError(
            f"{name} takes pyarrow batches: map_batches(..., batch_format='pyarrow'), "
            f"got {type(batch).__name__}"
        )
    source = opts.url_field if opts.source_field is None else opts.source_field
    wanted = (opts.text_field, source)
    columns = [c for c in dict.fromkeys(wanted) if c in batch.column_names]
    if not columns:
        return [{} for _ in range(batch.num_rows)]
    return batch.select(columns).to_pylist()
