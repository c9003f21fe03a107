"""``cleaner batch``: the real command over JSON lines, Parquet and folders of files.

What a corpus pipeline relies on: every record comes out once, in order, with its fields;
corpus boilerplate is removed the same way as ``clean_batch`` removes it; failures are
kept and listed; an interrupted run finishes with ``--resume``, nothing lost or doubled.
"""

from __future__ import annotations

import gzip
import json
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from cleaner import Cleaner, Config
from cleaner.batch.boilerplate import RecurrenceCounter, recurring_threshold
from cleaner.batch.io import Oversized, Shard, jsonl_lines
from cleaner.batch.records import RecordOptions, clean_record, domain, dumps
from cleaner.batch.runner import BatchOptions, run_batch

_EXE = shutil.which("cleaner", path=str(Path(sys.executable).parent)) or shutil.which("cleaner")
needs_exe = pytest.mark.skipif(_EXE is None, reason="the cleaner command is not installed")

_WORDS = (
    "the council voted on tuesday to approve a new budget for schools roads and parks "
    "after months of debate while residents said that the plan would raise local taxes"
).split()
#: Lines no phrase rule knows, recurring in most documents of one site: only corpus
#: boilerplate can remove them.
RECURRING = {
    "a.example.com": "Sign up for the Morning Ledger, delivered free to your inbox every weekday",
    "b.example.org": "All stories are checked by our standards desk before they go out",
}


def make_records(n: int, seed: int = 7, paragraphs: int = 4) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        site = sorted(RECURRING)[i % 2]
        body = "\n\n".join(
            " ".join(rng.choice(_WORDS) for _ in range(30)).capitalize() + "."
            for _ in range(paragraphs)
        )
        text = f"Council story number {i} for the record\n\n{body}\n\n{RECURRING[site]}"
        out.append({"id": f"doc-{i}", "url": f"https://www.{site}/news/{i}", "text": text})
    return out


def write_jsonl(path: Path, records: list[dict[str, Any]], extra: list[str] = ()) -> None:  # type: ignore[assignment]
    lines = [json.dumps(r) for r in records] + list(extra)
    data = ("\n".join(lines) + "\n").encode()
    if path.suffix == ".gz":
        data = gzip.compress(data)
    elif path.suffix == ".zst":
        zstandard = pytest.importorskip("zstandard")
        data = zstandard.ZstdCompressor().compress(data)
    path.write_bytes(data)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    elif path.suffix == ".zst":
        import zstandard

        data = zstandard.ZstdDecompressor().decompressobj().decompress(data)
    return [json.loads(line) for line in data.decode().splitlines()]


def reference(records: list[dict[str, Any]], opts: RecordOptions | None = None) -> list[str]:
    """The in-process answer: the same two passes, no command, no workers."""
    opts = opts or RecordOptions()
    cleaner = Cleaner()
    counter = RecurrenceCounter()
    for r in records:
        counter.add(domain(r.get("url")), cleaner.paragraph_keys(r["text"]))
    found = counter.boilerplate()
    return [dumps(clean_record(cleaner, r, opts, found)) + "\n" for r in records]


def run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([_EXE, "batch", *args], capture_output=True, timeout=timeout)  # type: ignore[list-item]


# ------------------------------------------------------------------ the command


@needs_exe
@pytest.mark.parametrize("name", ["in.jsonl", "in.jsonl.gz", "in.jsonl.zst"])
def test_jsonl_every_record_in_order_same_as_in_process(tmp_path: Path, name: str) -> None:
    records = make_records(30)
    write_jsonl(tmp_path / name, records)
    out = run(str(tmp_path / name), "-o", str(tmp_path / "out"), "--workers", "1")
    assert out.returncode == 0, out.stderr.decode()
    got = read_jsonl(tmp_path / "out" / name)
    assert [r["id"] for r in got] == [r["id"] for r in records]
    assert all(
        g["text"] == r["text"] and g["url"] == r["url"] for g, r in zip(got, records, strict=True)
    )
    assert all(g["clean_error"] is None for g in got)
    expected = "".join(reference(records))
    assert "".join(dumps(g) + "\n" for g in got) == expected
    # the recurring lines went, as corpus boilerplate, and nothing else of the body did
    for g in got:
        assert not any(line in g["clean_text"] for line in RECURRING.values())
        assert g["clean_text"].startswith("Council story number")
    summary = json.loads((tmp_path / "out" / "_summary.json").read_text())
    assert summary["records"] == 30 and summary["failed"] == 0
    assert summary["removed_by_family"] == {"boilerplate": 30}
    assert b"30 records" in out.stderr


@needs_exe
def test_two_workers_give_the_same_bytes_as_one(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    records = make_records(90)
    for k in range(3):
        write_jsonl(src / f"part-{k}.jsonl", records[k * 30 : (k + 1) * 30])
    one = run(str(src), "-o", str(tmp_path / "one"), "--workers", "1")
    two = run(str(src), "-o", str(tmp_path / "two"), "--workers", "2")
    assert one.returncode == two.returncode == 0, two.stderr.decode()
    for k in range(3):
        name = f"part-{k}.jsonl"
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    # boilerplate is judged over the whole input, not per shard
    assert "".join((tmp_path / "one" / f"part-{k}.jsonl").read_text() for k in range(3)) == "".join(
        reference(records)
    )


@needs_exe
def test_failures_are_kept_in_place_and_listed(tmp_path: Path) -> None:
    records = make_records(6)
    records[2] = {"id": "no-text", "url": "https://a.example.com/x"}
    records[3] = {"id": "binary", "text": None}
    write_jsonl(tmp_path / "in.jsonl", records, extra=["not json at all", "[1, 2]"])
    out = run(str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "out"), "--id-field", "id")
    assert out.returncode == 1
    got = read_jsonl(tmp_path / "out" / "in.jsonl")
    assert [g["id"] for g in got] == [r["id"] for r in records]
    assert got[2]["clean_text"] is None and got[2]["clean_error"].startswith("InputError")
    assert got[3]["clean_text"] is None and "NoneType" not in got[0]["clean_text"]
    rejects = read_jsonl(tmp_path / "out" / "_rejects" / "in.jsonl.rejects.jsonl")
    assert [r.get("id") for r in rejects if "id" in r] == ["no-text", "binary"]
    raw = [r for r in rejects if "raw" in r]
    assert [r["raw"] for r in raw] == ["not json at all", "[1, 2]"]
    assert [r["line"] for r in raw] == [7, 8]
    summary = json.loads((tmp_path / "out" / "_summary.json").read_text())
    assert summary["records"] == 8 and summary["failed"] == 4 and summary["rejects"] == 4
    assert b"4 failed" in out.stderr and b"_rejects" in out.stderr


@needs_exe
def test_oversized_line_is_rejected_unread(tmp_path: Path) -> None:
    records = make_records(3)
    records[1]["text"] = "Long. " * 400_000  # 2.4 MB, above a 1 MB limit
    write_jsonl(tmp_path / "in.jsonl", records)
    out = run(
        str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "out"), "--max-input-bytes", "1000000"
    )
    assert out.returncode == 1
    got = read_jsonl(tmp_path / "out" / "in.jsonl")
    assert [g["id"] for g in got] == ["doc-0", "doc-2"]
    (reject,) = read_jsonl(tmp_path / "out" / "_rejects" / "in.jsonl.rejects.jsonl")
    assert reject["line"] == 2 and "above the size limit" in reject["error"]


@needs_exe
def test_parquet_keeps_schema_and_adds_columns(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    records = make_records(20)
    for i, r in enumerate(records):
        r["n"] = i
    pq.write_table(pa.Table.from_pylist(records), tmp_path / "in.parquet", row_group_size=6)
    out = run(
        str(tmp_path / "in.parquet"),
        "-o",
        str(tmp_path / "out"),
        "--removed",
        "--metadata",
        "--workers",
        "2",
    )
    assert out.returncode == 0, out.stderr.decode()
    table = pq.read_table(tmp_path / "out" / "in.parquet")
    assert table.column_names == [
        "id",
        "url",
        "text",
        "n",
        "clean_text",
        "clean_error",
        "clean_removed",
        "clean_metadata",
    ]
    rows = table.to_pylist()
    assert [r["n"] for r in rows] == list(range(20))
    ref = [json.loads(line) for line in reference(records, RecordOptions(with_removed=True))]
    assert [r["clean_text"] for r in rows] == [r["clean_text"] for r in ref]
    assert rows[0]["clean_removed"] == [
        {"rule": "recurring-in-source", "family": "boilerplate", "text": RECURRING["a.example.com"]}
    ]
    assert isinstance(json.loads(rows[0]["clean_metadata"]), dict)


@needs_exe
def test_folder_of_files_and_sources_per_folder(tmp_path: Path) -> None:
    records = make_records(12)
    for r in records:
        site = domain(r["url"])
        folder = tmp_path / "in" / str(site)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{r['id']}.txt").write_text(r["text"])
    (tmp_path / "in" / "junk.txt").write_bytes(bytes(range(256)) * 8)
    out = run(str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert out.returncode == 1  # the binary file is rejected, the rest cleaned
    for r in records:
        text = (tmp_path / "out" / str(domain(r["url"])) / f"{r['id']}.txt").read_text()
        assert text.startswith("Council story number") and RECURRING["a.example.com"] not in text
    (rejects,) = (tmp_path / "out" / "_rejects").iterdir()
    assert "DecodeError" in rejects.read_text() and "junk.txt" in rejects.read_text()


@needs_exe
def test_bad_usage_and_never_overwriting_input(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "in.jsonl", make_records(2))
    assert run(str(tmp_path), "-o", str(tmp_path)).returncode == 2
    assert run(str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "o")).returncode == 2
    assert (
        run(str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "o"), "--disable", "nope").returncode
        == 2
    )
    help_text = run("--help").stdout
    assert b"--resume" in help_text and b"clean_error" in help_text
    # an output folder inside the input folder is not read back as input
    nested = run(str(tmp_path), "-o", str(tmp_path / "out"))
    assert nested.returncode == 0, nested.stderr.decode()
    again = run(str(tmp_path), "-o", str(tmp_path / "out"))
    assert again.returncode == 0 and b"2 records in 1 input files" in again.stderr


@needs_exe
def test_kill_midway_then_resume_loses_and_doubles_nothing(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shards = 8
    records = make_records(shards * 40, paragraphs=12)
    for k in range(shards):
        write_jsonl(src / f"part-{k}.jsonl", records[k * 40 : (k + 1) * 40])
    whole = run(str(src), "-o", str(tmp_path / "whole"), "--workers", "1")
    assert whole.returncode == 0, whole.stderr.decode()

    out = tmp_path / "out"
    proc = subprocess.Popen(
        [_EXE, "batch", str(src), "-o", str(out), "--workers", "2"],  # type: ignore[list-item]
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while not (out / "part-0.jsonl").exists():
        assert proc.poll() is None, "the run ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    finished = sorted(p.name for p in out.glob("part-*.jsonl"))
    assert 1 <= len(finished) < shards, finished  # really interrupted midway

    resumed = run(str(src), "-o", str(out), "--resume", "--workers", "2")
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert f"({len(finished)} done before)".encode() in resumed.stderr
    for k in range(shards):
        name = f"part-{k}.jsonl"
        assert (out / name).read_bytes() == (tmp_path / "whole" / name).read_bytes(), name
    ids = [r["id"] for k in range(shards) for r in read_jsonl(out / f"part-{k}.jsonl")]
    assert ids == [r["id"] for r in records]  # none lost, none doubled, in order
    assert not [p for p in out.rglob("*") if ".tmp-" in p.name]
    summary = json.loads((out / "_summary.json").read_text())
    assert summary["records"] == len(records)


# ------------------------------------------------------------------ the library parts


def test_decompression_bomb_stops_the_shard_keeps_what_came_before(tmp_path: Path) -> None:
    head = make_records(3)
    data = "".join(json.dumps(r) + "\n" for r in head).encode()
    data += (json.dumps({"id": "bomb", "text": "a" * 1000}) + "\n").encode() * 20_000
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bomb.jsonl.gz").write_bytes(gzip.compress(data, 9))
    opts = BatchOptions(
        input=tmp_path / "in",
        output=tmp_path / "out",
        workers=1,
        max_expansion=50,
        expansion_floor=100_000,
        progress=False,
        quiet=True,
    )
    summary = run_batch(Config(), opts)
    assert summary.shard_errors and "decompression bomb" in summary.shard_errors[0]
    got = read_jsonl(tmp_path / "out" / "bomb.jsonl.gz")
    assert [g["id"] for g in got[:3]] == ["doc-0", "doc-1", "doc-2"]
    assert len(got) < 20_000  # reading stopped well before the end
    rejects = read_jsonl(tmp_path / "out" / "_rejects" / "bomb.jsonl.gz.rejects.jsonl")
    assert "reading stopped after record" in rejects[-1]["error"]


def test_line_reader_is_bounded(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'{"a": 1}\n' + b"x" * 5000 + b"\n\n" + b'{"b": 2}')
    shard = Shard(path, "x.jsonl", "jsonl")
    got = list(jsonl_lines(shard, max_line_bytes=1000))
    assert got == [(1, b'{"a": 1}\n'), (2, Oversized(5001)), (4, b'{"b": 2}')]


def test_counter_prunes_rare_keys_and_keeps_recurring_ones() -> None:
    counter = RecurrenceCounter(max_keys=1000)
    for doc in range(5000):
        counter.add("site", {doc * 10 + k for k in range(5)} | {1, 2})
        assert counter.size <= 1000
    assert counter.prunes > 0
    assert counter.boilerplate() == {"site": frozenset({1, 2})}
    merged = RecurrenceCounter(max_keys=1000)
    merged.merge(RecurrenceCounter.from_json(counter.to_json()))
    assert merged.boilerplate() == counter.boilerplate()
    assert recurring_threshold(5000) == 70


@needs_exe
def test_outputs_stay_inside_the_output_folder(tmp_path: Path) -> None:
    """Paths come from the input tree, never from records; a symlinked folder is not
    followed (no loops, no reading outside the input), and nothing is written beside it."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "x.txt").write_text("A title here\n\nBody text of the linked story.\n")
    src = tmp_path / "in"
    (src / "a").mkdir(parents=True)
    (src / "a" / "y.txt").write_text("Another title\n\nBody of the story.\n")
    (src / "linked").symlink_to(outside, target_is_directory=True)
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if "out" not in p.parts}
    record = {"id": "../../escape", "url": "https://a.example.com/../../x", "text": "T\n\nB."}
    write_jsonl(tmp_path / "records.jsonl", [record])
    assert run(str(src), "-o", str(tmp_path / "out")).returncode == 0
    assert run(str(tmp_path / "records.jsonl"), "-o", str(tmp_path / "out2")).returncode == 0
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.txt"))
    assert written == ["elsewhere/x.txt", "in/a/y.txt", "out/a/y.txt"]
    after = {p: p.stat().st_mtime_ns for p in before}
    assert after == before
    files = {p.name for p in (tmp_path / "out2").iterdir() if p.is_file()}
    assert files == {"records.jsonl", "_summary.json"}
