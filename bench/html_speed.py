"""HTML speed bench: our time per page against trafilatura alone, page by page.

``bench/quality.py --html`` times seven methods on each page in turn; on a shared machine
that table swings by a third from run to run (the method that runs after another on the
same page finds warm caches, a load spike lands on whoever is running). This bench times
only what the issue compares: ``Cleaner(Config()).clean(page_bytes)`` against
``trafilatura.extract(page_bytes)`` without comments (the setting ours uses inside) and
with its defaults. The set is gone through ``--repeat`` times; on each page the methods
run in turn, the order rotating from page to page and round to round, and each method's
page time is its best of the rounds (the least disturbed). A page comes back only after
the whole set, so no method is timed on caches its last run on that page warmed. The
totals are sums of those per-page bests, in CPU time of this process.
The ratio ours / trafilatura is therefore measured on the same pages, in the same rounds.

    python bench/html_speed.py [--repeat N] [--json OUT]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from harness import RESULTS, dev_dir, fingerprint, load_cleaner, skip, write_json


def _methods() -> dict[str, Callable[[bytes], str]]:
    import trafilatura

    return {
        "trafilatura": lambda page: trafilatura.extract(page) or "",
        "trafilatura-nocomments": lambda page: (
            trafilatura.extract(page, include_comments=False) or ""
        ),
        "ours": load_cleaner(),  # type: ignore[dict-item]
    }


def _timed(method: Callable[[bytes], str], page: bytes) -> float:
    start = time.process_time()
    try:
        method(page)
    except Exception:  # a failing page costs what it cost; the bench goes on
        pass
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, metavar="N", help="best of N per page")
    parser.add_argument("--json", help="output (default bench/results/html_speed.json)")
    args = parser.parse_args(argv)
    data = dev_dir()
    if not data.is_dir():
        skip(f"no dev data at {data}")
    results: dict[str, Any] = {}
    used = []
    methods = _methods()
    names = list(methods)
    print(f"HTML speed: CPU ms per page, best of {args.repeat} per page, order rotating")
    for set_dir in sorted(p for p in data.iterdir() if p.is_dir()):
        paths = sorted(set_dir.glob("*.html"))
        if not paths:
            continue
        used += paths
        pages = [p.read_bytes() for p in paths]
        for method in methods.values():  # imports and setup outside the timing
            _timed(method, pages[0])
        best = {name: [float("inf")] * len(pages) for name in names}
        for round_ in range(args.repeat):
            for k, page in enumerate(pages):
                shift = (round_ + k) % len(names)
                for name in names[shift:] + names[:shift]:
                    best[name][k] = min(best[name][k], _timed(methods[name], page))
        per_page = {name: sum(times) / len(pages) for name, times in best.items()}
        ratios = {
            f"ours / {name}": per_page["ours"] / per_page[name] for name in names if name != "ours"
        }
        results[set_dir.name] = {
            "pages": len(pages),
            "ms_per_page": {n: round(v * 1000, 2) for n, v in per_page.items()},
            "ratios": {n: round(v, 3) for n, v in ratios.items()},
        }
        cells = "  ".join(f"{n} {v * 1000:.1f}" for n, v in per_page.items())
        shown = "  ".join(f"{n}: {v:.2f}x" for n, v in ratios.items())
        print(f"{set_dir.name:14} {len(pages):3} pages  {cells}  |  {shown}")
    if not results:
        skip(f"no HTML pages under {data}")
    write_json(
        Path(args.json) if args.json else RESULTS / "html_speed.json",
        {"repeat": args.repeat, "data_fingerprint": fingerprint(used, data), "sets": results},
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
