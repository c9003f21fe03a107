"""The datatrove steps, run by datatrove's own LocalPipelineExecutor, readers and writers."""

from __future__ import annotations

import gzip
import json
import pickle
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

pytest.importorskip("datatrove")
pytest.importorskip("orjson")  # datatrove's JSONL reader and writer need it

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from cleaner import Cleaner, Config
from cleaner.integrations.datatrove import CleanerStep, ParagraphKeysStep

STEP_STATS = "🧹 - CLEANER: 🧽 Article cleaner"
KEYS_STATS = "🧹 - CLEANER: 🧮 Paragraph keys"

CRUFTY = [
    "Skip to main content\n\n"
    "Council approves new park\n\n"
    "By Jane Doe\n\n"
    "The council voted 7-2 on Monday night to turn the old rail yard into a park.\n\n"
    "Advertisement\n\n"
    "Work on the site is expected to begin next spring, officials said.\n",
    "Harbour reopens after storm\n\n"
    "The harbour reopened on Friday after a week of repairs to the outer wall.\n\n"
    "Advertisement\n\n"
    "Fishing boats were the first to return, the harbour master said.\n",
    "Library extends its hours\n\n"
    "The central library will stay open until nine on weekdays from next month.\n\n"
    "Share on Facebook\n\n"
    "The change follows a survey of more than two thousand readers.\n",
    "A plain article with one paragraph of body text and nothing else to remove at all.",
]
ALL_CRUFT = "Share this article\n\nFollow us on Twitter"

RECURRING = (
    "The Valley Courier is an independent newspaper serving readers across the valley since 1921."
)
TOWNS = ["Ashford", "Brackley", "Corwen", "Dunmore", "Elmstead", "Fenwick", "Glenrock", "Kelso"]
TOPICS = ["a new bridge", "the school budget", "bus routes", "a flood barrier", "parking fees"]


def write_jsonl(folder: Path, records: list[dict[str, Any]], files: int = 3) -> None:
    """Records spread round-robin over ``files`` JSONL files (so both tasks get some)."""
    folder.mkdir(parents=True, exist_ok=True)
    for f in range(files):
        lines = [json.dumps(r) for r in records[f::files]]
        (folder / f"part-{f}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_output(folder: Path) -> dict[str, dict[str, Any]]:
    """Every document a JsonlWriter wrote (gzip by default), by id."""
    docs: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                doc = json.loads(line)
                docs[doc["id"]] = doc
    return docs


def step_stats(logging_dir: Path, name: str) -> dict[str, Any]:
    """The summed stats of one step, from the executor's stats.json."""
    (block,) = [
        b for b in json.loads((logging_dir / "stats.json").read_text()) if b["name"] == name
    ]
    return block["stats"]


def total(stats: dict[str, Any], key: str) -> float:
    value = stats.get(key, 0)
    return value["total"] if isinstance(value, dict) else value


def run(pipeline: list[Any], logging_dir: Path, **kwargs: Any) -> LocalPipelineExecutor:
    executor = LocalPipelineExecutor(
        pipeline, tasks=2, workers=1, logging_dir=str(logging_dir), **kwargs
    )
    executor.run()
    return executor


def test_clean_step_matches_cleaner(tmp_path: Path) -> None:
    records = [
        {"id": f"d{i}", "text": text, "url": "https://example.com/a"}
        for i, text in enumerate(CRUFTY)
    ]
    records.append({"id": "cruft", "text": ALL_CRUFT, "url": "https://example.com/b"})
    write_jsonl(tmp_path / "in", records)
    run(
        [JsonlReader(str(tmp_path / "in")), CleanerStep(), JsonlWriter(str(tmp_path / "out"))],
        tmp_path / "logs",
    )

    out = read_output(tmp_path / "out")
    assert sorted(out) == [f"d{i}" for i in range(len(CRUFTY))]  # the empty one is dropped
    reference = Cleaner()
    counts: dict[str, int] = {}
    for i, text in enumerate(CRUFTY):
        doc, expected = out[f"d{i}"], reference.clean_document(text)
        assert doc["text"] == expected.text == reference.clean(text)
        meta = doc["metadata"]
        assert meta["clean_error"] is None
        assert meta["clean_removed"] == [
            {"rule": r.rule, "family": r.family, "text": r.text} for r in expected.removed
        ]
        assert meta["clean_repairs"] == list(expected.repairs)
        assert json.loads(meta["clean_metadata"]) == expected.metadata
        assert meta["url"] == "https://example.com/a"  # input fields kept
        for r in expected.removed:
            counts[r.rule] = counts.get(r.rule, 0) + 1
    assert json.loads(out["d0"]["metadata"]["clean_metadata"])["byline"] == "Jane Doe"
    assert counts["ad-label"] == 2

    stats = step_stats(tmp_path / "logs", STEP_STATS)
    assert total(stats, "documents") == len(records)
    assert total(stats, "forwarded") == len(CRUFTY)
    assert total(stats, "dropped_empty") == 1
    assert total(stats, "failed") == 0
    removed_all = dict(counts)
    for r in reference.clean_document(ALL_CRUFT).removed:  # dropped, but its removals count
        removed_all[r.rule] = removed_all.get(r.rule, 0) + 1
    for rule, n in removed_all.items():
        assert total(stats, f"removed_{rule}") == n, rule
    assert total(stats, "family_ads") == 2
    # Both tasks ran and wrote their stats.
    assert sorted(p.name for p in (tmp_path / "logs" / "stats").iterdir()) == [
        "00000.json",
        "00001.json",
    ]


def corpus() -> tuple[list[str], list[str]]:
    """30 articles on two sites, every body sentence distinct; 13 of the 16 of site A
    end with the same line about the paper."""
    texts, sources = [], []
    for i in range(30):
        site = "courier.example" if i < 16 else "herald.example"
        town, topic = TOWNS[i % len(TOWNS)], TOPICS[i % len(TOPICS)]
        paras = [
            f"{town} debates {topic} ({i})",
            f"Members in {town} spent {i + 2} hours on {topic} on Tuesday, and meeting "
            f"number {i} ran late into the evening.",
            f"A final decision on {topic} in {town} is expected within {i + 3} weeks, "
            f"according to the clerk's office (item {i}).",
        ]
        if i < 13:
            paras.append(RECURRING)
        texts.append("\n\n".join(paras))
        sources.append(site)
    return texts, sources


def test_two_stage_boilerplate_matches_clean_batch(tmp_path: Path) -> None:
    texts, sources = corpus()
    reference = Cleaner()
    # Alone, a document keeps the line: only the corpus shows it is boilerplate.
    assert RECURRING in reference.clean_document(texts[0]).text
    expected = reference.clean_batch_documents(texts, sources)
    assert RECURRING not in expected[0].text

    records = [
        {"id": f"d{i:02d}", "text": t, "url": f"https://www.{s}/story/{i}"}
        for i, (t, s) in enumerate(zip(texts, sources, strict=True))
    ]
    write_jsonl(tmp_path / "in", records)
    keys = tmp_path / "keys"
    count = LocalPipelineExecutor(
        [JsonlReader(str(tmp_path / "in")), ParagraphKeysStep(str(keys))],
        tasks=2,
        workers=1,
        logging_dir=str(tmp_path / "logs-keys"),
    )
    run(
        [
            JsonlReader(str(tmp_path / "in")),
            CleanerStep(boilerplate_folder=str(keys)),
            JsonlWriter(str(tmp_path / "out")),
        ],
        tmp_path / "logs-clean",
        depends=count,  # runs stage 1 first
    )

    # One counter per stage-1 task, each with part of the corpus: stage 2 merged them.
    counters = [json.loads(p.read_text()) for p in sorted(keys.glob("*.json"))]
    assert len(counters) == 2
    per_task = [sum(n for _, n in c["docs"]) for c in counters]
    assert sum(per_task) == 30 and all(0 < n < 30 for n in per_task)

    out = read_output(tmp_path / "out")
    assert len(out) == 30
    for i, result in enumerate(expected):
        doc = out[f"d{i:02d}"]
        assert doc["text"] == result.text
        recurring = [
            r for r in doc["metadata"]["clean_removed"] if r["rule"] == "recurring-in-source"
        ]
        if i < 13:
            assert RECURRING not in doc["text"]
            assert recurring == [
                {"rule": "recurring-in-source", "family": "boilerplate", "text": RECURRING}
            ]
        else:
            assert recurring == []
    stats = step_stats(tmp_path / "logs-clean", STEP_STATS)
    assert total(stats, "removed_recurring-in-source") == 13
    assert total(stats, "family_boilerplate") == 13
    keys_stats = step_stats(tmp_path / "logs-keys", KEYS_STATS)
    assert total(keys_stats, "documents") == 30


@pytest.mark.parametrize("excluded", [True, False], ids=["exclusion-writer", "pass-through"])
def test_failed_documents_are_not_lost(tmp_path: Path, excluded: bool) -> None:
    config = Config(max_input_bytes=400)
    big = CRUFTY[0] + "\n\n" + "A long paragraph of body text that goes on. " * 20
    assert len(big.encode()) > 400 and all(len(t.encode()) <= 400 for t in CRUFTY)
    records = [{"id": f"d{i}", "text": t} for i, t in enumerate(CRUFTY)]
    records += [{"id": "big", "text": big}, {"id": "cruft", "text": ALL_CRUFT}]
    write_jsonl(tmp_path / "in", records)
    rejected = JsonlWriter(str(tmp_path / "rejected")) if excluded else None
    run(
        [
            JsonlReader(str(tmp_path / "in")),
            CleanerStep(config, exclusion_writer=rejected),
            JsonlWriter(str(tmp_path / "out")),
        ],
        tmp_path / "logs",
    )

    out = read_output(tmp_path / "out")
    reference = Cleaner(config)
    for i, text in enumerate(CRUFTY):
        assert out[f"d{i}"]["text"] == reference.clean(text)
    if excluded:
        assert "big" not in out and "cruft" not in out
        gone = read_output(tmp_path / "rejected")
        assert sorted(gone) == ["big", "cruft"]
        failed = gone["big"]
        assert failed["metadata"]["filter_reason"] == "clean_error"
        # The empty one is kept whole, with what was removed from it.
        assert gone["cruft"]["text"] == ALL_CRUFT
        assert gone["cruft"]["metadata"]["filter_reason"] == "empty"
        assert gone["cruft"]["metadata"]["clean_removed"]
    else:
        assert "cruft" not in out
        failed = out["big"]
    assert failed["text"] == big  # unchanged
    assert failed["metadata"]["clean_error"].startswith("InputTooLargeError: ")
    assert failed["metadata"]["clean_removed"] == []

    stats = step_stats(tmp_path / "logs", STEP_STATS)
    assert total(stats, "failed") == 1
    assert total(stats, "failed_InputTooLargeError") == 1
    assert total(stats, "dropped_empty") == 1
    assert total(stats, "dropped") == (2 if excluded else 1)


def test_steps_pickle_without_their_cleaner(tmp_path: Path) -> None:
    step = CleanerStep(Config(disable=frozenset({"ads"})))
    step.cleaner()  # built, as during a run
    small = pickle.dumps(step)
    again = pickle.loads(small)
    assert again._cleaner is None and again.config == step.config
    assert step._cleaner is not None
    keys = ParagraphKeysStep(str(tmp_path / "keys"))
    keys.cleaner()
    assert pickle.loads(pickle.dumps(keys))._cleaner is None


def test_stage_two_without_stage_one_fails_loudly(tmp_path: Path) -> None:
    (tmp_path / "keys").mkdir()
    step = CleanerStep(boilerplate_folder=str(tmp_path / "keys"))
    with pytest.raises(FileNotFoundError, match="ParagraphKeysStep"):
        list(step.run(iter(())))


def test_source_key_names_the_site(tmp_path: Path) -> None:
    from datatrove.data import Document

    texts, sources = corpus()

    def docs() -> list[Document]:  # no URL: the site is in metadata["site"]
        return [
            Document(text=t, id=str(i), metadata={"site": s})
            for i, (t, s) in enumerate(zip(texts, sources, strict=True))
        ]

    keys = str(tmp_path / "keys")
    assert list(ParagraphKeysStep(keys, source_key="site").run(docs(), rank=3)) == []
    assert (tmp_path / "keys" / "00003.json").exists()
    cleaned = list(CleanerStep(boilerplate_folder=keys, source_key="site").run(docs()))
    expected = Cleaner().clean_batch(texts, sources)
    assert [d.text for d in cleaned] == expected
    # Keyed on the URL instead, every document has source None: one source of 30, in which
    # 13 is below the threshold (15), so nothing is corpus boilerplate.
    plain = list(CleanerStep(boilerplate_folder=keys).run(docs()))
    assert RECURRING in plain[0].text


def test_unexpected_errors_fail_the_document_not_the_task(tmp_path: Path) -> None:
    from datatrove.data import Document

    def broken(text: str, boilerplate: Any = ()) -> Any:
        raise RecursionError("maximum recursion depth") if "deep" in text else KeyError("bug")

    stub = SimpleNamespace(clean_document=broken, paragraph_keys=broken)
    docs = [Document(text=t, id=t, metadata={"url": "https://a.example/"}) for t in ("deep", "x")]
    step = CleanerStep()
    step._cleaner = stub  # type: ignore[assignment]
    out = list(step.run(docs))
    assert [d.metadata["clean_error"] for d in out] == [
        "InputError: input too deeply nested: maximum recursion depth",
        "KeyError: 'bug'",
    ]
    assert [d.text for d in out] == ["deep", "x"]
    assert step.stats["failed"].total == 2 and step.stats["failed_KeyError"].total == 1

    keys = ParagraphKeysStep(str(tmp_path))
    keys._cleaner = stub  # type: ignore[assignment]
    list(keys.run(docs))
    counted = json.loads((tmp_path / "00000.json").read_text())
    assert counted["docs"] == []  # a failed document is not a document of its source
    assert keys.stats["failed"].total == 2
