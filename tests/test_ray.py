"""Ray Data integration on a real local Ray cluster: the same records as ``cleaner batch``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("ray")

import pyarrow as pa
import ray
import ray.data
from ray import cloudpickle

from cleaner import Cleaner, Config
from cleaner.batch.boilerplate import RecurrenceCounter
from cleaner.batch.records import (
    RecordOptions,
    clean_record,
    count_record,
    dumps,
    record_source,
)
from cleaner.integrations import ray as cleaner_ray

# Ray's DataContext warns about its own deprecated fields whenever it copies itself.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.data.context")

ROOT = Path(__file__).resolve().parents[1]
BATCH = 8  # 40 records: 5 batches per pass, so pass 1 has counters to merge
#: Two actors on the two CPUs, with room left for the read tasks (a pool holding every CPU
#: starves them and Ray Data waits forever).
POOL: dict[str, Any] = {"concurrency": 2, "num_cpus": 0.5}

#: Per site: how many records, and lines that recur in most of them. One-document
#: cleaning keeps these lines (checked below); only corpus boilerplate removes them.
SITES: dict[str, tuple[int, list[str]]] = {
    "harborgazette.com": (
        16,
        [
            "The Harbor Gazette is an independent newsroom serving the northern coast since 1921.",
            "Tips and corrections can be sent to the metro desk at any hour.",
        ],
    ),
    "valleytimes.org": (
        14,
        ["Weather for the region is provided by the Coastal Observatory partnership."],
    ),
    # In 2 of 8 records only: below the threshold, so it stays.
    "riverside-notes.net": (
        8,
        ["Our reporting is supported by readers like you across the valley."],
    ),
}
TOWNS = ["Ashford", "Bellmere", "Corrin", "Dunmore", "Eastvale", "Fairhaven", "Glenrock", "Hollis"]
THINGS = ["bridge", "library", "school budget", "water plant", "ferry schedule", "bike lane"]
MISSING_TEXT_ID = 38


def make_corpus() -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for site, (count, lines) in SITES.items():
        for j in range(count):
            i = len(records)
            town, thing = TOWNS[i * 3 % len(TOWNS)], THINGS[(i * 5 + j) % len(THINGS)]
            if site == "riverside-notes.net":
                recurring = lines if j < 2 else []
            else:
                recurring = lines if j % 8 != 5 else []
            paragraphs = [
                f"Council debates the {thing} in {town}",
                f"Residents of {town} packed the hall on day {i + 3} to debate the {thing}, "
                f"a plan first proposed {i + 2} years ago.",
                *recurring[:1],
                f"The council heard {10 + i} speakers before voting {i % 5 + 4} to {i % 3 + 1} "
                f"on the amended {thing} measure.",
                f"Supporters said the {thing} would cost about {i * 7 + 120} thousand euros, "
                "and the café owners nearby welcomed it.",
                *recurring[1:],
            ]
            url = f"https://www.{site}/news/{i}-{thing.replace(' ', '-')}"
            records.append({"id": i, "url": url, "text": "\n\n".join(paragraphs)})
    # Kept with its error, never dropped; not counted as a harborgazette.com document.
    records.append({"id": MISSING_TEXT_ID, "url": "https://harborgazette.com/news/38"})
    # No URL: its source is None.
    records.append({"id": 39, "text": "Untitled note\n\nA body line with no address at all."})
    return records


RECORDS = make_corpus()
RECURRING = {site: lines for site, (_, lines) in SITES.items()}


@pytest.fixture(scope="module")
def cluster() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, ignore_reinit_error=True, log_to_driver=False)
    # Test-module classes travel by value: workers need not import ``tests``.
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    ctx = ray.data.DataContext.get_current()
    order, bars = ctx.execution_options.preserve_order, ctx.enable_progress_bars
    ctx.execution_options.preserve_order = True
    ctx.enable_progress_bars = False
    try:
        yield
    finally:
        ctx.execution_options.preserve_order, ctx.enable_progress_bars = order, bars
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
        ray.shutdown()


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "articles.jsonl"
    path.write_bytes(lines(RECORDS).encode("utf-8"))
    return path


@pytest.fixture(scope="module")
def local_cleaner() -> Cleaner:
    return Cleaner()


def read(path: Path) -> ray.data.Dataset:
    # Ray's Arrow JSON reader (lines=True would go through pandas instead).
    return ray.data.read_json(str(path))


def batches(ds: ray.data.Dataset) -> list[pa.Table]:
    return list(ds.iter_batches(batch_format="pyarrow", batch_size=None))


def plain_records(tables: list[pa.Table], opts: RecordOptions) -> list[dict[str, Any]]:
    """Ray's rows as plain Python dicts: the input record's fields in its own order (a field
    it lacked, null in Ray's column, left out), then the added fields."""
    rows = [row for table in tables for row in table.to_pylist()]
    assert len(rows) == len(RECORDS)
    added = [f.name for f in cleaner_ray.added_fields(opts)]
    out = []
    for record, row in zip(RECORDS, rows, strict=True):
        assert row["id"] == record["id"]  # the input order
        out.append({**{k: row[k] for k in record}, **{k: row[k] for k in added}})
    return out


def reference(
    cleaner: Cleaner, opts: RecordOptions, boilerplate: bool = True
) -> list[dict[str, Any]]:
    """The local two-pass path, in process: one counter over all records, then clean."""
    found = None
    if boilerplate:
        counter = RecurrenceCounter()
        for record in RECORDS:
            count_record(counter, cleaner, record, opts)
        found = counter.boilerplate()
    return [clean_record(cleaner, record, opts, found) for record in RECORDS]


def lines(records: list[dict[str, Any]]) -> str:
    return "".join(dumps(r) + "\n" for r in records)


@pytest.fixture(scope="module")
def default_run(cluster: None, corpus_file: Path) -> list[pa.Table]:
    out = cleaner_ray.clean_dataset(read(corpus_file), batch_size=BATCH, **POOL)
    return batches(out)


@pytest.fixture(scope="module")
def explained_run(cluster: None, corpus_file: Path) -> list[dict[str, Any]]:
    opts = RecordOptions(with_removed=True, with_metadata=True)
    out = cleaner_ray.clean_dataset(read(corpus_file), None, opts, batch_size=BATCH, **POOL)
    return plain_records(batches(out), opts)


def test_corpus_lines_survive_one_document_cleaning(local_cleaner: Cleaner) -> None:
    kept = 0
    for record in RECORDS:
        if "text" not in record:
            continue
        text = local_cleaner.clean_document(record["text"]).text
        for line in RECURRING.get(record_source(record, RecordOptions()) or "", []):
            if line in record["text"]:
                assert line in text, (record["id"], line)
                kept += 1
    assert kept == 14 * 2 + 12 + 2


def test_same_as_cleaner_batch_command(
    default_run: list[pa.Table], corpus_file: Path, tmp_path: Path
) -> None:
    """The Ray output, as JSON lines, is byte for byte the file ``cleaner batch`` writes."""
    inp = corpus_file
    outdir = tmp_path / "out"
    if (ROOT / "cleaner" / "__main__.py").exists():
        command = [sys.executable, "-m", "cleaner"]
    else:
        command = [str(Path(sys.executable).with_name("cleaner"))]
    proc = subprocess.run(
        [*command, "batch", str(inp), "-o", str(outdir), "--workers", "1"],
        capture_output=True,
        timeout=120,
    )
    expected = outdir / inp.name
    # 1: some record failed (the one without text), which the command reports; 2 would be
    # a usage error
    assert proc.returncode in (0, 1), proc.stderr.decode(errors="replace")[-2000:]
    assert expected.exists(), proc.stderr.decode(errors="replace")[-2000:]
    got = lines(plain_records(default_run, RecordOptions()))
    assert got.encode("utf-8") == expected.read_bytes()


def test_same_as_local_two_pass_path(default_run: list[pa.Table], local_cleaner: Cleaner) -> None:
    opts = RecordOptions()
    got = plain_records(default_run, opts)
    want = reference(local_cleaner, opts)
    assert lines(got) == lines(want)
    # and the boilerplate did something: the recurring lines are gone where they recurred
    for record, row in zip(RECORDS, got, strict=True):
        site = record_source(record, opts)
        if site in ("harborgazette.com", "valleytimes.org") and row["clean_text"]:
            assert not any(line in row["clean_text"] for line in RECURRING[site]), record["id"]


def test_failed_record_kept_with_error(default_run: list[pa.Table]) -> None:
    rows = plain_records(default_run, RecordOptions())
    failed = [r for r in rows if r["clean_error"] is not None]
    assert [r["id"] for r in failed] == [MISSING_TEXT_ID]
    assert failed[0]["clean_text"] is None
    assert failed[0]["clean_error"] == "InputError: field 'text' is missing, not text"
    assert all(isinstance(r["clean_text"], str) for r in rows if r["id"] != MISSING_TEXT_ID)


def test_column_types_stable_across_batches(default_run: list[pa.Table]) -> None:
    assert len(default_run) >= 2
    # only one batch holds the failed record; the others have no error to infer a type from
    assert sum(t.column("clean_error").null_count == t.num_rows for t in default_run) >= 1
    schemas = {t.schema for t in default_run}
    assert len(schemas) == 1
    (schema,) = schemas
    assert schema.names == ["id", "url", "text", "clean_text", "clean_error"]
    assert schema.field("clean_text").type == pa.string()
    assert schema.field("clean_error").type == pa.string()
    assert schema.field("id").type == pa.int64()  # input columns keep their types


def test_boilerplate_removed_by_recurring_in_source(
    explained_run: list[dict[str, Any]], local_cleaner: Cleaner
) -> None:
    opts = RecordOptions(with_removed=True, with_metadata=True)
    assert lines(explained_run) == lines(reference(local_cleaner, opts))
    removed = 0
    for record, row in zip(RECORDS, explained_run, strict=True):
        if "text" not in record:
            assert row["clean_removed"] == [] and row["clean_metadata"] == "{}"
            continue
        assert isinstance(row["clean_metadata"], str)
        json.loads(row["clean_metadata"])
        site = record_source(record, opts) or ""
        by_text = {r["text"]: r["rule"] for r in row["clean_removed"]}
        for line in RECURRING.get(site, []):
            if line not in record["text"]:
                continue
            if site == "riverside-notes.net":  # 2 of 8 records: not boilerplate
                assert line in row["clean_text"] and line not in by_text
            else:
                assert line not in row["clean_text"]
                assert by_text[line] == "recurring-in-source"
                removed += 1
    assert removed == 14 * 2 + 12


def test_paragraph_keys_one_counter_per_batch(
    cluster: None, corpus_file: Path, local_cleaner: Cleaner
) -> None:
    counts = read(corpus_file).map_batches(
        cleaner_ray.ParagraphKeys,
        batch_format="pyarrow",
        batch_size=BATCH,
        compute=ray.data.ActorPoolStrategy(size=2),
        num_cpus=0.5,
    )
    rows = [row for table in batches(counts) for row in table.to_pylist()]
    assert len(rows) >= len(RECORDS) // BATCH  # one counter per batch, several to merge
    merged = RecurrenceCounter()
    for row in rows:
        merged.merge(RecurrenceCounter.from_json(json.loads(row[cleaner_ray.COUNTER_COLUMN])))
    opts = RecordOptions()
    local = RecurrenceCounter()
    for record in RECORDS:
        count_record(local, local_cleaner, record, opts)
    # the record without text is not a document of its site
    assert merged.docs == local.docs and merged.docs["harborgazette.com"] == 16
    assert merged.counts == local.counts
    assert merged.boilerplate() == local.boilerplate()
    assert set(merged.boilerplate()) == {"harborgazette.com", "valleytimes.org"}


@pytest.mark.parametrize(
    "config, boilerplate",
    [(Config(), False), (Config(disable=frozenset({"boilerplate"})), True)],
    ids=["boilerplate=False", "family disabled"],
)
def test_no_boilerplate_skips_pass_one(
    cluster: None,
    corpus_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    config: Config,
    boilerplate: bool,
) -> None:
    def no_pass_one(*args: object, **kwargs: object) -> None:
        raise AssertionError("pass 1 ran")

    monkeypatch.setattr(cleaner_ray, "corpus_boilerplate", no_pass_one)
    opts = RecordOptions()
    out = cleaner_ray.clean_dataset(
        read(corpus_file), config, boilerplate=boilerplate, concurrency=1, batch_size=BATCH
    )
    got = plain_records(batches(out), opts)
    assert lines(got) == lines(reference(Cleaner(config), opts, boilerplate=False))
    harbor = RECURRING["harborgazette.com"][0]
    assert sum(harbor in (r["clean_text"] or "") for r in got) == 14


def _count_cleaners() -> None:
    """In this (actor) process, make the Ray module's ``Cleaner`` count its constructions."""
    if getattr(cleaner_ray.Cleaner, "built", None) is not None:
        return

    class CountingCleaner(cleaner_ray.Cleaner):
        built = 0

        def __init__(self, config: Config | None = None) -> None:
            CountingCleaner.built += 1
            super().__init__(config)

    cleaner_ray.Cleaner = CountingCleaner  # type: ignore[misc]


class CountingCleanBatch(cleaner_ray.CleanBatch):
    """CleanBatch, each output row telling its actor process, the actor's batch number and
    how many ``Cleaner`` objects that process has built so far."""

    def __init__(self, **kwargs: Any) -> None:
        _count_cleaners()
        super().__init__(**kwargs)
        self.calls = 0

    def __call__(self, batch: pa.Table) -> pa.Table:
        out = super().__call__(batch)
        self.calls += 1
        n = out.num_rows
        for name, value in [
            ("pid", os.getpid()),
            ("call", self.calls),
            ("cleaners_built", cleaner_ray.Cleaner.built),  # type: ignore[attr-defined]
        ]:
            out = out.append_column(name, pa.array([value] * n, type=pa.int64()))
        return out


def test_clean_batch_builds_one_cleaner_per_actor(cluster: None, corpus_file: Path) -> None:
    out = read(corpus_file).map_batches(
        CountingCleanBatch,
        fn_constructor_kwargs={"options": RecordOptions()},
        batch_format="pyarrow",
        batch_size=4,
        compute=ray.data.ActorPoolStrategy(size=2),
        num_cpus=0.5,
    )
    rows = [row for table in batches(out) for row in table.to_pylist()]
    assert [r["id"] for r in rows] == [r["id"] for r in RECORDS]
    calls: dict[int, int] = {}
    for row in rows:
        calls[row["pid"]] = max(calls.get(row["pid"], 0), row["call"])
    assert 1 <= len(calls) <= 2  # the pool's actors
    assert sum(calls.values()) >= len(RECORDS) // 4  # batches of at most 4
    assert max(calls.values()) >= 2  # so an actor cleaned several batches...
    assert {row["cleaners_built"] for row in rows} == {1}  # ...with the one Cleaner


def test_wrong_batch_format_is_a_clear_error() -> None:
    batch = cleaner_ray.CleanBatch()
    with pytest.raises(TypeError, match="batch_format='pyarrow'"):
        batch({"text": ["x"]})  # type: ignore[arg-type]
    table = pa.table({"text": ["Title\n\nBody text here."], "url": ["https://a.example/x"]})
    out = batch(table)
    assert out.column_names == ["text", "url", "clean_text", "clean_error"]
    assert out.column("clean_error").to_pylist() == [None]
