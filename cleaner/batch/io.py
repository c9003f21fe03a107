"""Record files in and out: discovery, streaming readers, atomic writers.

Inputs are shards: JSON lines (``.jsonl``, ``.ndjson``, ``.json`` lines, each plain,
``.gz`` or ``.zst``), Parquet files, or, when a folder holds none of those, its text and
HTML files (each file a record). Readers stream: JSON lines are read one line at a time
with a bounded ``readline`` (a line above the limit is skipped to its end and reported,
never held in memory), Parquet one row group batch at a time. Compressed input is
watched for decompression bombs. Writers write a temporary file beside the target and
rename it into place when the shard is complete, so an interrupted run leaves no half
file, and an existing output means a finished shard (what ``--resume`` relies on).
"""

from __future__ import annotations

import gzip
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from .._errors import InputError, InputTooLargeError

Kind = Literal["jsonl", "parquet", "file"]

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
COMPRESSIONS = ("", ".gz", ".zst")
PARQUET_SUFFIXES = (".parquet",)
FILE_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm")
#: Decompressed bytes may reach this many times the compressed file's size (JSON lines
#: of text compress 3-10x; 100x is far past any corpus and far below a bomb's 1000x).
DEFAULT_MAX_EXPANSION = 100
#: Below this many decompressed bytes the expansion is not judged (tiny files of
#: repetitive records legitimately compress very well).
EXPANSION_FLOOR = 256 * 1024 * 1024
#: Where the batch command keeps its own files inside the output folder.
STATE_DIR = "_cleaner"
REJECTS_DIR = "_rejects"


class NeedsExtraError(InputError):
    """A format whose library is not installed (Parquet, zstd)."""


@dataclass(frozen=True, slots=True)
class Shard:
    """One input file and where its output goes, relative to the output folder."""

    path: Path
    rel: str
    kind: Kind
    compression: str = ""

    @property
    def output_rel(self) -> str:
        if self.kind == "file":
            return str(Path(self.rel).with_suffix(".txt"))
        return self.rel


def _kind(path: Path) -> tuple[Kind, str] | None:
    name = path.name.lower()
    for comp in COMPRESSIONS:
        for suffix in JSONL_SUFFIXES:
            if name.endswith(suffix + comp) and len(name) > len(suffix + comp):
                return "jsonl", comp
    if name.endswith(PARQUET_SUFFIXES):
        return "parquet", ""
    if name.endswith(FILE_SUFFIXES):
        return "file", ""
    return None


def discover(root: Path, exclude: Path | None = None) -> list[Shard]:
    """The shards under ``root`` (a file or a folder), sorted; ``exclude``: the output
    folder, when it lies inside the input folder.

    A folder with record files (JSON lines, Parquet) gives those; a folder with none gives
    its text and HTML files, each a record. Hidden files and folders are skipped, and
    symlinked folders are not followed (no loops, nothing read from outside the input).
    """
    if root.is_file():
        found = _kind(root)
        if found is None:
            raise InputError(
                f"{root}: not a record file (JSON lines, .gz, .zst or Parquet) nor a text/HTML file"
            )
        kind, comp = found
        return [Shard(root, root.name, kind, comp)]
    if not root.is_dir():
        raise InputError(f"{root}: no such file or folder")
    skip = exclude.resolve() if exclude is not None else None
    records: list[Shard] = []
    files: list[Shard] = []
    for path in sorted(root.rglob("*")):
        if not path.is_file() or any(part.startswith(".") for part in path.relative_to(root).parts):
            continue
        if skip is not None and path.resolve().is_relative_to(skip):
            continue
        found = _kind(path)
        if found is None:
            continue
        kind, comp = found
        shard = Shard(path, path.relative_to(root).as_posix(), kind, comp)
        (files if kind == "file" else records).append(shard)
    return records or files


def signature(shards: list[Shard]) -> list[list[Any]]:
    """What identifies the input of a run: each shard's path, size and modification time."""
    out: list[list[Any]] = []
    for s in shards:
        st = s.path.stat()
        out.append([s.rel, st.st_size, st.st_mtime_ns])
    return out


# ---------------------------------------------------------------------------- reading


@dataclass(frozen=True, slots=True)
class Oversized:
    """A JSON line longer than the limit: skipped unread, reported as a reject."""

    size: int


def _zstd() -> Any:
    try:
        import zstandard
    except ImportError:
        raise NeedsExtraError(
            "reading or writing .zst needs zstandard: pip install 'article-cleaner[batch]'"
        ) from None
    return zstandard


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise NeedsExtraError(
            "reading or writing Parquet needs pyarrow: pip install 'article-cleaner[batch]'"
        ) from None
    return pyarrow, pyarrow.parquet


def open_binary(shard: Shard) -> IO[bytes]:
    """The decompressed bytes of a JSON lines shard."""
    if shard.compression == ".gz":
        return gzip.open(shard.path, "rb")
    if shard.compression == ".zst":
        raw = shard.path.open("rb")
        reader = (
            _zstd().ZstdDecompressor().stream_reader(raw, read_across_frames=True, closefd=True)
        )
        return io.BufferedReader(reader, buffer_size=1 << 20)
    return shard.path.open("rb", buffering=1 << 20)


def jsonl_lines(
    shard: Shard,
    max_line_bytes: int,
    max_expansion: float = DEFAULT_MAX_EXPANSION,
    expansion_floor: int = EXPANSION_FLOOR,
) -> Iterator[tuple[int, bytes | Oversized]]:
    """``(line number, line)`` for each non-blank line; :class:`Oversized` for a line
    longer than ``max_line_bytes``. Raises :class:`InputTooLargeError` when a compressed
    shard expands past ``max_expansion`` times its size (the lines before it are given)."""
    compressed = shard.path.stat().st_size if shard.compression else 0
    limit = max(expansion_floor, int(max_expansion * compressed))
    total = 0
    with open_binary(shard) as stream:
        number = 0
        while True:
            line = stream.readline(max_line_bytes + 1)
            if not line:
                return
            number += 1
            total += len(line)
            if len(line) > max_line_bytes and not line.endswith(b"\n"):
                size = len(line)
                while line and not line.endswith(b"\n"):
                    line = stream.readline(1 << 20)
                    size += len(line)
                    total += len(line)
                    _check_expansion(shard, total, compressed, limit)
                yield number, Oversized(size)
                continue
            _check_expansion(shard, total, compressed, limit)
            if line.strip():
                yield number, line


def _check_expansion(shard: Shard, total: int, compressed: int, limit: int) -> None:
    if compressed and total > limit:
        raise InputTooLargeError(
            f"{shard.rel}: {compressed} compressed bytes expand past {total} bytes "
            f"(more than {limit // max(compressed, 1)}x: a decompression bomb?); "
            "the rest of the file is not read (raise --max-expansion if it is real data)"
        )


def parquet_rows(shard: Shard, batch_rows: int) -> Iterator[list[dict[str, Any]]]:
    """The rows of a Parquet shard, ``batch_rows`` at a time, as dicts."""
    _, pq = _pyarrow()
    with pq.ParquetFile(shard.path) as f:
        for batch in f.iter_batches(batch_size=batch_rows):
            yield batch.to_pylist()


def parquet_schema(shard: Shard) -> Any:
    _, pq = _pyarrow()
    return pq.read_schema(shard.path)


# ---------------------------------------------------------------------------- writing


def temp_path(target: Path) -> Path:
    """A temporary name beside ``target`` (same folder, so the rename is atomic)."""
    return target.with_name(f".{target.name}.tmp-{os.getpid()}")


def remove_stale_temps(folder: Path) -> int:
    """Delete temporary files an interrupted run left behind; how many there were."""
    if not folder.is_dir():
        return 0
    stale = [p for p in folder.rglob(".*.tmp-*") if p.is_file()]
    for p in stale:
        p.unlink(missing_ok=True)
    return len(stale)


class AtomicWriter:
    """Bytes to ``target`` through a temporary file, renamed into place by :meth:`commit`;
    :meth:`abort` (or leaving the ``with`` block on an exception) removes it."""

    def __init__(self, target: Path, compression: str = "") -> None:
        self.target = target
        target.parent.mkdir(parents=True, exist_ok=True)
        self.tmp = temp_path(target)
        self._raw: IO[bytes] = self.tmp.open("wb")
        self._inner: Any = None
        if compression == ".gz":
            self._inner = gzip.GzipFile(fileobj=self._raw, mode="wb", compresslevel=6, mtime=0)
            self.stream: IO[bytes] = self._inner
        elif compression == ".zst":
            self._inner = _zstd().ZstdCompressor(level=3).stream_writer(self._raw, closefd=False)
            self.stream = self._inner
        else:
            self.stream = self._raw

    def write(self, data: bytes) -> None:
        self.stream.write(data)

    def commit(self) -> None:
        if self._inner is not None:
            self._inner.close()
        self._raw.flush()
        os.fsync(self._raw.fileno())
        self._raw.close()
        os.replace(self.tmp, self.target)

    def abort(self) -> None:
        try:
            if self._inner is not None:
                self._inner.close()
            self._raw.close()
        finally:
            self.tmp.unlink(missing_ok=True)

    def __enter__(self) -> AtomicWriter:
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is not None:
            self.abort()


def write_atomic(target: Path, data: bytes) -> None:
    """Write a small file whole, atomically."""
    with AtomicWriter(target) as w:
        w.write(data)
        w.commit()


class ParquetOut:
    """Rows to a Parquet file through a temporary file, with a fixed schema."""

    def __init__(self, target: Path, schema: Any) -> None:
        pa, pq = _pyarrow()
        self._pa = pa
        self.target = target
        target.parent.mkdir(parents=True, exist_ok=True)
        self.tmp = temp_path(target)
        self.schema = schema
        self._writer = pq.ParquetWriter(self.tmp, schema)

    def write(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            self._writer.write_table(self._pa.Table.from_pylist(rows, schema=self.schema))

    def commit(self) -> None:
        self._writer.close()
        os.replace(self.tmp, self.target)

    def abort(self) -> None:
        try:
            self._writer.close()
        finally:
            self.tmp.unlink(missing_ok=True)


def output_schema(input_schema: Any, output_field: str, removed: bool, metadata: bool) -> Any:
    """The input's schema plus the columns the cleaner adds (see ``records``)."""
    pa, _ = _pyarrow()
    from .records import ERROR_FIELD, METADATA_FIELD, REMOVED_FIELD

    added = [pa.field(output_field, pa.string()), pa.field(ERROR_FIELD, pa.string())]
    if removed:
        item = pa.struct([("rule", pa.string()), ("family", pa.string()), ("text", pa.string())])
        added.append(pa.field(REMOVED_FIELD, pa.list_(item)))
    if metadata:
        added.append(pa.field(METADATA_FIELD, pa.string()))
    fields = [f for f in input_schema if f.name not in {a.name for a in added}]
    return pa.schema(fields + added, metadata=input_schema.metadata)
