"""Speed bench: text-mode throughput of the cleaner, next to ftfy.fix_text on the same texts.

A cleaner that sits in a crawl pipeline is paid for per byte. This measures
``Cleaner(Config()).clean`` (rules compiled once, outside the timing) in one process, on
two corpora: the seed articles (``shared/seeds/*.txt``) and the dev pages' full text
(``shared/data/dev/*/*.fulltext.txt``). ``ftfy.fix_text`` alone, the usual first step of
text cleaning, is timed on the same texts in the same run as a yardstick that does not
depend on the machine.

Method: one measurement runs the function over every text of a corpus, looping over the
corpus as many times as needed to last at least ``--min-seconds`` of CPU time (the
process's own: a shared virtual machine's stolen time is not charged); the cleaner and
ftfy are measured in turn, ``--repeat`` times each, and the best of each is kept (the
least disturbed by the machine), so a change of load during the run charges both alike.
Throughput is UTF-8 bytes of input per CPU second, in MB/s (10^6 bytes). Memory: the process's peak
resident size (``ru_maxrss``) at the end, and the peak Python allocation (tracemalloc)
of one untimed pass of the cleaner over each corpus. Timings are reported, never asserted.

    python bench/speed.py [--json OUT] [--repeat N] [--min-seconds S]
"""

from __future__ import annotations

import argparse
import math
import platform
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from harness import RESULTS, dev_dir, load_cleaner, shared_dir, skip, write_json

Clean = Callable[[str], str]


def corpora(shared: Path) -> dict[str, list[str]]:
    """The texts of each corpus that exists, by corpus name."""
    found = {
        "seeds": sorted((shared / "seeds").glob("*.txt")),
        "dev-fulltext": sorted(dev_dir().glob("*/*.fulltext.txt")),
    }
    return {
        name: [p.read_text(encoding="utf-8") for p in paths]
        for name, paths in found.items()
        if paths
    }


def _one_pass(func: Clean, texts: list[str], loops: int) -> float:
    start = time.process_time()
    for _ in range(loops):
        for text in texts:
            func(text)
    return time.process_time() - start


def _loops(func: Clean, texts: list[str], min_seconds: float) -> int:
    """How many passes over ``texts`` last at least ``min_seconds`` (after a warm-up)."""
    _one_pass(func, texts, 1)  # warm caches and lazy compilation before timing
    loops = 1
    while (seconds := _one_pass(func, texts, loops)) < min_seconds:
        loops = max(loops * 2, math.ceil(loops * 1.2 * min_seconds / max(seconds, 1e-9)))
    return loops


def throughputs(
    funcs: dict[str, Clean], texts: list[str], repeat: int, min_seconds: float
) -> dict[str, dict[str, Any]]:
    """Best-of-``repeat`` MB/s of each function over ``texts``, measured in turn."""
    size = sum(len(t.encode("utf-8")) for t in texts)
    loops = {name: _loops(func, texts, min_seconds) for name, func in funcs.items()}
    best = dict.fromkeys(funcs, math.inf)
    for _ in range(repeat):
        for name, func in funcs.items():
            best[name] = min(best[name], _one_pass(func, texts, loops[name]))
    return {
        name: {
            "mb_per_s": round(size * loops[name] / best[name] / 1e6, 3),
            "bytes": size,
            "documents": len(texts),
            "loops": loops[name],
            "best_cpu_seconds": round(best[name], 4),
        }
        for name in funcs
    }


def traced_peak(func: Clean, texts: list[str]) -> int:
    """Peak bytes allocated by Python during one pass of ``func`` over ``texts``."""
    tracemalloc.start()
    try:
        for text in texts:
            func(text)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main(argv: list[str] | None = None) -> int:
    """Time the cleaner and ftfy on each corpus; print and write the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=RESULTS / "speed.json", help="output")
    parser.add_argument("--repeat", type=int, default=5, metavar="N", help="best of N")
    parser.add_argument("--min-seconds", type=float, default=1.0, metavar="S")
    args = parser.parse_args(argv)

    shared = shared_dir()
    texts_by_corpus = corpora(shared)
    if not texts_by_corpus:
        skip(f"no seeds or dev data under {shared} (set CLEANER_SHARED to the shared folder)")

    import ftfy

    setup_start = time.perf_counter()
    ours = load_cleaner()
    setup_seconds = time.perf_counter() - setup_start

    results: dict[str, Any] = {}
    print(f"{'corpus':<14} {'MB':>7} {'ours MB/s':>10} {'ftfy MB/s':>10}  ours/ftfy")
    for name, texts in texts_by_corpus.items():
        runs = throughputs(
            {"ours": ours, "ftfy": ftfy.fix_text}, texts, args.repeat, args.min_seconds
        )
        ours_run, ftfy_run = runs["ours"], runs["ftfy"]
        ratio = ours_run["mb_per_s"] / ftfy_run["mb_per_s"]
        results[name] = {
            "ours": ours_run,
            "ftfy_fix_text": ftfy_run,
            "ratio_ours_to_ftfy": round(ratio, 3),
            "ours_peak_traced_bytes": traced_peak(ours, texts),
        }
        verdict = f"{ratio:.2f}x faster" if ratio >= 1 else f"{1 / ratio:.2f}x slower"
        print(
            f"{name:<14} {ours_run['bytes'] / 1e6:>7.2f} {ours_run['mb_per_s']:>10.2f} "
            f"{ftfy_run['mb_per_s']:>10.2f}  {verdict} than ftfy.fix_text"
        )

    # ru_maxrss is in kilobytes on Linux, bytes on macOS.
    scale = 1 if sys.platform == "darwin" else 1024
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
    print(f"setup (Cleaner(Config())): {setup_seconds * 1000:.0f} ms")
    print(f"peak resident memory: {peak_rss / 2**20:.0f} MiB")
    for name, result in results.items():
        peak = result["ours_peak_traced_bytes"]
        print(f"peak Python allocation, one pass over {name}: {peak / 2**20:.1f} MiB")

    write_json(
        args.json,
        {
            "unit": "MB/s = 10^6 UTF-8 input bytes per CPU second, best of repeats, one process",
            "repeat": args.repeat,
            "min_seconds": args.min_seconds,
            "python": platform.python_version(),
            "machine": platform.machine(),
            "ftfy": ftfy.__version__,
            "setup_seconds": round(setup_seconds, 4),
            "peak_rss_bytes": peak_rss,
            "corpora": results,
        },
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
