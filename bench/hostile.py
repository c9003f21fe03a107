"""Hostile inputs at size: time, throughput and peak memory, next to ordinary text.

Each case runs in a fresh process (so its peak resident memory is its own) that builds
the input, cleans it once untimed on a small slice (rule buckets compiled), then cleans
the whole input and reports CPU seconds and peak RSS. Ordinary text of the same size
(the golden inputs, repeated) is measured in the same run; each case's ratio is its time
over the ordinary text's time for the same number of bytes. Nothing is asserted: this
is the measurement behind the README's reliability table (``tests/test_hostile.py``
checks linear growth on every ``make test``).

    python bench/hostile.py [--mb 1] [--json bench/results/hostile.json]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"

#: name -> (Python expression building a str of about ``n`` characters, size factor).
#: The factor scales the bench's ``--mb`` for the cases that test size itself.
CASES: dict[str, tuple[str, float]] = {
    "ordinary text": ("ordinary(n)", 1),
    "short lines": ("'Menu\\nShare\\n0:00\\n© 2022 X\\n' * (n // 25)", 1),
    "one long line": ("'word, ' * (n // 6)", 1),
    "punctuation run": ("'!?.,;:-|>/' * (n // 10)", 1),
    "separators": ("'Home > ' * (n // 7)", 1),
    "pipes": ("'a | ' * (n // 4)", 1),
    "digits and colons": ("'0:00 12.01.2022 ' * (n // 16)", 1),
    "brackets and entities": ("'{a|b} [x] <b> &amp; (c/d) ' * (n // 26)", 1),
    "repeated paragraphs": ("'The same paragraph of body text, again.\\n\\n' * (n // 41)", 1),
    "mojibake on one line": ("'CafÃ© crÃ¨me â€” naÃ¯ve ' * (n // 24)", 1),
    "deeply nested HTML": (
        "'<html><body>' + '<div>' * (n // 11) + 'Deep text.' + '</div>' * (n // 11)",
        0.1,
    ),
    "million short lines": ("'Menu\\n' * 1_000_000", 0),
    "ordinary text, 20 MB": ("ordinary(20_000_000)", 0),
    "one 50 MB line": ("'word, ' * (50_000_000 // 6)", 0),
}

_CHILD = """
import resource, sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
import cleaner

def ordinary(n):
    cases = Path({root!r}, 'golden', 'cases')
    texts = []
    for p in sorted(cases.glob('*/input.txt')):
        try:
            texts.append(p.read_text('utf-8'))
        except UnicodeDecodeError:  # the case of a legacy encoding, as bytes
            pass
    block = '\\n\\n'.join(texts)
    return (block * (n // len(block) + 1))[:n]

n = {n}
text = {expr}
c = cleaner.Cleaner()
c.clean(text[:20_000])
start = time.process_time()
error = None
try:
    out = c.clean(text)
except cleaner.CleanerError as exc:
    error, out = type(exc).__name__, ''
seconds = time.process_time() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(len(text.encode('utf-8')), seconds, rss, len(out), error)
"""


def run_case(expr: str, n: int) -> dict[str, object]:
    code = _CHILD.format(root=str(ROOT), n=n, expr=expr)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=1800
    )
    if done.returncode:
        raise SystemExit(f"bench: the case failed:\n{done.stderr[-2000:]}")
    size, seconds, rss, out_chars, error = done.stdout.split()
    return {
        "bytes": int(size),
        "seconds": round(float(seconds), 3),
        "mb_per_s": round(int(size) / 1e6 / max(float(seconds), 1e-6), 2),
        "peak_rss_mb": round(float(rss), 1),
        "output_chars": int(out_chars),
        "error": None if error == "None" else error,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0, help="size of the shaped cases")
    parser.add_argument("--json", type=Path, default=RESULTS / "hostile.json")
    parser.add_argument("--cases", nargs="+", choices=list(CASES), help="default: all")
    args = parser.parse_args()
    n = int(args.mb * 1_000_000)
    results: dict[str, dict[str, object]] = {}
    for name in args.cases or list(CASES):
        expr, factor = CASES[name]
        results[name] = run_case(expr, int(n * factor) if factor else n)
    ordinary = results.get("ordinary text") or run_case(CASES["ordinary text"][0], n)
    per_byte = float(ordinary["seconds"]) / int(ordinary["bytes"])  # type: ignore[arg-type]
    print(f"{'case':24} {'MB':>7} {'seconds':>8} {'MB/s':>6} {'x ordinary':>10} {'peak RSS':>9}")
    for name, r in results.items():
        expected = per_byte * int(r["bytes"])  # type: ignore[arg-type]
        r["x_ordinary"] = round(float(r["seconds"]) / max(expected, 1e-6), 2)  # type: ignore[arg-type]
        print(
            f"{name:24} {int(r['bytes']) / 1e6:7.2f} {r['seconds']:8.2f} {r['mb_per_s']:6.2f} "  # type: ignore[arg-type]
            f"{r['x_ordinary']:10.2f} {r['peak_rss_mb']:7.0f} MB"
            + (f"  ({r['error']})" if r["error"] else "")
        )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"mb": args.mb, "cases": results}, indent=1) + "\n")
    print(f"bench: wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
