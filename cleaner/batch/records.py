"""One record in, one record out: the shape every batch path shares.

``cleaner batch``, the Ray Data callable and the datatrove step all go through
:func:`clean_record`, so the same record gives the same output wherever it runs.

An output record is the input record with every field kept, plus:

- ``clean_text`` (or ``RecordOptions.output_field``): the clean text, ``None`` if the
  record failed;
- ``clean_error``: ``None``, or ``"ErrorType: message"`` when the record failed (the
  record is kept, so a batch never loses one; the batch command also lists it in its
  rejects file);
- with ``with_removed``: ``clean_removed``, a list of ``{"rule", "family", "text"}``;
- with ``with_metadata``: ``clean_metadata``, the metadata as a JSON string (its keys vary
  from document to document; a string keeps Parquet and Arrow schemas stable).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from .._api import Cleaner
from .._errors import CleanerError, InputError
from .._result import CleanResult
from .boilerplate import RecurrenceCounter

ERROR_FIELD = "clean_error"
REMOVED_FIELD = "clean_removed"
METADATA_FIELD = "clean_metadata"


@dataclass(frozen=True, slots=True)
class RecordOptions:
    """Which fields hold what, and which columns to add."""

    text_field: str = "text"
    output_field: str = "clean_text"
    id_field: str | None = None
    #: The field naming a record's site; without it, the domain of ``url_field``.
    source_field: str | None = None
    url_field: str = "url"
    with_removed: bool = False
    with_metadata: bool = False


@dataclass(slots=True)
class Stats:
    """What a batch did, summed over records: for the progress line and the summary."""

    records: int = 0
    failed: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    removed: Counter[str] = field(default_factory=Counter)
    repairs: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)

    def add(self, other: Stats) -> None:
        self.records += other.records
        self.failed += other.failed
        self.bytes_in += other.bytes_in
        self.bytes_out += other.bytes_out
        self.removed.update(other.removed)
        self.repairs.update(other.repairs)
        self.errors.update(other.errors)

    def count(self, text: str | bytes | None, result: CleanResult | None, error: str) -> None:
        self.records += 1
        if text is not None:
            self.bytes_in += len(
                text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
            )
        if result is None:
            self.failed += 1
            self.errors[error.split(":", 1)[0]] += 1
            return
        self.bytes_out += len(result.text.encode("utf-8", "surrogatepass"))
        self.removed.update(r.family for r in result.removed)
        self.repairs.update(result.repairs)

    def to_json(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "failed": self.failed,
            "bytes_in": self.bytes_in,
            "bytes_out": self.bytes_out,
            "removed_by_family": dict(sorted(self.removed.items())),
            "repairs": dict(sorted(self.repairs.items())),
            "errors": dict(sorted(self.errors.items())),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Stats:
        return cls(
            records=data["records"],
            failed=data["failed"],
            bytes_in=data["bytes_in"],
            bytes_out=data["bytes_out"],
            removed=Counter(data["removed_by_family"]),
            repairs=Counter(data["repairs"]),
            errors=Counter(data["errors"]),
        )


def domain(url: object) -> str | None:
    """The host of a URL, lower case, without ``www.``; ``None`` when there is none."""
    if not isinstance(url, str) or not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")


def record_source(record: Mapping[str, Any], opts: RecordOptions) -> str | None:
    """The source (site) of a record: its source field, else the domain of its URL."""
    if opts.source_field is not None:
        value = record.get(opts.source_field)
        return None if value is None else str(value)
    return domain(record.get(opts.url_field))


def record_text(record: Mapping[str, Any], opts: RecordOptions) -> str | bytes:
    """The text of a record, or :class:`InputError` when the field is missing."""
    value = record.get(opts.text_field)
    if not isinstance(value, str | bytes):
        kind = "missing" if value is None else f"a {type(value).__name__}"
        raise InputError(f"field {opts.text_field!r} is {kind}, not text")
    return value


def record_keys(
    cleaner: Cleaner, record: Mapping[str, Any], opts: RecordOptions
) -> frozenset[int] | None:
    """Pass 1: the record's paragraph keys; ``None`` when it cannot be cleaned (it is then
    not a document of its source, as in ``clean_batch``; pass 2 rejects it with its error)."""
    try:
        return cleaner.paragraph_keys(record_text(record, opts))
    except CleanerError:
        return None


def count_record(
    counter: RecurrenceCounter, cleaner: Cleaner, record: Mapping[str, Any], opts: RecordOptions
) -> None:
    """Pass 1 for one record: its keys counted under its source (nothing if it fails)."""
    keys = record_keys(cleaner, record, opts)
    if keys is not None:
        counter.add(record_source(record, opts), keys)


def error_text(exc: BaseException) -> str:
    """``"ErrorType: message"``, as written to ``clean_error`` and the rejects file."""
    return f"{type(exc).__name__}: {exc}"


def clean_record(
    cleaner: Cleaner,
    record: Mapping[str, Any],
    opts: RecordOptions,
    boilerplate: Mapping[str | None, Collection[int]] | None = None,
    stats: Stats | None = None,
) -> dict[str, Any]:
    """Pass 2: the output record (see the module docstring); never raises for bad input."""
    out = dict(record)
    text: str | bytes | None = None
    result: CleanResult | None = None
    error = ""
    try:
        text = record_text(record, opts)
        keys = boilerplate.get(record_source(record, opts), ()) if boilerplate else ()
        result = cleaner.clean_document(text, boilerplate=keys)
    except CleanerError as exc:
        error = error_text(exc)
    except RecursionError as exc:  # pathological input deep inside a library
        error = error_text(InputError(f"input too deeply nested: {exc}"))
    except Exception as exc:  # a bug: the record is kept, failed, and named by its type
        error = error_text(exc)
    out[opts.output_field] = None if result is None else result.text
    out[ERROR_FIELD] = error or None
    if opts.with_removed:
        out[REMOVED_FIELD] = (
            [{"rule": r.rule, "family": r.family, "text": r.text} for r in result.removed]
            if result is not None
            else []
        )
    if opts.with_metadata:
        out[METADATA_FIELD] = json.dumps(
            result.metadata if result is not None else {}, ensure_ascii=False, sort_keys=True
        )
    if stats is not None:
        stats.count(text, result, error)
    return out


def dumps(record: Mapping[str, Any]) -> str:
    """One JSON line (UTF-8 as is, no trailing newline): the batch command's output format."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))
