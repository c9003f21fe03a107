"""``cleaner batch``: clean a corpus of record files with worker processes, in two passes.

Pass 1 (skipped when the ``boilerplate`` family is off) reads every record, prepares it
in the workers and counts its paragraph keys per source; pass 2 cleans every record
with its source's boilerplate and writes each shard's output atomically. Records stream
through a bounded window of chunks, so memory does not grow with the input.

No record is lost: a record that fails keeps its place in the output with
``clean_error`` set, and is listed with its line (or row), id and error in
``OUT/_rejects/<shard>.rejects.jsonl``; a line that is not a JSON object, or longer than the
size limit, is listed there with its text (or size). A shard that cannot be read to its
end (a decompression bomb, a truncated file) keeps the records read before the failure
and is listed in the rejects too. The exit status is 1 when anything was rejected.

``--resume``: a shard whose output exists is finished (outputs are renamed into place
only when complete) and is skipped; its figures come from ``OUT/_cleaner/stats/``, the
boilerplate of pass 1 from ``OUT/_cleaner/boilerplate.json`` when the input is unchanged.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from .._api import Cleaner, _cleaner
from .._config import Config
from .._errors import CleanerError, InputError
from .boilerplate import (
    DEFAULT_MAX_KEYS,
    RecurrenceCounter,
    Source,
    boilerplate_from_json,
    boilerplate_to_json,
)
from .io import (
    DEFAULT_MAX_EXPANSION,
    EXPANSION_FLOOR,
    REJECTS_DIR,
    STATE_DIR,
    AtomicWriter,
    Oversized,
    ParquetOut,
    Shard,
    discover,
    jsonl_lines,
    output_schema,
    parquet_rows,
    parquet_schema,
    remove_stale_temps,
    signature,
    write_atomic,
)
from .records import (
    RecordOptions,
    Stats,
    clean_record,
    count_record,
    dumps,
    error_text,
)

#: Records per chunk sent to a worker, and the bytes at which a chunk closes early: large
#: enough that pickling is a small share of the work, small enough to keep memory flat.
CHUNK_RECORDS = 64
CHUNK_BYTES = 1 << 20
#: Chunks in flight per worker: one being cleaned, one waiting.
WINDOW_PER_WORKER = 2
#: Seconds between two progress lines on a terminal.
PROGRESS_EVERY = 0.5


class BatchUsageError(InputError):
    """The run cannot start: no input, or an output that would overwrite it."""


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """What ``cleaner batch`` was asked to do (see ``cleaner batch --help``)."""

    input: Path
    output: Path
    records: RecordOptions = field(default_factory=RecordOptions)
    workers: int = 0
    resume: bool = False
    max_expansion: float = DEFAULT_MAX_EXPANSION
    progress: bool | None = None
    quiet: bool = False
    max_keys: int = DEFAULT_MAX_KEYS
    chunk_records: int = CHUNK_RECORDS
    #: A JSON line longer than this is rejected unread (the record could only fail).
    max_line_bytes: int = Config().max_input_bytes + (1 << 20)
    expansion_floor: int = EXPANSION_FLOOR


@dataclass(slots=True)
class BatchSummary:
    """What a run did, for the closing lines and ``OUT/_summary.json``."""

    stats: Stats = field(default_factory=Stats)
    shards: int = 0
    shards_done_before: int = 0
    rejects: int = 0
    shard_errors: list[str] = field(default_factory=list)
    boilerplate_sources: int = 0
    boilerplate_paragraphs: int = 0
    seconds: float = 0.0
    workers: int = 1

    def to_json(self) -> dict[str, Any]:
        s = self.stats
        return {
            **s.to_json(),
            "shards": self.shards,
            "shards_done_before": self.shards_done_before,
            "rejects": self.rejects,
            "shard_errors": self.shard_errors,
            "boilerplate_sources": self.boilerplate_sources,
            "boilerplate_paragraphs": self.boilerplate_paragraphs,
            "seconds": round(self.seconds, 3),
            "workers": self.workers,
        }


def default_workers() -> int:
    """All cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


# ---------------------------------------------------------------------- worker side

_W: dict[str, Any] = {}


def _init_worker(config: Config, opts: RecordOptions) -> None:
    _W["cleaner"] = _cleaner(config)  # in-process: the one the command already built
    _W["opts"] = opts
    _W["boilerplate"] = (None, None)


def _boilerplate(path: str | None) -> dict[Source, frozenset[int]] | None:
    """Pass 1's result, read from its file once per worker (one pool serves both passes)."""
    loaded_from, found = _W["boilerplate"]
    if path != loaded_from:
        found = None
        if path is not None:
            found = boilerplate_from_json(json.loads(Path(path).read_text())["boilerplate"])
        _W["boilerplate"] = (path, found)
    return found


Item = tuple[int, Any]


def _parse(raw: bytes | Oversized) -> dict[str, Any]:
    if isinstance(raw, Oversized):
        raise InputError(f"line of {raw.size} bytes is above the size limit")
    try:
        record = json.loads(raw)
    except ValueError as exc:
        raise InputError(f"not JSON: {exc}") from None
    if not isinstance(record, dict):
        raise InputError(f"not a JSON object but {type(record).__name__}")
    return record


def _file_record(path: str) -> dict[str, Any]:
    return {"text": Path(path).read_bytes()}


def _keys_task(kind: str, items: list[Item]) -> RecurrenceCounter:
    cleaner: Cleaner = _W["cleaner"]
    opts: RecordOptions = _W["opts"]
    counter = RecurrenceCounter(max_keys=1 << 62)
    for _, raw in items:
        try:
            if kind == "jsonl":
                record = _parse(raw)
                count_record(counter, cleaner, record, opts)
            elif kind == "parquet":
                count_record(counter, cleaner, raw, opts)
            else:
                path, source, _ = raw
                keys = cleaner.paragraph_keys(Path(path).read_bytes())
                counter.add(source, keys)
        except (CleanerError, OSError):
            continue  # judged (and rejected) in pass 2
    return counter


@dataclass(slots=True)
class ChunkResult:
    payload: Any
    rejects: list[dict[str, Any]]
    stats: Stats


def _clean_task(kind: str, rel: str, items: list[Item], bp_file: str | None) -> ChunkResult:
    cleaner: Cleaner = _W["cleaner"]
    opts: RecordOptions = _W["opts"]
    boilerplate = _boilerplate(bp_file)
    stats = Stats()
    rejects: list[dict[str, Any]] = []
    where = "row" if kind == "parquet" else "line"
    if kind == "file":
        texts: list[tuple[str, str | None]] = []
        for _, (path, source, out_rel) in items:
            try:
                data = Path(path).read_bytes()
            except OSError as exc:
                stats.count(None, None, error_text(exc))
                rejects.append({"file": path, "error": error_text(exc)})
                texts.append((out_rel, None))
                continue
            keys = boilerplate.get(source, ()) if boilerplate else ()
            out = clean_record(cleaner, {"text": data}, _FILE_OPTS, {None: keys}, stats)
            if out["clean_error"]:
                rejects.append({"file": path, "error": out["clean_error"]})
            texts.append((out_rel, out["clean_text"]))
        return ChunkResult(texts, rejects, stats)
    lines: list[Any] = []
    for number, raw in items:
        if kind == "jsonl":
            try:
                record = _parse(raw)
            except InputError as exc:
                stats.count(None, None, error_text(exc))
                reject: dict[str, Any] = {"shard": rel, where: number, "error": error_text(exc)}
                if isinstance(raw, bytes):
                    reject["raw"] = raw.decode("utf-8", "replace").rstrip("\r\n")
                rejects.append(reject)
                continue
        else:
            record = raw
        out = clean_record(cleaner, record, opts, boilerplate, stats)
        if out["clean_error"]:
            rid = record.get(opts.id_field) if opts.id_field else None
            rejects.append({"shard": rel, where: number, "id": rid, "error": out["clean_error"]})
        lines.append(out)
    if kind == "jsonl":
        return ChunkResult(
            "".join(dumps(r) + "\n" for r in lines).encode("utf-8", "surrogatepass"),
            rejects,
            stats,
        )
    return ChunkResult(lines, rejects, stats)


_FILE_OPTS = RecordOptions()


# ---------------------------------------------------------------------- driver side


class _Progress:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.start = time.monotonic()
        self.last = 0.0
        self.shown = False

    def update(self, label: str, records: int, nbytes: int, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self.last < PROGRESS_EVERY:
            return
        self.last = now
        spent = max(now - self.start, 1e-9)
        sys.stderr.write(
            f"\r{label}: {records:,} records  {nbytes / 1e6:,.1f} MB  "
            f"{records / spent:,.0f} records/s  {nbytes / 1e6 / spent:,.2f} MB/s   "
        )
        sys.stderr.flush()
        self.shown = True

    def done(self) -> None:
        if self.shown:
            sys.stderr.write("\n")
            self.shown = False


class _Pool:
    """Chunks to workers through a bounded window, results in order; in-process for one."""

    def __init__(self, workers: int, initargs: tuple[Any, ...]) -> None:
        self.workers = workers
        self.executor: ProcessPoolExecutor | None = None
        if workers > 1:
            self.executor = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=get_context("spawn"),
                initializer=_init_worker,
                initargs=initargs,
            )
        else:
            _init_worker(*initargs)

    def map(self, fn: Callable[..., Any], calls: Iterable[tuple[Any, ...]]) -> Iterator[Any]:
        if self.executor is None:
            for args in calls:
                yield fn(*args)
            return
        window: deque[Future[Any]] = deque()
        limit = self.workers * WINDOW_PER_WORKER
        for args in calls:
            window.append(self.executor.submit(fn, *args))
            if len(window) >= limit:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)


def _size(raw: Any) -> int:
    if isinstance(raw, bytes):
        return len(raw)
    if isinstance(raw, Oversized):
        return 1
    return 1024


def _chunks(shard: Shard, opts: BatchOptions) -> Iterator[list[Item]]:
    """The shard's records in chunks (a read error raises after the chunks before it)."""
    if shard.kind == "parquet":
        number = 0
        for rows in parquet_rows(shard, opts.chunk_records):
            items = []
            for row in rows:
                number += 1
                items.append((number, row))
            yield items
        return
    chunk: list[Item] = []
    size = 0
    lines = jsonl_lines(shard, opts.max_line_bytes, opts.max_expansion, opts.expansion_floor)
    for number, raw in lines:
        chunk.append((number, raw))
        size += _size(raw)
        if len(chunk) >= opts.chunk_records or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _file_chunks(
    files: list[Shard], opts: BatchOptions, source_of: Callable[[Path], Source]
) -> Iterator[list[Item]]:
    """Folders of text and HTML files: each file a record, ``chunk_records`` to a chunk."""
    for start in range(0, len(files), opts.chunk_records):
        yield [
            (start + i + 1, (str(f.path), source_of(f.path), f.output_rel))
            for i, f in enumerate(files[start : start + opts.chunk_records])
        ]


class _Guarded:
    """Iterates chunks, remembering a read error instead of raising it mid-pipeline."""

    def __init__(self, chunks: Iterator[list[Item]]) -> None:
        self.chunks = chunks
        self.error: BaseException | None = None
        self.last_number = 0

    def __iter__(self) -> Iterator[list[Item]]:
        try:
            for chunk in self.chunks:
                if chunk:
                    self.last_number = chunk[-1][0]
                yield chunk
        except (CleanerError, OSError, EOFError, ValueError) as exc:
            self.error = exc


def run_batch(config: Config, opts: BatchOptions) -> BatchSummary:
    """Clean every record under ``opts.input`` into ``opts.output``; see the module doc."""
    started = time.monotonic()
    out_root = opts.output
    if out_root.exists() and not out_root.is_dir():
        raise BatchUsageError(f"{out_root}: output exists and is not a folder")
    if opts.input.resolve() == out_root.resolve():
        raise BatchUsageError("the output folder must not be the input folder")
    try:
        shards = discover(opts.input, exclude=out_root)
    except InputError as exc:
        raise BatchUsageError(str(exc)) from None
    if not shards:
        raise BatchUsageError(f"{opts.input}: no JSON lines, Parquet, text or HTML files found")
    for s in shards:
        if (out_root / s.output_rel).resolve() == s.path.resolve():
            raise BatchUsageError(f"{s.path}: refusing to overwrite an input file")
    out_root.mkdir(parents=True, exist_ok=True)
    state = out_root / STATE_DIR
    remove_stale_temps(out_root)
    workers = opts.workers or default_workers()
    summary = BatchSummary(shards=len(shards), workers=workers)
    progress = _Progress(sys.stderr.isatty() if opts.progress is None else opts.progress)
    root = opts.input if opts.input.is_dir() else opts.input.parent

    def source_of(path: Path) -> Source:
        return path.parent.relative_to(root).as_posix()

    files = [s for s in shards if s.kind == "file"]
    shards = [s for s in shards if s.kind != "file"]
    if opts.resume:
        done = [f for f in files if (out_root / f.output_rel).exists()]
        summary.shards_done_before += len(done)
        files = [f for f in files if not (out_root / f.output_rel).exists()]
    todo = shards
    if opts.resume:
        todo = [s for s in shards if not (out_root / s.output_rel).exists()]
        for s in shards:
            if s not in todo:
                summary.shards_done_before += 1
                stats_file = state / "stats" / (s.rel + ".json")
                if stats_file.exists():
                    summary.stats.add(Stats.from_json(json.loads(stats_file.read_text())))
                rejects_file = out_root / REJECTS_DIR / (s.rel + ".rejects.jsonl")
                if rejects_file.exists():
                    with rejects_file.open("rb") as f:
                        summary.rejects += sum(1 for _ in f)

    if todo or files:
        pool = _Pool(workers, (config, opts.records))
        try:
            bp_file: str | None = None
            if config.enabled("recurring-in-source", "boilerplate"):
                every = shards + [
                    f for f in discover(opts.input, exclude=out_root) if f.kind == "file"
                ]
                found = _pass_one(pool, config, opts, every, state, progress, source_of)
                summary.boilerplate_sources = len(found)
                summary.boilerplate_paragraphs = sum(len(v) for v in found.values())
                bp_file = str(state / "boilerplate.json")
            for shard in todo:
                _pass_two(pool, shard, opts, out_root, state, summary, progress, bp_file)
            if files:
                _pass_two_files(pool, files, opts, out_root, summary, progress, source_of, bp_file)
        finally:
            pool.close()
            progress.done()
    summary.seconds = time.monotonic() - started
    write_atomic(
        out_root / "_summary.json",
        (json.dumps(summary.to_json(), indent=2, sort_keys=True) + "\n").encode(),
    )
    return summary


def _pass_one(
    pool: _Pool,
    config: Config,
    opts: BatchOptions,
    shards: list[Shard],
    state: Path,
    progress: _Progress,
    source_of: Callable[[Path], Source],
) -> dict[Source, frozenset[int]]:
    sig = {"input": signature(shards), "options": _options_key(config, opts)}
    saved = state / "boilerplate.json"
    if opts.resume and saved.exists():
        data = json.loads(saved.read_text())
        if data.get("signature") == sig:
            return boilerplate_from_json(data["boilerplate"])
        _log(opts, "cleaner batch: the input changed since the last run: counting again")
    counter = RecurrenceCounter(max_keys=opts.max_keys)
    records = 0
    files = [s for s in shards if s.kind == "file"]
    groups: list[tuple[str, Iterable[list[Item]]]] = [
        (s.kind, _Guarded(_chunks(s, opts))) for s in shards if s.kind != "file"
    ]
    if files:
        groups.append(("file", _file_chunks(files, opts, source_of)))
    try:
        for kind, chunks in groups:
            for part in pool.map(_keys_task, ((kind, chunk) for chunk in chunks)):
                counter.merge(part)
                records = sum(counter.docs.values())
                progress.update("pass 1/2 (boilerplate)", records, 0)
            # a read error is reported by pass 2, which reads the same shard
    finally:
        progress.done()
    found = counter.boilerplate()
    payload = {
        "signature": sig,
        "boilerplate": boilerplate_to_json(found),
        "prunes": counter.prunes,
    }
    write_atomic(saved, json.dumps(payload).encode())
    return found


def _options_key(config: Config, opts: BatchOptions) -> dict[str, Any]:
    r = opts.records
    return {
        "disable": sorted(config.disable),
        "phrases": [str(p) for p in config.phrase_files],
        "language": config.language,
        "html": config.html,
        "text_field": r.text_field,
        "source_field": r.source_field,
        "url_field": r.url_field,
        "max_keys": opts.max_keys,
    }


def _pass_two(
    pool: _Pool,
    shard: Shard,
    opts: BatchOptions,
    out_root: Path,
    state: Path,
    summary: BatchSummary,
    progress: _Progress,
    bp_file: str | None,
) -> None:
    target = out_root / shard.output_rel
    stats = Stats()
    rejects: list[dict[str, Any]] = []
    guarded = _Guarded(_chunks(shard, opts))
    calls = ((shard.kind, shard.rel, chunk, bp_file) for chunk in guarded)
    r = opts.records
    writer: AtomicWriter | ParquetOut | None = None
    try:
        if shard.kind == "jsonl":
            writer = AtomicWriter(target, shard.compression)
        elif shard.kind == "parquet":
            schema = output_schema(
                parquet_schema(shard), r.output_field, r.with_removed, r.with_metadata
            )
            writer = ParquetOut(target, schema)
        for result in pool.map(_clean_task, calls):
            if isinstance(writer, AtomicWriter):
                writer.write(result.payload)
            elif isinstance(writer, ParquetOut):
                writer.write(result.payload)
            stats.add(result.stats)
            rejects.extend(result.rejects)
            total = summary.stats.records + stats.records
            progress.update("cleaning", total, summary.stats.bytes_in + stats.bytes_in)
        if guarded.error is not None:
            message = (
                f"reading stopped after record {guarded.last_number}: {error_text(guarded.error)}"
            )
            rejects.append({"shard": shard.rel, "error": message})
            summary.shard_errors.append(f"{shard.rel}: {message}")
            _log(opts, f"cleaner batch: {shard.rel}: {message}", force=True)
        _finish_shard(shard, out_root, state, stats, rejects)
        if writer is not None:
            writer.commit()
    except BrokenProcessPool:
        if writer is not None:
            writer.abort()
        raise CleanerError(
            f"{shard.rel}: a worker process died (out of memory or killed); finished shards "
            "are kept: run again with --resume"
        ) from None
    except BaseException:
        if writer is not None:
            writer.abort()
        raise
    summary.stats.add(stats)
    summary.rejects += len(rejects)
    if not progress.enabled:
        _log(opts, f"cleaner batch: {shard.rel}: {stats.records:,} records, {stats.failed} failed")


def _pass_two_files(
    pool: _Pool,
    files: list[Shard],
    opts: BatchOptions,
    out_root: Path,
    summary: BatchSummary,
    progress: _Progress,
    source_of: Callable[[Path], Source],
    bp_file: str | None,
) -> None:
    """Folders of files: each output written atomically as its chunk returns."""
    calls = (("file", "", chunk, bp_file) for chunk in _file_chunks(files, opts, source_of))
    rejects: list[dict[str, Any]] = []
    try:
        for result in pool.map(_clean_task, calls):
            for out_rel, text in result.payload:
                if text is not None:
                    data = (text + "\n" if text else "").encode("utf-8", "surrogatepass")
                    write_atomic(out_root / out_rel, data)
            summary.stats.add(result.stats)
            rejects.extend(result.rejects)
            s = summary.stats
            progress.update("cleaning", s.records, s.bytes_in)
    except BrokenProcessPool:
        raise CleanerError(
            "a worker process died (out of memory or killed); files written are kept: "
            "run again with --resume"
        ) from None
    finally:
        if rejects:
            name = f"files-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}.jsonl"
            data = "".join(dumps(r) + "\n" for r in rejects).encode("utf-8", "surrogatepass")
            write_atomic(out_root / REJECTS_DIR / name, data)
            summary.rejects += len(rejects)


def _finish_shard(
    shard: Shard, out_root: Path, state: Path, stats: Stats, rejects: list[dict[str, Any]]
) -> None:
    """Stats and rejects land before the output: an output on disk means a finished shard."""
    write_atomic(
        state / "stats" / (shard.rel + ".json"), json.dumps(stats.to_json()).encode("utf-8")
    )
    rejects_file = out_root / REJECTS_DIR / (shard.rel + ".rejects.jsonl")
    if rejects:
        data = "".join(dumps(r) + "\n" for r in rejects).encode("utf-8", "surrogatepass")
        write_atomic(rejects_file, data)
    else:
        rejects_file.unlink(missing_ok=True)


def _log(opts: BatchOptions, message: str, force: bool = False) -> None:
    if force or not opts.quiet:
        print(message, file=sys.stderr)


def format_summary(summary: BatchSummary, out_root: Path) -> str:
    """The closing lines a person reads."""
    s = summary.stats
    secs = max(summary.seconds, 1e-9)
    share = f" ({s.bytes_out / s.bytes_in:.0%})" if s.bytes_in else ""
    lines = [
        f"cleaner batch: {s.records:,} records in {summary.shards} input files "
        f"({summary.shards_done_before} done before), {s.failed:,} failed, "
        f"{summary.rejects:,} rejected",
        f"  {s.bytes_in / 1e6:,.1f} MB in, {s.bytes_out / 1e6:,.1f} MB out{share}; "
        f"{summary.seconds:,.1f} s with {summary.workers} workers",
        f"  this run: {s.records / secs:,.0f} records/s, {s.bytes_in / 1e6 / secs:,.2f} MB/s",
    ]
    if s.removed:
        fams = ", ".join(f"{k} {v:,}" for k, v in s.removed.most_common())
        lines.append(f"  removed paragraphs by family: {fams}")
    if s.repairs:
        reps = ", ".join(f"{k} {v:,}" for k, v in s.repairs.most_common())
        lines.append(f"  repairs (documents): {reps}")
    if summary.boilerplate_paragraphs:
        lines.append(
            f"  corpus boilerplate: {summary.boilerplate_paragraphs:,} paragraphs "
            f"in {summary.boilerplate_sources:,} sources"
        )
    if s.errors:
        errs = ", ".join(f"{k} {v:,}" for k, v in s.errors.most_common())
        lines.append(f"  errors: {errs}")
    if summary.rejects:
        lines.append(f"  rejects: {out_root / REJECTS_DIR}/")
    for e in summary.shard_errors:
        lines.append(f"  shard error: {e}")
    lines.append(f"  summary: {out_root / '_summary.json'}")
    return "\n".join(lines)
