"""Batch bench: ``cleaner batch`` on a generated corpus, at 1 and 2 workers, with memory.

The corpus is built from the dev pages' full text (``shared/data/dev/*/*.fulltext.txt``)
and the golden text inputs, copied until it reaches ``--mb`` megabytes of text, as JSON
lines shards of about 25 MB. Copy ``k`` of a page from data set ``d`` gets the URL
``https://site<k % 50>.<d>.example/<k>/<n>``: 100 sources, each with a few thousand
documents from many real sites, so the boilerplate pass counts and prunes as on a crawl
(real boilerplate recurs; copies of a page in one source are not judged boilerplate
because a document losing more than half its text to it is left whole).

Each run is the real command (``cleaner batch CORPUS -o OUT --workers W``) in a
subprocess, timed on the wall clock, both passes included. Memory is the peak, sampled
every 0.1 s, of the resident size summed over the command and its worker processes
(``/proc``), and of the largest single process. The memory check runs the same command on
a corpus a quarter of the size: flat means the peak barely moves while the input grows 4x.
Timings are reported, never asserted; the 2-worker speed-up is a ratio inside one run.

    python bench/batch_speed.py [--mb 200] [--workers 1 2] [--keep DIR] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from harness import REPO, RESULTS, dev_dir, skip, write_json

SHARD_BYTES = 25_000_000
SOURCES_PER_SET = 50


def page_texts() -> list[tuple[str, str]]:
    """(data set, text) of every dev full-text page and golden text input."""
    out = [
        (p.parent.name, p.read_text(encoding="utf-8"))
        for p in sorted(dev_dir().glob("*/*.fulltext.txt"))
    ]
    for p in sorted((REPO / "golden" / "cases").glob("*/input.txt")):
        out.append(("golden", p.read_bytes().decode("utf-8", "replace")))
    return out


def build_corpus(folder: Path, megabytes: float) -> dict[str, Any]:
    """Write JSON lines shards of at least ``megabytes`` MB of text; return their figures."""
    pages = page_texts()
    if not pages:
        skip(f"no dev pages in {dev_dir()}")
    folder.mkdir(parents=True, exist_ok=True)
    target = megabytes * 1e6
    written = records = shard = 0
    size = 0
    out = (folder / f"part-{shard:04d}.jsonl").open("w", encoding="utf-8")
    copy = 0
    while written < target:
        for n, (dataset, text) in enumerate(pages):
            url = f"https://site{copy % SOURCES_PER_SET}.{dataset}.example/{copy}/{n}"
            line = json.dumps({"id": f"{copy}-{n}", "url": url, "text": text}, ensure_ascii=False)
            out.write(line + "\n")
            records += 1
            nbytes = len(text.encode("utf-8"))
            written += nbytes
            size += nbytes
            if size >= SHARD_BYTES:
                out.close()
                shard += 1
                size = 0
                out = (folder / f"part-{shard:04d}.jsonl").open("w", encoding="utf-8")
            if written >= target:
                break
        copy += 1
    out.close()
    return {"records": records, "text_mb": round(written / 1e6, 1), "shards": shard + 1}


def _tree_rss(root: int) -> tuple[int, int]:
    """(sum, max) resident kB over ``root`` and its descendants."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status", encoding="ascii", errors="replace") as f:
                ppid = kb = 0
                for line in f:
                    if line.startswith("PPid:"):
                        ppid = int(line.split()[1])
                    elif line.startswith("VmRSS:"):
                        kb = int(line.split()[1])
        except OSError:
            continue
        parents[int(entry)] = ppid
        rss[int(entry)] = kb
    tree = {root}
    grew = True
    while grew:
        grew = False
        for pid, ppid in parents.items():
            if ppid in tree and pid not in tree:
                tree.add(pid)
                grew = True
    sizes = [rss.get(p, 0) for p in tree]
    return sum(sizes), max(sizes, default=0)


def run_batch(
    corpus: Path, out: Path, workers: int, text_mb: float, extra: list[str] | None = None
) -> dict[str, Any]:
    """One timed run of the real command, with its peak memory."""
    shutil.rmtree(out, ignore_errors=True)
    exe = Path(sys.executable).with_name("cleaner")
    cmd = [str(exe), "batch", str(corpus), "-o", str(out), "--workers", str(workers)]
    cmd += extra or []
    start = time.monotonic()
    proc = subprocess.Popen([*cmd, "--no-progress", "-q"], stderr=subprocess.PIPE, text=True)
    peak_sum = peak_one = 0
    while proc.poll() is None:
        total, largest = _tree_rss(proc.pid)
        peak_sum, peak_one = max(peak_sum, total), max(peak_one, largest)
        time.sleep(0.1)
    seconds = time.monotonic() - start
    stderr = proc.stderr.read() if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"bench: {' '.join(cmd)} failed ({proc.returncode}):\n{stderr}")
    summary = json.loads((out / "_summary.json").read_text())
    return {
        "workers": workers,
        "seconds": round(seconds, 2),
        "records": summary["records"],
        "failed": summary["failed"],
        "records_per_s": round(summary["records"] / seconds, 1),
        "mb_per_s": round(text_mb / seconds, 3),
        "peak_rss_mb_total": round(peak_sum / 1024, 1),
        "peak_rss_mb_largest_process": round(peak_one / 1024, 1),
        "boilerplate_paragraphs": summary["boilerplate_paragraphs"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=200.0, help="corpus size, MB of text")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--keep", type=Path, help="build the corpora here and keep them")
    parser.add_argument("--json", type=Path, default=RESULTS / "batch_speed.json")
    parser.add_argument("--no-memory-check", action="store_true", help="skip the 1/4 run")
    parser.add_argument(
        "--max-keys",
        type=int,
        help="the boilerplate counter's budget for every run (default: the command's)",
    )
    args = parser.parse_args(argv)
    base = args.keep or Path(tempfile.mkdtemp(prefix="cleaner-batch-bench-"))
    extra = ["--max-keys", str(args.max_keys)] if args.max_keys else []
    try:
        results: dict[str, Any] = {"cpus": os.cpu_count(), "runs": [], "extra_args": extra}
        full = build_corpus(base / "full", args.mb)
        results["corpus"] = full
        print(f"bench: corpus {full}", file=sys.stderr)
        for w in args.workers:
            r = run_batch(base / "full", base / f"out-{w}", w, full["text_mb"], extra)
            results["runs"].append(r)
            print(f"bench: {r}", file=sys.stderr)
        runs = {r["workers"]: r for r in results["runs"]}
        if 1 in runs and 2 in runs:
            results["speedup_2_vs_1"] = round(runs[1]["seconds"] / runs[2]["seconds"], 2)
            same = all(
                (base / "out-1" / p.name).read_bytes() == p.read_bytes()
                for p in sorted((base / "out-2").glob("part-*.jsonl"))
            )
            results["outputs_identical_1_vs_2"] = same
        if not args.no_memory_check:
            quarter = build_corpus(base / "quarter", args.mb / 4)
            w = max(args.workers)
            small = run_batch(base / "quarter", base / "out-quarter", w, quarter["text_mb"], extra)
            results["quarter"] = {"corpus": quarter, "run": small}
            big = runs[w]
            results["memory_growth_4x_input"] = round(
                big["peak_rss_mb_total"] / small["peak_rss_mb_total"], 2
            )
            print(f"bench: quarter {small}", file=sys.stderr)
        _print(results)
        write_json(args.json, results)
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    return 0


def _print(results: dict[str, Any]) -> None:
    c = results["corpus"]
    print(f"corpus: {c['records']:,} records, {c['text_mb']} MB of text, {c['shards']} shards")
    print(
        f"{'workers':>8} {'seconds':>8} {'records/s':>10} {'MB/s':>7} {'peak MB':>8} {'largest':>8}"
    )
    for r in results["runs"]:
        print(
            f"{r['workers']:>8} {r['seconds']:>8} {r['records_per_s']:>10} {r['mb_per_s']:>7} "
            f"{r['peak_rss_mb_total']:>8} {r['peak_rss_mb_largest_process']:>8}"
        )
    if "speedup_2_vs_1" in results:
        print(
            f"2 workers vs 1: {results['speedup_2_vs_1']}x; identical outputs: "
            f"{results['outputs_identical_1_vs_2']}"
        )
    if "quarter" in results:
        q = results["quarter"]["run"]
        print(
            f"1/4 corpus: peak {q['peak_rss_mb_total']} MB; growth for 4x input: "
            f"{results['memory_growth_4x_input']}x"
        )


if __name__ == "__main__":
    sys.exit(main())
